// Picks the storage engine named in the configuration.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresRedisStore } from './postgres/index.js';

export async function openStore(config: Config, logger: Logger): Promise<Store> {
  const storage = config.storage;
  switch (storage.driver) {
    case 'sqlite':
      return openSqliteStore(storage.sqlite_path);
    case 'postgres':
      return openPostgresRedisStore(storage, logger);
  }
}

export type * from './types.js';
export { DuplicateError } from './types.js';
export { StoreUnavailableError } from './unavailable.js';
