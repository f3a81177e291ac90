import { css } from 'lit';

/**
 * The look of `<gluu-login>`. One stylesheet serves both modes: in the shadow root (default) and, with
 * `no-shadow`, adopted once into `document.adoptedStyleSheets` (or the enclosing shadow root's). So every
 * rule is written against classes inside the element's own root `<div class="gl">` rather than against
 * `:host` alone. Works under `style-src 'self'`: no inline styles, no `<style>` elements.
 *
 * Right to left: only logical properties (`*-inline-*`, `start`/`end`), so a `dir="rtl"` root mirrors it.
 *
 * Its parts (`::part(name)`) and custom properties (`--gluu-login-*`, with their defaults) are documented
 * on the GluuLogin class (`@csspart`, `@cssprop`; in custom-elements.json); keep both in step.
 */
export const styles = css`
  :host,
  gluu-login {
    display: block;
  }
  :host([hidden]),
  gluu-login[hidden] {
    display: none;
  }
  .gl {
    --_r: var(--gluu-login-radius, 8px);
    --_h: var(--gluu-login-input-height, 44px);
    --_p: var(--gluu-login-color-primary, #1f5fd6);
    --_b: 1px solid var(--gluu-login-color-border, #767e88);
    --_e: var(--gluu-login-color-error, #b42318);
    --_bg: var(--gluu-login-color-bg, #fff);
    max-width: var(--gluu-login-width, 380px);
    font: var(--gluu-login-font-size, 16px) / 1.5 var(--gluu-login-font, system-ui, sans-serif);
    color: var(--gluu-login-color-text, #1f2328);
  }
  .gl * {
    box-sizing: border-box;
    margin: 0;
    font: inherit;
  }
  .gl,
  .gl form {
    display: flex;
    flex-direction: column;
    gap: var(--gluu-login-spacing, 16px);
  }
  .gl h2 {
    font-size: 1.375em;
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .gl label {
    display: block;
    margin-bottom: 6px;
    font-weight: 500;
  }
  .gl input {
    width: 100%;
    height: var(--_h);
    padding: 0 12px;
    color: inherit;
    background: var(--_bg);
    border: var(--_b);
    border-radius: var(--_r);
  }
  .gl input[aria-invalid='true'] {
    border-color: var(--_e);
  }
  .gl :focus {
    outline: none;
  }
  .gl :focus-visible {
    outline: 2px solid var(--gluu-login-color-focus, #1f5fd6);
    outline-offset: 2px;
  }
  .gl h2:focus-visible {
    outline: none;
  }
  .gl button {
    padding: 2px 4px;
    font-weight: 500;
    color: var(--_p);
    background: none;
    border: 0;
    border-radius: var(--_r);
    cursor: pointer;
  }
  .gl button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .gl .pb {
    min-height: var(--_h);
    padding: 0 16px;
    font-weight: 600;
    color: var(--gluu-login-color-primary-text, #fff);
    background: var(--_p);
  }
  /* a link-style button's text in line with the form's edge, not its 4 px padding in from it */
  .gl .sb {
    margin-inline: -4px auto;
  }
  /* a waiting link-style button ("Resend code in 25 s") says something: the text colour, not a faded link */
  .gl .sb:disabled {
    opacity: 1;
    color: inherit;
  }
  .gl .sb:enabled:hover,
  .gl a:hover {
    text-decoration: underline;
  }
  .gl a,
  .gl summary {
    color: var(--_p);
    font-weight: 500;
    text-decoration: none;
    cursor: pointer;
  }
  /* "Continue on this phone": a link that looks like the primary button */
  .gl a.pb {
    display: flex;
    align-items: center;
    justify-content: center;
    border-radius: var(--_r);
    text-decoration: none;
  }
  .gl .id {
    display: flex;
    align-items: center;
    padding: 6px;
    padding-inline-start: 12px;
    background: var(--_bg);
    border: var(--_b);
    border-radius: var(--_r);
  }
  .gl p [dir] {
    font-weight: 500;
    white-space: nowrap;
  }
  /* the username (dir="auto": its own direction) sits at the start, "Not you?" at the end */
  .gl .id span {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .gl .id .sb {
    margin-inline: auto 0;
  }
  /* "Use another way": one row of link-like buttons under a rule */
  .gl .aw {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    padding-top: 12px;
    border-top: var(--_b);
  }
  .gl .aw p {
    flex-basis: 100%;
    margin: 0;
  }
  /* packed at the start (not spread by .sb's auto margin), their text in line with the hint's */
  .gl .aw .sb {
    margin: 0 -4px;
  }
  .gl .codes {
    columns: 2;
    margin: 0;
    padding: 12px 12px 12px 36px;
    font-family: ui-monospace, monospace;
    background: var(--_bg);
    border-radius: var(--_r);
  }
  /* "Copy codes" and "Download" apart, not run together as one phrase */
  .gl .codes + p a {
    margin-inline-start: 12px;
  }
  .gl .er {
    display: grid;
    gap: 4px;
    padding: 10px 12px;
    color: var(--_e);
    background: color-mix(in srgb, var(--_e) 8%, transparent);
    border-radius: var(--_r);
  }
  .gl .er button {
    margin: 0;
    padding: 0;
    color: inherit;
    text-decoration: underline;
  }
  .gl .hint {
    color: var(--gluu-login-color-muted, #59636e);
  }
  .gl .num {
    font-size: 1.75em;
    font-weight: 700;
    letter-spacing: 0.1em;
  }
  .gl .c {
    text-align: center;
  }
  .gl [inputmode='numeric'] {
    font: 1.5em ui-monospace, monospace;
    letter-spacing: 0.3em;
    text-indent: 0.3em;
    text-align: center;
  }
  .gl img {
    align-self: center;
    max-width: 100%;
    height: auto;
    padding: 8px;
    background: #fff;
    border-radius: var(--_r);
  }
  .gl details > * + * {
    margin-top: 8px;
  }
  /* the OTP key's groups of four, in balanced lines: never the last group alone on its own */
  .gl code {
    display: block;
    font: 1em ui-monospace, monospace;
    text-wrap: balance;
  }
  .gl .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
