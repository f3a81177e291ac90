// Inputs that several methods ask for, declared once so that they look and behave the same everywhere.
import type { ActionSpec } from '../../wire/flow-api.js';
import type { ActionInputs } from '../flow/types.js';
import { FlowApiError } from '../flow/errors.js';

/** The username step (identifier first) of the password and passkey methods. */
export const USERNAME_ACTION: ActionSpec = {
  inputs: {
    username: { type: 'text', required: true, min_length: 1, max_length: 256, autocomplete: 'username webauthn' },
  },
};

/** The login as typed, trimmed; only spaces is refused like an empty input. */
export function typedLogin(inputs: ActionInputs): string {
  const login = inputs.username!.trim();
  if (!login) throw new FlowApiError('invalid_request', 'Enter your username.', 'inputs.username');
  return login;
}

/** A one-time code of `digits` digits, from an app or a text message. */
export function codeAction(digits: number): ActionSpec {
  return {
    inputs: {
      code: {
        type: 'code',
        required: true,
        min_length: digits,
        max_length: digits,
        pattern: `[0-9]{${digits}}`,
        autocomplete: 'one-time-code',
      },
    },
  };
}
