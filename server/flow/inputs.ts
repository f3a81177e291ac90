// Checks an action's inputs against the InputSpecs the step declared, so every method gets the same clear
// errors for missing, extra, oversized and mistyped fields, and never sees anything it did not ask for.
import type { ActionSpec } from '../../wire/flow-api.js';
import { FlowApiError } from './errors.js';
import type { ActionInputs } from './types.js';

/** Control characters have no place in any input and break logs and comparisons (PostgreSQL refuses NUL). */
export function hasControlCharacters(value: string): boolean {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}

const NO_INPUTS = ' (this action takes no inputs)';

export function checkInputs(spec: ActionSpec, raw: Record<string, unknown>): ActionInputs {
  for (const name of Object.keys(raw)) {
    if (!(name in spec.inputs)) {
      const allowed = Object.keys(spec.inputs);
      throw new FlowApiError(
        'invalid_request',
        `Unexpected input "${name}"${allowed.length ? ` (expected: ${allowed.join(', ')})` : NO_INPUTS}.`,
        `inputs.${name}`,
      );
    }
  }
  const checked: ActionInputs = {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const value = raw[name];
    const field = `inputs.${name}`;
    if (value === undefined || value === null || value === '') {
      if (input.required) throw new FlowApiError('invalid_request', `The input "${name}" is required.`, field);
      continue;
    }
    if (typeof value !== 'string')
      throw new FlowApiError('invalid_request', `The input "${name}" must be a string.`, field);
    const length = [...value].length;
    if (length > input.max_length)
      throw new FlowApiError(
        'invalid_request',
        `The input "${name}" is too long (at most ${input.max_length} characters).`,
        field,
      );
    if (input.min_length !== undefined && length < input.min_length) {
      throw new FlowApiError(
        'invalid_request',
        `The input "${name}" is too short (at least ${input.min_length} characters).`,
        field,
      );
    }
    if (input.pattern !== undefined && !new RegExp(`^(?:${input.pattern})$`).test(value)) {
      throw new FlowApiError('invalid_request', `The input "${name}" has the wrong format.`, field);
    }
    if (hasControlCharacters(value)) {
      throw new FlowApiError('invalid_request', `The input "${name}" contains control characters.`, field);
    }
    checked[name] = value;
  }
  return checked;
}
