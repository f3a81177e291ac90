// <gluu-login>: renders the state the flow API answers, one small module per step kind (widget/steps/). The
// server drives the flow; this element keeps no flow logic of its own beyond "send the action, render the answer".
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type {
  ActionRequest,
  ErrorCode,
  FlowAnswer,
  FlowError,
  FlowState,
  InputSpec,
  StepKind,
} from '../wire/flow-api.js';
import { Countdown, mmss, secs } from './controllers/countdown.js';
import { FlowEvents } from './controllers/flow-events.js';
import { WebAuthn } from './controllers/webauthn.js';
import { WebOtp } from './controllers/web-otp.js';
import { type Answer, callFlow, type FlowCall } from './flow-client.js';
import { format } from '../wire/message-format.js';
import { en, type MessageId, type Messages, registered } from './messages.js';
import { loadStep, stepOf } from './steps/index.js';
import { styles } from './styles.js';
import { safeUrl } from './safe-url.js';

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

/** Connected elements, to render again when a language is registered. */
const live = new Set<GluuLogin>();

/** A language's writing direction: Intl's when the browser knows it, else a list of right-to-left languages. */
export function dirOf(lang: string): string {
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

/**
 * A multi-factor sign-in form that renders whatever step the flow API answers (username, password,
 * authenticator app, text message, phone check, passkey, ...). Give it `flow` (hosted page) or
 * `authorization-request` (embedded in the RP's page); `preview` renders a state with no network at all.
 *
 * Languages: English is built in; `import 'gluu-login/widget/i18n/pt-BR.js'` (also `ar`, `de`, `es`, `fr`,
 * `hi`, `id`, `it`, `ja`, `ko`, `nl`, `pl`, `ru`, `tr`, `zh-CN`) registers a translation, used by elements
 * whose `lang` is that tag or its base language; `GluuLogin.addMessages(lang, messages)` registers any
 * other. The `messages` property overrides any string. A right-to-left `lang` (ar, he, fa, ur, ...) lays
 * the element out right to left once it has texts in that language (English is never mirrored).
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

  // Internal state. Private fields (the minifier shortens their names) for the element's own; what the step
  // modules and controllers share is marked @internal. Whoever changes what render() reads calls requestUpdate().
  /** The last state the server answered. @internal */
  state: FlowState | undefined;
  /** The error shown, and the HTTP status it came with (0: the service could not be reached). @internal */
  error: FlowError | undefined;
  #status = 0;
  /** The flow is gone (expired, unknown): only "Start again" is left. */
  #stop = false;
  /** A request is in flight. @internal */
  busy = false;
  /** Seconds left before the submit button comes back after a lockout (error.retry_after). @internal */
  wait = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The prefix of the ids of this element's inputs and messages. @internal */
  uid = `gl${++instances}-`;
  /** The request sent last (Try again sends it again); its action, if it was one, is `sent()`. */
  #last: FlowCall | undefined;
  /** Counts the requests sent: an answer (or a ceremony) that started before the last one is dropped. @internal */
  seq = 0;
  #focus: 'step' | 'error' | undefined;
  /** The wait holds "Resend code" rather than the submit button: it is about sending codes. @internal */
  resendWait = false;
  /** The answer to `resend` came without an error ("A new code was sent."). @internal */
  resent = false;
  /** @internal */
  clock = new Countdown(this, () => this.#tick());
  /** @internal */
  otp = new WebOtp(this);
  /** @internal */
  live = new FlowEvents(this);
  /** @internal */
  wa = new WebAuthn(this);

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
    this.#hook('resume');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
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

  /**
   * Each second of a countdown: render again. When the otp_enroll code input goes away at 0 with focus in
   * it, focus moves to "Show a new code"; then the step's own tick.
   */
  async #tick(): Promise<void> {
    const had = this.renderRoot.querySelector(':focus');
    this.requestUpdate();
    await this.updateComplete;
    if (had && !had.isConnected) this.renderRoot.querySelector<HTMLElement>('.pb')?.focus();
    this.#hook('tick');
  }

  protected override updated(): void {
    const mode = this.#focus;
    this.#focus = undefined;
    // A preview shows a step as an answer would, but never takes the focus (a page may hold many of them,
    // and a step in a file of its own is shown only once that file is here, after the preview was set).
    if (!mode || this.preview) return;
    const root = this.renderRoot.querySelector('.gl');
    const q = (sel: string) => root?.querySelector<HTMLElement>(sel);
    // A step may focus something else than its first input on a new state (its `focus`).
    const first = this.state && stepOf(this.state.step)?.focus;
    const input =
      mode === 'step' && first
        ? undefined
        : ((q('input[aria-invalid="true"]') ?? q('input:not([tabindex="-1"])')) as HTMLInputElement | undefined);
    if (input) {
      input.focus();
      if (mode === 'error') input.select();
      else if (this.resent) input.value = ''; // a new code was sent: the old one goes
    } else {
      ((first && q(first)) || q('h2'))?.focus();
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Rendering: the step's module (widget/steps/), or what stands in for it
  // -------------------------------------------------------------------------------------------------------

  override render() {
    const lang = this.lang;
    // Right to left only with texts of that language: English laid out right to left reads "?Not you".
    const l = (lang || '').toLowerCase();
    const own = this.messages || registered[l] || registered[l.split('-')[0]!];
    return html`<div class="gl" part="container" lang=${lang || nothing}
      dir=${lang ? (own ? dirOf(lang) : 'ltr') : nothing}>${this.#body()}</div>`;
  }

  /** What the container holds: the current step, or what stands in for it (loading, an error, a gone flow). */
  #body() {
    const s = this.state;
    if (this.#stop) return this.failed(this.#errorText());
    if (!s) return this.error ? this.#startError() : html`<p part="hint" class="hint">${this.t('loading')}</p>`;
    const module = stepOf(s.step);
    return module
      ? module.render(this, s, s.step)
      : html`<h2 part="heading" tabindex="-1">${this.t('sign_in')}</h2>
      <p part="hint" class="hint">${this.t('unsupported')}</p>`;
  }

  /** The flow failed or is gone: why, and "Start again". @internal */
  failed(text: string) {
    return html`<form part="form" @submit=${this.#again}>
      <h2 part="heading" tabindex="-1">${this.t('failed')}</h2>
      <p part="error" role="alert" id=${`${this.uid}e`} class="er">${text}</p>
      ${this.#submit('start_again')}
    </form>`;
  }

  /** The first answer did not come: there is no step to show yet, only the error. */
  #startError() {
    return html`<form part="form" @submit=${this.#again}>
      <h2 part="heading" tabindex="-1">${this.t('sign_in')}</h2>
      ${this.#errorBlock()}
      ${this.#status ? this.#submit('start_again') : nothing}
    </form>`;
  }

  // -------------------------------------------------------------------------------------------------------
  // Building blocks (for the step modules)
  // -------------------------------------------------------------------------------------------------------

  /** A step form: heading, fields, the error, the submit button (only if the step has a `submit` action). @internal */
  form(heading: string, fields: unknown, submit?: MessageId, after: unknown = nothing) {
    return html`<form part="form" @submit=${this.#onSubmit}>
      <h2 part="heading" tabindex="-1">${heading}</h2>
      ${this.state?.binding ? html`<p part="hint" class="hint">${this.t(`bind_${this.state.binding}`)}</p>` : nothing}
      ${fields} ${this.#errorBlock()}
      ${submit && this.state?.actions.submit ? this.#submit(submit, this.#held()) : nothing} ${after}
      ${this.#anotherWay()}
    </form>`;
  }

  /** The account's other factors that can stand in for this step's ("Use another way"), one button each. */
  #anotherWay() {
    const ways = this.state?.another_way;
    return ways
      ? html`<div part="another-way" class="aw" role="group" aria-labelledby=${`${this.uid}a`}>
          <p part="hint" class="hint" id=${`${this.uid}a`}>${this.t('another_way')}</p>
          ${ways.map((factor) => this.button(`aw_${factor}` as MessageId, () => this.act('another_way', { factor })))}
        </div>`
      : nothing;
  }

  /**
   * A labelled input; its attributes come from the `submit` action's input spec when there is one. With
   * `digits`, a one-time code input: digits only (pasted "123 456" works), submitted once it is complete.
   * A `tel` input is left-to-right, and takes no length limit or pattern from the spec: those are about the
   * number without its spaces, dashes, ... (stripped in #onSubmit). `hint`: the step's hint paragraph
   * (`{uid}h`) describes the input. @internal
   */
  input(s: FlowState, name: string, label: MessageId, type: string, autocomplete: string, digits = 0, hint = false) {
    const spec: InputSpec | undefined = s.actions.submit?.inputs[name];
    const tel = type === 'tel';
    const raw = tel ? undefined : spec;
    const uid = this.uid;
    const id = uid + name;
    const bad = this.#errorField() === name;
    const desc = (hint ? `${uid}h ` : '') + (bad ? `${uid}e ${this.#held() ? `${uid}w` : ''}` : '');
    return html`<div part="field">
      <label part="label" for=${id}>${this.t(label)}</label>
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
    return html`<button type="submit" part="button primary-button" class="pb" ?disabled=${this.busy || disabled}>
      ${this.t(label)}
    </button>`;
  }

  /** A button that runs `onClick`; while `wait` > 0 it is disabled and reads "Resend code in {wait} s". @internal */
  button(label: MessageId, onClick: () => void, primary = false, wait = 0) {
    return html`<button type="button" part=${primary ? 'button primary-button' : 'button secondary-button'}
      class=${primary ? 'pb' : 'sb'} ?disabled=${this.busy || wait > 0} @click=${onClick}>${this.t(
        wait ? 'resend_in' : label,
        { n: wait },
      )}</button>`;
  }

  /**
   * "This code expires in 1:45" (quiet, not announced), then `expired`, announced once by the polite live
   * region; `live` is announced there meanwhile. @internal
   */
  countdown(left: number, valid: MessageId, expired: MessageId, live: unknown = '') {
    return html`<p part="countdown" class=${left ? 'c hint' : ''}><span part="status" aria-live="polite">${
      left ? live : this.t(expired)
    }</span>${left ? this.t(valid, { time: mmss(left) }) : ''}</p>`;
  }

  /** A QR code the server drew (SVG), as a data: image (no fetch; `img-src data:` under a strict CSP). @internal */
  qr(qr: { svg: string; width: number; height: number }, alt: string) {
    return html`<img part="qr" src="data:image/svg+xml,${encodeURIComponent(qr.svg)}"
      width=${qr.width} height=${qr.height} alt=${alt}>`;
  }

  /** A sentence with the (masked) phone number in it, kept left-to-right and on one line. @internal */
  withPhone(id: MessageId, phone: string) {
    const [a, b] = this.t(id).split('{phone}');
    return html`${a}<span part="identity" dir="ltr">${phone}</span>${b}`;
  }

  /**
   * Seconds left before the step's code (QR code, texted code) or its check under way (phone check)
   * expires; else 0. @internal
   */
  left(): number {
    const s = this.state;
    return s && (s.actions.submit || stepOf(s.step)?.running?.(s.step)) ? secs(this.clock.until) : 0;
  }

  /** A wait (retry_after) holds the submit button, unless it is about sending codes (see #showError). */
  #held(): boolean {
    return this.wait > 0 && !this.resendWait;
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

  /**
   * The error, in one `role="alert"` element. It is removed while a request is in flight, so each error
   * is inserted afresh and announced once, even the same one twice. The countdown lives outside it, so
   * its ticking is never announced.
   */
  #errorBlock(): unknown {
    if (!this.error) return nothing;
    return html`<div part="error-box" class="er">
      <p part="error" role="alert" id=${`${this.uid}e`}>${this.#errorText()}</p>
      ${this.#held() ? html`<p part="hint" id=${`${this.uid}w`}>${this.t('retry_in', { n: this.wait })}</p>` : nothing}
      ${this.#status ? nothing : this.button('try_again', () => this.#retry())}
    </div>`;
  }

  #errorText(): string {
    const e = this.error;
    return !e ? '' : this.#status ? (this.m(e.code) ?? e.message) : this.t('network');
  }

  /** The input an error is about: its `field`, or the step's only input for a rejected credential. */
  #errorField(): string | undefined {
    const e = this.error;
    if (!e || !this.#status) return undefined;
    if (e.field) return e.field;
    const names = Object.keys(this.state?.actions.submit?.inputs ?? {});
    // A refused "Resend code" is not about the code typed, nor a refused passkey about the username.
    return names.length === 1 &&
      (this.#status === 401 || this.#status === 429) &&
      !this.resendWait &&
      this.sent()?.action !== 'passkey'
      ? names[0]
      : undefined;
  }

  /**
   * The text of `id` (a string id, an error code or a failure reason): the `messages` property, else the
   * translation registered for `lang` (exact tag, then base language), else `fallback`, else English. @internal
   */
  m(id: string, fallback?: string): string | undefined {
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

  /**
   * The text of `id`, its `{name}` placeholders filled from the fields of `vars`, its counts in the plural
   * form of `lang` (wire/message-format.ts). @internal
   */
  t(id: MessageId, vars?: object): string {
    return format(this.m(id)!, this.lang, vars);
  }

  // -------------------------------------------------------------------------------------------------------
  // Talking to the flow API
  // -------------------------------------------------------------------------------------------------------

  #start(): void {
    this.state = this.error = undefined;
    this.#stop = false;
    this.#endWait();
    this.#quiet();
    this.requestUpdate();
    const { preview, authorizationRequest: ar } = this;
    if (preview) {
      // Shown as an answer would be (no request goes out: see #send); the focus stays where it is (updated).
      this.apply(401, preview);
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
    const spec = this.state?.actions.submit;
    if (!spec || this.busy || this.#held()) return;
    const data = new FormData(e.target as HTMLFormElement);
    const inputs: Record<string, unknown> = {};
    for (const name of Object.keys(spec.inputs)) {
      const v = data.get(name) ?? '';
      // A phone number goes out without the spaces, dashes, dots and parentheses it was typed with.
      inputs[name] = name === 'phone' ? String(v).replace(/[\s().-]/g, '') : v;
    }
    // The very answer just refused as wrong (Enter after a code that sent itself): not sent, not counted again.
    const last = this.sent();
    const same = last?.action === 'submit' && JSON.stringify(last.inputs) === JSON.stringify(inputs);
    if (same && this.error && this.#status === 401) return;
    this.act('submit', inputs);
  }

  /** Sends `action` with its `inputs`, unless a request is in flight. @internal */
  act(action: string, inputs: Record<string, unknown> = {}): void {
    if (this.busy) return;
    this.#send({ method: 'POST', path: '/flow/action', body: { action, inputs } });
  }

  /**
   * The action the last request sent ("submit", "resend", ... and its inputs); undefined when it loaded the
   * flow. @internal
   */
  sent(): ActionRequest | undefined {
    const call = this.#last;
    return call?.path === '/flow/action' ? call.body : undefined;
  }

  #retry(): void {
    if (this.#last && !this.busy) this.#send(this.#last);
  }

  /**
   * "Start again": a new flow for the same authorization request (embedded), or a fresh page (hosted); a
   * preview shows itself again.
   */
  #again(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    if (this.authorizationRequest || this.preview) this.#start();
    else location.reload();
  }

  async #send(call: FlowCall): Promise<void> {
    if (this.preview) return;
    const seq = ++this.seq;
    this.#last = call;
    this.busy = true;
    this.error = undefined;
    this.resent = false;
    this.requestUpdate();
    let answer: Answer | undefined;
    try {
      // The flow of the state shown; before the first answer, the hosted page's (none yet when embedded).
      answer = await callFlow(this.issuer ?? '', this.state?.flow ?? this.flow, call);
    } catch {
      // fetch rejected: the service could not be reached
    }
    if (seq !== this.seq) return; // a newer request (Start again) took over
    this.busy = false;
    this.requestUpdate();
    if (answer) this.apply(answer.status, answer.body);
    else this.#showError({ code: 'server_error', message: this.t('network') }, 0);
  }

  /**
   * Shows an answer. `live`: a state the server reported by itself (event stream, polling) rather than an
   * answer to this element's request: focus moves only when the step changes, and only a flow that is
   * gone is shown of the errors. @internal
   */
  apply(status: number, body: FlowAnswer, live = false): void {
    // A step in a file of its own is shown once that file is here (the step before stays meanwhile).
    const loading = 'step' in body && loadStep(body.step.kind);
    if (loading) {
      const { seq } = this;
      // Busy until then: Enter on the step still shown would send its answer again (a code that sent itself).
      this.busy = true;
      const done = () => {
        if (seq !== this.seq) return false;
        this.busy = false;
        return true;
      };
      loading.then(
        () => done() && this.apply(status, body, live),
        () => done() && this.#showError({ code: 'server_error', message: this.t('network') }, 0),
      );
      return;
    }
    this.requestUpdate();
    if ('step' in body) {
      const prev = this.state;
      const { step } = body;
      const newStep = !prev || prev.flow !== body.flow || prev.step.kind !== step.kind;
      this.state = body;
      this.#stop = false;
      this.#endWait();
      this.error = undefined;
      // Also for the same step again without an error (otp_enroll after "Show a new code").
      if (newStep || !live) this.#focus = 'step';
      this.clock.set(step);
      this.resent = this.sent()?.action === 'resend' && !body.error;
      // What ran in the background for the step left stops; the step entered starts its own.
      if (newStep) {
        this.#quiet();
        this.wa.press = false;
        this.#hook('enter');
      }
      this.#emit('gluu-login-step', { kind: step.kind, state: body });
      if (body.error) this.#showError(body.error, status, !newStep);
      this.#hook('answer');
      if (prev && prev.step.kind !== step.kind) stepOf(prev.step)?.leave?.(this, prev.step, body);
    } else {
      const { error } = body;
      const gone = error.code === 'flow_expired' || error.code === 'flow_not_found';
      if (gone) {
        this.#stop = true;
        this.state = undefined;
        this.#quiet();
        this.#focus = 'step';
      }
      if (gone || !live) this.#showError(error, status, !gone);
    }
  }

  /** Runs the hook of the step shown, if its module has one. */
  #hook(hook: 'enter' | 'answer' | 'resume' | 'tick'): void {
    const s = this.state;
    if (s) stepOf(s.step)?.[hook]?.(this, s, s.step);
  }

  /** Shows `error` (announced once); `focus`: move focus to the input it is about. */
  #showError(error: FlowError, status: number, focus = true): void {
    this.error = error;
    this.#status = status;
    if (focus) this.#focus = 'error';
    this.#endWait();
    // Refused or limited sends (after "Resend code", or a send quota reached on any action) hold "Resend
    // code"; the code already sent can still be typed.
    this.resendWait =
      !!this.state?.actions.resend && (this.sent()?.action === 'resend' || error.code === 'rate_limited');
    this.wait = Math.max(0, Math.ceil(error.retry_after ?? 0));
    if (this.wait > 0) {
      this.#timer = setInterval(() => {
        if (--this.wait <= 0) {
          this.#endWait();
          this.error = undefined;
        }
        this.requestUpdate();
      }, 1000);
    }
    this.requestUpdate();
    this.#emit('gluu-login-error', { error, status });
  }

  /** A failure in this browser (no request was made), shown in the alert region like the server's errors. @internal */
  local(id: MessageId): void {
    this.error = { code: id as ErrorCode, message: '' };
    this.#status = 1;
    this.requestUpdate();
  }

  /** Stops what runs in the background for a step: the WebOTP request, following the flow, a passkey ceremony. */
  #quiet(): void {
    this.otp.read(false);
    this.live.follow(false);
    this.wa.cancel();
  }

  /** A wait (retry_after) is over or replaced: its countdown stops, and what it held comes back. */
  #endWait(): void {
    clearInterval(this.#timer);
    this.wait = 0;
  }

  /** The flow is done: gluu-login-success, then (unless prevented) the browser goes on. @internal */
  async finish(state: FlowState, continueUrl: string): Promise<void> {
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
