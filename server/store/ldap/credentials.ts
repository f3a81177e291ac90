// Credentials of directory accounts. OTP devices live where Gluu's OTP script keeps them, in the entry's
// oxExternalUid values (otp-values.ts), so a device enrolled in either system works in the other; every other
// credential (passkeys, recovery codes, ...) stays in SQL under the account's directory id (inum).
//
// What Gluu's value has no room for is kept in SQL beside it, in a "directory-otp" row per device named by a
// fingerprint of its key (an HMAC, so the row says nothing of the key): the id a device enrolled here was given,
// its name, and for TOTP the last time step accepted (never accepted again). A device enrolled by Gluu has no
// row until its first use; its id is then "ldap-<fingerprint>.<inum>".
//
// SQL rows of a directory account hang off an "anchor" row in the users table with the same id (credentials
// reference users there): made on the account's first SQL credential, never used to sign in (the directory
// answers every login), and taken over by `gluu-login import ldap`.
//
// The HOTP moving factor is the value itself: it is moved forward by one modify that deletes the old value and
// adds the new one. If another login moved it first, the old value is gone, the directory refuses the whole
// modify (noSuchAttribute), and that login's code is refused: of two logins racing with one code, one passes.
import { createHmac } from 'node:crypto';
import { Attribute, Change, escapeFilter, ResultCodeError } from 'ldapts';
import type { CredentialRecord, CredentialStore } from '../types.js';
import type { Sealer } from '../../security/seal.js';
import type { DirectoryConnection } from './connection.js';
import { formatOtpValue, fromBase32, parseOtpValue, toBase32, type OtpKind, type OtpValue } from './otp-values.js';
import { valuesOf } from './users.js';

/** The SQL rows that complete a directory OTP device; never listed as credentials. */
const SIDE_ROW = 'directory-otp';
const KINDS: readonly string[] = ['totp', 'hotp'];
const DERIVED_ID = /^ldap-([A-Za-z0-9_-]{22})\.(.+)$/;

/** How the OTP method makes codes with a device it did not enroll (Gluu's are made with its one configuration). */
export interface OtpCodeSettings {
  totp: { digits: number; hmacShaAlgorithm: string; timeStep: number };
  hotp: { digits: number; hmacShaAlgorithm: string };
}

interface DirectoryDevice {
  /** The value as the directory holds it (deleted by exactly this text). */
  text: string;
  value: OtpValue;
  fingerprint: string;
  side: CredentialRecord | undefined;
}

interface SideMetadata {
  fingerprint: string;
  device?: string;
  name?: string;
}

const sideOf = (record: CredentialRecord) => record.metadata as unknown as SideMetadata;

/** Result codes of a modify whose old value is gone (16) or whose new value is already there (20). */
function lostRace(err: unknown): boolean {
  return err instanceof ResultCodeError && (err.code === 16 || err.code === 20);
}

export class DirectoryCredentialStore implements CredentialStore {
  private readonly fingerprintKey: Buffer;

  constructor(
    private readonly directory: DirectoryConnection,
    private readonly sql: CredentialStore,
    private readonly sealer: Sealer,
    private readonly otp: OtpCodeSettings,
    /** The entry of the account with this id. */
    private readonly entryDn: (userId: string) => Promise<string | undefined>,
    /** Makes sure the users table has the account's anchor row (before any SQL credential of it). */
    private readonly anchor: (userId: string) => Promise<void>,
  ) {
    this.fingerprintKey = sealer.derive('directory otp device');
  }

