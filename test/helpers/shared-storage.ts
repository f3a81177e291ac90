// The PostgreSQL + Redis variant of the test backends. With GLUU_TEST_STORAGE=postgres (the vitest project
// "postgres" sets it), each backend gets its own PostgreSQL schema and Redis key prefix, named after its
// data directory (so a restart over the same directory finds its data), and both are removed on close.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { ConfigInput } from '../../server/config.js';

export const POSTGRES_URL = process.env.GLUU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.GLUU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function sharedStorageWanted(): boolean {
  return process.env.GLUU_TEST_STORAGE === 'postgres';
}

export interface SharedStorage {
  storage: NonNullable<ConfigInput['storage']>;
  sealKey: string;
  schema: string;
  keyPrefix: string;
  /** Drops the schema and deletes the keys. */
  remove(): Promise<void>;
}

/** Storage names for `dataDir` (stable across restarts over it) and the seal key every instance over it shares. */
export function sharedStorageFor(
  dataDir: string,
  options: { postgresUrl?: string; redisUrl?: string } = {},
): SharedStorage {
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const schema = `t_${id}`;
  const keyPrefix = `t_${id}:`;
  const keyFile = path.join(dataDir, 'test-seal.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return {
    storage: {
      driver: 'postgres',
      postgres: { url: options.postgresUrl ?? POSTGRES_URL, schema, timeout_ms: 1500 },
      redis: { url: options.redisUrl ?? REDIS_URL, key_prefix: keyPrefix, timeout_ms: 1500 },
    },
    sealKey: readFileSync(keyFile, 'utf8').trim(),
    schema,
    keyPrefix,
    remove: () => removeSharedStorage(schema, keyPrefix),
  };
}

export async function removeSharedStorage(schema: string, keyPrefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A Redis connection for one test, under a key prefix of its own; `close` deletes those keys and disconnects. */
export async function scratchRedis(name: string): Promise<{ redis: Redis; prefix: string; close(): Promise<void> }> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `t_${name}_${process.pid}_${randomBytes(4).toString('hex')}:`;
  return {
    redis,
    prefix,
    close: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
