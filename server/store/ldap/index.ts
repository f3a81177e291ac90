// `users.driver: ldap`: the accounts and their OTP devices come from a directory; everything else (flows,
// counters, provider artifacts, secrets, and the credentials Gluu has no attribute for) stays in the
// configured storage. /healthz is ready only when both answer.
import { DuplicateError, type Store, type UserStore } from '../types.js';
import type { Sealer } from '../../security/seal.js';
import { DirectoryConnection } from './connection.js';
import { DirectoryCredentialStore, type OtpCodeSettings } from './credentials.js';
import type { LdapSettings } from './settings.js';
import { LdapUserStore } from './users.js';

export interface DirectoryOptions {
  sealer: Sealer;
  otp: OtpCodeSettings;
  maxPasswordLength: number;
}

/**
 * The users-table row a directory account's SQL credentials reference (same id, no password): named by its
 * uid, or "directory:<inum>" where an SQL account already has that name.
 */
function anchorIn(sqlUsers: UserStore, directoryUsers: UserStore) {
  return async (id: string): Promise<void> => {
    if (await sqlUsers.findById(id)) return;
    const user = await directoryUsers.findById(id);
    if (!user) throw new Error(`no directory account ${id}`);
    for (const username of [user.username, `directory:${id}`]) {
      try {
        await sqlUsers.create({ id, username, passwordHash: null });
        return;
      } catch (err) {
        // Another request anchored it first, or the name is an SQL account's: try the next name.
        if (await sqlUsers.findById(id)) return;
        if (!(err instanceof DuplicateError)) throw err;
      }
    }
  };
}

export function withDirectoryUsers(base: Store, settings: LdapSettings, options: DirectoryOptions): Store {
  const directory = new DirectoryConnection(settings);
  const users = new LdapUserStore(directory, options.maxPasswordLength);
  return {
    ...base,
    users,
    credentials: new DirectoryCredentialStore(
      directory,
      base.credentials,
      options.sealer,
      options.otp,
      (id) => users.entryDn(id),
      anchorIn(base.users, users),
    ),
    ping: async () => {
      await Promise.all([base.ping(), directory.ping()]);
    },
    close: async () => {
      await directory.close();
      await base.close();
    },
  };
}

export { DirectoryManagedError } from './users.js';
