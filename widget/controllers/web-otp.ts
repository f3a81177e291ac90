// WebOTP (Chromium on Android): asks the browser for the code of the text message, fills it in and submits.
// Only an enhancement: failures are ignored.
import type { ReactiveController } from 'lit';
import type { GluuLogin } from '../gluu-login.js';

/** The WebOTP part of `navigator.credentials` (not in TypeScript's DOM types). */
interface OtpCredentials {
  get(options: { otp: { transport: string[] }; signal: AbortSignal }): Promise<{ code?: string } | null>;
}

export class WebOtp implements ReactiveController {
  #ac: AbortController | undefined;

  constructor(private h: GluuLogin) {
    h.addController(this);
  }

  /** Aborts the pending request; `start`: asks for a new one. */
  read(start = true): void {
    const { h } = this;
    this.#ac?.abort();
    this.#ac = undefined;
    if (!start || h.preview || !('OTPCredential' in window)) return;
    const ac = new AbortController();
    this.#ac = ac;
    (navigator.credentials as unknown as OtpCredentials)
      .get({ otp: { transport: ['sms'] }, signal: ac.signal })
      .then(async (c) => {
        await h.updateComplete;
        const input = h.renderRoot.querySelector<HTMLInputElement>('[name=code]');
        if (ac.signal.aborted || !c?.code || !input) return;
        input.value = c.code;
        input.form?.requestSubmit();
      })
      .catch(() => {});
  }

  hostDisconnected(): void {
    this.read(false);
  }
}
