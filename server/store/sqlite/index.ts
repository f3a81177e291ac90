import { sql } from 'kysely';
import type { Store } from '../types.js';
import { openSqlite } from './database.js';
import { SqliteUserStore } from './users.js';
import { SqliteCredentialStore } from './credentials.js';
import { SqliteFlowStore } from './flows.js';
import { SqliteCounterStore } from './counters.js';
import { SqliteArtifactStore } from './artifacts.js';
import { SqliteSecretStore } from './secrets.js';

export async function openSqliteStore(file: string): Promise<Store> {
  const db = await openSqlite(file);
  return {
    users: new SqliteUserStore(db),
    credentials: new SqliteCredentialStore(db),
    flows: new SqliteFlowStore(db),
    counters: new SqliteCounterStore(db),
    artifacts: new SqliteArtifactStore(db),
    secrets: new SqliteSecretStore(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
