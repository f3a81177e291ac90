// Failure counting with growing waits, per account and factor and per client IP (NIST 800-63B 5.2.2).
// An attempt is counted *before* the credential is checked, atomically in the store, so a burst of
// parallel guesses cannot all slip through before the first failure is recorded; a success forgets it.
import type { Config, LockoutPolicy } from '../config.js';
import type { CounterOps, CounterState, CounterStore } from '../store/types.js';
import { loginKey } from '../store/identifiers.js';
import { sha256 } from './random.js';
import { networkBucket, rateLimitBucket } from './ip-address.js';

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

export function reserveAttempt(
  current: CounterState | undefined,
  policy: LockoutPolicy,
  now: number,
): { next: CounterState | undefined; result: Verdict } {
  let state = current;
  if (state && policy.forget_after_seconds > 0 && now - state.lastFailureAt > policy.forget_after_seconds * 1000)
    state = undefined;
  if (state && policy.max_failures > 0 && state.failures >= policy.max_failures) {
    return { next: state, result: { allowed: false, retryAfterSeconds: undefined } };
  }
  if (state && state.lockedUntil > now) {
    return { next: state, result: { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) } };
  }
  const failures = (state?.failures ?? 0) + 1;
  const wait = waitSeconds(failures, policy);
  const lockedUntil = wait ? now + wait * 1000 : 0;
  return {
    next: { failures, lockedUntil, lastFailureAt: now, ...expiry(policy, now, lockedUntil, failures) },
    result: { allowed: true },
  };
}

/** How long a counter of a policy that never forgets on its own is kept after its last failure. */
export const UNFORGETFUL_KEEP_MS = 30 * 86_400_000;

/**
 * When a key may be purged: once forgotten and no longer locked. A policy that forgets only on success
 * still lets a counter go after 30 quiet days (counters of logins that name no account have no success
 * to wait for), unless it reached the opt-in permanent lock, which lasts until `user unlock`.
 */
function expiry(
  policy: LockoutPolicy,
  lastFailureAt: number,
  lockedUntil: number,
  failures: number,
): { expiresAt?: number } {
  if (policy.forget_after_seconds > 0)
    return { expiresAt: Math.max(lockedUntil, lastFailureAt + policy.forget_after_seconds * 1000) };
  if (policy.max_failures > 0 && failures >= policy.max_failures) return {};
  return { expiresAt: Math.max(lockedUntil, lastFailureAt + UNFORGETFUL_KEEP_MS) };
}

/** Takes one reserved attempt back; the wait is recomputed for the failures that remain. */
export function refundAttempt(current: CounterState, policy: LockoutPolicy): CounterState | undefined {
  const failures = current.failures - 1;
  if (failures <= 0) return undefined;
  const wait = waitSeconds(failures, policy);
  const lockedUntil = wait ? current.lastFailureAt + wait * 1000 : 0;
  return {
    failures,
    lockedUntil,
    lastFailureAt: current.lastFailureAt,
    ...expiry(policy, current.lastFailureAt, lockedUntil, failures),
  };
}

/**
 * Whose attempts a counter holds (see Throttle.keysFor). A typed login carries the id of the account it
 * names, if any, only to recognise that account's familiar networks.
 */
export type AccountRef =
  | { login: string; userId?: string | undefined }
  | { userId: string }
  | { userId: string; device: string };

/**
 * The keys of one attempt: the account's counter, the address's, and for a typed login the ceiling over all networks.
 */
export interface AttemptKeys {
  account: ThrottleKey;
  ip: ThrottleKey;
  /** A typed login's counter over every network, charged only from networks the account has not signed in from. */
  allNetworks?: ThrottleKey & { userId: string | undefined; network: string };
}

/** The counter name of a typed login: its normalized form, hashed (the store never holds what was typed). */
export function loginCounter(login: string): string {
  return `login:${sha256(loginKey(login))}`;
}

