// Failure counting with growing waits, per account and factor and per client IP (NIST 800-63B 5.2.2).
// An attempt is counted *before* the credential is checked, atomically in the store, so a burst of
// parallel guesses cannot all slip through before the first failure is recorded; a success forgets it.
import type { Config, LockoutPolicy } from '../config.js';
import type { CounterState, CounterStore } from '../store/types.js';
import { sha256 } from './random.js';
import { rateLimitBucket } from './ip-address.js';

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number | undefined };

export interface ThrottleKey {
  key: string;
  policy: LockoutPolicy;
}

/** The wait after `failures` consecutive failures: none for the free ones, then doubling up to the cap. */
export function waitSeconds(failures: number, policy: LockoutPolicy): number {
  if (failures <= policy.free_attempts) return 0;
  const doublings = Math.min(failures - policy.free_attempts - 1, 30);
  return Math.min(policy.initial_wait_seconds * 2 ** doublings, policy.max_wait_seconds);
}

export function reserveAttempt(current: CounterState | undefined, policy: LockoutPolicy, now: number): { next: CounterState | undefined; result: Verdict } {
  let state = current;
  if (state && policy.forget_after_seconds > 0 && now - state.lastFailureAt > policy.forget_after_seconds * 1000) state = undefined;
  if (state && policy.max_failures > 0 && state.failures >= policy.max_failures) {
    return { next: state, result: { allowed: false, retryAfterSeconds: undefined } };
  }
  if (state && state.lockedUntil > now) {
    return { next: state, result: { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) } };
  }
  const failures = (state?.failures ?? 0) + 1;
  const wait = waitSeconds(failures, policy);
  const lockedUntil = wait ? now + wait * 1000 : 0;
  return { next: { failures, lockedUntil, lastFailureAt: now, ...expiry(policy, now, lockedUntil) }, result: { allowed: true } };
}

/** Keys of policies that forget may be purged once forgotten and no longer locked. */
function expiry(policy: LockoutPolicy, lastFailureAt: number, lockedUntil: number): { expiresAt?: number } {
  return policy.forget_after_seconds > 0 ? { expiresAt: Math.max(lockedUntil, lastFailureAt + policy.forget_after_seconds * 1000) } : {};
}

/** Takes one reserved attempt back; the wait is recomputed for the failures that remain. */
export function refundAttempt(current: CounterState, policy: LockoutPolicy): CounterState | undefined {
  const failures = current.failures - 1;
  if (failures <= 0) return undefined;
  const wait = waitSeconds(failures, policy);
  const lockedUntil = wait ? current.lastFailureAt + wait * 1000 : 0;
  return { failures, lockedUntil, lastFailureAt: current.lastFailureAt, ...expiry(policy, current.lastFailureAt, lockedUntil) };
}

export class Throttle {
  constructor(
    private readonly counters: CounterStore,
    private readonly policies: Config['lockout'],
    private readonly clock: () => number = Date.now,
  ) {}

  /** Keys for one factor: the account (or the typed login, for unknown users, so both behave the same) and the IP. */
  keysFor(factor: string, account: { userId?: string | undefined; login?: string | undefined }, ip: string): { account: ThrottleKey; ip: ThrottleKey } {
    const who = account.userId ? `user:${account.userId}` : `login:${sha256(account.login ?? '')}`;
    return {
      account: { key: `acct:${factor}:${who}`, policy: this.policies.account },
      ip: { key: `ip:${factor}:${rateLimitBucket(ip)}`, policy: this.policies.ip },
    };
  }

  /** Counts one attempt on each key in order; stops at the first key that is locked. */
  async reserve(keys: ThrottleKey[]): Promise<Verdict> {
    for (const { key, policy } of keys) {
      const verdict = await this.counters.modify(key, (current) => reserveAttempt(current, policy, this.clock()));
      if (!verdict.allowed) return verdict;
    }
    return { allowed: true };
  }

  /**
   * A success forgets the account's failures, and takes back only its own reserved attempt from the IP:
   * busy offices behind one address are not locked by their successes, and one good login does not buy
   * an address more guesses.
   */
  async succeeded(accountKey: ThrottleKey, ipKey: ThrottleKey): Promise<void> {
    await this.counters.delete([accountKey.key]);
    await this.counters.modify(ipKey.key, (current) => ({ next: current && refundAttempt(current, ipKey.policy), result: undefined }));
  }

  async failures(key: ThrottleKey): Promise<number> {
    return (await this.counters.get(key.key))?.failures ?? 0;
  }

  /** Admin unlock: forgets the account's failures for the given factors. */
  async unlock(userId: string, factors: string[]): Promise<void> {
    await this.counters.delete(factors.map((f) => `acct:${f}:user:${userId}`));
  }
}
