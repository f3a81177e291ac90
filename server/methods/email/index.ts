// One-time codes by e-mail as a plug-in: the method over the configured mail relay.
import type { AuthMethod } from '../../flow/types.js';
import type { MethodDescriptor } from '../descriptor.js';
import { createEmailMethod } from './method.js';
import { emailOtpSettings } from './settings.js';

export const emailOtpMethod: MethodDescriptor<'email_otp', typeof emailOtpSettings, AuthMethod> = {
  name: 'email_otp',
  settings: emailOtpSettings,
  lockoutFactor: 'email',
  factor: 'email',
  credentialTypes: [],
  enabled: (config) => config.methods.email_otp.enabled,
  create: ({ config, mail }) => {
    // The configuration refuses email_otp without notifications.email.smtp_url (and from).
    if (!mail) throw new Error('email_otp needs a mail relay (notifications.email.smtp_url)');
    return { method: createEmailMethod({ name: 'email_otp', mail, settings: config.methods.email_otp }) };
  },
};
