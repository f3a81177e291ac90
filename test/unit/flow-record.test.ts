// Flow records live minutes, so a deploy can meet records the previous version saved. The placement union
// (server/store/types.ts) keeps the stored JSON as it was: these records, written the way the previous
// version wrote them (a flat record with `placement` and that placement's fields), load through both flow
// stores unchanged, are FlowRecords as they stand, and finish where they did.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/store/sqlite/database.js';
import { SqliteFlowStore } from '../../server/store/sqlite/flows.js';
import { RedisFlowStore } from '../../server/store/redis/flows.js';
import type { FlowRecord, FlowStore } from '../../server/store/types.js';
import { continueUrl, expectedOrigin } from '../../server/flow/placements/index.js';
import { REDIS_URL } from '../helpers/shared-storage.js';
import { acceptsConnections } from '../helpers/ports.js';

const redisUp = process.env.GLUU_REQUIRE_SERVICES === '1' || (await acceptsConnections(6379));
const now = Date.now();
const common = {
  version: 3,
  createdAt: now,
  expiresAt: now + 600_000,
  clientId: 'demo',
  acr: 'otp',
  ip: '203.0.113.9',
  methodIndex: 1,
  step: 'code',
  login: 'alice',
  userId: 'u-1',
  amr: ['pwd'],
  proven: ['password'],
  methodState: { attempts: 1 },
};

/** As the previous version saved them (JSON text), one per placement. */
const previous: Record<string, string> = {
  hosted: JSON.stringify({ ...common, id: 'h'.repeat(43), placement: 'hosted', interactionUid: 'uid-1', lang: 'en' }),
  embedded: JSON.stringify({
    ...common,
    id: 'e'.repeat(43),
    placement: 'embedded',
    authParams: { client_id: 'demo', redirect_uri: 'https://rp.example/cb', response_type: 'code', scope: 'openid' },
    origin: 'https://rp.example',
    linkHash: 'l'.repeat(43),
  }),
  embeddedWithoutOrigin: JSON.stringify({
    ...common,
    id: 'n'.repeat(43),
    placement: 'embedded',
    authParams: { client_id: 'demo', redirect_uri: 'https://rp.example/cb', response_type: 'code', scope: 'openid' },
  }),
  api: JSON.stringify({ ...common, id: 'a'.repeat(43), placement: 'api', chain: ['sms', 'password'] }),
};

// The previous shapes are FlowRecords as they stand (a compile-time check).
const typed = {
  hosted: { ...common, id: 'h', placement: 'hosted', interactionUid: 'uid-1' },
  embedded: { ...common, id: 'e', placement: 'embedded', authParams: {}, origin: 'https://rp.example' },
  embeddedWithoutOrigin: { ...common, id: 'n', placement: 'embedded', authParams: {} },
  api: { ...common, id: 'a', placement: 'api', chain: ['sms', 'password'] },
} satisfies Record<string, FlowRecord>;
void typed;

/** Writes `json` as the previous version's store did, then reads it back through the current one. */
async function roundTrip(write: (json: string, flow: FlowRecord) => Promise<void>, store: FlowStore) {
  for (const json of Object.values(previous)) {
    const flow = JSON.parse(json) as FlowRecord;
    await write(json, flow);
    const loaded = await store.get(flow.id);
    expect(loaded).toEqual(JSON.parse(json));
    if (!loaded) throw new Error(`${flow.id} did not load`);
    // What the engine reads of a placement works on them as on new records.
    const url = continueUrl(loaded, 'https://id.example', 'T');
    const origin = expectedOrigin(loaded, 'https://id.example');
    if (loaded.placement === 'hosted') {
      expect([url, origin]).toEqual(['https://id.example/interaction/uid-1/finish?ticket=T', 'https://id.example']);
    } else if (loaded.placement === 'embedded') {
      expect(url).toMatch(/^https:\/\/id\.example\/auth\?client_id=demo&.*&gluu_ticket=T$/);
      expect(origin).toBe(loaded.id.startsWith('e') ? 'https://rp.example' : undefined);
    } else {
      expect([url, origin]).toEqual(['', undefined]);
    }
    if (flow.linkHash) expect((await store.findByLink(flow.linkHash))?.id).toBe(flow.id);
  }
}

describe('flow records saved by the previous version', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flow-record-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('load from SQLite', async () => {
    const db = await openSqlite(path.join(dir, 'flows.db'));
    try {
      await roundTrip(async (json, flow) => {
        await db
          .insertInto('flows')
          .values({
            id: flow.id,
            version: flow.version,
            data: json,
            ticket_hash: null,
            link_hash: flow.linkHash ?? null,
            expires_at: flow.expiresAt,
          })
          .execute();
      }, new SqliteFlowStore(db));
    } finally {
      await db.destroy();
    }
  });

  it.runIf(redisUp)('load from Redis', async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const prefix = `t_flowrecord_${process.pid}:`;
    try {
      await roundTrip(async (json, flow) => {
        const link = flow.linkHash ?? '';
        await redis.set(`${prefix}flow:${flow.id}`, `${flow.version}||${link}|${json}`, 'PX', 60_000);
        if (link) await redis.set(`${prefix}flow-link:${link}`, flow.id, 'PX', 60_000);
      }, new RedisFlowStore(redis, prefix));
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
