import type { CounterState, CounterStore } from '../types.js';
import type { CountersTable } from './schema.js';
import { sql } from 'kysely';
import { immediateTransaction, type Db } from './database.js';

function toState(row: CountersTable): CounterState {
  return {
    failures: row.failures,
    lockedUntil: row.locked_until,
    lastFailureAt: row.last_failure_at,
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
  };
}

export class SqliteCounterStore implements CounterStore {
  constructor(private readonly db: Db) {}

  async modify<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T> {
    return immediateTransaction(this.db, async (trx) => {
      const row = await trx.selectFrom('counters').selectAll().where('key', '=', key).executeTakeFirst();
      // Expiry is the caller's to judge (with its own clock); the purge only tidies up.
      const current = row && toState(row);
      const { next, result } = change(current);
      if (next === undefined) {
        if (row) await trx.deleteFrom('counters').where('key', '=', key).execute();
      } else {
        const values = {
          failures: next.failures,
          locked_until: next.lockedUntil,
          last_failure_at: next.lastFailureAt,
          expires_at: next.expiresAt ?? null,
        };
        await trx
          .insertInto('counters')
          .values({ key, ...values })
          .onConflict((oc) => oc.column('key').doUpdateSet(values))
          .execute();
      }
      return result;
    });
  }

  async get(key: string): Promise<CounterState | undefined> {
    const row = await this.db.selectFrom('counters').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toState(row);
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('counters').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.deleteFrom('counters').where('key', 'in', keys).execute();
  }

  async deletePrefix(prefix: string): Promise<void> {
    // A comparison of the leading characters, not LIKE: the prefix is data, with no wildcards to escape.
    await this.db.deleteFrom('counters').where(sql<string>`substr(key, 1, ${prefix.length})`, '=', prefix).execute();
  }
}
