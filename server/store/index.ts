// Picks the storage engine named in the configuration.
import type { Config } from '../config.js';
import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';

export async function openStore(config: Config): Promise<Store> {
  switch (config.storage.driver) {
    case 'sqlite':
      return openSqliteStore(config.storage.sqlite_path);
  }
}

export type * from './types.js';
export { DuplicateError } from './types.js';
