// The gateways: clients of the outside services the enabled methods talk to (SMS through Twilio or an SMSC,
// tru.ID's PhoneCheck). Each method's descriptor creates its own (server/methods/); the server starts them,
// closes them and reports their health.
import type { ManagedGateway } from './lifecycle.js';
import type { SmsSender } from './sms-sender.js';

export interface Gateways {
  /** SMS senders by acr (twilio_sms, smpp), for the SMS methods and account notices by SMS. */
  sms: Map<string, SmsSender>;
  /** Every gateway by the acr that uses it, for start-up, shutdown and /healthz. */
  byAcr: Map<string, ManagedGateway>;
}
