import type { CounterState, CounterStore } from '../types.js';
import { immediateTransaction, type Db } from './database.js';

export class SqliteCounterStore implements CounterStore {
  constructor(private readonly db: Db) {}

  async modify<T>(key: string, change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T }): Promise<T> {
    return immediateTransaction(this.db, async (trx) => {
      const row = await trx.selectFrom('counters').selectAll().where('key', '=', key).executeTakeFirst();
      const current = row && { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
      const { next, result } = change(current);
      if (next === undefined) {
        if (row) await trx.deleteFrom('counters').where('key', '=', key).execute();
      } else {
        const values = { failures: next.failures, locked_until: next.lockedUntil, last_failure_at: next.lastFailureAt };
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
    return row && { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at };
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db.deleteFrom('counters').where('key', 'in', keys).execute();
  }
}
