// A forgotten password as plug-ins: the e-mail code (`password_reset`) and the new password
// (`password_reset_new`), run in the password step's place when the user asks; no acr of their own.
import type { AuthMethod } from '../../flow/types.js';
import type { MethodDescriptor } from '../descriptor.js';
import { createNewPassword, createPasswordReset, RESET_FACTOR } from './method.js';
import { passwordResetSection } from './settings.js';

type ResetDescriptor<N extends string> = MethodDescriptor<N, undefined, AuthMethod, typeof passwordResetSection>;

export const passwordResetMethod: ResetDescriptor<'password_reset'> = {
  name: 'password_reset',
  settings: undefined,
  lockoutFactor: RESET_FACTOR,
  factor: 'email',
  credentialTypes: [],
  shared: passwordResetSection,
  // The configuration refuses password_reset.enabled without a mail relay.
  enabled: (config) => config.password_reset.enabled,
  create: ({ config, mail }) => ({ method: createPasswordReset(config.password_reset, mail) }),
};

export const newPasswordMethod: ResetDescriptor<'password_reset_new'> = {
  name: 'password_reset_new',
  settings: undefined,
  factor: 'password',
  credentialTypes: [],
  shared: passwordResetSection,
  enabled: (config) => config.password_reset.enabled,
  create: () => ({ method: createNewPassword() }),
};
