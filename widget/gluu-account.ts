// <gluu-account>: the user's own security page (sign-in methods, recovery codes, password, sessions, trusted
// browsers) over the account API (wire/account-api.ts). Every change needs a fresh proof: the element runs
// the step-up in place, a <gluu-login> in a modal dialog, and keeps the proof it wins in memory only.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type {
  AccountError,
  AccountFactorKind,
  AccountFinished,
  AccountFlowStarted,
  AccountOverview,
} from '../wire/account-api.js';
import { format } from '../wire/message-format.js';
import { type AccountAnswer, callAccount, errorOf, finishUrl, type Method } from './account/api.js';
import { type AccountMessageId, type AccountMessages, en, registered } from './account/messages.js';
import { completeSignIn, signIn } from './account/oauth.js';
import { factors } from './account/factors.js';
import { codes, password } from './account/security.js';
import { sessions, trusted } from './account/sessions.js';
import { accountStyles } from './account/styles.js';
import {
  dirOf,
  type GluuLogin,
  type GluuLoginErrorDetail,
  type GluuLoginStepDetail,
  type GluuLoginSuccessDetail,
} from './gluu-login.js';
import { styles } from './styles.js';

/** What changed (`gluu-account-changed`). */
export type AccountChange =
  | 'factor_added'
  | 'factor_renamed'
  | 'factor_removed'
  | 'recovery_codes'
  | 'password'
  | 'session_ended'
  | 'sessions_ended'
  | 'trusted_browser_removed';

export interface GluuAccountChangedDetail {
  what: AccountChange;
}

declare global {
  interface HTMLElementTagNameMap {
    'gluu-account': GluuAccount;
  }
  interface HTMLElementEventMap {
    'gluu-account-token-expired': CustomEvent<Record<string, never>>;
    'gluu-account-changed': CustomEvent<GluuAccountChangedDetail>;
  }
}

/** Where an error is shown: the section of the action that failed, the dialog, or the top. @internal */
export type Place = 'top' | 'factors' | 'codes' | 'password' | 'sessions' | 'trusted' | 'dialog';

let instances = 0;
/** The dialog's <gluu-login> events stay inside: the page hears this element's own, not a sign-in's. */
const stop = (e: Event) => e.stopPropagation();
const live = new Set<GluuAccount>();

