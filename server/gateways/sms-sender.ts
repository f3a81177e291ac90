// The one thing the SMS methods ask of a gateway: deliver a text to a number, or say clearly why not.
// Twilio and SMPP implement it; methods never see which one they talk to.
import type { ManagedGateway } from './lifecycle.js';

export interface SmsMessage {
  /** E.164, e.g. +15551234567. */
  to: string;
  body: string;
}

export interface SmsReceipt {
  /** The service's id for the message (Twilio "SM…" sid, SMPP message_id). */
  messageId: string;
}

/**
 * Why a send failed, in terms a method can turn into a user message:
 * - invalid_number, not_mobile, unsubscribed, unverified_number, unroutable: about the number;
 * - misconfigured: our credentials or sender are wrong (an administrator must act; users get a generic message);
 * - unavailable: the service is down, slow, unbound or throttling us (try again later).
 */
export type SmsFailureKind =
  | 'invalid_number'
  | 'not_mobile'
  | 'unsubscribed'
  | 'unverified_number'
  | 'unroutable'
  | 'misconfigured'
  | 'unavailable';

export class SmsSendError extends Error {
  override name = 'SmsSendError';
  constructor(
    readonly kind: SmsFailureKind,
    message: string,
    /** The service's own code (Twilio error code, SMPP command_status), for logs. */
    readonly gatewayCode?: number | string,
  ) {
    super(message);
  }
}

/** start() connects (SMPP binds); health() says whether a send can go out now. */
export interface SmsSender extends ManagedGateway {
  send(message: SmsMessage): Promise<SmsReceipt>;
}
