// Brings a database's schema up to date at start, or stops the start with the migration that failed.
import type { Kysely } from 'kysely';
import { Migrator, type MigratorProps } from 'kysely/migration';

/**
 * Kysely's migrator looks for its tables by introspecting every schema of the database (PostgreSQL: with
 * pg_get_serial_sequence on each table), which fails with "schema ... does not exist" (3F000) or "relation
 * ... does not exist" (42P01) when another deployment's schema is dropped at that moment. Such a failure is
 * about someone else's schema, so the migration is tried again.
 */
const CONCURRENT_DROP = new Set(['3F000', '42P01']);

export async function migrateToLatest<DB>(db: Kysely<DB>, options: Omit<MigratorProps, 'db'>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await new Migrator({ db, ...options }).migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return;
    const code = (error as { code?: unknown } | undefined)?.code;
    if (attempt < 3 && typeof code === 'string' && CONCURRENT_DROP.has(code)) continue;
    const reason = (error as Error | undefined)?.message ?? 'unknown error';
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
