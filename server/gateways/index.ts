// The gateways: clients of the outside services the enabled methods talk to (SMS through Twilio or an SMSC,
// tru.ID's PhoneCheck). Each method's descriptor creates its own (server/methods/); the server starts them,
// closes them and reports their health.
import type { ManagedGateway } from './lifecycle.js';
import type { SmsSender } from './sms-sender.js';
import type { MailRelay } from './mail-relay.js';

export interface Gateways {
  /** SMS senders by acr (twilio_sms, smpp), for the SMS methods and account notices by SMS. */
  sms: Map<string, SmsSender>;
  /** Every gateway by the acr that uses it, for start-up, shutdown and /healthz. */
  byAcr: Map<string, ManagedGateway>;
  /**
   * The mail relay (notifications.email), when one is configured: e-mail codes go through it; started,
   * closed and reported (`email` in /healthz) like the others.
   */
  mail?: MailRelay;
}

/** Every gateway the server starts, closes and reports: the methods' and the mail relay. */
export function everyGateway(gateways: Gateways): ManagedGateway[] {
  return [...gateways.byAcr.values(), ...(gateways.mail ? [gateways.mail] : [])];
}
