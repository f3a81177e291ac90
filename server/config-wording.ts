// How the configuration's problems read: zod's own words for the issues our schemas do not word themselves
// ("Invalid input: expected int, received number") become a sentence an operator acts on ("must be a whole
// number, not 3.5"). Messages written in the schemas win over these.
import type { z } from 'zod';

const KINDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
  object: 'a section of settings',
};

/** What was given, as an operator would name it. */
function given(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a section';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return String(input);
}

const listed = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** The configuration's wording of a zod issue; undefined leaves zod's. */
export function configIssueText(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${KINDS[issue.expected] ?? issue.expected}, not ${given(issue.input)}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} here (misspelled?): ${listed(
        issue.keys,
      )}`;
    case 'too_small':
      if (issue.origin === 'string') return `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${listed(issue.values)}, not ${given(issue.input)}`
        : `must be one of ${listed(issue.values)}, not ${given(issue.input)}`;
    default:
      return undefined;
  }
}
