// The SMS providers of the enabled SMS methods, by acr.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { SmsSender } from './sms-sender.js';
import { TwilioSender } from './twilio.js';
import { SmppSender } from './smpp.js';

export function createSmsSenders(config: Config, logger: Logger): Map<string, SmsSender> {
  const senders = new Map<string, SmsSender>();
  if (config.methods.twilio_sms.enabled) senders.set('twilio_sms', new TwilioSender(config.methods.twilio_sms, logger));
  if (config.methods.smpp.enabled) senders.set('smpp', new SmppSender(config.methods.smpp, logger));
  return senders;
}
