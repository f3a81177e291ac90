// Failure counters in Redis, changed by compare-and-set: read, compute the caller's change, write only if
// the stored value is still the one read (a script), else read again. Changes to one key from this
// process are queued first, so the retries are only ever for another instance's concurrent change.
import type { Redis } from 'ioredis';
import type { CounterOps, CounterState, CounterStore } from '../types.js';
import { ttlUntil } from './client.js';

/** Counters outlive their expiry a little: the caller judges expiry with its own clock. */
const GRACE_MS = 3600_000;

// KEYS[1] the counter; ARGV: expected value ('' = absent), new value ('' = delete), ttl ms ('' = none).
const SWAP = `
local cur = redis.call('GET', KEYS[1]) or ''
if cur ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
elseif ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1`;

type Scripted = Redis & { gluuSwapCounter(key: string, expected: string, next: string, ttl: string): Promise<number> };

export class RedisCounterStore implements CounterStore {
  private readonly redis: Scripted;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gluuSwapCounter', { numberOfKeys: 1, lua: SWAP });
    this.redis = redis as Scripted;
  }

  private key(key: string): string {
    return `${this.prefix}counter:${key}`;
  }

  async modify<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T> {
    // The queue holds promises that never reject, so one failed change does not fail the ones after it.
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.swapUntilStored(key, change));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  private async swapUntilStored<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T> {
    const k = this.key(key);
    for (;;) {
      const stored = (await this.redis.get(k)) ?? '';
      const { next, result } = change(stored ? (JSON.parse(stored) as CounterState) : undefined);
      const value = next ? JSON.stringify(next) : '';
      const ttl = next?.expiresAt !== undefined ? String(ttlUntil(next.expiresAt, GRACE_MS)) : '';
      if ((await this.redis.gluuSwapCounter(k, stored, value, ttl)) === 1) return result;
    }
  }

  /** Each change is its own compare-and-set, as outside a batch: Redis has no commit to share. */
  batch<T>(work: (counters: CounterOps) => Promise<T>): Promise<T> {
    return work(this);
  }

  async get(key: string): Promise<CounterState | undefined> {
    const stored = await this.redis.get(this.key(key));
    return stored ? (JSON.parse(stored) as CounterState) : undefined;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.key(k)));
  }

  async deletePrefix(prefix: string): Promise<void> {
    // SCAN's pattern is a glob: the prefix's own glob characters are escaped.
    const pattern = `${this.key(prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  /** Redis expires counters by itself. */
  async purgeExpired(): Promise<number> {
    return 0;
  }
}
