// `gluu-login import ldap`: copies the directory's accounts, phones, e-mail addresses and OTP devices into the
// SQL storage, for a deployment leaving the directory (then `users.driver: sql`). Accounts keep their directory
// id (inum), so tokens' sub, passkeys and recovery codes stay theirs; an OTP device keeps the id it has now,
// its name and (HOTP) its moving factor, so the apps go on working. Running it again changes only what changed
// in the directory since; `--dry-run` reports the same plan and writes nothing.
//
// Passwords are not copied: the directory checks them and never gives them out. After the switch, people set
// one through "Forgot password?" (password_reset) or an administrator's `gluu-login user set-password`.
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { resolveSealKey, Sealer } from '../../security/seal.js';
import { openStore } from '../index.js';
import { DuplicateError, type CredentialRecord, type Store, type UserPatch, type UserRecord } from '../types.js';
import { DirectoryConnection } from './connection.js';
import { DirectoryCredentialStore } from './credentials.js';
import { LdapUserStore } from './users.js';

export type AccountOutcome = 'create' | 'update' | 'unchanged' | 'skip';

export interface ImportedAccount {
  id: string;
  username: string;
  outcome: AccountOutcome;
  /** What changes (update), or why it is skipped. */
  detail?: string;
  /** OTP devices copied now (or to be, in a dry run). */
  devices: number;
}

export interface ImportReport {
  dryRun: boolean;
  accounts: ImportedAccount[];
  totals: Record<AccountOutcome, number> & { devices: number };
}

interface ImportParts {
  directoryUsers: LdapUserStore;
  directoryCredentials: DirectoryCredentialStore;
  sql: Store;
}

const OTP_KINDS = ['totp', 'hotp'];

/** The SQL fields the directory account differs in. */
function patchFor(sqlUser: UserRecord, user: UserRecord): UserPatch {
  const patch: UserPatch = {};
  if (sqlUser.email !== user.email) patch.email = user.email;
  if (sqlUser.emailVerified !== user.emailVerified) patch.emailVerified = user.emailVerified;
  if (sqlUser.phone !== user.phone) patch.phone = user.phone;
  if (sqlUser.phoneVerified !== user.phoneVerified) patch.phoneVerified = user.phoneVerified;
  return patch;
}

/** The account's directory OTP devices that SQL does not hold as such yet (or holds behind the directory). */
async function devicesToCopy(parts: ImportParts, user: UserRecord): Promise<CredentialRecord[]> {
  const devices = await parts.directoryCredentials.listForUser(user.id);
  const copy: CredentialRecord[] = [];
  for (const device of devices.filter((d) => OTP_KINDS.includes(d.type))) {
    const row = await parts.sql.credentials.findById(device.id);
    if (row?.type === device.type && row.counter >= device.counter) continue;
    copy.push(device);
  }
  return copy;
}

/** Writes one device as an SQL credential of its own, in place of its side row (same id, name and counters). */
async function copyDevice(parts: ImportParts, device: CredentialRecord, fingerprint: string): Promise<void> {
  const { credentials } = parts.sql;
  const row = await credentials.findById(device.id);
  if (row?.type === device.type) {
    await credentials.advanceCounter(row.id, row.counter, device.counter, device.lastUsedAt ?? Date.now());
    return;
  }
  if (row) await credentials.remove(device.userId, row.id);
  const { directory: _directory, ...metadata } = device.metadata;
  await credentials.add({
    id: device.id,
    userId: device.userId,
    type: device.type,
    sealedData: device.sealedData,
    metadata: { ...metadata, fingerprint },
    counter: device.counter,
  });
}

