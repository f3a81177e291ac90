// The one thing the SMS methods ask of a provider: deliver a text to a number, or say clearly why not.
// Twilio and SMPP implement it; methods never see which one they talk to.

export interface SmsMessage {
  /** E.164, e.g. +15551234567. */
  to: string;
  body: string;
}

export interface SmsReceipt {
  /** The provider's id for the message (Twilio "SM…" sid, SMPP message_id). */
  messageId: string;
}

/**
 * Why a send failed, in terms a method can turn into a user message:
 * - invalid_number, not_mobile, unsubscribed, unverified_number, unroutable: about the number;
 * - misconfigured: our credentials or sender are wrong (an administrator must act; users get a generic message);
 * - unavailable: the provider is down, slow, unbound or throttling us (try again later).
 */
export type SmsFailureKind = 'invalid_number' | 'not_mobile' | 'unsubscribed' | 'unverified_number' | 'unroutable' | 'misconfigured' | 'unavailable';

export class SmsSendError extends Error {
  override name = 'SmsSendError';
  constructor(
    readonly kind: SmsFailureKind,
    message: string,
    /** The provider's own code (Twilio error code, SMPP command_status), for logs. */
    readonly providerCode?: number | string,
  ) {
    super(message);
  }
}

export interface ProviderHealth {
  /** ready: can send now; connecting: (re)binding; down: cannot send (see detail). */
  state: 'ready' | 'connecting' | 'down';
  detail?: string;
  /** ISO time of the last state change. */
  since: string;
}

export interface SmsSender {
  /** e.g. "twilio", "smpp". */
  readonly provider: string;
  /** Connects (SMPP binds); resolves after the first attempt whatever its outcome, so a down SMSC does not stop the server. */
  start(): Promise<void>;
  send(message: SmsMessage): Promise<SmsReceipt>;
  health(): ProviderHealth;
  close(): Promise<void>;
}
