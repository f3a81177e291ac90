// The flow and counter stores run statements compiled once with stand-ins for their values: each call's
// values must land where the builder put them, and a builder that computes with a value (so that its
// stand-in never reaches the statement) must be refused at once rather than run with a wrong value.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type Db } from '../../server/store/sqlite/database.js';
import { compiledOnce } from '../../server/store/sqlite/compiled-once.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'compiled-once-'));
let db: Db;
beforeAll(async () => {
  db = await openSqlite(path.join(dir, 'c.db'));
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('compiledOnce', () => {
  it('runs one statement with each call’s own values, a value used twice included', async () => {
    const store = compiledOnce((d, key: string, failures: number, at: number) =>
      d
        .insertInto('counters')
        .values({ key, failures, locked_until: 0, last_failure_at: at, expires_at: null })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures, last_failure_at: at })),
    );
    const read = compiledOnce((d, key: string) => d.selectFrom('counters').selectAll().where('key', '=', key));
    await store(db, 'a', 1, 10);
    await store(db, 'b', 2, 20);
    await store(db, 'a', 3, 30);
    expect((await read(db, 'a')).rows).toEqual([
      { key: 'a', failures: 3, locked_until: 0, last_failure_at: 30, expires_at: null },
    ]);
    expect((await read(db, 'b')).rows).toEqual([
      { key: 'b', failures: 2, locked_until: 0, last_failure_at: 20, expires_at: null },
    ]);
    expect((await read(db, 'c')).rows).toEqual([]);
  });

  it('refuses a builder that computes with a value instead of passing it on', async () => {
    const wrong = compiledOnce((d, key: string, failures: number) =>
      d
        .updateTable('counters')
        .set({ failures: failures + 1 })
        .where('key', '=', key),
    );
    await expect(wrong(db, 'a', 1)).rejects.toThrow(/a value is not a parameter of: update "counters"/);
    // Not once only: a second call does not run what the first one compiled.
    await expect(wrong(db, 'a', 5)).rejects.toThrow(/a value is not a parameter of/);
    const read = compiledOnce((d, key: string) => d.selectFrom('counters').select('failures').where('key', '=', key));
    expect((await read(db, 'a')).rows).toEqual([{ failures: 3 }]);
  });
});
