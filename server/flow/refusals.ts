// The answer every method gives when the lockout refuses an attempt, worded once: `locked` with the wait,
// or `admin_unlock_required` when the key stays locked until an administrator unlocks it.
import type { Verdict } from '../security/lockout.js';
import type { Transition } from './types.js';

export function lockedRefusal(
  verdict: Extract<Verdict, { allowed: false }>,
  field: string | undefined,
  what: 'failed attempts' | 'wrong codes',
): Transition {
  const permanent = verdict.retryAfterSeconds === undefined;
  const subject = what === 'failed attempts' ? 'Too many failed attempts' : 'Too many wrong codes';
  return {
    type: 'refuse',
    error: {
      code: permanent ? 'admin_unlock_required' : 'locked',
      ...(field ? { field } : {}),
      message: permanent
        ? `${subject}: sign-in is locked. Contact your administrator.`
        : `${subject}. Wait a moment before trying again.`,
      ...(permanent ? {} : { retry_after: verdict.retryAfterSeconds }),
    },
  };
}
