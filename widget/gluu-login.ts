// <gluu-login>: renders the state the flow API answers, one small template per step kind. The server
// drives the flow; this element keeps no flow logic of its own beyond "send the action, render the answer".
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import type {
  ActionRequest,
  ErrorCode,
  FlowAnswer,
  FlowError,
  FlowState,
  InputSpec,
  Step,
  StepKind,
} from '../wire/flow-api.js';
import { callFlow, followFlow, type Answer, type FlowCall } from './flow-client.js';
import { en, registered, type MessageId, type Messages } from './messages.js';
import { styles } from './styles.js';

export interface GluuLoginStepDetail {
  kind: StepKind;
  state: FlowState;
}
export interface GluuLoginSuccessDetail {
  continueUrl: string;
  acr: string;
}
export interface GluuLoginErrorDetail {
  error: FlowError;
  /** The HTTP status of the answer; 0 when the service could not be reached. */
  status: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'gluu-login': GluuLogin;
  }
  interface HTMLElementEventMap {
    'gluu-login-step': CustomEvent<GluuLoginStepDetail>;
    'gluu-login-success': CustomEvent<GluuLoginSuccessDetail>;
    'gluu-login-error': CustomEvent<GluuLoginErrorDetail>;
  }
}

let instances = 0;
/** Documents and shadow roots that already hold our stylesheet (no-shadow mode). */
const adopted = new WeakSet<Node>();

/** The WebOTP part of `navigator.credentials` (Chromium on Android; not in TypeScript's DOM types). */
interface OtpCredentials {
  get(options: { otp: { transport: string[] }; signal: AbortSignal }): Promise<{ code?: string } | null>;
}

