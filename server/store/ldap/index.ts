// `users.driver: ldap`: the accounts and their OTP devices come from a directory; everything else (flows,
// counters, provider artifacts, secrets, and the credentials Gluu has no attribute for) stays in the
// configured storage. /healthz is ready only when both answer.
import type { Store } from '../types.js';
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

export function withDirectoryUsers(base: Store, settings: LdapSettings, options: DirectoryOptions): Store {
  const directory = new DirectoryConnection(settings);
  const users = new LdapUserStore(directory, options.maxPasswordLength);
  return {
    ...base,
    users,
    credentials: new DirectoryCredentialStore(directory, base.credentials, options.sealer, options.otp, (id) =>
      users.entryDn(id),
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
