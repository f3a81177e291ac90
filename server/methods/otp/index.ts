// The OTP method as a plug-in: an authenticator app (TOTP or HOTP) after the password.
import type { MethodDescriptor } from '../descriptor.js';
import { createOtpMethod, OTP_CREDENTIAL_TYPES } from './method.js';
import { otpSettings } from './settings.js';

export const otpMethod: MethodDescriptor<'otp', typeof otpSettings> = {
  name: 'otp',
  settings: otpSettings,
  lockoutFactor: 'otp',
  factor: 'otp',
  credentialTypes: OTP_CREDENTIAL_TYPES,
  enabled: (config) => config.methods.otp.enabled,
  create: ({ config }) => ({ method: createOtpMethod(config.methods.otp) }),
};
