// Picks the storage engine named in the configuration.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresRedisStore } from './postgres/index.js';
import { withDirectoryUsers } from './ldap/index.js';
import type { Sealer } from '../security/seal.js';

export async function openStore(config: Config, logger: Logger, sealer: Sealer): Promise<Store> {
  const storage = config.storage;
  const store =
    storage.driver === 'sqlite'
      ? await openSqliteStore(storage.sqlite_path)
      : await openPostgresRedisStore(storage, logger);
  // Accounts (and their OTP devices) from a directory; the rest stays in the storage.
  if (config.users.driver === 'ldap')
    return withDirectoryUsers(store, config.users.ldap, {
      sealer,
      otp: config.methods.otp,
      maxPasswordLength: config.password.max_length,
    });
  return store;
}

export type * from './types.js';
export { DuplicateError } from './types.js';
export { StoreUnavailableError } from './unavailable.js';