/**
 * The user's security page: sign-in methods (rename, remove, add a passkey, an authenticator app, a phone
 * or an e-mail address), recovery codes, password, the browsers and apps signed in, and trusted browsers.
 * Give it `issuer` and an `access-token` for the account API (scope `account`, resource `{issuer}/account`);
 * or, on a page of its own, `client-id` and no token: it then gets one itself (authorization code + PKCE,
 * the page's URL without its query as redirect URI). `preview` renders an AccountOverview with no network.
 *
 * Each change needs a fresh proof: the element asks for one in a modal dialog holding `<gluu-login>` (which
 * must be defined: this module imports it), then makes the change. The proof stays in memory. The events of
 * that `<gluu-login>` stay inside this element.
 *
 * Languages: English is built in; `import 'gluu-login/widget/account/i18n/de.js'` (any language `<gluu-login>`
 * has: ar, de, es, fr, hi, id, it, ja, ko, nl, pl, pt-BR, ru, tr, zh-CN) registers a translation (the dialog's
 * `<gluu-login>` has its own, `gluu-login/widget/i18n/de.js`);
 * `GluuAccount.addMessages(lang, messages)` registers any other; the `messages` property overrides any text.
 * A right-to-left `lang` lays the element out right to left once it has texts in that language.
 *
 * @summary Self-service security page over the gluu-login account API.
 *
 * @fires {CustomEvent<Record<string, never>>} gluu-account-token-expired - The access token was refused
 *   (missing, expired, revoked): give the element a new `accessToken`, and it loads again. Cancelable: with
 *   `client-id`, the element otherwise signs in again itself.
 * @fires {CustomEvent<GluuAccountChangedDetail>} gluu-account-changed - A change was made: `detail.what` is
 *   `factor_added`, `factor_renamed`, `factor_removed`, `recovery_codes`, `password`, `session_ended`,
 *   `sessions_ended` or `trusted_browser_removed`.
 *
 * @csspart container - The root `<div>`; carries `lang` and `dir`.
 * @csspart section - Each section (sign-in methods, recovery codes, password, sessions, trusted browsers).
 * @csspart heading - A section's heading (`<h2>`), and the dialog's.
 * @csspart list - The list of a section (`<ul>`).
 * @csspart factor - One sign-in method (`<li>`).
 * @csspart factor-name - Its name (`<h3>`).
 * @csspart factor-kind - Its kind ("Passkey", "Authenticator app", ...).
 * @csspart session - One signed-in browser or app (`<li>`); also a trusted browser.
 * @csspart session-device - Its device ("Chrome on Windows", `<h3>`).
 * @csspart badge - "This browser".
 * @csspart text - A paragraph: "Signed in as ...", the number of recovery codes left, a question to confirm.
 * @csspart hint - Secondary text: dates, the network, the apps, why a method cannot be removed, hints.
 * @csspart actions - A row of buttons.
 * @csspart form - The rename and password forms.
 * @csspart field - The box of one label and its input.
 * @csspart label - An input's label.
 * @csspart input - A text or password input.
 * @csspart button - Every button; also `primary-button` or `secondary-button`.
 * @csspart primary-button - The main action: Save, Change password, the confirmed Remove, an Add button.
 * @csspart secondary-button - Other actions: Rename, Remove, Cancel, Sign out, Copy codes, ...
 * @csspart danger-button - The confirmed Remove (also `primary-button`).
 * @csspart confirm - The box that asks to confirm a removal.
 * @csspart codes - The new recovery codes (`<ol>`).
 * @csspart error-box - The box around an error.
 * @csspart error - The error message (`role="alert"`).
 * @csspart status - The polite live status line ("Renamed to …", "Signed out.", "Copied").
 * @csspart dialog - The modal `<dialog>` that holds `<gluu-login>` while a change is confirmed.
 *
 * @cssprop [--gluu-login-font=system-ui, sans-serif] - Font family.
 * @cssprop [--gluu-login-font-size=16px] - Base font size.
 * @cssprop [--gluu-login-color-text=#1f2328] - Text.
 * @cssprop [--gluu-login-color-muted=#59636e] - Secondary text (dates, hints).
 * @cssprop [--gluu-login-color-bg=#fff] - Background of inputs, of the codes and of the dialog.
 * @cssprop [--gluu-login-color-primary=#1f5fd6] - Primary buttons and secondary (link-like) buttons.
 * @cssprop [--gluu-login-color-primary-text=#fff] - Text on primary buttons.
 * @cssprop [--gluu-login-color-error=#b42318] - Error text, and the confirmed Remove button.
 * @cssprop [--gluu-login-color-border=#767e88] - Input borders and the rules between sections.
 * @cssprop [--gluu-login-color-focus=#1f5fd6] - The focus outline (`:focus-visible`).
 * @cssprop [--gluu-login-radius=8px] - Corner radius of inputs, buttons and boxes.
 * @cssprop [--gluu-login-spacing=16px] - Space between rows.
 * @cssprop [--gluu-login-input-height=44px] - Height of inputs and of primary buttons.
 * @cssprop [--gluu-account-width=640px] - Largest width of the element.
 */
export class GluuAccount extends LitElement {
  static override properties = {
    issuer: {},
    accessToken: { attribute: 'access-token' },
    clientId: { attribute: 'client-id' },
    lang: { reflect: true },
    messages: { attribute: false },
    preview: { type: Object },
  };
  static override styles = [styles, accountStyles];

