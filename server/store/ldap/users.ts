// Accounts read from a directory (Gluu Server's by default). The directory stays the authority: people are
// added, disabled and given passwords there; we read the mapped attributes, write only the phone and e-mail
// the sign-in methods verify, and check a password by binding as its entry (never reading or comparing one).
import { randomUUID } from 'node:crypto';
import { Attribute, Change, escapeFilter, type Entry } from 'ldapts';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { NewUser, UserPatch, UserRecord, UserStore } from '../types.js';
import type { DirectoryConnection } from './connection.js';
import type { LdapSettings } from './settings.js';

/** A change the directory's administrators make, not us (an account's password, its creation or deletion). */
export class DirectoryManagedError extends Error {
  override name = 'DirectoryManagedError';
}

/** Every value of `attribute` in `entry`, as strings (ldapts gives one value bare, several as an array). */
export function valuesOf(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
}

/** LDAP's Boolean syntax (RFC 4517 3.3.3) is TRUE / FALSE; older Gluu schemas kept "true" as a string. */
function truthy(values: string[]): boolean {
  return values[0]?.toUpperCase() === 'TRUE';
}

/** E.164 from what a directory may hold ("+1 415 555 2671", "+1-415-555-2671"); undefined when it is not one. */
export function directoryPhone(value: string): string | undefined {
  const compact = value.replace(/[\s().-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return undefined;
  try {
    const parsed = parsePhoneNumberWithError(compact);
    return parsed.isPossible() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

/** Generalized time (RFC 4517 3.3.13), e.g. 20261204031500Z or 20261204031500.123Z, as epoch ms; 0 if unreadable. */
function generalizedTime(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,]\d+)?Z$/.exec(value ?? '');
  if (!m) return 0;
  const [, y, mo, d, h, mi = '0', s = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

export class LdapUserStore implements UserStore {
  private readonly settings: LdapSettings;
  /** The entry each record came from, for the bind that checks its password. */
  private readonly dns = new WeakMap<UserRecord, string>();

  constructor(
    private readonly directory: DirectoryConnection,
    private readonly maxPasswordLength: number,
  ) {
    this.settings = directory.settings;
  }

  /** The attributes read: never userPassword, never the OTP attribute (the credential store reads that). */
  private get readAttributes(): string[] {
    const a = this.settings.attributes;
    const names = [a.id, a.username, ...a.login, a.email, a.email_verified, ...a.phone, a.created];
    // The directory's own times (RFC 4512 operational attributes): creation when `created` is not kept.
    names.push('createTimestamp', 'modifyTimestamp');
    if (a.phone_verified) names.push(a.phone_verified);
    return [...new Set(names)];
  }

  private toRecord(entry: Entry): UserRecord | undefined {
    const a = this.settings.attributes;
    const id = valuesOf(entry, a.id)[0];
    const username = valuesOf(entry, a.username)[0];
    if (!id || !username) return undefined;
    const phone = a.phone.flatMap((name) => valuesOf(entry, name)).map(directoryPhone)[0] ?? null;
    const created =
      generalizedTime(valuesOf(entry, a.created)[0]) || generalizedTime(valuesOf(entry, 'createTimestamp')[0]);
    const record: UserRecord = {
      id,
      username,
      email: valuesOf(entry, a.email)[0] ?? null,
      emailVerified: truthy(valuesOf(entry, a.email_verified)),
      phone,
      phoneVerified: phone !== null && (a.phone_verified === null || truthy(valuesOf(entry, a.phone_verified))),
      passwordHash: null,
      createdAt: created,
      updatedAt: generalizedTime(valuesOf(entry, 'modifyTimestamp')[0]) || created,
    };
    this.dns.set(record, entry.dn);
    return record;
  }

  private async search(filter: string, sizeLimit = 0): Promise<Entry[]> {
    const { searchEntries } = await this.directory.run((client) =>
      client.search(this.settings.base_dn, {
        scope: 'sub',
        filter: `(&${this.settings.user_filter}${filter})`,
        attributes: this.readAttributes,
        sizeLimit,
        paged: sizeLimit === 0 ? { pageSize: 500 } : false,
      }),
    );
    return searchEntries;
  }

  /** The entry of the account whose id is `id` (one search), or undefined. */
  async entryDn(id: string): Promise<string | undefined> {
    const [entry] = await this.search(escapeFilter`(${this.settings.attributes.id}=${id})`, 2);
    return entry?.dn;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const entries = await this.search(escapeFilter`(${this.settings.attributes.id}=${id})`, 2);
    return entries.length === 1 ? this.toRecord(entries[0]!) : undefined;
  }

  /**
   * One search over every login attribute; a match on an earlier attribute wins (the username before the
   * e-mail, as in SQL). Two entries matching on the same attribute name no one: the login is ambiguous.
   */
  async findByLogin(login: string): Promise<UserRecord | undefined> {
    const typed = login.normalize('NFKC').trim();
    if (!typed) return undefined;
    const attributes = this.settings.attributes.login;
    const any = attributes.map((name) => escapeFilter`(${name}=${typed})`).join('');
    const entries = await this.search(`(|${any})`, 10);
    const key = typed.toLowerCase();
    for (const name of attributes) {
      const matching = entries.filter((e) => valuesOf(e, name).some((v) => v.normalize('NFKC').toLowerCase() === key));
      if (matching.length === 1) return this.toRecord(matching[0]!);
      if (matching.length > 1) return undefined;
    }
    return undefined;
  }

  async list(): Promise<UserRecord[]> {
    const records = (await this.search('(objectClass=*)')).flatMap((e) => this.toRecord(e) ?? []);
    return records.sort((x, y) => x.username.toLowerCase().localeCompare(y.username.toLowerCase()));
  }

  /**
   * The password check by bind. An unknown login binds as an entry that does not exist (a random id under the
   * base DN): one connection and one bind either way, and the same "invalid credentials" from the directory.
   * Longer passwords than allowed are refused after the same work, as for SQL accounts.
   */
  async checkPassword(user: UserRecord | undefined, password: string): Promise<boolean> {
    const dn =
      (user && (this.dns.get(user) ?? (await this.entryDn(user.id)))) ??
      `${this.settings.attributes.id}=${randomUUID()},${this.settings.base_dn}`;
    const ok = await this.directory.checkPassword(dn, password);
    return ok && user !== undefined && [...password].length <= this.maxPasswordLength;
  }

  create(_user: NewUser): Promise<UserRecord> {
    return Promise.reject(
      new DirectoryManagedError('accounts live in the directory (users.driver: ldap): add them there'),
    );
  }

  async update(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    if (patch.passwordHash !== undefined)
      throw new DirectoryManagedError('passwords are kept in the directory (users.driver: ldap): change them there');
    const a = this.settings.attributes;
    const replace = (type: string, values: string[]) =>
      new Change({ operation: 'replace', modification: new Attribute({ type, values }) });
    const changes: Change[] = [];
    if (patch.phone !== undefined) {
      // A new number becomes the first mapped attribute's only value; removing one clears every mapped attribute,
      // so no other number takes its place unseen.
      if (patch.phone === null) changes.push(...a.phone.map((name) => replace(name, [])));
      else changes.push(replace(a.phone[0]!, [patch.phone]));
    }
    if (patch.phoneVerified !== undefined && a.phone_verified)
      changes.push(replace(a.phone_verified, patch.phone === null ? [] : [patch.phoneVerified ? 'TRUE' : 'FALSE']));
    if (patch.email !== undefined) changes.push(replace(a.email, patch.email === null ? [] : [patch.email]));
    if (patch.emailVerified !== undefined)
      changes.push(replace(a.email_verified, patch.email === null ? [] : [patch.emailVerified ? 'TRUE' : 'FALSE']));
    const dn = await this.entryDn(id);
    if (!dn) return undefined;
    if (changes.length) await this.directory.run((client) => client.modify(dn, changes));
    return this.findById(id);
  }

  delete(_id: string): Promise<boolean> {
    return Promise.reject(
      new DirectoryManagedError('accounts live in the directory (users.driver: ldap): remove them there'),
    );
  }
}
