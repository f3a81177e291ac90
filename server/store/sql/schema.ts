// The account tables (users, credentials, sealed server secrets), as Kysely sees them, shared by SQLite and
// PostgreSQL: one implementation of each store runs on both. Times are milliseconds since the epoch
// (PostgreSQL bigint, read back as numbers). Booleans are written as 0/1: SQLite keeps the integer,
// PostgreSQL's boolean takes 0/1 on input and reads back true/false; records convert with Boolean().
import type { Kysely } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  email: string | null;
  email_key: string | null;
  email_verified: number | boolean;
  phone: string | null;
  phone_verified: number | boolean;
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

export interface SecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface AccountTables {
  users: UsersTable;
  credentials: CredentialsTable;
  secrets: SecretsTable;
}

export type AccountDb = Kysely<AccountTables>;
