// The enabled authentication methods, by name. Methods never import each other.
import type { Config } from '../config.js';
import type { AuthMethod } from '../flow/types.js';
import type { Factor } from '../../wire/flow-api.js';
import type { Providers } from '../providers/index.js';
import { createPasswordMethod } from './password.js';
import { createOtpMethod } from './otp/method.js';
import { createSmsMethod } from './sms/method.js';
import { createPhoneCheckMethod } from './phonecheck/method.js';
import { createWebauthnSecondFactor } from './webauthn/second-factor.js';
import { createPasskeyMethod } from './webauthn/passwordless.js';

export function createMethods(config: Config, providers: Providers): Map<string, AuthMethod> {
  const methods = new Map<string, AuthMethod>();
  methods.set('password', createPasswordMethod());
  if (config.methods.otp.enabled) methods.set('otp', createOtpMethod(config.methods.otp));
  for (const [name, sender] of providers.sms)
    methods.set(name, createSmsMethod({ name, sender, settings: config.sms }));
  if (providers.phoneCheck) {
    const fallback = config.methods.tru_id.fallback_acr;
    const factor: Factor =
      fallback !== undefined && providers.sms.has(fallback) ? 'sms' : fallback === 'otp' ? 'otp' : 'password';
    methods.set('tru_id', createPhoneCheckMethod(config.methods.tru_id, providers.phoneCheck, config.issuer, factor));
  }
  // Also how an account's passkey is proven before another factor binds, when passkeys are on at all.
  if (config.webauthn.second_factor !== 'off' || config.methods.passkey.enabled)
    methods.set('webauthn', createWebauthnSecondFactor(config));
  if (config.methods.passkey.enabled) methods.set('passkey', createPasskeyMethod(config));
  return methods;
}

/** Every factor the lockout counts (Throttle keys), for an administrator's unlock. */
export const THROTTLED_FACTORS = ['pwd', 'otp', 'sms', 'passkey'];
