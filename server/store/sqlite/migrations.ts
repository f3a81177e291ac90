// Schema migrations, applied in name order at start. Never edit a released migration: add a new one.
import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_key', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text')
        .addColumn('email_key', 'text', (c) => c.unique())
        .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('phone', 'text')
        .addColumn('phone_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('sealed_data', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('last_used_at', 'integer')
        .execute();
      await db.schema.createIndex('credentials_user_type').on('credentials').columns(['user_id', 'type']).execute();

      await db.schema
        .createTable('flows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('ticket_hash', 'text', (c) => c.unique())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('flows_expires_at').on('flows').column('expires_at').execute();

      await db.schema
        .createTable('counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('oidc_artifacts')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('uid', 'text')
        .addColumn('expires_at', 'integer')
        .addColumn('consumed_at', 'integer')
        .addPrimaryKeyConstraint('oidc_artifacts_pk', ['model', 'id'])
        .execute();
      await db.schema.createIndex('oidc_artifacts_grant').on('oidc_artifacts').column('grant_id').execute();
      await db.schema.createIndex('oidc_artifacts_uid').on('oidc_artifacts').columns(['model', 'uid']).execute();
      await db.schema
        .createIndex('oidc_artifacts_user_code')
        .on('oidc_artifacts')
        .columns(['model', 'user_code'])
        .execute();
      await db.schema.createIndex('oidc_artifacts_expires').on('oidc_artifacts').column('expires_at').execute();

      await db.schema
        .createTable('secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['secrets', 'oidc_artifacts', 'counters', 'flows', 'credentials', 'users']) {
        await sql`drop table if exists ${sql.table(table)}`.execute(db);
      }
    },
  },
  '0002_credential_counter': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('credentials')
        .addColumn('counter', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('credentials').dropColumn('counter').execute();
    },
  },
  '0003_counter_expiry': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('counters').addColumn('expires_at', 'integer').execute();
      await db.schema.createIndex('counters_expires_at').on('counters').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('counters_expires_at').execute();
      await db.schema.alterTable('counters').dropColumn('expires_at').execute();
    },
  },
  '0004_flow_links': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('flows').addColumn('link_hash', 'text').execute();
      await db.schema.createIndex('flows_link_hash').on('flows').column('link_hash').unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('flows_link_hash').execute();
      await db.schema.alterTable('flows').dropColumn('link_hash').execute();
    },
  },
  // Artifacts are keyed by the digest of their id from now on (store/artifact-digest.ts): rows keyed by the
  // raw token could no longer be found, and a copy of the file would still hold live tokens. Dropping them
  // ends every provider session and token issued before the upgrade: people sign in again, RPs refresh
  // nothing and start a new authorization.
  '0005_artifacts_keyed_by_digest': {
    async up(db: Kysely<unknown>) {
      await sql`delete from oidc_artifacts`.execute(db);
    },
    async down() {},
  },
  // An account's sessions, for its account page (ArtifactStore.sessionsOf).
  '0006_artifacts_by_account': {
    async up(db: Kysely<unknown>) {
      const accountOf = sql`json_extract(payload, '$.accountId')`;
      await sql`create index oidc_artifacts_account on oidc_artifacts (model, ${accountOf})`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('oidc_artifacts_account').execute();
    },
  },
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