async function importAccount(parts: ImportParts, user: UserRecord, dryRun: boolean): Promise<ImportedAccount> {
  const base = { id: user.id, username: user.username };
  let sqlUser = await parts.sql.users.findById(user.id);
  let outcome: AccountOutcome = 'unchanged';
  let detail: string | undefined;
  if (!sqlUser) {
    const holder = await parts.sql.users.findByLogin(user.username);
    if (holder) return { ...base, outcome: 'skip', detail: `the SQL account ${holder.id} has this name`, devices: 0 };
    outcome = 'create';
    if (!dryRun) {
      try {
        sqlUser = await parts.sql.users.create({ id: user.id, username: user.username, passwordHash: null });
      } catch (err) {
        if (!(err instanceof DuplicateError)) throw err;
        return { ...base, outcome: 'skip', detail: `its ${err.field} is an SQL account's`, devices: 0 };
      }
    }
  }
  const patch = sqlUser ? patchFor(sqlUser, user) : {};
  if (Object.keys(patch).length) {
    if (outcome === 'unchanged') {
      outcome = 'update';
      detail = Object.keys(patch).join(', ');
    }
    if (!dryRun) {
      try {
        await parts.sql.users.update(user.id, patch);
      } catch (err) {
        if (!(err instanceof DuplicateError)) throw err;
        // The account is there; only its e-mail address stays behind.
        const { email: _email, emailVerified: _verified, ...rest } = patch;
        await parts.sql.users.update(user.id, rest);
        detail = `${detail ?? 'created'}; e-mail ${user.email} left out: an SQL account has it`;
      }
    }
  }
  const devices = await devicesToCopy(parts, user);
  if (!dryRun) {
    const fingerprints = await parts.directoryCredentials.fingerprints(user.id);
    for (const device of devices) await copyDevice(parts, device, fingerprints.get(device.id)!);
  }
  if (devices.length && outcome === 'unchanged') outcome = 'update';
  return { ...base, outcome, ...(detail ? { detail } : {}), devices: devices.length };
}

export async function importFromDirectory(parts: ImportParts, options: { dryRun: boolean }): Promise<ImportReport> {
  const accounts: ImportedAccount[] = [];
  for (const user of await parts.directoryUsers.list()) accounts.push(await importAccount(parts, user, options.dryRun));
  const totals = { create: 0, update: 0, unchanged: 0, skip: 0, devices: 0 };
  for (const a of accounts) {
    totals[a.outcome]++;
    totals.devices += a.devices;
  }
  return { dryRun: options.dryRun, accounts, totals };
}

/** The report as the CLI prints it. */
export function formatImportReport(report: ImportReport): string {
  const verb = report.dryRun ? 'would' : 'did';
  const lines = report.accounts
    .filter((a) => a.outcome !== 'unchanged')
    .map((a) => {
      const devices = a.devices ? `, ${a.devices} OTP device${a.devices === 1 ? '' : 's'}` : '';
      return `${a.outcome}\t${a.username}\t${a.id}${a.detail ? `\t${a.detail}` : ''}${devices}`;
    });
  const t = report.totals;
  lines.push(
    `${report.dryRun ? 'dry run: nothing written. ' : ''}${report.accounts.length} directory accounts: ` +
      `${verb} create ${t.create}, update ${t.update}, skip ${t.skip}; ${t.unchanged} unchanged; ` +
      `${t.devices} OTP devices copied.`,
    'Passwords are not copied (the directory never gives them out): after switching to users.driver: sql, people ' +
      'set one with "Forgot password?" or an administrator runs gluu-login user set-password.',
  );
  return lines.join('\n');
}

/** Opens the directory and the SQL storage the configuration names, runs the import and closes both. */
export async function runDirectoryImport(
  config: Config,
  logger: Logger,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  if (config.users.driver !== 'ldap')
    throw new Error('import ldap reads the directory that users.ldap configures: set users.driver: ldap');
  const sealer = new Sealer(resolveSealKey(config.seal_key, config.data_dir).key);
  const sql = await openStore({ ...config, users: { driver: 'sql' } }, logger, sealer);
  const directory = new DirectoryConnection(config.users.ldap);
  try {
    const directoryUsers = new LdapUserStore(directory, config.password.max_length);
    const directoryCredentials = new DirectoryCredentialStore(
      directory,
      sql.credentials,
      sealer,
      config.methods.otp,
      (id) => directoryUsers.entryDn(id),
      async () => {
        throw new Error('the import writes no side rows');
      },
    );
    return await importFromDirectory({ directoryUsers, directoryCredentials, sql }, options);
  } finally {
    await directory.close();
    await sql.close();
  }
}