  /**
   * Registers `messages` for the language `lang` (a BCP 47 tag), merged into what it has; what
   * `import 'gluu-login/widget/account/i18n/de.js'` does. Elements use the translation of their `lang`, else of
   * its base language, after their `messages` and before English.
   */
  static addMessages(lang: string, messages: AccountMessages): void {
    const key = lang.toLowerCase();
    registered[key] = { ...registered[key], ...messages };
    for (const el of live) el.requestUpdate();
  }

  /** Base URL of the provider, e.g. `https://login.example.com`; empty for the page's own origin. */
  declare issuer: string;
  /** An access token for the account API. Kept in memory; a new one (after the token-expired event) reloads. */
  declare accessToken: string | undefined;
  /** Hosted mode: the OAuth client the element signs in with when it has no token. */
  declare clientId: string | undefined;
  /**
   * Language of the texts (BCP 47), also of the dialog's `<gluu-login>`; right-to-left languages are laid out
   * right to left.
   * @attr lang
   */
  declare lang: string;
  /** Overrides of any text, by id or error code. */
  declare messages: AccountMessages | undefined;
  /**
   * An AccountOverview (JSON in the attribute) to render with no network at all: forms open and close, but
   * nothing is sent. For theming pages and screenshots.
   * @attr preview
   */
  declare preview: AccountOverview | undefined;

  /** The overview shown. @internal */
  overview: AccountOverview | undefined;
  /** A request or a confirmation is under way. @internal */
  busy = false;
  /** The error shown, and where. @internal */
  error: { at: Place; text: string; field?: string | undefined } | undefined;
  /** What the last change did ("Renamed to …"), said in the polite status line of its section. @internal */
  status: { at: Place; text: string } | undefined;
  /** Where the change under way was asked for (its section shows its outcome). */
  #at: Place = 'top';
  /** The factor whose rename form is open, and the one whose removal is being confirmed. @internal */
  editing: string | undefined;
  /** @internal */
  confirming: string | undefined;
  /** A new set of recovery codes, shown once. @internal */
  codes: string[] | undefined;
  /** The prefix of this element's ids. @internal */
  uid = `ga${++instances}-`;
  /** The proof won last, and until when it allows changes (ms since the epoch); memory only. */
  #proof: string | undefined;
  #proofUntil = 0;
  /** The dialog's flow handle and heading while it is open, and who waits for its outcome. */
  #flow: string | undefined;
  #heading: AccountMessageId = 'confirm';
  #settle: ((done: boolean) => void) | undefined;
  /** What to focus after the next render (a selector in the element's root). */
  #focus: string | undefined;

