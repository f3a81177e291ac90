import { sql } from 'kysely';
import type { Store } from '../types.js';
import { openSqlite } from './database.js';
import { SqlUserStore } from '../sql/users.js';
import { SqlCredentialStore } from '../sql/credentials.js';
import { SqlSecretStore } from '../sql/secrets.js';
import type { AccountDb } from '../sql/schema.js';
import { SqliteFlowStore } from './flows.js';
import { SqliteCounterStore } from './counters.js';
import { SqliteArtifactStore } from './artifacts.js';

export async function openSqliteStore(file: string): Promise<Store> {
  const db = await openSqlite(file);
  // The same database seen through its account tables only (Kysely's types are invariant in the schema).
  const accounts = db as unknown as AccountDb;
  return {
    users: new SqlUserStore(accounts),
    credentials: new SqlCredentialStore(accounts),
    flows: new SqliteFlowStore(db),
    counters: new SqliteCounterStore(db),
    artifacts: new SqliteArtifactStore(db),
    secrets: new SqlSecretStore(accounts),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
