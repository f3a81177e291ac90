// The scaled-out store: PostgreSQL holds what must last (users, credentials, sealed signing keys), Redis
// what is short-lived and hot (flows, provider artifacts, counters, all with expiries). Both are shared by
// every instance; a service that cannot be reached makes requests fail with StoreUnavailableError.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Store } from '../types.js';
import { SqlUserStore } from '../sql/users.js';
import { SqlCredentialStore } from '../sql/credentials.js';
import { SqlSecretStore } from '../sql/secrets.js';
import { asUnavailable, reportingUnavailable } from '../unavailable.js';
import { openPostgres, type PostgresOptions } from './database.js';
import { openRedis, type RedisOptions } from '../redis/client.js';
import { RedisFlowStore } from '../redis/flows.js';
import { RedisCounterStore } from '../redis/counters.js';
import { RedisArtifactStore } from '../redis/artifacts.js';

export async function openPostgresRedisStore(
  options: { postgres: PostgresOptions; redis: RedisOptions },
  logger: Logger,
): Promise<Store> {
  // Connection errors repeat every retry while a service is down: one warning per outage, not a flood.
  const quiet = { postgres: false, redis: false };
  const warnOnce = (service: 'postgres' | 'redis') => (err: Error) => {
    if (quiet[service]) return;
    quiet[service] = true;
    logger.warn(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      `${service}: connection lost; reconnecting`,
    );
  };
  const redis = await openRedis(options.redis, warnOnce('redis'));
  let closing = false;
  // A clean stop of Redis closes the connection without an error event.
  redis.on('close', () => {
    if (!closing) warnOnce('redis')(new Error('connection closed'));
  });
  redis.on('ready', () => {
    if (quiet.redis) logger.info('redis: connected again');
    quiet.redis = false;
  });
  let pg: Awaited<ReturnType<typeof openPostgres>>;
  try {
    pg = await openPostgres(options.postgres, warnOnce('postgres'));
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const { db } = pg;
  pg.pool.on('connect', () => {
    quiet.postgres = false;
  });
  const prefix = options.redis.key_prefix;
  return {
    users: reportingUnavailable(new SqlUserStore(db), 'postgres'),
    credentials: reportingUnavailable(new SqlCredentialStore(db), 'postgres'),
    secrets: reportingUnavailable(new SqlSecretStore(db), 'postgres'),
    flows: reportingUnavailable(new RedisFlowStore(redis, prefix), 'redis'),
    counters: reportingUnavailable(new RedisCounterStore(redis, prefix), 'redis'),
    artifacts: reportingUnavailable(new RedisArtifactStore(redis, prefix), 'redis'),
    ping: async () => {
      await Promise.all([
        sql`select 1`.execute(db).catch((err: unknown) => Promise.reject(asUnavailable(err, 'postgres'))),
        redis.ping().catch((err: unknown) => Promise.reject(asUnavailable(err, 'redis'))),
      ]);
    },
    close: async () => {
      closing = true;
      redis.disconnect();
      await db.destroy();
    },
  };
}