  private fingerprint(userId: string, value: OtpValue): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(`${userId}\u0000${value.kind}\u0000${value.key.toString('base64url')}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  private get attribute(): string {
    return this.directory.settings.attributes.otp;
  }

  /** The account's OTP devices in the directory, each with its SQL side row if it has one. */
  private async devices(userId: string): Promise<{ dn: string; devices: DirectoryDevice[] } | undefined> {
    const { settings } = this.directory;
    const { searchEntries } = await this.directory.run((client) =>
      client.search(settings.base_dn, {
        scope: 'sub',
        filter: `(&${settings.user_filter}${escapeFilter`(${settings.attributes.id}=${userId})`})`,
        attributes: [this.attribute],
        sizeLimit: 2,
      }),
    );
    if (searchEntries.length !== 1) return undefined;
    const entry = searchEntries[0]!;
    // A device's SQL row: its side row, or the row `gluu-login import ldap` made of it (which carries on as one).
    const sides = (await this.sql.listForUser(userId)).filter(
      (r) => (r.type === SIDE_ROW || KINDS.includes(r.type)) && typeof r.metadata.fingerprint === 'string',
    );
    const devices = valuesOf(entry, this.attribute).flatMap((text): DirectoryDevice[] => {
      const value = parseOtpValue(text);
      if (!value) return [];
      const fingerprint = this.fingerprint(userId, value);
      return [{ text, value, fingerprint, side: sides.find((s) => sideOf(s).fingerprint === fingerprint) }];
    });
    return { dn: entry.dn, devices };
  }

  /** Each directory device's id and key fingerprint (the import keeps both). */
  async fingerprints(userId: string): Promise<Map<string, string>> {
    const found = await this.devices(userId);
    return new Map((found?.devices ?? []).map((d) => [this.idOf(userId, d), d.fingerprint]));
  }

  private idOf(userId: string, device: DirectoryDevice): string {
    return device.side?.id ?? `ldap-${device.fingerprint}.${userId}`;
  }

  private toRecord(userId: string, device: DirectoryDevice, index: number): CredentialRecord {
    const id = this.idOf(userId, device);
    const { kind, key, movingFactor } = device.value;
    const made = kind === 'totp' ? this.otp.totp : this.otp.hotp;
    const side = device.side && sideOf(device.side);
    return {
      id,
      userId,
      type: kind,
      sealedData: this.sealer.seal(JSON.stringify({ secret: toBase32(key) }), `credential:${id}`),
      metadata: {
        algorithm: made.hmacShaAlgorithm,
        digits: made.digits,
        ...(kind === 'totp' ? { period: this.otp.totp.timeStep } : {}),
        device: side?.device ?? `Authenticator ${index + 1}`,
        ...(side?.name ? { name: side.name } : {}),
        directory: true,
      },
      counter: kind === 'hotp' ? movingFactor : (device.side?.counter ?? 0),
      createdAt: device.side?.createdAt ?? 0,
      lastUsedAt: device.side?.lastUsedAt ?? null,
    };
  }

  /** The directory device `id` names, with the account it belongs to; undefined when it names none. */
  private async findDevice(
    id: string,
    userId?: string,
  ): Promise<{ userId: string; dn: string; device: DirectoryDevice; all: DirectoryDevice[] } | undefined> {
    const derived = DERIVED_ID.exec(id);
    let owner = derived?.[2];
    let fingerprint = derived?.[1];
    if (!derived) {
      const side = await this.sql.findById(id);
      if (!side || !(side.type === SIDE_ROW || KINDS.includes(side.type)) || !sideOf(side).fingerprint)
        return undefined;
      owner = side.userId;
      fingerprint = sideOf(side).fingerprint;
    }
    if (owner === undefined || (userId !== undefined && owner !== userId)) return undefined;
    const found = await this.devices(owner);
    const device = found?.devices.find((d) => d.fingerprint === fingerprint && this.idOf(owner, d) === id);
    return found && device && { userId: owner, dn: found.dn, device, all: found.devices };
  }

  private async sqlAdd(credential: Omit<CredentialRecord, 'createdAt' | 'lastUsedAt'>): Promise<CredentialRecord> {
    await this.anchor(credential.userId);
    return this.sql.add(credential);
  }

  async add(credential: Omit<CredentialRecord, 'createdAt' | 'lastUsedAt'>): Promise<CredentialRecord> {
    if (!KINDS.includes(credential.type)) return this.sqlAdd(credential);
    const { secret } = JSON.parse(this.sealer.open(credential.sealedData, `credential:${credential.id}`)) as {
      secret: string;
    };
    const value: OtpValue = {
      kind: credential.type as OtpKind,
      key: fromBase32(secret),
      movingFactor: credential.type === 'hotp' ? credential.counter : 0,
    };
    const dn = await this.entryDn(credential.userId);
    if (!dn) throw new Error(`no directory entry for account ${credential.userId}`);
    const text = formatOtpValue(value);
    const change = (operation: 'add' | 'delete') =>
      new Change({ operation, modification: new Attribute({ type: this.attribute, values: [text] }) });
    await this.directory.run((client) => client.modify(dn, change('add')));
    try {
      await this.sqlAdd({
        id: credential.id,
        userId: credential.userId,
        type: SIDE_ROW,
        sealedData: '',
        metadata: {
          fingerprint: this.fingerprint(credential.userId, value),
          ...(typeof credential.metadata.device === 'string' ? { device: credential.metadata.device } : {}),
        } satisfies SideMetadata,
        counter: credential.type === 'totp' ? credential.counter : 0,
      });
    } catch (err) {
      // Not half-written: the device goes again from the directory.
      await this.directory.run((client) => client.modify(dn, change('delete'))).catch(() => undefined);
      throw err;
    }
    return { ...credential, createdAt: Date.now(), lastUsedAt: null };
  }

  async advanceCounter(id: string, from: number, to: number, usedAt: number): Promise<boolean> {
    const found = await this.findDevice(id);
    if (!found) return this.sql.advanceCounter(id, from, to, usedAt);
    const { device, dn, userId } = found;
    if (device.value.kind === 'hotp') {
      if (device.value.movingFactor !== from) return false;
      const next = device.text.replace(/;\d+$/, `;${to}`);
      const change = (operation: 'add' | 'delete', text: string) =>
        new Change({ operation, modification: new Attribute({ type: this.attribute, values: [text] }) });
      try {
        await this.directory.run((client) => client.modify(dn, [change('delete', device.text), change('add', next)]));
      } catch (err) {
        if (lostRace(err)) return false;
        throw err;
      }
      return true;
    }
    // TOTP: the last accepted time step, compare-and-set in SQL; a device's first use creates its row (of two
    // first uses at once, the second insert fails on the id).
    if (device.side) return this.sql.advanceCounter(device.side.id, from, to, usedAt);
    if (from !== 0) return false;
    try {
      await this.sqlAdd({
        id: this.idOf(userId, device),
        userId,
        type: SIDE_ROW,
        sealedData: '',
        metadata: { fingerprint: device.fingerprint } satisfies SideMetadata,
        counter: to,
      });
    } catch {
      return false;
    }
    return true;
  }

  async listForUser(userId: string, type?: string): Promise<CredentialRecord[]> {
    // OTP devices are the directory's: SQL rows of them are side rows, not devices of their own.
    const rows = (await this.sql.listForUser(userId, type)).filter(
      (r) => r.type !== SIDE_ROW && !KINDS.includes(r.type),
    );
    if (type !== undefined && !KINDS.includes(type)) return rows;
    const found = await this.devices(userId);
    const devices = (found?.devices ?? [])
      .map((d, i) => this.toRecord(userId, d, i))
      .filter((r) => type === undefined || r.type === type);
    return [...devices, ...rows].sort((x, y) => x.createdAt - y.createdAt);
  }

  async findById(id: string): Promise<CredentialRecord | undefined> {
    const found = await this.findDevice(id);
    if (found) return this.toRecord(found.userId, found.device, found.all.indexOf(found.device));
    const row = await this.sql.findById(id);
    return row && (row.type === SIDE_ROW || KINDS.includes(row.type)) ? undefined : row;
  }

  async rename(userId: string, id: string, name: string): Promise<boolean> {
    const found = await this.findDevice(id, userId);
    if (!found) return this.sql.rename(userId, id, name);
    if (!found.device.side)
      await this.sqlAdd({
        id,
        userId,
        type: SIDE_ROW,
        sealedData: '',
        metadata: { fingerprint: found.device.fingerprint } satisfies SideMetadata,
        counter: 0,
      });
    return this.sql.rename(userId, id, name);
  }

  private async removeDevices(userId: string, dn: string, devices: DirectoryDevice[]): Promise<number> {
    if (!devices.length) return 0;
    const change = new Change({
      operation: 'delete',
      modification: new Attribute({ type: this.attribute, values: devices.map((d) => d.text) }),
    });
    try {
      await this.directory.run((client) => client.modify(dn, change));
    } catch (err) {
      if (!lostRace(err)) throw err;
      return 0;
    }
    for (const d of devices) if (d.side) await this.sql.remove(userId, d.side.id);
    return devices.length;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const found = await this.findDevice(id, userId);
    if (!found) {
      const row = await this.sql.findById(id);
      return row && (row.type === SIDE_ROW || KINDS.includes(row.type)) ? false : this.sql.remove(userId, id);
    }
    return (await this.removeDevices(userId, found.dn, [found.device])) === 1;
  }

  async removeAllOfType(userId: string, type: string): Promise<number> {
    let removed = 0;
    if (KINDS.includes(type)) {
      const found = await this.devices(userId);
      if (found)
        removed += await this.removeDevices(
          userId,
          found.dn,
          found.devices.filter((d) => d.value.kind === type),
        );
    }
    return removed + (type === SIDE_ROW || KINDS.includes(type) ? 0 : await this.sql.removeAllOfType(userId, type));
  }
}
