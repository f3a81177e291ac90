// The outside services of the enabled methods: SMS senders (Twilio, SMPP) and the tru.ID client.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ManagedProvider } from './lifecycle.js';
import type { SmsSender } from './sms-sender.js';
import { TwilioSender } from './twilio.js';
import { SmppSender } from './smpp.js';
import { TruIdClient } from './truid.js';

export interface Providers {
  /** SMS senders by acr (twilio_sms, smpp). */
  sms: Map<string, SmsSender>;
  phoneCheck: TruIdClient | undefined;
  /** Every provider by the acr that uses it, for start-up, shutdown and /healthz. */
  byAcr: Map<string, ManagedProvider>;
}

export function createProviders(config: Config, logger: Logger): Providers {
  const sms = new Map<string, SmsSender>();
  if (config.methods.twilio_sms.enabled) sms.set('twilio_sms', new TwilioSender(config.methods.twilio_sms, logger));
  if (config.methods.smpp.enabled) sms.set('smpp', new SmppSender(config.methods.smpp, logger));
  const phoneCheck = config.methods.tru_id.enabled ? new TruIdClient(config.methods.tru_id, logger) : undefined;
  const byAcr = new Map<string, ManagedProvider>(sms);
  if (phoneCheck) byAcr.set('tru_id', phoneCheck);
  return { sms, phoneCheck, byAcr };
}
