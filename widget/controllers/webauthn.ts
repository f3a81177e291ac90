// WebAuthn ceremonies (@simplewebauthn/browser; its WebAuthnAbortService keeps one ceremony at a time:
// starting one aborts the one pending, so autofill and the buttons never collide).
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';
import type { ReactiveController } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';

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
    if (this.#on) WebAuthnAbortService.cancelCeremony();
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
  async #run(ceremony: Promise<unknown>, action: string, fail?: (name: string) => void): Promise<void> {
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
      const credential = JSON.stringify(await ceremony);
      if (seq === h.seq) h.act(action, { credential });
    } catch (e) {
      const name = (e as Error).name;
      if (seq === h.seq && name !== 'AbortError') fail?.(name);
    }
  }

  /**
   * The username step's passkey: `modal` for "Sign in with a passkey", else autofill (conditional mediation,
   * once the username input is rendered; its failures are silent: a dismissed autofill is normal). The
   * library's own check for that input uses `document.querySelector`, blind to the shadow root: it is off.
   * A failed modal attempt starts autofill again. After a refused passkey, autofill comes back only after a
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
      startAuthentication({ optionsJSON, useBrowserAutofill: !modal, verifyBrowserAutofillInput: false }),
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
    return step && 'passkey' in step && s.actions.passkey && browserSupportsWebAuthn()
      ? step.passkey?.options
      : undefined;
  }

  /** The webauthn step's ceremony. `auto`: started by itself, so a refusal only asks to press Continue. */
  ceremony(step: Extract<Step, { kind: 'webauthn' }>, auto = false): void {
    const { h } = this;
    const reg = step.mode === 'register';
    if (!browserSupportsWebAuthn() || h.preview) return;
    void this.#run(
      reg
        ? startRegistration({ optionsJSON: step.options as PublicKeyCredentialCreationOptionsJSON })
        : startAuthentication({ optionsJSON: step.options }),
      'submit',
      (name) => {
        if (name !== 'NotAllowedError')
          h.local(reg && name === 'InvalidStateError' ? 'credential_exists' : 'webauthn_failed');
        else if (!auto) h.local('wa_cancel');
        else {
          this.press = true;
          h.requestUpdate();
        }
      },
    );
  }
}
