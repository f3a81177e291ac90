// Brings a database's schema up to date at start, or stops the start with the migration that failed.
import { Migrator, type Kysely, type MigratorProps } from 'kysely';

export async function migrateToLatest<DB>(db: Kysely<DB>, options: Omit<MigratorProps, 'db'>): Promise<void> {
  const { error, results } = await new Migrator({ db, ...options }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`);
}
