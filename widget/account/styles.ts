import { css } from 'lit';

/**
 * The look of `<gluu-account>` beyond `<gluu-login>`'s stylesheet (widget/styles.ts), which it shares: the
 * same classes for buttons, inputs, errors and hints, the same custom properties. Logical properties only
 * (right to left); no inline styles (strict CSP). Parts and properties are documented on GluuAccount.
 */
export const accountStyles = css`
  .ga {
    max-width: var(--gluu-account-width, 640px);
  }
  .ga section {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding-top: var(--gluu-login-spacing, 16px);
    border-top: var(--_b);
  }
  .ga h3 {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .ga .ls {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 0;
    list-style: none;
  }
  .ga .it {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: 12px;
    background: var(--_bg);
    border: var(--_b);
    border-radius: var(--_r);
  }
  .ga .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 16px;
  }
  .ga .row .sb {
    margin: 0 -4px;
  }
  .ga .it form,
  .ga .cf {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin-top: 4px;
  }
  .ga .dg {
    background: var(--_e);
  }
  .ga .bd {
    margin-inline-start: 8px;
    padding: 0 8px;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--gluu-login-color-primary-text, #fff);
    background: var(--_p);
    border-radius: 999px;
  }
  /* an empty status line takes no room, yet stays in the accessibility tree to announce what comes */
  .ga [role='status']:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .ga dialog {
    width: min(440px, calc(100vw - 32px));
    margin: auto;
    padding: 20px;
    color: inherit;
    background: var(--_bg);
    border: var(--_b);
    border-radius: var(--_r);
  }
  .ga dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  /* the dialog's title reads as a title bar: the step inside has the large heading */
  .ga .dh h2 {
    font-size: 1em;
    color: var(--gluu-login-color-muted, #59636e);
  }
  .ga .dh {
    display: flex;
    align-items: baseline;
    gap: 8px;
    margin-bottom: var(--gluu-login-spacing, 16px);
  }
  /* "Close" at the end of the title bar */
  .ga .dh .sb {
    margin-inline: auto 0;
  }
`;
