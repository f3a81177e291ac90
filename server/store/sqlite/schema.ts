// Table shapes as Kysely sees them. Times are milliseconds since the epoch; booleans are 0/1.
export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  email: string | null;
  email_key: string | null;
  email_verified: number;
  phone: string | null;
  phone_verified: number;
  password_hash: string | null;
  created_at: number;
  updated_at: number;
}

export interface CredentialsTable {
  id: string;
  user_id: string;
  type: string;
  sealed_data: string;
  metadata: string;
  counter: number;
  created_at: number;
  last_used_at: number | null;
}

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

export interface SecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  credentials: CredentialsTable;
  flows: FlowsTable;
  counters: CountersTable;
  oidc_artifacts: ArtifactsTable;
  secrets: SecretsTable;
}
