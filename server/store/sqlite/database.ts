// Opens the SQLite file through Kysely and brings its schema up to date.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type SqliteDatabase as KyselySqlite } from 'kysely';
import type { Database } from './schema.js';
import { sqliteMigrations } from './migrations.js';
import { migrateToLatest } from '../sql/migrate.js';

export type Db = Kysely<Database>;

export async function openSqlite(file: string): Promise<Db> {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
    // The directory's 0700 only applies when we create it: the file itself is created owner-only, and
    // SQLite gives its -wal and -shm files the database file's mode.
    closeSync(openSync(file, 'a', 0o600));
  }
  const native = new SqliteDatabase(file);
  // WAL lets the CLI read and write while the server runs; busy_timeout makes the other wait instead of failing.
  native.pragma('journal_mode = WAL');
  native.pragma('busy_timeout = 5000');
  native.pragma('foreign_keys = ON');
  native.pragma('synchronous = NORMAL');
  // Deleted rows (flows, consumed artifacts, the raw-keyed artifacts migration 0005 drops) are overwritten,
  // not left readable in free pages of a copied file.
  native.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  try {
    await migrateToLatest(db, { provider: sqliteMigrations });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/**
 * Kysely prepares every statement anew; preparing costs more than running our small queries, and the
 * provider's adapter runs the same few again and again, so prepared statements are kept by their SQL.
 */
function withStatementCache(native: SqliteDatabase.Database, limit = 512): KyselySqlite {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => native.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = native.prepare(text);
        if (cache.size < limit) cache.set(text, statement);
      }
      return statement;
    },
  };
}

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * A read-modify-write that no other writer (in this process or another) can interleave with:
 * BEGIN IMMEDIATE takes the write lock up front, where a deferred BEGIN could fail on upgrade.
 */
export async function immediateTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await conn.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await work(conn);
      await conn.executeQuery(COMMIT);
      return result;
    } catch (err) {
      await conn.executeQuery(ROLLBACK);
      throw err;
    }
  });
}
