// Send and start quotas as lockout policies, so they are counted by the same Throttle (atomically, in the
// store every instance shares) as failed attempts: no second rate limiter.
import type { LockoutPolicy } from '../config.js';
import type { ThrottleKey } from './lockout.js';

export interface Limit {
  max: number;
  window_seconds: number;
}

/**
 * A rolling quota for one sender (a user, a number, an address): `max` pass, then one per window until a
 * quiet window passes. Someone who keeps trying stays slowed down.
 */
export function quota(limit: Limit): LockoutPolicy {
  return {
    free_attempts: limit.max - 1,
    initial_wait_seconds: limit.window_seconds,
    max_wait_seconds: limit.window_seconds,
    max_failures: 0,
    forget_after_seconds: limit.window_seconds,
  };
}

/**
 * A fixed-window budget shared by many senders (everyone, or every user behind one address): `max` pass in
 * each window, and the next window starts afresh. Unlike a quota, sustained legitimate traffic is not held
 * to one per window after a burst. `retryAfterSeconds` is the time left in the current window.
 */
export function budget(name: string, limit: Limit, now: number): { key: ThrottleKey; retryAfterSeconds: number } {
  const windowMs = limit.window_seconds * 1000;
  const window = Math.floor(now / windowMs);
  return {
    key: { key: `${name}:${window}`, policy: quota(limit) },
    retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)),
  };
}
