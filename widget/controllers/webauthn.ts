// WebAuthn ceremonies: navigator.credentials with the JSON the flow API sends and expects (the shapes of
// @simplewebauthn/browser, whose types these are), one ceremony at a time: starting one aborts the one
// pending, so autofill and the buttons never collide.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { ReactiveController } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';

/** The browser has WebAuthn. */
export const supported = () => typeof PublicKeyCredential === 'function';

/** base64url (no padding) of `bytes`. */
function b64(bytes: ArrayBuffer | null): string | undefined {
  if (!bytes) return undefined;
  let s = '';
  for (const c of new Uint8Array(bytes)) s += String.fromCharCode(c);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
}

/** The bytes of base64url `s` (atob takes it without padding). */
const bytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const ids = (list?: PublicKeyCredentialDescriptorJSON[]) => list?.map((d) => ({ ...d, id: bytes(d.id) }));

/** The pending ceremony's controller (of any element: the browser runs one at a time). */
let pending: AbortController | undefined;

/**
 * One ceremony: `create` (registration) or `get` (authentication; `conditional`: autofill, refused where the
 * browser cannot), as the flow API's credential JSON. Rejects with the browser's error (its `name` says why),
 * `AbortError` when a newer ceremony (or `cancel`) took over.
 */
async function ceremony(
  create: boolean,
  options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON,
  conditional?: boolean,
): Promise<object> {
  if (conditional && !(await PublicKeyCredential.isConditionalMediationAvailable?.())) throw Error();
  pending?.abort();
  pending = new AbortController();
  const o = options as PublicKeyCredentialCreationOptionsJSON & PublicKeyCredentialRequestOptionsJSON;
  const publicKey = {
    ...o,
    challenge: bytes(o.challenge),
    ...(create
      ? { user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: ids(o.excludeCredentials) }
      : { allowCredentials: conditional ? [] : ids(o.allowCredentials) }),
  };
  const c = (await navigator.credentials[create ? 'create' : 'get']({
    publicKey,
    signal: pending.signal,
    ...(conditional ? { mediation: 'conditional' } : {}),
  } as CredentialCreationOptions)) as PublicKeyCredential | null;
  if (!c) throw Error();
  const r = c.response as AuthenticatorAttestationResponse & AuthenticatorAssertionResponse;
  return {
    id: c.id,
    rawId: b64(c.rawId),
    type: c.type,
    clientExtensionResults: c.getClientExtensionResults(),
    authenticatorAttachment: c.authenticatorAttachment ?? undefined,
    response: create
      ? {
          attestationObject: b64(r.attestationObject),
          clientDataJSON: b64(r.clientDataJSON),
          transports: r.getTransports?.(),
        }
      : {
          authenticatorData: b64(r.authenticatorData),
          clientDataJSON: b64(r.clientDataJSON),
          signature: b64(r.signature),
          userHandle: b64(r.userHandle),
        },
  };
}

export class WebAuthn implements ReactiveController {
  /** A ceremony was started (and may be pending) since the last `cancel`. */
  #on = false;
  /** Refused passkeys in a row on the username step, for autofill's back-off. */
  #fails = 0;
  /** The ceremony started by itself was refused: "Press Continue to use your passkey." */
  press = false;

  constructor(private h: GluuLogin) {
    h.addController(this);
  }

  /** Aborts the pending ceremony, if this element started one. */
  cancel(): void {
    if (this.#on) pending?.abort();
    this.#on = false;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /**
   * One ceremony: its credential goes to the server as `action` {credential}, unless a request went out (or
   * the flow started again) meanwhile. `fail` gets the name of the error (`NotAllowedError`: cancelled or
   * timed out, ...) unless the ceremony was aborted (by a newer one, or `cancel`); without it, silence.
   */
  async #run(attempt: Promise<unknown>, action: string, fail?: (name: string) => void): Promise<void> {
    const { h } = this;
    const seq = h.seq;
    this.#on = true;
    // An attempt the user sees: the error shown goes meanwhile, so the next one is announced afresh.
    if (fail) {
      h.error = undefined;
      this.press = false;
      h.requestUpdate();
    }
    try {
      const credential = JSON.stringify(await attempt);
      if (seq === h.seq) h.act(action, { credential });
    } catch (e) {
      const name = (e as Error).name;
      if (seq === h.seq && name !== 'AbortError') fail?.(name);
    }
  }

  /**
   * The username step's passkey: `modal` for "Sign in with a passkey", else autofill (conditional mediation,
   * once the username input is rendered; its failures are silent: a dismissed autofill is normal). A failed
   * modal attempt starts autofill again. After a refused passkey, autofill comes back only after a
   * growing delay (1 s, 2 s, 4 s, ... 64 s), and not before the server's retry_after: an authenticator may
   * answer autofill without the user, at once, every time.
   */
  async passkey(modal?: boolean): Promise<void> {
    const { h } = this;
    const seq = h.seq;
    if (!modal) {
      const refused = h.sent()?.action === 'passkey' && h.state?.error;
      this.#fails = refused ? this.#fails + 1 : 0;
      const delay = refused ? Math.max(refused.retry_after ?? 0, 2 ** Math.min(this.#fails - 1, 6)) : 0;
      await new Promise((r) => setTimeout(r, delay * 1000));
      // A request went out meanwhile (the username typed, Start again): its answer arms autofill again.
      if (seq !== h.seq) return;
      await h.updateComplete;
    }
    const optionsJSON = this.options();
    if (!optionsJSON || !h.isConnected || h.preview) return;
    void this.#run(
      ceremony(false, optionsJSON, !modal),
      'passkey',
      modal
        ? (name) => {
            h.local(name === 'NotAllowedError' ? 'pk_cancel' : 'pk_bad');
            void this.passkey();
          }
        : undefined,
    );
  }

  /** The username step's passkey options, when it offers one (`passkey` action) and the browser has WebAuthn. */
  options() {
    const s = this.h.state;
    const step = s?.step;
    return step && 'passkey' in step && s.actions.passkey && supported() ? step.passkey?.options : undefined;
  }

  /** The webauthn step's ceremony. `auto`: started by itself, so a refusal only asks to press Continue. */
  ceremony(step: Extract<Step, { kind: 'webauthn' }>, auto = false): void {
    const { h } = this;
    const reg = step.mode === 'register';
    if (!supported() || h.preview) return;
    void this.#run(ceremony(reg, step.options), 'submit', (name) => {
      if (name !== 'NotAllowedError')
        h.local(reg && name === 'InvalidStateError' ? 'credential_exists' : 'webauthn_failed');
      else if (!auto) h.local('wa_cancel');
      else {
        this.press = true;
        h.requestUpdate();
      }
    });
  }
}
