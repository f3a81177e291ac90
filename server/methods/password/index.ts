// The password method as a plug-in: the first factor of every acr but passkey.
import type { MethodDescriptor } from '../descriptor.js';
import { createPasswordMethod } from './method.js';
import { passwordSettings } from './settings.js';

export const passwordMethod: MethodDescriptor<'password', typeof passwordSettings> = {
  name: 'password',
  settings: passwordSettings,
  lockoutFactor: 'pwd',
  factor: 'password',
  credentialTypes: [],
  enabled: () => true,
  create: ({ config }) => ({ method: createPasswordMethod(config.password_reset.enabled) }),
};
