// The flow stores' version-checked saves and one-time tickets, on SQLite and Redis alike. SQLite saves a
// record whose indexed columns (ticket, link, expiry) did not change with a narrower UPDATE, and takes a
// ticket with its flow in one DELETE ... RETURNING: these check that neither path lets a stale save or a
// second redemption through.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, type Db } from '../../server/store/sqlite/database.js';
import { SqliteFlowStore } from '../../server/store/sqlite/flows.js';
import { RedisFlowStore } from '../../server/store/redis/flows.js';
import type { FlowRecord, FlowStore } from '../../server/store/types.js';
import { scratchRedis } from '../helpers/shared-storage.js';
import { acceptsConnections } from '../helpers/ports.js';

const redisUp = process.env.GLUU_REQUIRE_SERVICES === '1' || (await acceptsConnections(6379));

const now = Date.now();
let serial = 0;

function newFlow(): FlowRecord {
  serial += 1;
  return {
    id: `flow-${process.pid}-${serial}`.padEnd(43, 'x'),
    version: 1,
    createdAt: now,
    expiresAt: now + 600_000,
    clientId: 'demo',
    acr: 'password',
    ip: '203.0.113.9',
    methodIndex: 0,
    step: 'username',
    amr: [],
    proven: [],
    methodState: {},
    placement: 'api',
  };
}

const next = (flow: FlowRecord, change: Partial<FlowRecord>): FlowRecord =>
  ({ ...flow, ...change, version: flow.version + 1 }) as FlowRecord;

function behaves(open: () => Promise<{ store: FlowStore; close: () => Promise<void> }>) {
  it('saves only over the version it read, whether or not the ticket or link changed', async () => {
    const { store, close } = await open();
    try {
      const flow = newFlow();
      await store.create(flow);
      const first = next(flow, { step: 'password', login: 'alice' });
      expect(await store.replace(first)).toBe(true);
      // A second save made from the same read (version 1) loses, with and without a new ticket.
      expect(await store.replace(next(flow, { step: 'stale' }))).toBe(false);
      expect(await store.replace(next(flow, { step: 'stale', ticketHash: 't-stale', ticketExpiresAt: now + 1 }))).toBe(
        false,
      );
      expect(await store.get(flow.id)).toEqual(first);
      expect(await store.takeTicket('t-stale')).toBeUndefined();

      const linked = next(first, { linkHash: 'link-1' });
      expect(await store.replace(linked)).toBe(true);
      expect((await store.findByLink('link-1'))?.version).toBe(3);
      const unlinked: FlowRecord = next(linked, { step: 'code' });
      delete unlinked.linkHash;
      expect(await store.replace(unlinked)).toBe(true);
      expect(await store.findByLink('link-1')).toBeUndefined();
      expect(await store.get(flow.id)).toEqual(unlinked);
    } finally {
      await close();
    }
  });

  it('gives a ticket to one taker only, and the flow goes with it', async () => {
    const { store, close } = await open();
    try {
      const flow = newFlow();
      await store.create(flow);
      const done = next(flow, { step: 'done', ticketHash: `ticket-${flow.id}`, ticketExpiresAt: now + 60_000 });
      expect(await store.replace(done)).toBe(true);
      const takers = await Promise.all(Array.from({ length: 5 }, () => store.takeTicket(`ticket-${flow.id}`)));
      expect(takers.filter(Boolean)).toEqual([done]);
      expect(await store.get(flow.id)).toBeUndefined();
      expect(await store.takeTicket(`ticket-${flow.id}`)).toBeUndefined();
      // A save from before the ticket was taken does not bring the flow back.
      expect(await store.replace(next(done, { step: 'again' }))).toBe(false);
      expect(await store.get(flow.id)).toBeUndefined();
    } finally {
      await close();
    }
  });
}

describe('the SQLite flow store', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flow-store-'));
  let db: Db | undefined;
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  behaves(async () => {
    db ??= await openSqlite(path.join(dir, 'flows.db'));
    return { store: new SqliteFlowStore(db), close: async () => undefined };
  });
});

describe.runIf(redisUp)('the Redis flow store', () => {
  behaves(async () => {
    const { redis, prefix, close } = await scratchRedis('flowstore');
    return { store: new RedisFlowStore(redis, prefix), close };
  });
});
