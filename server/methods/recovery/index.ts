// Recovery codes as plug-ins: `recovery_code` proves the account with one unused code (an acr of its own, so
// the id_token says a code was used), and `recovery_codes` shows a new set once (no acr).
import type { MethodDescriptor } from '../descriptor.js';
import { RECOVERY_CODE_TYPE } from '../../flow/binding.js';
import { createRecoveryCodeMethod, createRecoveryCodesIssue, RECOVERY_FACTOR } from './method.js';
import { recoveryCodeSettings } from './settings.js';

export const recoveryCodeMethod: MethodDescriptor<'recovery_code', typeof recoveryCodeSettings> = {
  name: 'recovery_code',
  settings: recoveryCodeSettings,
  lockoutFactor: RECOVERY_FACTOR,
  factor: 'recovery_code',
  credentialTypes: [RECOVERY_CODE_TYPE],
  enabled: (config) => config.methods.recovery_code.enabled,
  create: () => ({ method: createRecoveryCodeMethod() }),
};

export const recoveryCodesIssue: MethodDescriptor<'recovery_codes', undefined> = {
  name: 'recovery_codes',
  settings: undefined,
  factor: 'recovery_code',
  credentialTypes: [RECOVERY_CODE_TYPE],
  enabled: (config) => config.methods.recovery_code.enabled,
  create: ({ config }) => ({ method: createRecoveryCodesIssue(config.methods.recovery_code) }),
};
