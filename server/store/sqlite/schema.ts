// Table shapes as Kysely sees them: the account tables (../sql/schema.ts) and the ones that only SQLite
// holds (Redis holds them in the PostgreSQL deployment). Times are milliseconds since the epoch.
import type { AccountTables } from '../sql/schema.js';

export interface FlowsTable {
  id: string;
  version: number;
  data: string;
  ticket_hash: string | null;
  link_hash: string | null;
  expires_at: number;
}

export interface CountersTable {
  key: string;
  failures: number;
  locked_until: number;
  last_failure_at: number;
  expires_at: number | null;
}

export interface ArtifactsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

export interface Database extends AccountTables {
  flows: FlowsTable;
  counters: CountersTable;
  oidc_artifacts: ArtifactsTable;
}