export class Throttle {
  constructor(
    private readonly counters: CounterStore,
    private readonly policies: Config['lockout'],
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Keys for one factor: whose attempts they are, and the client IP.
   * - `login`: a first factor, before anyone is proven. Keyed by the *normalized* typed login (NFKC,
   *   case-folded), for known and unknown logins alike: "VICTIM1", "ｖｉｃｔｉｍ１" and "victim1" share a
   *   counter whether or not the account exists. The username and the e-mail of one account count apart
   *   (an unknown e-mail cannot be tied to an unknown username, so tying them for real accounts would say
   *   which exist). The counter is per network (IPv4 /24, IPv6 /48): a flood from one network leaves the
   *   owner signing in from another. A second counter over all networks (a higher ceiling) caps an
   *   attacker who spreads guesses over many; it is not charged, nor does it refuse, on a network the
   *   account has signed in from before (FamiliarNetworks), nor ever from a trusted device.
   * - `device`: the same, from a browser holding this account's device token: a counter of its own, so an
   *   attacker who knows only the login cannot lock that browser out (OWASP "device cookies").
   * - `userId`: a second factor, after the password proved who it is.
   */
  keysFor(factor: string, account: AccountRef, ip: string): AttemptKeys {
    const address: ThrottleKey = { key: `ip:${factor}:${rateLimitBucket(ip)}`, policy: this.policies.ip };
    if ('device' in account)
      return {
        account: { key: `acct:${factor}:dev:${account.userId}:${account.device}`, policy: this.policies.account },
        ip: address,
      };
    if (!('login' in account))
      return { account: { key: `acct:${factor}:user:${account.userId}`, policy: this.policies.account }, ip: address };
    const login = `acct:${factor}:${loginCounter(account.login)}`;
    const network = networkBucket(ip);
    return {
      // The per-network key starts with the all-networks one, so one prefix deletion forgets both.
      account: { key: `${login}@${network}`, policy: this.policies.account },
      ip: address,
      allNetworks: { key: login, policy: this.allNetworksPolicy(), userId: account.userId, network },
    };
  }

  /** The all-networks ceiling; an opt-in permanent lock of the login applies across networks too. */
  private allNetworksPolicy(): LockoutPolicy {
    const ceiling = this.policies.account_all_networks;
    return ceiling.max_failures > 0 ? ceiling : { ...ceiling, max_failures: this.policies.account.max_failures };
  }

  /** Whether the account has signed in from the network of `ip` in the last `lockout.familiar_network_days`. */
  private async familiar(userId: string | undefined, network: string, counters: CounterOps): Promise<boolean> {
    if (userId === undefined || this.policies.familiar_network_days === 0) return false;
    const seen = await counters.get(familiarKey(userId, network));
    return seen?.expiresAt !== undefined && seen.expiresAt > this.clock();
  }

  /** Remembers a sign-in of the account from `network` (kept in the counter store, with its expiry). */
  private async rememberNetwork(userId: string, network: string, counters: CounterOps): Promise<void> {
    if (this.policies.familiar_network_days === 0) return;
    const now = this.clock();
    const record = {
      failures: 0,
      lockedUntil: 0,
      lastFailureAt: now,
      expiresAt: now + this.policies.familiar_network_days * 86_400_000,
    };
    await counters.modify(familiarKey(userId, network), () => ({ next: record, result: undefined }));
  }

  /**
   * The keys an attempt is counted on, in order: the address, the account's, and the all-networks ceiling
   * unless the network is familiar to the account. A trusted device is counted on its own key only: it is
   * bound to one account and cannot spray guesses over many.
   */
  private async chargedKeys(keys: AttemptKeys, trusted: boolean, counters: CounterOps): Promise<ThrottleKey[]> {
    if (trusted) return [keys.account];
    const ceiling = keys.allNetworks;
    if (!ceiling || (await this.familiar(ceiling.userId, ceiling.network, counters))) return [keys.ip, keys.account];
    return [keys.ip, keys.account, ceiling];
  }

  /**
   * Counts one attempt on the keys `chargedKeys` picks, as one write where the store can (one SQLite commit):
   * the keys charged (for `succeeded` or `refund` to take back), and the verdict.
   */
  async charge(keys: AttemptKeys, trusted: boolean): Promise<{ charged: ThrottleKey[]; verdict: Verdict }> {
    return this.counters.batch(async (counters) => {
      const charged = await this.chargedKeys(keys, trusted, counters);
      return { charged, verdict: await this.reserve(charged, counters) };
    });
  }

  /** Counts one attempt on each key in order; stops at the first key that is locked. */
  async reserve(keys: ThrottleKey[], counters: CounterOps = this.counters): Promise<Verdict> {
    for (const { key, policy } of keys) {
      const verdict = await counters.modify(key, (current) => reserveAttempt(current, policy, this.clock()));
      if (!verdict.allowed) return verdict;
    }
    return { allowed: true };
  }

  /**
   * A success forgets the account's failures, and takes back only its own reserved attempt from the shared
   * counters in `refunds` (the address, the all-networks ceiling): busy offices behind one address are not
   * locked by their successes, and one good login does not buy an address or a login more guesses. A typed
   * login's network (`network`) becomes familiar to the account it proved. One write where the store can.
   */
  async succeeded(
    accountKey: ThrottleKey,
    refunds: ThrottleKey[],
    network?: { userId: string; network: string },
  ): Promise<void> {
    await this.counters.batch(async (counters) => {
      await counters.delete([accountKey.key]);
      for (const key of refunds) await this.refund(key, counters);
      if (network) await this.rememberNetwork(network.userId, network.network, counters);
    });
  }

  /** Takes back one reserved attempt of `key` (the wait shrinks with it). */
  async refund(key: ThrottleKey, counters: CounterOps = this.counters): Promise<void> {
    await counters.modify(key.key, (current) => ({
      next: current && refundAttempt(current, key.policy),
      result: undefined,
    }));
  }

  async failures(key: ThrottleKey): Promise<number> {
    return (await this.counters.get(key.key))?.failures ?? 0;
  }

  /**
   * Admin unlock: forgets the account's failures for the given factors: by user id, on each of its trusted
   * devices, and for each of its logins on every network and over all of them.
   */
  async unlock(user: { id: string; username: string; email: string | null }, factors: string[]): Promise<void> {
    const logins = [user.username, ...(user.email ? [user.email] : [])].map(loginCounter);
    await this.counters.delete(factors.map((f) => `acct:${f}:user:${user.id}`));
    for (const prefix of factors.flatMap((f) => [
      `acct:${f}:dev:${user.id}:`,
      ...logins.map((who) => `acct:${f}:${who}`),
    ]))
      await this.counters.deletePrefix(prefix);
  }
}

const familiarKey = (userId: string, network: string) => `net:${userId}@${network}`;
