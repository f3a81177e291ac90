// The answer every method gives when the lockout refuses an attempt, worded once.
import type { Verdict } from '../security/lockout.js';
import type { Transition } from './types.js';

export function lockedRefusal(
  verdict: Extract<Verdict, { allowed: false }>,
  field: string,
  what: 'failed attempts' | 'wrong codes',
): Transition {
  const permanent = verdict.retryAfterSeconds === undefined;
  const subject = what === 'failed attempts' ? 'Too many failed attempts' : 'Too many wrong codes';
  return {
    type: 'refuse',
    error: {
      code: 'locked',
      field,
      message: permanent
        ? `${subject}: sign-in is locked. Contact your administrator.`
        : `${subject}. Wait a moment before trying again.`,
      ...(permanent ? {} : { retry_after: verdict.retryAfterSeconds }),
    },
  };
}
