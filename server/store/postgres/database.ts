// Opens a PostgreSQL pool through Kysely, in the configured schema, and brings the schema up to date.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { AccountTables } from '../sql/schema.js';
import { postgresMigrations } from './migrations.js';
import { migrateToLatest } from '../sql/migrate.js';

export interface PostgresOptions {
  url: string;
  schema: string;
  pool_size: number;
  timeout_ms: number;
}

const INT8 = 20;

export async function openPostgres(
  options: PostgresOptions,
  onIdleError: (err: Error) => void,
): Promise<{ db: Kysely<AccountTables>; pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.pool_size,
    connectionTimeoutMillis: options.timeout_ms,
    // A database that stops answering mid-query must not hold the request (and its connection) forever.
    query_timeout: options.timeout_ms,
    statement_timeout: options.timeout_ms,
    options: `-c search_path=${options.schema}`,
    // Times are bigint milliseconds: well inside Number's exact range, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection the server closes (restart, failover, network cut) emits 'error' on its client; with no
  // listener that would crash the process. The pool listens only while a client is idle, so every client
  // gets a listener of its own for when it is checked out (its query fails on its own, and the pool
  // drops the broken client on release).
  pool.on('error', onIdleError);
  pool.on('connect', (client) => client.on('error', onIdleError));
  const db = new Kysely<AccountTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
    // Named explicitly: Kysely looks for its migration tables in every schema otherwise.
    await migrateToLatest(db, { provider: postgresMigrations, migrationTableSchema: options.schema });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, pool };
}
