// The SMS methods as plug-ins: one per gateway (Twilio, SMPP), the same method over either.
import type { AuthMethod } from '../../flow/types.js';
import type { MethodDescriptor } from '../descriptor.js';
import { SmppSender } from '../../gateways/smpp.js';
import { TwilioSender } from '../../gateways/twilio.js';
import { createSmsMethod } from './method.js';
import { smppSmsSettings, smsSection, twilioSmsSettings } from './settings.js';

export const twilioSmsMethod: MethodDescriptor<'twilio_sms', typeof twilioSmsSettings, AuthMethod, typeof smsSection> =
  {
    name: 'twilio_sms',
    settings: twilioSmsSettings,
    lockoutFactor: 'sms',
    factor: 'sms',
    credentialTypes: [],
    shared: smsSection,
    enabled: (config) => config.methods.twilio_sms.enabled,
    create: ({ config, logger }) => {
      const sender = new TwilioSender(config.methods.twilio_sms, logger);
      return {
        method: createSmsMethod({ name: 'twilio_sms', sender, settings: config.sms }),
        gateway: sender,
        smsSender: sender,
      };
    },
  };

export const smppMethod: MethodDescriptor<'smpp', typeof smppSmsSettings, AuthMethod, typeof smsSection> = {
  name: 'smpp',
  settings: smppSmsSettings,
  lockoutFactor: 'sms',
  factor: 'sms',
  credentialTypes: [],
  shared: smsSection,
  enabled: (config) => config.methods.smpp.enabled,
  create: ({ config, logger }) => {
    const sender = new SmppSender(config.methods.smpp, logger);
    return {
      method: createSmsMethod({ name: 'smpp', sender, settings: config.sms }),
      gateway: sender,
      smsSender: sender,
    };
  },
};
