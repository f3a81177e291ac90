// The step's countdowns: when the QR code, texted code or phone check expires (`expires_in`) and when
// "Resend code" comes back (`resend_in`). While one runs, the host renders again every second.
import type { ReactiveController } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';

/** "1:45": a countdown's seconds as the step shows them. */
export const mmss = (s: number) => `${(s / 60) | 0}:${String(s % 60).padStart(2, '0')}`;

/** Seconds until `at` (ms since the epoch), at least 0. */
export const secs = (at: number) => Math.max(0, Math.round((at - Date.now()) / 1000));

export class Countdown implements ReactiveController {
  /** When the step's code expires (ms since the epoch; 0: it does not). */
  until = 0;
  /** When "Resend code" comes back (ms since the epoch). */
  resendAt = 0;
  #tick: ReturnType<typeof setTimeout> | undefined;

  /** `tick`: what runs after each second's render (focus fixes, the phone check's end). */
  constructor(
    private h: GluuLogin,
    private tick: () => void,
  ) {
    h.addController(this);
  }

  /** Starts the countdowns of a step just answered. */
  set(step: Step): void {
    this.until = 'expires_in' in step ? Date.now() + step.expires_in * 1000 : 0;
    this.resendAt = 'resend_in' in step ? Date.now() + step.resend_in * 1000 : 0;
  }

  hostUpdated(): void {
    clearTimeout(this.#tick);
    if (this.h.left() || secs(this.resendAt)) this.#tick = setTimeout(this.tick, 1000);
  }

  hostDisconnected(): void {
    clearTimeout(this.#tick);
  }
}
