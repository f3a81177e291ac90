// A login's attempt reserves and refunds several lockout counters at once: CounterStore.batch writes them
// together where the store can (one SQLite transaction). Parallel batches must still count every attempt,
// and a batch that fails part-way must leave nothing half-written on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/store/sqlite/database.js';
import { SqliteCounterStore } from '../../server/store/sqlite/counters.js';
import { RedisCounterStore } from '../../server/store/redis/counters.js';
import type { CounterOps, CounterState, CounterStore } from '../../server/store/types.js';
import { scratchRedis } from '../helpers/shared-storage.js';
import { acceptsConnections } from '../helpers/ports.js';

const redisUp = process.env.GLUU_REQUIRE_SERVICES === '1' || (await acceptsConnections(6379));

const bump = (current: CounterState | undefined) => ({
  next: { failures: (current?.failures ?? 0) + 1, lockedUntil: 0, lastFailureAt: 1, expiresAt: Date.now() + 60_000 },
  result: (current?.failures ?? 0) + 1,
});

async function bumpBoth(counters: CounterOps, keys: [string, string]): Promise<number[]> {
  // A pause between the two, so batches that do not hold the store would interleave here.
  const first = await counters.modify(keys[0], bump);
  await new Promise((resolve) => setImmediate(resolve));
  return [first, await counters.modify(keys[1], bump)];
}

function countsEveryAttempt(open: () => Promise<{ store: CounterStore; close: () => Promise<void> }>) {
  it('counts every attempt of parallel batches on each key', async () => {
    const { store, close } = await open();
    try {
      const keys: [string, string] = ['ip:password:203.0.113.0', 'acct:password:login:abc'];
      const results = await Promise.all(Array.from({ length: 20 }, () => store.batch((c) => bumpBoth(c, keys))));
      expect((await store.get(keys[0]))?.failures).toBe(20);
      expect((await store.get(keys[1]))?.failures).toBe(20);
      // Each batch saw a count of its own on each key: no two read the same value.
      expect(new Set(results.map((r) => r[0])).size).toBe(20);
      expect(new Set(results.map((r) => r[1])).size).toBe(20);
    } finally {
      await close();
    }
  });
}

describe('SQLite counter batches', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'counter-batch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const open = async () => {
    const db = await openSqlite(path.join(dir, `counters-${Math.random().toString(36).slice(2)}.db`));
    return { store: new SqliteCounterStore(db), close: () => db.destroy() };
  };

  countsEveryAttempt(open);

  it('run in one transaction: one that fails part-way writes nothing', async () => {
    const { store, close } = await open();
    try {
      await store.modify('kept', bump);
      const failed = store.batch(async (c) => {
        await c.modify('kept', bump);
        await c.modify('new', bump);
        await c.delete(['kept']);
        throw new Error('the store went away');
      });
      await expect(failed).rejects.toThrow('the store went away');
      expect((await store.get('kept'))?.failures).toBe(1);
      expect(await store.get('new')).toBeUndefined();
      // The store is usable afterwards: the transaction was rolled back, not left open.
      await store.batch((c) => c.modify('new', bump));
      expect((await store.get('new'))?.failures).toBe(1);
    } finally {
      await close();
    }
  });
});

describe.runIf(redisUp)('Redis counter batches', () => {
  countsEveryAttempt(async () => {
    const { redis, prefix, close } = await scratchRedis('counterbatch');
    return { store: new RedisCounterStore(redis, prefix), close };
  });
});
