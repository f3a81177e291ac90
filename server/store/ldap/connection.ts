// Connections to the directory. Searches and writes run on a small pool of connections bound as the service
// account; a password is checked by a bind on a connection of its own (a bind changes whom a connection acts
// for, and RFC 4511 4.2.1 wants nothing else in flight on it), opened and closed around that one bind.
// A directory that cannot be reached, or does not answer within the timeout, is StoreUnavailableError('ldap'):
// requests answer 503 and /healthz says so; each connection reconnects by itself on its next use.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import { StoreUnavailableError } from '../unavailable.js';
import type { LdapSettings } from './settings.js';

/**
 * LDAP result codes that mean "the directory cannot serve now", not "this request is wrong": timeLimitExceeded
 * (3, also what ldapts reports for its own timeouts), busy (51), unavailable (52), other (80).
 */
const DOWN_CODES = new Set([3, 51, 52, 80]);

/** Whether `err` (from ldapts) means the directory could not be reached or did not answer. */
export function directoryDown(err: unknown): boolean {
  if (err instanceof ResultCodeError) return DOWN_CODES.has(err.code);
  // Anything else ldapts throws comes from the socket: refused, reset, closed, timed out.
  return err instanceof Error;
}

export function asDirectoryUnavailable(err: unknown): unknown {
  return err instanceof StoreUnavailableError || !directoryDown(err) ? err : new StoreUnavailableError('ldap', err);
}

function tlsOptions(settings: LdapSettings): ConnectionOptions | undefined {
  const { ca_file, server_name } = settings.tls;
  if (!settings.url.startsWith('ldaps:') && !settings.start_tls) return undefined;
  return {
    ...(ca_file ? { ca: readFileSync(ca_file) } : {}),
    ...(server_name ? { servername: server_name } : {}),
  };
}

/** One connection bound as the service account, bound again after any reconnect. */
class ServiceConnection {
  private readonly client: Client;
  private opening: Promise<void> | undefined;

  constructor(private readonly settings: LdapSettings) {
    const tls = tlsOptions(settings);
    this.client = new Client({
      url: settings.url.replace(/\/$/, ''),
      timeout: settings.timeout_ms,
      connectTimeout: settings.connect_timeout_ms,
      ...(tls && settings.url.startsWith('ldaps:') ? { tlsOptions: tls } : {}),
    });
  }

  private open(): Promise<void> {
    this.opening ??= (async () => {
      if (this.settings.start_tls) await this.client.startTLS(tlsOptions(this.settings));
      try {
        await this.client.bind(this.settings.bind_dn, this.settings.bind_password);
      } catch (err) {
        // A refused service account (wrong password, locked) is a deployment fault like a directory that is down:
        // every request would fail the same way, so it is reported as unavailable, in words that say why.
        if (err instanceof ResultCodeError && !DOWN_CODES.has(err.code))
          throw new StoreUnavailableError('ldap', new Error(`the service account cannot bind: ${err.message}`));
        throw err;
      }
    })().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async run<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    if (!this.client.isBound) await this.open();
    return operation(this.client);
  }

  async close(): Promise<void> {
    await this.client.unbind().catch(() => undefined);
  }
}

export class DirectoryConnection {
  private readonly pool: ServiceConnection[];
  private next = 0;

  constructor(readonly settings: LdapSettings) {
    this.pool = Array.from({ length: settings.pool_size }, () => new ServiceConnection(settings));
  }

  /** Runs one operation as the service account; "cannot reach the directory" becomes StoreUnavailableError. */
  async run<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    const connection = this.pool[this.next++ % this.pool.length]!;
    try {
      return await connection.run(operation);
    } catch (err) {
      throw asDirectoryUnavailable(err);
    }
  }

  /**
   * Whether `password` is the password of the entry `dn`: one simple bind as that entry on a new connection.
   * An empty password is never sent (an empty simple bind is an anonymous one, RFC 4513 5.1.2, and succeeds);
   * a bind as an entry that does not exist costs the same as a wrong password and answers the same.
   */
  async checkPassword(dn: string, password: string): Promise<boolean> {
    const tls = tlsOptions(this.settings);
    const client = new Client({
      url: this.settings.url.replace(/\/$/, ''),
      timeout: this.settings.timeout_ms,
      connectTimeout: this.settings.connect_timeout_ms,
      ...(tls && this.settings.url.startsWith('ldaps:') ? { tlsOptions: tls } : {}),
    });
    try {
      if (this.settings.start_tls) await client.startTLS(tls);
      await client.bind(dn, password === '' ? randomBytes(16).toString('hex') : password);
      return password !== '';
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      // A DN that does not parse, a password policy's refusal: a wrong password to the user.
      if (err instanceof ResultCodeError && !DOWN_CODES.has(err.code)) return false;
      throw asDirectoryUnavailable(err);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** A cheap round trip for /healthz: the base entry, no attributes. */
  async ping(): Promise<void> {
    await this.run((client) =>
      client.search(this.settings.base_dn, { scope: 'base', attributes: ['1.1'], sizeLimit: 1 }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.pool.map((c) => c.close()));
  }
}