  constructor() {
    super();
    this.issuer = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    live.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.preview) {
      if (changed.has('preview')) this.overview = this.preview;
    } else if ((changed.has('accessToken') || changed.has('issuer')) && this.accessToken) {
      this.#load();
    } else if (changed.has('clientId') && this.clientId && !this.accessToken) {
      this.#hosted();
    }
  }

  protected override updated(): void {
    const sel = this.#focus;
    this.#focus = undefined;
    if (sel) this.renderRoot.querySelector<HTMLElement>(sel)?.focus();
  }

  // -------------------------------------------------------------------------------------------------------
  // Rendering
  // -------------------------------------------------------------------------------------------------------

  override render() {
    const { lang, overview: o } = this;
    // Right to left only with texts of that language, as <gluu-login> does: English is never mirrored.
    const l = (lang || '').toLowerCase();
    const own = this.messages || registered[l] || registered[l.split('-')[0]!];
    const dir = lang ? (own ? dirOf(lang) : 'ltr') : nothing;
    return html`<div class="gl ga" part="container" lang=${lang || nothing} dir=${dir}>
      ${o ? html`<p part="text">${this.t('signed_in_as', { user: o.user.username })}</p>` : nothing}
      ${this.statusLine('top')}
      ${this.errorBlock('top')}
      ${
        o
          ? [factors(this, o), codes(this, o), password(this, o), sessions(this, o), trusted(this, o)]
          : this.error
            ? nothing
            : html`<p part="hint" class="hint">${this.t('loading')}</p>`
      }
      ${this.#dialog()}
    </div>`;
  }

  #dialog() {
    return html`<dialog part="dialog" aria-labelledby=${`${this.uid}dh`} @close=${this.#closed}
      @gluu-login-success=${this.#finish} @gluu-login-step=${this.#step} @gluu-login-error=${this.#loginError}>
      <div class="dh">
        <h2 part="heading" id=${`${this.uid}dh`}>${this.t(this.#heading)}</h2>
        ${this.button('close', () => this.#dialogEl()?.close())}
      </div>
      ${
        this.#flow
          ? html`<gluu-login issuer=${this.issuer} flow=${this.#flow} lang=${this.lang || nothing}></gluu-login>`
          : nothing
      }
      ${this.errorBlock('dialog')}
    </dialog>`;
  }

  /** A section: its heading (focusable, for focus to land on after a change) and content. @internal */
  section(id: string, heading: AccountMessageId, content: unknown) {
    return html`<section part="section" aria-labelledby=${this.uid + id}>
      <h2 part="heading" id=${this.uid + id} tabindex="-1">${this.t(heading)}</h2>
      ${content} ${this.statusLine(id as Place)} ${this.errorBlock(id as Place)}
    </section>`;
  }

  /** A polite live region, always there (so what appears in it is announced), empty but for `at`'s status. @internal */
  statusLine(at: Place) {
    return html`<p part="status" class="hint" role="status">${this.status?.at === at ? this.status.text : ''}</p>`;
  }

  /**
   * A button; `kind` 1: primary, 2: primary and dangerous, else secondary. Never disabled while a request is
   * under way (the focus would fall to the page): `change` ignores what comes meanwhile. @internal
   */
  button(label: AccountMessageId, onClick: () => void, kind = 0, describedBy?: string) {
    return html`<button type="button" @click=${onClick}
      part=${kind ? `button primary-button${kind > 1 ? ' danger-button' : ''}` : 'button secondary-button'}
      class=${kind ? (kind > 1 ? 'pb dg' : 'pb') : 'sb'} aria-describedby=${describedBy || nothing}
      >${this.t(label)}</button>`;
  }

  /** The error shown at `at`, in one `role="alert"` element (inserted afresh, so each is announced). @internal */
  errorBlock(at: Place) {
    const e = this.error;
    if (e?.at !== at) return nothing;
    return html`<div part="error-box" class="er">
      <p part="error" role="alert" id=${`${this.uid}e`}>${e.text}</p>
      ${at === 'top' && !this.overview ? this.button('try_again', () => this.#again()) : nothing}
    </div>`;
  }

  /** Moves focus, after the next render, to `selector` in the element's root. @internal */
  focusLater(selector: string): void {
    this.#focus = selector;
  }

  /**
   * The text of `id` (a text id or an error code): the `messages` property, else the translation registered
   * for `lang` (exact tag, then base language), else English. @internal
   */
  m(id: string): string | undefined {
    const l = (this.lang || '').toLowerCase();
    type Texts = Record<string, string | undefined> | undefined;
    return (
      (this.messages as Texts)?.[id] ??
      (registered[l] as Texts)?.[id] ??
      (registered[l.split('-')[0]!] as Texts)?.[id] ??
      (en as Texts)![id]
    );
  }

  /** The text of `id` with its placeholders and plural forms filled from `vars` in `lang`. @internal */
  t(id: AccountMessageId, vars?: object): string {
    return format(this.m(id)!, this.lang, vars);
  }

  // -------------------------------------------------------------------------------------------------------
  // Talking to the account API
  // -------------------------------------------------------------------------------------------------------

  /** Hosted mode: back from the provider with a code, or off to it for one. */
  async #hosted(): Promise<void> {
    try {
      const token = await completeSignIn(this.issuer, this.clientId!);
      if (token) this.accessToken = token;
      else await signIn(this.issuer, this.clientId!);
    } catch {
      this.#fail('top', { code: 'invalid_token', message: '' });
    }
  }

  /** "Try again" when nothing could be shown: load again, or (hosted mode, no token) sign in again. */
  #again(): void {
    if (this.accessToken) void this.#load();
    else if (this.clientId) void signIn(this.issuer, this.clientId);
  }

  async #load(): Promise<void> {
    const a = await this.#call('top', 'GET', '');
    if (a && !errorOf(a)) this.#show(a.body as unknown as AccountOverview);
  }

  /** Shows an overview; its `proof` says until when the proof held allows changes. */
  #show(o: AccountOverview): void {
    this.overview = o;
    this.#proofUntil = o.proof.fresh ? Date.now() + o.proof.expires_in * 1000 : 0;
    this.requestUpdate();
  }

  /**
   * Sends one request (none in preview) and applies what it answers: an overview (also inside a larger
   * answer), an expired token (the event), or an error shown at `at`. Undefined when nothing came back.
   */
  async #call(at: Place, method: Method, path: string, body?: unknown): Promise<AccountAnswer | undefined> {
    if (this.preview || !this.accessToken) return undefined;
    this.busy = true;
    this.error = undefined;
    this.requestUpdate();
    let a: AccountAnswer | undefined;
    try {
      a = await callAccount(this.issuer, this.accessToken, this.#proof, method, path, body, this.lang);
    } catch {
      this.#fail(at, { code: 'network', message: '' }); // fetch rejected: the service could not be reached
    }
    this.busy = false;
    this.requestUpdate();
    if (!a) return undefined;
    const error = errorOf(a);
    if (error?.code === 'invalid_token') this.#expired();
    else if (error && error.code !== 'insufficient_user_authentication') this.#fail(at, error);
    const o = 'overview' in a.body ? a.body.overview : a.body;
    if (!error && o && typeof o === 'object' && 'factors' in o) this.#show(o as AccountOverview);
    return a;
  }

  /** Shows `error` at `at`: our text for its code (`network`: no answer at all), else the server's words. */
  #fail(at: Place, error: AccountError | { code: 'network'; message: ''; field?: undefined }): void {
    this.error = { at, text: this.m(error.code) ?? error.message, field: error.field };
    this.status = undefined;
    this.requestUpdate();
  }

  #expired(): void {
    this.#proof = undefined;
    this.#fail('top', { code: 'invalid_token', message: '' });
    const go = this.dispatchEvent(
      new CustomEvent('gluu-account-token-expired', { detail: {}, bubbles: true, composed: true, cancelable: true }),
    );
    if (go && this.clientId) void signIn(this.issuer, this.clientId);
  }

  /**
   * Makes a change: first a fresh proof if the one held is stale (a step-up in the dialog), then the request;
   * if the API still asks for a fresh proof (RFC 9470), one more step-up and the request once again. Answers
   * the body of a success, undefined otherwise (the error is shown at `at`). @internal
   */
  async change(at: Place, method: Method, path: string, body?: unknown): Promise<Record<string, unknown> | undefined> {
    if (this.busy || this.preview) return undefined;
    this.status = undefined;
    this.#at = at;
    if (this.#proofUntil <= Date.now() && !(await this.#stepUp(at))) return undefined;
    let a = await this.#call(at, method, path, body);
    if (a && errorOf(a)?.code === 'insufficient_user_authentication') {
      if (!(await this.#stepUp(at))) return undefined;
      a = await this.#call(at, method, path, body);
      if (a && errorOf(a)?.code === 'insufficient_user_authentication') this.#fail(at, errorOf(a)!);
    }
    return a && !errorOf(a) ? a.body : undefined;
  }

  /** Tells the page what changed, and says `text` in the status line of the change's section. @internal */
  changed(what: AccountChange, text: string): void {
    this.status = { at: this.#at, text };
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('gluu-account-changed', { detail: { what }, bubbles: true, composed: true }));
  }

  /** Wins a fresh proof: a step-up flow in the dialog. */
  async #stepUp(at: Place): Promise<boolean> {
    const a = await this.#call(at, 'POST', '/proof');
    return !!a && !errorOf(a) && this.#confirm((a.body as unknown as AccountFlowStarted).flow, 'confirm');
  }

  /** Adds a factor: a fresh proof, then the flow that enrolls it, in the dialog. @internal */
  async add(kind: AccountFactorKind): Promise<void> {
    const b = await this.change('factors', 'POST', '/factors', { kind });
    if (b && (await this.#confirm((b as unknown as AccountFlowStarted).flow, 'add_title'))) {
      this.changed('factor_added', this.t('factor_added'));
    }
  }

  /** Runs `flow` in the dialog; true once it finished and its proof and overview were taken. */
  async #confirm(flow: string, heading: AccountMessageId): Promise<boolean> {
    this.#flow = flow;
    this.#heading = heading;
    this.busy = true;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.#dialogEl()!;
    if (!dialog.open) dialog.showModal();
    return new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  #dialogEl = () => this.renderRoot.querySelector('dialog');

  /** The flow in the dialog is done: its finish URL answers the proof and the overview. */
  #finish = async (e: CustomEvent<GluuLoginSuccessDetail>): Promise<void> => {
    e.preventDefault(); // the element would go to the finish URL; this page stays
    stop(e);
    const url = finishUrl(e.detail.continueUrl, this.issuer);
    this.busy = false;
    if (!url) return this.#fail('dialog', { code: 'server_error', message: '' });
    const a = await this.#call('dialog', 'POST', url);
    if (!a || errorOf(a)) return;
    const f = a.body as unknown as AccountFinished;
    this.#proof = f.proof;
    this.#show(f.overview);
    this.#proofUntil = Date.now() + f.expires_in * 1000;
    const settle = this.#settle;
    this.#settle = undefined;
    this.#dialogEl()?.close();
    settle?.(true);
  };

  /**
   * The flow in the dialog failed (too many tries, refused): its "Start again" would reload the page, so the
   * dialog closes and the reason shows where the change was asked for (the action can simply be tried again).
   */
  #step = (e: CustomEvent<GluuLoginStepDetail>): void => {
    stop(e);
    const { step } = e.detail.state;
    if (step.kind === 'failed') this.#abandon(e.target as GluuLogin, step.reason, step.message);
  };

  /** The same when the flow is gone (expired while the dialog stood open, or unknown). */
  #loginError = (e: CustomEvent<GluuLoginErrorDetail>): void => {
    stop(e);
    const { code, message } = e.detail.error;
    if (code === 'flow_expired' || code === 'flow_not_found') this.#abandon(e.target as GluuLogin, code, message);
  };

  /** Closes the dialog on a flow that cannot finish; the reason in <gluu-login>'s words (its language). */
  #abandon(login: GluuLogin, reason: string, message: string): void {
    const settle = this.#settle;
    this.#settle = undefined;
    this.#dialogEl()?.close();
    this.error = { at: this.#at, text: login.m(reason, message) ?? message };
    this.requestUpdate();
    settle?.(false);
  }

  /** The dialog closed (Escape, Close, or done): whoever waited learns whether it finished. */
  #closed = (): void => {
    const settle = this.#settle;
    this.#settle = undefined;
    this.#flow = undefined;
    this.busy = false;
    if (this.error?.at === 'dialog') this.error = undefined;
    if (settle) this.status = { at: this.#at, text: this.t('cancelled') };
    this.requestUpdate();
    settle?.(false);
  };
}

if (!customElements.get('gluu-account')) customElements.define('gluu-account', GluuAccount);