/** Only http(s) URLs, resolved against `base`; anything else (javascript:, data:, ...) becomes undefined. */
function safeUrl(url: string, base: string): string | undefined {
  try {
    const u = new URL(url, new URL(base || '.', location.href));
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

type PhoneCheck = Extract<Step, { kind: 'phonecheck' }>;
type WebAuthn = Extract<Step, { kind: 'webauthn' }>;

/** `PasswordCredential` (Chromium; not in TypeScript's DOM types): lets the browser offer to save a password. */
declare const PasswordCredential: new (data: { id: string; password: string; name: string }) => Credential;

/** Connected elements, to render again when a language is registered. */
const live = new Set<GluuLogin>();

/** A language's writing direction: Intl's when the browser knows it, else a list of right-to-left languages. */
function dirOf(lang: string): string {
  try {
    const l = new Intl.Locale(lang) as Intl.Locale & { textInfo?: TextInfo; getTextInfo?(): TextInfo };
    const d = (l.getTextInfo?.() ?? l.textInfo)?.direction;
    if (d) return d;
  } catch {
    // not a language tag Intl knows: the list
  }
  return /^(ar|ckb|dv|fa|he|iw|ps|sd|ug|ur|yi)\b/i.test(lang) ? 'rtl' : 'ltr';
}
interface TextInfo {
  direction?: string;
}

/** A phone check still under way: the QR code (or link) is shown, with its countdown. */
const underWay = (step?: Step) => step?.kind === 'phonecheck' && /^(waiting|verifying)$/.test(step.status);

/** "1:45" */
const mmss = (s: number) => `${(s / 60) | 0}:${String(s % 60).padStart(2, '0')}`;

/**
 * A multi-factor sign-in form that renders whatever step the flow API answers (username, password,
 * authenticator app, text message, phone check, passkey, ...). Give it `flow` (hosted page) or
 * `authorization-request` (embedded in the RP's page); `preview` renders a state with no network at all.
 *
 * Languages: English is built in; `import 'gluu-login/widget/i18n/pt-BR.js'` (also `es`, `fr`, `de`)
 * registers a translation, used by elements whose `lang` is that tag or its base language;
 * `GluuLogin.addMessages(lang, messages)` registers any other. The `messages` property overrides any string.
 * A right-to-left `lang` (ar, he, fa, ur, ...) lays the element out right to left.
 *
 * Parts are also plain `part` attributes, so in `no-shadow` mode the same elements are styled with
 * `gluu-login [part~="name"]`. Custom properties are set on `gluu-login` or any ancestor.
 *
 * @summary Multi-factor sign-in form driven by the gluu-login flow API.
 *
 * @fires {CustomEvent<GluuLoginStepDetail>} gluu-login-step - A new state was shown: `detail` {kind, state}.
 * @fires {CustomEvent<GluuLoginSuccessDetail>} gluu-login-success - The flow is done: `detail` {continueUrl,
 *   acr}. The element then goes to `continueUrl`, unless a listener calls `preventDefault()`.
 * @fires {CustomEvent<GluuLoginErrorDetail>} gluu-login-error - An error was shown: `detail` {error, status}
 *   (status 0: the service could not be reached).
 *
 * @csspart container - The root `<div>`; carries `lang` and `dir`.
 * @csspart form - Each `<form>`.
 * @csspart heading - The step heading (`<h2>`).
 * @csspart text - A paragraph of the step: where the code was sent, what the phone check or the passkey step
 *   asks, the authenticator app's label, and the paragraphs that hold a link or "Copy key".
 * @csspart hint - Secondary text: "Loading…", the setup and phone format hints, "Press Continue to use your
 *   passkey.", the key's details, "Try again in N seconds." in the error box.
 * @csspart field - The box of one label and its input.
 * @csspart label - An input's label.
 * @csspart input - A text, password, phone number or code input.
 * @csspart otp-input - A one-time code input (also `input`); left-to-right.
 * @csspart button - Every button; also `primary-button` or `secondary-button`.
 * @csspart primary-button - The main action: the submit button, "Show a new code", the passkey step's
 *   "Continue" or "Create a passkey", the phone check's "Continue on this phone" (a link).
 * @csspart secondary-button - Other actions: "Not you?", "Try again", "Resend code", "Use another number",
 *   "Sign in with a passkey", "Not now", "Copy key", ...
 * @csspart link - A link: "Create an account", "Open in authenticator app".
 * @csspart identity-box - The box around the username on the password step, with "Not you?".
 * @csspart identity - The username; the masked phone number a code went to or the phone check is about
 *   (left-to-right, on one line).
 * @csspart error-box - The box around an error, its "Try again in N seconds." and "Try again".
 * @csspart error - The error message (`role="alert"`; the inputs it is about point to it with
 *   `aria-describedby`).
 * @csspart countdown - "This code expires in 1:45" then "The QR code expired."; "The code is valid for 4:59";
 *   the phone check's "The code expires in 1:45".
 * @csspart status - A polite live status line: the phone check's status ("Waiting for your phone…", ...),
 *   "Copied", and in a countdown what is announced ("The QR code expired.", "A new code was sent.").
 * @csspart number - The phone check's number to pick on the phone (large, so it is compared, not skimmed).
 * @csspart qr - A QR code image (drawn on white whatever the theme, so that it scans).
 * @csspart secret - The authenticator key under "Can't scan it?", in blocks of 4 characters.
 * @csspart details - The "Can't scan it?" disclosure (`<details>`).
 * @csspart summary - Its "Can't scan it?" (`<summary>`).
 *
 * @cssprop [--gluu-login-font=system-ui, sans-serif] - Font family.
 * @cssprop [--gluu-login-font-size=16px] - Base font size.
 * @cssprop [--gluu-login-color-text=#1f2328] - Text.
 * @cssprop [--gluu-login-color-muted=#59636e] - Secondary text (hints, countdowns).
 * @cssprop [--gluu-login-color-bg=#fff] - Background of inputs and of the identity box (the element itself
 *   stays transparent: the page draws the card).
 * @cssprop [--gluu-login-color-primary=#1f5fd6] - The primary button, links and secondary buttons.
 * @cssprop [--gluu-login-color-primary-text=#fff] - Text on the primary button.
 * @cssprop [--gluu-login-color-error=#b42318] - Error text, and the border of an invalid input.
 * @cssprop [--gluu-login-color-border=#767e88] - Input borders.
 * @cssprop [--gluu-login-color-focus=#1f5fd6] - The focus outline (`:focus-visible`).
 * @cssprop [--gluu-login-radius=8px] - Corner radius of inputs, buttons and boxes.
 * @cssprop [--gluu-login-spacing=16px] - Space between rows.
 * @cssprop [--gluu-login-width=380px] - Largest width of the form.
 * @cssprop [--gluu-login-input-height=44px] - Height of inputs and of the primary button.
 */
export class GluuLogin extends LitElement {
  static override properties = {
    issuer: {},
    flow: {},
    authorizationRequest: { attribute: 'authorization-request' },
    acr: {},
    lang: { reflect: true },
    noShadow: { type: Boolean, attribute: 'no-shadow' },
    messages: { attribute: false },
    preview: { type: Object },
  };
  static override styles = styles;

  /**
   * Registers `messages` for the language `lang` (a BCP 47 tag: `pt-BR`, `pt`, `ar`, ...), merged into what it
   * has; what `import 'gluu-login/widget/i18n/pt-BR.js'` does. Elements use the translation of their `lang`,
   * else of its base language (`pt` for `pt-BR`), after their `messages` and before English.
   */
  static addMessages(lang: string, messages: Messages): void {
    const key = lang.toLowerCase();
    registered[key] = { ...registered[key], ...messages };
    for (const el of live) el.requestUpdate();
  }

  /** Base URL of the backend, e.g. `https://login.example.com`; empty for the page's own origin. */
  declare issuer: string;
  /** Hosted placement: the handle of the flow the backend page already created. */
  declare flow: string | undefined;
  /** Embedded placement: the full authorization URL built by the RP's OIDC library. */
  declare authorizationRequest: string | undefined;
  /** Method (acr) to use when the authorization request names none. */
  declare acr: string | undefined;
  /** Render into light DOM so password managers see the inputs. Read once, when first connected. */
  declare noShadow: boolean;
  /**
   * Language of the texts (BCP 47: `en`, `pt-BR`, `ar`, ...), also sent to the backend (texted codes in that
   * language); right-to-left languages are laid out right to left.
   * @attr lang
   */
  declare lang: string;
  /** Overrides of any string, by id or error code. */
  declare messages: Messages | undefined;
  /**
   * A FlowState (JSON in the attribute) to render with no network at all: nothing is fetched or sent, no
   * passkey ceremony starts, nothing continues by itself, and submitting does nothing. Its `error` is shown
   * as usual. For theming pages and screenshots.
   * @attr preview
   */
  declare preview: FlowState | undefined;

  // Internal state: private fields (the minifier shortens their names); whoever changes what render()
  // reads calls requestUpdate().
  /** The last state the server answered. */
  #state: FlowState | undefined;
  /** The error shown, and the HTTP status it came with (0: the service could not be reached). */
  #error: FlowError | undefined;
  #status = 0;
  /** The flow is gone (expired, unknown): only "Start again" is left. */
  #stop = false;
  /** A request is in flight. */
  #busy = false;
  /** Seconds left before the submit button comes back after a lockout (error.retry_after). */
  #wait = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #id = `gl${++instances}-`;
  /** The request sent last (Try again sends it again); its action, if it was one, is `#sent()`. */
  #last: FlowCall | undefined;
  #seq = 0;
  #focus: 'step' | 'error' | undefined;
  /** The wait (`#wait`) holds "Resend code" rather than the submit button: it is about sending codes. */
  #resendWait = false;
  /** otp_enroll, sms_code: when the QR code / texted code expires (ms since the epoch; from `expires_in`). */
  #until = 0;
  /** sms_code: when "Resend code" comes back (ms since the epoch; from `resend_in`). */
  #resendAt = 0;
  /** sms_code: the answer to `resend` came without an error ("A new code was sent."). */
  #resent = false;
  /** sms_code: the pending WebOTP request. */
  #otp: AbortController | undefined;
  #tick: ReturnType<typeof setTimeout> | undefined;
  /** "Copied" shows until then (ms since the epoch); the countdown renders every second anyway. */
  #copied = 0;
  /** phonecheck: follows the flow's state (event stream, else polling) while on the step; abort to stop. */
  #live: AbortController | undefined;
  /** phonecheck: `continue` was sent by itself for this verified or denied check. */
  #auto = false;
  /** A WebAuthn ceremony was started (and may be pending) since the last #cancel. */
  #wa = false;
  /** webauthn (authenticate): the ceremony started by itself was refused: "Press Continue to use your passkey." */
  #press = false;
  /** username: refused passkeys in a row, for autofill's back-off (see #apply). */
  #pkFails = 0;

  constructor() {
    super();
    this.issuer = '';
    this.noShadow = false;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!this.noShadow) return super.createRenderRoot();
    // Light DOM: the stylesheet goes once into the document (or the shadow root) the element lives in.
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = styles.styleSheet;
    if (sheet && 'adoptedStyleSheets' in root && !adopted.has(root)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      adopted.add(root);
    }
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    live.add(this);
    this.#readSms(this.#state?.step.kind === 'sms_code');
    this.#follow(this.#state?.step.kind === 'phonecheck');
    void this.#passkey();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
    this.#quiet();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      this.preview
        ? changed.has('preview')
        : (changed.has('flow') && this.flow) || (changed.has('authorizationRequest') && this.authorizationRequest)
    ) {
      this.#start();
    }
  }

  protected override updated(): void {
    clearTimeout(this.#tick);
    if (this.#left() || this.#secs(this.#resendAt)) {
      // The otp_enroll, sms_code and phonecheck countdowns: render again in a second. When the otp_enroll
      // code input goes away at 0 with focus in it, focus moves to "Show a new code". A phone check shows
      // itself expired at 0, and asks the server once (which then offers `renew`).
      this.#tick = setTimeout(async () => {
        const had = this.renderRoot.querySelector(':focus');
        this.requestUpdate();
        await this.updateComplete;
        if (had && !had.isConnected) this.renderRoot.querySelector<HTMLElement>('.pb')?.focus();
        if (!this.#left() && underWay(this.#state?.step)) void this.#refresh(this.#live?.signal);
      }, 1000);
    }
    const mode = this.#focus;
    if (!mode) return;
    this.#focus = undefined;
    const root = this.renderRoot.querySelector('.gl');
    const q = (sel: string) => root?.querySelector<HTMLElement>(sel);
    // A new otp_enroll state focuses its heading: the QR comes first, and a phone keyboard would cover it.
    const input =
      mode === 'step' && this.#state?.step.kind === 'otp_enroll'
        ? undefined
        : (root?.querySelector<HTMLInputElement>('input[aria-invalid="true"]') ??
          root?.querySelector<HTMLInputElement>('input:not([tabindex="-1"])'));
    if (input) {
      input.focus();
      if (mode === 'error') input.select();
      else if (this.#resent) input.value = ''; // a new code was sent: the old one goes
    } else {
      // A webauthn step focuses its primary button ("Continue", "Create a passkey").
      ((this.#state?.step.kind === 'webauthn' && q('.pb')) || q('h2'))?.focus();
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Rendering: one function per step kind
  // -------------------------------------------------------------------------------------------------------

  override render() {
    const lang = this.lang;
    return html`<div class="gl" part="container" lang=${lang || nothing} dir=${lang ? dirOf(lang) : nothing}>${this.#body()}</div>`;
  }

  /** What the container holds: the current step, or what stands in for it (loading, an error, a gone flow). */
  #body() {
    const s = this.#state;
    if (this.#stop) return this.#failed(this.#errorText());
    if (!s) return this.#error ? this.#startError() : html`<p part="hint" class="hint">${this.#t('loading')}</p>`;
    const step: Step = s.step;
    switch (step.kind) {
      case 'username':
        return this.#username(s);
      case 'password':
        return this.#password(s, step);
      case 'otp_enroll':
        return this.#otpEnroll(s, step);
      case 'otp':
        return this.#form(
          this.#t('otp_heading'),
          this.#input(s, 'code', 'code', 'text', 'one-time-code', step.digits),
          'verify',
        );
      case 'sms_code':
        return this.#smsCode(s, step);
      case 'phone_enroll':
        return this.#phoneEnroll(s, step);
      case 'phonecheck':
        return this.#phoneCheck(s, step);
      case 'webauthn':
        return this.#webauthn(s, step);
      case 'done':
        return this.#done();
      case 'failed':
        // A translation of the reason, else the server's words, else English.
        return this.#failed(this.#m(step.reason, step.message || undefined) ?? '');
      default:
        return this.#unsupported();
    }
  }

  /** The username; with `passkey` (and WebAuthn in the browser), "Sign in with a passkey" too, and autofill. */
  #username(s: FlowState) {
    const name = s.client?.name;
    return this.#form(
      name ? this.#t('sign_in_to', { client: name }) : this.#t('sign_in'),
      this.#input(s, 'username', 'username', 'text', 'username webauthn'),
      'continue',
      this.#pkOptions() ? this.#button('pk', () => this.#passkey(true)) : nothing,
    );
  }

  #password(s: FlowState, step: Extract<Step, { kind: 'password' }>) {
    const reg = step.registration_uri && safeUrl(step.registration_uri, this.issuer);
    return this.#form(
      this.#t('password_heading'),
      html`<div part="identity-box" class="id">
          <span part="identity" dir="auto">${step.username}</span>
          ${s.actions.change_username ? this.#button('not_you', () => this.#action('change_username')) : nothing}
        </div>
        <input class="vh" type="text" name="username" autocomplete="username" .value=${step.username}
          readonly tabindex="-1" aria-hidden="true" />
        ${this.#input(s, 'password', 'password', 'password', 'current-password')}`,
      'sign_in_button',
      reg ? html`<p part="text" class="c"><a part="link" href=${reg}>${this.#t('create_account')}</a></p>` : nothing,
    );
  }

  /**
   * First OTP sign-in: the QR code (with a link, and the key for when it cannot be scanned), a countdown
   * and the code input; once the QR code expired, only "Show a new code" (`renew`).
   */
  #otpEnroll(s: FlowState, step: Extract<Step, { kind: 'otp_enroll' }>) {
    const left = this.#left();
    const t = (id: MessageId, vars?: object) => this.#t(id, vars);
    const { qr } = step;
    return this.#form(
      t('otp_enroll_heading'),
      html`${
        left
          ? html`<p part="hint" class="hint">${t('otp_enroll_hint')}</p>
              ${step.label ? html`<p part="text" class="c">${step.label}</p>` : nothing}
              ${this.#qr(qr, t('qr_alt', step))}`
          : nothing
      }
        ${this.#countdown(left, 'qr_expires', 'qr_expired')}
        ${
          left
            ? html`<p part="text" class="c"><a part="link" href=${step.otpauth_uri}>${t('open_app')}</a></p>
              <details part="details">
                <summary part="summary">${t('cant_scan')}</summary>
                <code part="secret" dir="ltr">${step.secret.replace(/.{4}(?=.)/g, '$& ')}</code>
                <p part="hint" class="hint">${t('otp_account', step)}<br>${`${step.type} · ${step.algorithm}`.toUpperCase()} ·
                  ${t('otp_digits', step)}${step.period ? ` · ${t('otp_period', step)}` : ''}</p>
                <p part="text">${this.#button('copy_key', () => this.#copy(step.secret))}
                  <span part="status" aria-live="polite">${this.#copied > Date.now() ? t('copied') : ''}</span></p>
              </details>
              ${this.#input(s, 'code', 'code_app', 'text', 'one-time-code', step.digits)}`
            : this.#button('renew', () => this.#action('renew'), true)
        }`,
      left ? 'verify' : undefined,
    );
  }

  /**
   * A code sent by SMS: where it went, the code input, how long the code stays valid, "Resend code" (with
   * its countdown) and, when adding a number, "Use another number". WebOTP may fill the code in.
   */
  #smsCode(s: FlowState, step: Extract<Step, { kind: 'sms_code' }>) {
    // After a refused resend (429), the larger of the server's resend_in and retry_after.
    const wait = Math.max(this.#secs(this.#resendAt), this.#resendWait ? this.#wait : 0);
    return this.#form(
      this.#t('sms_heading'),
      html`<p part="text" id=${`${this.#id}h`}>${this.#withPhone('sms_sent_to', step.phone)}</p>
        ${s.actions.submit ? this.#input(s, 'code', 'code', 'text', 'one-time-code', step.digits, true) : nothing}
        ${this.#countdown(this.#left(), 'code_valid', 'sms_expired', this.#resent ? html`${this.#t('resent')}<br>` : '')}`,
      'verify',
      html`${s.actions.resend ? this.#button('resend', () => this.#action('resend'), false, wait) : nothing}
      ${s.actions.change_phone ? this.#button('change_phone', () => this.#action('change_phone')) : nothing}`,
    );
  }

  /** Adding a phone number: typed in any usual format, sent in E.164 (see #onSubmit). */
  #phoneEnroll(s: FlowState, step: Extract<Step, { kind: 'phone_enroll' }>) {
    const list = step.allowed_countries;
    let names = list?.join(', ');
    try {
      const region = new Intl.DisplayNames(this.lang || 'en', { type: 'region' });
      names = list?.map((c) => region.of(c) ?? c).join(', ');
    } catch {
      // no Intl.DisplayNames, or an unknown code: the codes themselves
    }
    return this.#form(
      this.#t('phone_enroll_heading'),
      html`<p part="hint" class="hint" id=${`${this.#id}h`}>${this.#t('phone_enroll_hint')}${
        names ? ` ${this.#t('countries', { list: names })}` : ''
      }</p>
        ${this.#input(s, 'phone', 'phone', 'tel', 'tel', 0, true)}`,
      'send_code',
    );
  }

  /**
   * tru.ID PhoneCheck: the QR code of the link (on a phone, a link to open in a new tab instead), the status
   * the server reports as it changes (followed by #follow), a countdown; then "Show a new code" (`renew`)
   * and the fallback method when offered. Verified or denied: `continue` goes by itself (see #apply).
   */
  #phoneCheck(s: FlowState, step: PhoneCheck) {
    const left = this.#left();
    const t = (id: MessageId, vars?: object) => this.#t(id, vars);
    const phone = matchMedia('(max-width: 640px)').matches || /Mobi|Android|iPhone/i.test(navigator.userAgent);
    const link = step.link && safeUrl(step.link, this.issuer);
    const { qr, fallback } = step;
    // The number match: the phone offers this number among decoys, and a wrong pick denies the check.
    const pick = t('pc_pick').split('{n}');
    // At 0 the check is over here, before the server says so.
    const status = left || !underWay(step) ? step.status : 'expired';
    return this.#form(
      t('pc_heading'),
      html`<p part="text">${this.#withPhone(left && !phone ? 'pc_scan' : 'pc_number', step.phone)}</p>
        ${
          left
            ? html`${
                phone
                  ? html`${
                      link
                        ? html`<a part="button primary-button" class="pb" target="_blank" rel="noopener" href=${link}>${t(
                            'pc_open',
                          )}</a>`
                        : nothing
                    }<p part="hint" class="hint">${t('pc_mobile')}</p>`
                  : qr
                    ? this.#qr(qr, t('pc_qr_alt'))
                    : nothing
              }
              ${step.number ? html`<p part="text" class="c">${pick[0]}<strong part="number" class="num" dir="ltr">${step.number}</strong>${pick[1]}</p>` : nothing}
              <p part="hint" class="hint">${t('pc_wifi')}</p>`
            : nothing
        }
        <p part="status" class="c" aria-live="polite">${
          // The reason, unless the error shown above says it already.
          (status === 'failed' && !this.#error && step.reason) || t(`pc_${status}`)
        }</p>
        ${left ? html`<p part="countdown" class="c hint">${t('pc_expires', { time: mmss(left) })}</p>` : nothing}`,
      undefined,
      html`${s.actions.renew ? this.#button('renew', () => this.#action('renew'), true) : nothing}
      ${
        s.actions.use_fallback
          ? this.#button(fallback?.factor === 'sms' ? 'pc_sms' : 'pc_other', () => this.#action('use_fallback'))
          : nothing
      }`,
    );
  }

  /**
   * A passkey or security key: `authenticate` ("Continue"; started by itself once, see #apply) or `register`
   * ("Create a passkey", only on request; "Not now" when `skip` is offered). Passwordless after a typed
   * username offers `change_username` ("Use another account").
   */
  #webauthn(s: FlowState, step: WebAuthn) {
    const reg = step.mode === 'register';
    return this.#form(
      this.#t(reg ? 'wa_reg' : 'wa_auth'),
      html`<p part="text">${this.#t(reg ? 'wa_reg_hint' : 'wa_auth_hint')}</p>
        ${this.#press ? html`<p part="hint" class="hint">${this.#t('wa_press')}</p>` : nothing}`,
      undefined,
      html`${
        s.actions.submit && browserSupportsWebAuthn()
          ? this.#button(reg ? 'wa_create' : 'continue', () => this.#ceremony(step), true)
          : nothing
      }
      ${s.actions.skip ? this.#button('not_now', () => this.#action('skip')) : nothing}
      ${s.actions.change_username ? this.#button('other_user', () => this.#action('change_username')) : nothing}`,
    );
  }

  #done() {
    return html`<h2 part="heading" tabindex="-1">${this.#t('done')}</h2>`;
  }

  #failed(text: string) {
    return html`<form part="form" @submit=${this.#again}>
      <h2 part="heading" tabindex="-1">${this.#t('failed')}</h2>
      <p part="error" role="alert" id=${`${this.#id}e`} class="er">${text}</p>
      ${this.#submit('start_again')}
    </form>`;
  }

  #unsupported() {
    return html`<h2 part="heading" tabindex="-1">${this.#t('sign_in')}</h2>
      <p part="hint" class="hint">${this.#t('unsupported')}</p>`;
  }

  /** The first answer did not come: there is no step to show yet, only the error. */
  #startError() {
    return html`<form part="form" @submit=${this.#again}>
      <h2 part="heading" tabindex="-1">${this.#t('sign_in')}</h2>
      ${this.#errorBlock()}
      ${this.#status ? this.#submit('start_again') : nothing}
    </form>`;
  }

  // -------------------------------------------------------------------------------------------------------
  // Building blocks
  // -------------------------------------------------------------------------------------------------------

  /** A step form: heading, fields, the error, the submit button (only if the step has a `submit` action). */
  #form(heading: string, fields: unknown, submit?: MessageId, after: unknown = nothing) {
    return html`<form part="form" @submit=${this.#onSubmit}>
      <h2 part="heading" tabindex="-1">${heading}</h2>
      ${this.#state?.binding ? html`<p part="hint" class="hint">${this.#t(`bind_${this.#state.binding}`)}</p>` : nothing}
      ${fields} ${this.#errorBlock()}
      ${submit && this.#state?.actions.submit ? this.#submit(submit, this.#held()) : nothing} ${after}
    </form>`;
  }

  /**
   * A labelled input; its attributes come from the `submit` action's input spec when there is one. With
   * `digits`, a one-time code input: digits only (pasted "123 456" works), submitted once it is complete.
   * A `tel` input is left-to-right, and takes no length limit or pattern from the spec: those are about the
   * number without its spaces, dashes, ... (stripped in #onSubmit). `hint`: the step's hint paragraph
   * (`#{id}h`) describes the input.
   */
  #input(s: FlowState, name: string, label: MessageId, type: string, autocomplete: string, digits = 0, hint = false) {
    const spec: InputSpec | undefined = s.actions.submit?.inputs[name];
    const tel = type === 'tel';
    const raw = tel ? undefined : spec;
    const id = this.#id + name;
    const bad = this.#errorField() === name;
    const desc = (hint ? `${this.#id}h ` : '') + (bad ? `${this.#id}e ${this.#held() ? `${this.#id}w` : ''}` : '');
    return html`<div part="field">
      <label part="label" for=${id}>${this.#t(label)}</label>
      <input part=${digits ? 'input otp-input' : 'input'} id=${id} name=${name} type=${type}
        inputmode=${digits ? 'numeric' : tel ? type : nothing} dir=${tel || digits ? 'ltr' : nothing}
        autocomplete=${spec?.autocomplete ?? autocomplete} autocapitalize="none" spellcheck="false"
        ?required=${spec?.required ?? true}
        maxlength=${raw?.max_length ?? (digits || nothing)} minlength=${spec?.min_length ?? (digits || nothing)}
        pattern=${raw?.pattern ?? (digits ? '[0-9]*' : nothing)}
        @input=${digits ? this.#onCode : nothing} @paste=${digits ? this.#onCode : nothing}
        aria-invalid=${bad ? 'true' : nothing}
        aria-describedby=${desc.trim() || nothing} />
    </div>`;
  }

  #submit(label: MessageId, disabled = false) {
    return html`<button type="submit" part="button primary-button" class="pb" ?disabled=${this.#busy || disabled}>
      ${this.#t(label)}
    </button>`;
  }

  /** A button that runs `onClick`; while `wait` > 0 it is disabled and reads "Resend code in {wait} s". */
  #button(label: MessageId, onClick: () => void, primary = false, wait = 0) {
    return html`<button type="button" part=${primary ? 'button primary-button' : 'button secondary-button'}
      class=${primary ? 'pb' : 'sb'} ?disabled=${this.#busy || wait > 0} @click=${onClick}>${this.#t(
        wait ? 'resend_in' : label,
        { n: wait },
      )}</button>`;
  }

  /**
   * "This code expires in 1:45" (quiet, not announced), then `expired`, announced once by the polite live
   * region; `live` is announced there meanwhile.
   */
  #countdown(left: number, valid: MessageId, expired: MessageId, live: unknown = '') {
    return html`<p part="countdown" class=${left ? 'c hint' : ''}><span part="status" aria-live="polite">${
      left ? live : this.#t(expired)
    }</span>${left ? this.#t(valid, { time: mmss(left) }) : ''}</p>`;
  }

  /** A QR code the server drew (SVG), as a data: image (no fetch; `img-src data:` under a strict CSP). */
  #qr(qr: { svg: string; width: number; height: number }, alt: string) {
    return html`<img part="qr" src="data:image/svg+xml,${encodeURIComponent(qr.svg)}" width=${qr.width} height=${qr.height} alt=${alt}>`;
  }

  /** A sentence with the (masked) phone number in it, kept left-to-right and on one line. */
  #withPhone(id: MessageId, phone: string) {
    const [a, b] = this.#t(id).split('{phone}');
    return html`${a}<span part="identity" dir="ltr">${phone}</span>${b}`;
  }

  /** Seconds until `at` (ms since the epoch), at least 0. */
  #secs(at: number): number {
    return Math.max(0, Math.round((at - Date.now()) / 1000));
  }

  /**
   * Seconds left before the QR code (otp_enroll), the texted code (sms_code) or the phone check under way
   * (phonecheck) expires; else 0.
   */
  #left(): number {
    const s = this.#state;
    return s && (s.actions.submit || underWay(s.step)) ? this.#secs(this.#until) : 0;
  }

  /** A wait (retry_after) holds the submit button, unless it is about sending codes (see #showError). */
  #held(): boolean {
    return this.#wait > 0 && !this.#resendWait;
  }

  /**
   * WebOTP (Chromium on Android): asks the browser for the code of the text message, fills it in and submits.
   * Aborts the pending request first; `start` false only aborts. Only an enhancement: failures are ignored.
   */
  #readSms(start: boolean): void {
    this.#otp?.abort();
    this.#otp = undefined;
    if (!start || this.preview || !('OTPCredential' in window)) return;
    const ac = new AbortController();
    this.#otp = ac;
    (navigator.credentials as unknown as OtpCredentials)
      .get({ otp: { transport: ['sms'] }, signal: ac.signal })
      .then(async (c) => {
        await this.updateComplete;
        const input = this.renderRoot.querySelector<HTMLInputElement>('[name=code]');
        if (ac.signal.aborted || !c?.code || !input) return;
        input.value = c.code;
        input.form?.requestSubmit();
      })
      .catch(() => {});
  }

  /** A one-time code input: keeps the digits (a paste replaces the value), submits once all are there. */
  #onCode(e: Event): void {
    const i = e.target as HTMLInputElement;
    if (e.type === 'paste') {
      e.preventDefault();
      i.value = (e as ClipboardEvent).clipboardData?.getData('text') ?? '';
    }
    // Assigned only when it changes, so typed values keep their minlength check.
    const v = i.value.replace(/\D/g, '').slice(0, i.maxLength);
    if (v !== i.value) i.value = v;
    if (v.length === i.maxLength) i.form?.requestSubmit();
  }

  /** "Copy key": the plain key to the clipboard, else the key selected for the user to copy. */
  async #copy(key: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(key);
      this.#copied = Date.now() + 2000;
      this.requestUpdate();
    } catch {
      getSelection()?.selectAllChildren(this.renderRoot.querySelector('code')!);
    }
  }

  /**
   * The error, in one `role="alert"` element. It is removed while a request is in flight, so each error
   * is inserted afresh and announced once, even the same one twice. The countdown lives outside it, so
   * its ticking is never announced.
   */
  #errorBlock(): unknown {
    if (!this.#error) return nothing;
    return html`<div part="error-box" class="er">
      <p part="error" role="alert" id=${`${this.#id}e`}>${this.#errorText()}</p>
      ${
        this.#held() ? html`<p part="hint" id=${`${this.#id}w`}>${this.#t('retry_in', { n: this.#wait })}</p>` : nothing
      }
      ${this.#status ? nothing : this.#button('try_again', () => this.#retry())}
    </div>`;
  }

  #errorText(): string {
    const e = this.#error;
    return !e ? '' : this.#status ? (this.#m(e.code) ?? e.message) : this.#t('network');
  }

  /** The input an error is about: its `field`, or the step's only input for a rejected credential. */
  #errorField(): string | undefined {
    const e = this.#error;
    if (!e || !this.#status) return undefined;
    if (e.field) return e.field;
    const names = Object.keys(this.#state?.actions.submit?.inputs ?? {});
    // A refused "Resend code" is not about the code typed, nor a refused passkey about the username.
    return names.length === 1 &&
      (this.#status === 401 || this.#status === 429) &&
      !this.#resendWait &&
      this.#sent()?.action !== 'passkey'
      ? names[0]
      : undefined;
  }

  /**
   * The text of `id` (a string id, an error code or a failure reason): the `messages` property, else the
   * translation registered for `lang` (exact tag, then base language), else `fallback`, else English.
   */
  #m(id: string, fallback?: string): string | undefined {
    const l = (this.lang || '').toLowerCase();
    type Texts = Record<string, string | undefined> | undefined;
    return (
      (this.messages as Texts)?.[id] ??
      (registered[l] as Texts)?.[id] ??
      (registered[l.split('-')[0]!] as Texts)?.[id] ??
      fallback ??
      (en as Texts)![id]
    );
  }

  /** The text of `id`, its `{name}` placeholders filled from the fields of `vars`. */
  #t(id: MessageId, vars?: object): string {
    return this.#m(id)!.replace(/\{(\w+)\}/g, (m, k: string) =>
      String((vars as Record<string, unknown> | undefined)?.[k] ?? m),
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Talking to the flow API
  // -------------------------------------------------------------------------------------------------------

  #start(): void {
    this.#state = this.#error = undefined;
    this.#stop = false;
    this.#endWait();
    this.#quiet();
    this.requestUpdate();
    const { preview, authorizationRequest: ar } = this;
    if (preview) {
      // Shown as an answer would be (no request goes out: see #send), but the focus stays where it is.
      this.#apply(401, preview);
      this.#focus = undefined;
    } else if (ar) {
      this.#send({
        method: 'POST',
        path: '/flow',
        body: {
          authorization_request: ar,
          ...(this.acr ? { acr: this.acr } : {}),
          ...(this.lang ? { lang: this.lang } : {}),
        },
      });
    } else if (this.flow) {
      this.#send({ method: 'GET', path: '/flow' });
    }
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const spec = this.#state?.actions.submit;
    if (!spec || this.#busy || this.#held()) return;
    const data = new FormData(e.target as HTMLFormElement);
    const inputs: Record<string, unknown> = {};
    for (const name of Object.keys(spec.inputs)) {
      const v = data.get(name) ?? '';
      // A phone number goes out without the spaces, dashes, dots and parentheses it was typed with.
      inputs[name] = name === 'phone' ? String(v).replace(/[\s().-]/g, '') : v;
    }
    this.#action('submit', inputs);
  }

  #action(action: string, inputs: Record<string, unknown> = {}): void {
    if (this.#busy) return;
    this.#send({ method: 'POST', path: '/flow/action', body: { action, inputs } });
  }

  /** The action the last request sent ("submit", "resend", ... and its inputs); undefined when it loaded the flow. */
  #sent(): ActionRequest | undefined {
    const call = this.#last;
    return call?.path === '/flow/action' ? call.body : undefined;
  }

  #retry(): void {
    if (this.#last && !this.#busy) this.#send(this.#last);
  }

  /**
   * "Start again": a new flow for the same authorization request (embedded), or a fresh page (hosted); a
   * preview shows itself again.
   */
  #again(e: Event): void {
    e.preventDefault();
    if (this.#busy) return;
    if (this.authorizationRequest || this.preview) this.#start();
    else location.reload();
  }

  async #send(call: FlowCall): Promise<void> {
    if (this.preview) return;
    const seq = ++this.#seq;
    this.#last = call;
    this.#busy = true;
    this.#error = undefined;
    this.#resent = false;
    this.requestUpdate();
    let answer: Answer | undefined;
    try {
      // The flow of the state shown; before the first answer, the hosted page's (none yet when embedded).
      answer = await callFlow(this.issuer ?? '', this.#state?.flow ?? this.flow, call);
    } catch {
      // fetch rejected: the service could not be reached
    }
    if (seq !== this.#seq) return; // a newer request (Start again) took over
    this.#busy = false;
    this.requestUpdate();
    if (answer) this.#apply(answer.status, answer.body);
    else this.#showError({ code: 'server_error', message: this.#t('network') }, 0);
  }

  /**
   * Shows an answer. `live`: a state the server reported by itself (event stream, polling) rather than an
   * answer to this element's request: focus moves only when the step changes, and only a flow that is
   * gone is shown of the errors.
   */
  #apply(status: number, body: FlowAnswer, live = false): void {
    this.requestUpdate();
    if ('step' in body) {
      const prev = this.#state;
      const newStep = !prev || prev.flow !== body.flow || prev.step.kind !== body.step.kind;
      this.#state = body;
      this.#stop = false;
      this.#endWait();
      this.#error = undefined;
      // Also for the same step again without an error (otp_enroll after "Show a new code").
      if (newStep || !live) this.#focus = 'step';
      const { step } = body;
      this.#until = 'expires_in' in step ? Date.now() + step.expires_in * 1000 : 0;
      this.#resendAt = 'resend_in' in step ? Date.now() + step.resend_in * 1000 : 0;
      this.#resent = this.#sent()?.action === 'resend' && !body.error;
      // WebOTP: a request on entering sms_code, a new one after each new code; none on other steps.
      if (newStep || this.#resent) this.#readSms(step.kind === 'sms_code');
      // The phone check's status changes on the server: followed from entering the step until leaving it.
      if (newStep) {
        this.#follow(step.kind === 'phonecheck');
        this.#cancel();
        this.#press = false;
        // authenticate: the ceremony starts by itself once; register only when asked.
        if (step.kind === 'webauthn' && step.mode === 'authenticate') this.#ceremony(step, true);
      }
      // Autofill (conditional mediation) on the username step, again after each answer (a fresh challenge).
      // After a refused passkey only after a growing delay (1 s, 2 s, 4 s, ... 64 s), and not before the
      // server's retry_after: an authenticator may answer autofill without the user, at once, every time.
      const refused = this.#sent()?.action === 'passkey' && body.error;
      this.#pkFails = refused ? this.#pkFails + 1 : 0;
      void this.#passkey(false, refused ? Math.max(refused.retry_after ?? 0, 2 ** Math.min(this.#pkFails - 1, 6)) : 0);
      if (step.kind === 'webauthn' && !browserSupportsWebAuthn() && !body.error) this.#local('wa_none');
      this.#emit('gluu-login-step', { kind: step.kind, state: body });
      if (body.error) this.#showError(body.error, status, !newStep);
      if (step.kind === 'done' && newStep && !this.preview) void this.#finish(body, step.continue_url);
      // The password was right: the browser may offer to save it (never awaited; not every browser can).
      const password = this.#sent()?.inputs?.password;
      if (prev?.step.kind === 'password' && step.kind !== 'password' && !body.error && password) {
        try {
          const id = prev.step.username;
          navigator.credentials
            .store(new PasswordCredential({ id, password: String(password), name: id }))
            .catch(() => {});
        } catch {
          // no PasswordCredential: the browser's own heuristics (a <form> with a submit button) remain
        }
      }
      // Verified or denied on the phone (then only is `continue` offered): continue by itself, once.
      if (step.kind !== 'phonecheck' || !body.actions.continue) this.#auto = false;
      else if (!this.#auto && !this.#busy) {
        this.#auto = true;
        this.#action('continue');
      }
    } else {
      const { error } = body;
      const gone = error.code === 'flow_expired' || error.code === 'flow_not_found';
      if (gone) {
        this.#stop = true;
        this.#state = undefined;
        this.#quiet();
        this.#focus = 'step';
      }
      if (gone || !live) this.#showError(error, status, !gone);
    }
  }

  /**
   * Follows the flow's state on the phonecheck step: the event stream, opened again after 1 s when it
   * ends (3 times at most), then polling every 2 s, as when it cannot be opened. `on` false only stops.
   */
  #follow(on: boolean): void {
    this.#live?.abort();
    this.#live = undefined;
    const flow = this.#state?.flow;
    if (!on || !flow || this.preview) return;
    this.#live = new AbortController();
    const { signal } = this.#live;
    const open = async (n: number): Promise<void> => {
      try {
        await followFlow(this.issuer ?? '', flow, signal, (state) => this.#apply(200, state, true));
        if (n < 3) return void setTimeout(() => open(n + 1), 1000);
      } catch {
        // not opened, or aborted
      }
      while (!signal.aborted) {
        await new Promise((r) => setTimeout(r, 2000));
        await this.#refresh(signal);
      }
    };
    void open(0);
  }

  /** One GET /flow, shown as a live state, unless an action is under way or `signal` aborted. */
  async #refresh(signal: AbortSignal | undefined): Promise<void> {
    const seq = this.#seq;
    if (this.#busy || !signal || signal.aborted) return;
    try {
      const { status, body } = await callFlow(this.issuer ?? '', this.#state?.flow, { method: 'GET', path: '/flow' });
      if (!signal.aborted && seq === this.#seq) this.#apply(status, body, true);
    } catch {
      // unreachable this time: the next poll tries again
    }
  }

  /** Shows `error` (announced once); `focus`: move focus to the input it is about. */
  #showError(error: FlowError, status: number, focus = true): void {
    this.#error = error;
    this.#status = status;
    if (focus) this.#focus = 'error';
    this.#endWait();
    // Refused or limited sends (after "Resend code", or a send quota reached on any action) hold "Resend
    // code"; the code already sent can still be typed.
    this.#resendWait =
      !!this.#state?.actions.resend && (this.#sent()?.action === 'resend' || error.code === 'rate_limited');
    this.#wait = Math.max(0, Math.ceil(error.retry_after ?? 0));
    if (this.#wait > 0) {
      this.#timer = setInterval(() => {
        if (--this.#wait <= 0) {
          this.#endWait();
          this.#error = undefined;
        }
        this.requestUpdate();
      }, 1000);
    }
    this.requestUpdate();
    this.#emit('gluu-login-error', { error, status });
  }

  /** A failure in this browser (no request was made), shown in the alert region like the server's errors. */
  #local(id: MessageId): void {
    this.#error = { code: id as ErrorCode, message: '' };
    this.#status = 1;
    this.requestUpdate();
  }

  /** Stops what runs in the background for a step: the WebOTP request, following the flow, a passkey ceremony. */
  #quiet(): void {
    this.#readSms(false);
    this.#follow(false);
    this.#cancel();
  }

  // -------------------------------------------------------------------------------------------------------
  // WebAuthn (@simplewebauthn/browser; its WebAuthnAbortService keeps one ceremony at a time: starting one
  // aborts the one pending, so autofill and the buttons never collide)
  // -------------------------------------------------------------------------------------------------------

  /** Aborts the pending ceremony, if this element started one. */
  #cancel(): void {
    if (this.#wa) WebAuthnAbortService.cancelCeremony();
    this.#wa = false;
  }

  /**
   * One ceremony: its credential goes to the server as `action` {credential}, unless a request went out (or
   * the flow started again) meanwhile. `fail` gets the name of the error (`NotAllowedError`: cancelled or
   * timed out, ...) unless the ceremony was aborted (by a newer one, or #cancel); without it, silence.
   */
  async #run(ceremony: Promise<unknown>, action: string, fail?: (name: string) => void): Promise<void> {
    const seq = this.#seq;
    this.#wa = true;
    // An attempt the user sees: the error shown goes meanwhile, so the next one is announced afresh.
    if (fail) {
      this.#error = undefined;
      this.#press = false;
      this.requestUpdate();
    }
    try {
      const credential = JSON.stringify(await ceremony);
      if (seq === this.#seq) this.#action(action, { credential });
    } catch (e) {
      const name = (e as Error).name;
      if (seq === this.#seq && name !== 'AbortError') fail?.(name);
    }
  }

  /**
   * The username step's passkey: `modal` for "Sign in with a passkey", else autofill (conditional mediation,
   * once the username input is rendered; its failures are silent: a dismissed autofill is normal). The
   * library's own check for that input uses `document.querySelector`, blind to the shadow root: it is off.
   * A failed modal attempt starts autofill again. `delay`: seconds to wait before autofill is armed.
   */
  async #passkey(modal?: boolean, delay = 0): Promise<void> {
    const seq = this.#seq;
    if (!modal) {
      await new Promise((r) => setTimeout(r, delay * 1000));
      // A request went out meanwhile (the username typed, Start again): its answer arms autofill again.
      if (seq !== this.#seq) return;
      await this.updateComplete;
    }
    const optionsJSON = this.#pkOptions();
    if (!optionsJSON || !this.isConnected || this.preview) return;
    void this.#run(
      startAuthentication({
        optionsJSON,
        useBrowserAutofill: !modal,
        verifyBrowserAutofillInput: false,
      }),
      'passkey',
      modal
        ? (name) => {
            this.#local(name === 'NotAllowedError' ? 'pk_cancel' : 'pk_bad');
            void this.#passkey();
          }
        : undefined,
    );
  }

  /** The username step's passkey options, when it offers one (`passkey` action) and the browser has WebAuthn. */
  #pkOptions() {
    const s = this.#state;
    const step = s?.step;
    return step?.kind === 'username' && s!.actions.passkey && browserSupportsWebAuthn()
      ? step.passkey?.options
      : undefined;
  }

  /** The webauthn step's ceremony. `auto`: started by itself, so a refusal only asks to press Continue. */
  #ceremony(step: WebAuthn, auto = false): void {
    const reg = step.mode === 'register';
    if (!browserSupportsWebAuthn() || this.preview) return;
    void this.#run(
      reg
        ? startRegistration({ optionsJSON: step.options as PublicKeyCredentialCreationOptionsJSON })
        : startAuthentication({ optionsJSON: step.options }),
      'submit',
      (name) => {
        if (name !== 'NotAllowedError')
          this.#local(reg && name === 'InvalidStateError' ? 'credential_exists' : 'webauthn_failed');
        else if (!auto) this.#local('wa_cancel');
        else {
          this.#press = true;
          this.requestUpdate();
        }
      },
    );
  }

  /** A wait (retry_after) is over or replaced: its countdown stops, and what it held comes back. */
  #endWait(): void {
    clearInterval(this.#timer);
    this.#wait = 0;
  }

  async #finish(state: FlowState, continueUrl: string): Promise<void> {
    await this.updateComplete;
    const go = this.#emit('gluu-login-success', { continueUrl, acr: state.acr }, true);
    const url = safeUrl(continueUrl, this.issuer);
    if (go && url) window.location.assign(url);
  }

  #emit<K extends 'gluu-login-step' | 'gluu-login-success' | 'gluu-login-error'>(
    type: K,
    detail: HTMLElementEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    /** @internal (the events are documented with `@fires` on the class) */
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}

if (!customElements.get('gluu-login')) customElements.define('gluu-login', GluuLogin);
