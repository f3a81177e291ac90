// The WebAuthn methods as plug-ins: passwordless sign-in (acr passkey), and a passkey or security key as a
// second factor, which is no acr of its own (webauthn.second_factor adds it to the password's chain).
import type { AuthMethod } from '../../flow/types.js';
import type { MethodDescriptor } from '../descriptor.js';
import { CREDENTIAL_TYPE } from './ceremonies.js';
import { createPasskeyMethod } from './passwordless.js';
import { createWebauthnSecondFactor } from './second-factor.js';
import { passkeySettings, webauthnSection } from './settings.js';

export const webauthnSecondFactor: MethodDescriptor<'webauthn', undefined, AuthMethod, typeof webauthnSection> = {
  name: 'webauthn',
  settings: undefined,
  factor: 'passkey',
  credentialTypes: [CREDENTIAL_TYPE],
  shared: webauthnSection,
  // Also how an account's passkey is proven before another factor binds, when passkeys are on at all.
  enabled: (config) => config.webauthn.second_factor !== 'off' || config.methods.passkey.enabled,
  create: ({ config }) => ({ method: createWebauthnSecondFactor(config) }),
};

export const passkeyMethod: MethodDescriptor<'passkey', typeof passkeySettings, AuthMethod, typeof webauthnSection> = {
  name: 'passkey',
  settings: passkeySettings,
  lockoutFactor: 'passkey',
  factor: 'passkey',
  credentialTypes: [CREDENTIAL_TYPE],
  shared: webauthnSection,
  enabled: (config) => config.methods.passkey.enabled,
  create: ({ config }) => ({ method: createPasskeyMethod(config) }),
};
