import type { CounterOps, CounterState, CounterStore } from '../types.js';
import type { CountersTable, Database } from './schema.js';
import { sql, type Kysely } from 'kysely';
import { immediateTransaction, type Db } from './database.js';
import { compiledOnce } from './compiled-once.js';

function toState(row: CountersTable): CounterState {
  return {
    failures: row.failures,
    lockedUntil: row.locked_until,
    lastFailureAt: row.last_failure_at,
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
  };
}

const counterByKey = compiledOnce((db, key: string) => db.selectFrom('counters').selectAll().where('key', '=', key));
const deleteCounter = compiledOnce((db, key: string) => db.deleteFrom('counters').where('key', '=', key));
const storeCounter = compiledOnce(
  (db, key: string, failures: number, lockedUntil: number, lastFailureAt: number, expiresAt: number | null) => {
    const values = { failures, locked_until: lockedUntil, last_failure_at: lastFailureAt, expires_at: expiresAt };
    return db
      .insertInto('counters')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values));
  },
);

/** The counter operations on one connection, inside a transaction the caller holds. */
class CounterRows implements CounterOps {
  constructor(private readonly db: Kysely<Database>) {}

  async modify<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T> {
    const [row] = (await counterByKey(this.db, key)).rows;
    // Expiry is the caller's to judge (with its own clock); the purge only tidies up.
    const current = row && toState(row);
    const { next, result } = change(current);
    if (next === undefined) {
      if (row) await deleteCounter(this.db, key);
    } else {
      await storeCounter(this.db, key, next.failures, next.lockedUntil, next.lastFailureAt, next.expiresAt ?? null);
    }
    return result;
  }

  async get(key: string): Promise<CounterState | undefined> {
    const [row] = (await counterByKey(this.db, key)).rows;
    return row && toState(row);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 1) await deleteCounter(this.db, keys[0]!);
    else if (keys.length) await this.db.deleteFrom('counters').where('key', 'in', keys).execute();
  }
}

export class SqliteCounterStore implements CounterStore {
  private readonly rows: CounterRows;

  constructor(private readonly db: Db) {
    this.rows = new CounterRows(db);
  }

  modify<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T> {
    return immediateTransaction(this.db, (trx) => new CounterRows(trx).modify(key, change));
  }

  /** One transaction, so one commit: each commit writes the WAL, and a login's attempt changes several keys. */
  batch<T>(work: (counters: CounterOps) => Promise<T>): Promise<T> {
    return immediateTransaction(this.db, (trx) => work(new CounterRows(trx)));
  }

  get(key: string): Promise<CounterState | undefined> {
    return this.rows.get(key);
  }

  delete(keys: string[]): Promise<void> {
    return this.rows.delete(keys);
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('counters').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deletePrefix(prefix: string): Promise<void> {
    // A comparison of the leading characters, not LIKE: the prefix is data, with no wildcards to escape.
    await this.db.deleteFrom('counters').where(sql<string>`substr(key, 1, ${prefix.length})`, '=', prefix).execute();
  }
}
