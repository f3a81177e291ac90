// A real OpenLDAP (Debian's slapd) for one test file: a throw-away mdb database in a temp directory, Gluu's
// attributes (test/fixtures/ldap/gluu.schema), on a free port of 127.0.0.1, run as the current user. Its
// statistics log (one line per operation) is kept, so tests count what the directory was asked, never time.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { packageRoot } from '../../server/paths.js';
import { acceptsConnections, freePort } from './ports.js';

export const SLAPD = '/usr/sbin/slapd';
export const SUFFIX = 'o=gluu';
export const PEOPLE = 'ou=people,o=gluu';
/** The administrator's DN (Gluu's own name for it) and password: the service account the tests configure. */
export const ADMIN_DN = 'cn=directory manager,o=gluu';
export const ADMIN_PASSWORD = 'directory-manager-secret';

export interface DirectoryPerson {
  inum: string;
  uid: string;
  password: string;
  mail?: string;
  mobile?: string[];
  telephoneNumber?: string;
  phoneNumberVerified?: boolean;
  oxExternalUid?: string[];
  /** Default "active". */
  gluuStatus?: string;
}

export interface Slapd {
  url: string;
  port: number;
  /** With `tls`: the ldaps:// address, and the PEM file of the certificate both listeners present. */
  ldapsUrl?: string;
  certificateFile?: string;
  /** The statistics log lines since start (or since the last `mark()`). */
  log(): string[];
  /** Forgets the log so far: what follows is what one step asked. */
  mark(): void;
  /**
   * The log once `ready` holds for it: slapd writes its lines as it answers, and they reach us a little later
   * (under load, after the answer did). Fails after 10 s.
   */
  logged(ready: (lines: string[]) => boolean): Promise<string[]>;
  /** Stops the server (the database stays), as a crashed or stopped directory. */
  stop(): Promise<void>;
  /** Starts it again on the same port over the same database. */
  start(): Promise<void>;
  addPerson(person: DirectoryPerson): Promise<string>;
  /** The person's attribute values, read as the administrator. */
  values(inum: string, attribute: string): Promise<string[]>;
  replace(inum: string, attribute: string, values: string[]): Promise<void>;
  admin(): Promise<Client>;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl in `dir`. */
function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'slapd.crt');
  const key = path.join(dir, 'slapd.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function slapdConf(dir: string, tls?: { cert: string; key: string }): string {
  const schema = (name: string) => `include /etc/ldap/schema/${name}.schema`;
  return [
    ...(tls ? [`TLSCertificateFile ${tls.cert}`, `TLSCertificateKeyFile ${tls.key}`] : []),
    schema('core'),
    schema('cosine'),
    schema('inetorgperson'),
    `include ${path.join(packageRoot, 'test/fixtures/ldap/gluu.schema')}`,
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'database mdb',
    'maxsize 67108864',
    `suffix "${SUFFIX}"`,
    `rootdn "${ADMIN_DN}"`,
    `rootpw ${ADMIN_PASSWORD}`,
    `directory ${path.join(dir, 'db')}`,
    'index objectClass eq',
    'index uid,mail,inum eq',
    // As in a real deployment: anyone may bind with a password, nobody reads one back.
    'access to attrs=userPassword by anonymous auth by self write by * none',
    'access to * by self read by users read by * none',
    '',
  ].join('\n');
}

/** Fails the test run (never skips) when Debian's slapd is not installed: .ci/run installs it. */
export function requireSlapd(): void {
  if (!existsSync(SLAPD))
    throw new Error(`${SLAPD} is missing: install Debian's slapd and ldap-utils (apt-get install slapd ldap-utils)`);
}

/** `tls`: also an ldaps:// listener, and StartTLS on the ldap:// one, with a self-signed certificate. */
export async function startSlapd(options: { tls?: boolean } = {}): Promise<Slapd> {
  requireSlapd();
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  const conf = path.join(dir, 'slapd.conf');
  const tls = options.tls ? makeCertificate(dir) : undefined;
  writeFileSync(conf, slapdConf(dir, tls));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const tlsPort = tls ? await freePort() : undefined;
  const ldapsUrl = tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : undefined;
  const listeners = [`${url}/`, ...(ldapsUrl ? [`${ldapsUrl}/`] : [])].join(' ');
  let lines: string[] = [];
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    // -d stats: stay in the foreground and write one line per operation to stderr.
    const proc = spawn(SLAPD, ['-f', conf, '-h', listeners, '-d', 'stats'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let partial = '';
    proc.stderr!.on('data', (d: Buffer) => {
      output += String(d);
      const text = partial + String(d);
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    });
    for (let i = 0; i < 100; i++) {
      if ((await acceptsConnections(port)) && (!tlsPort || (await acceptsConnections(tlsPort)))) return;
      if (proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`slapd did not start on ${url}:\n${output.slice(-2000)}`);
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };

  await start();
  const admin = async () => {
    const client = new Client({ url, timeout: 5000, connectTimeout: 2000 });
    await client.bind(ADMIN_DN, ADMIN_PASSWORD);
    return client;
  };
  const setup = await admin();
  await setup.add(SUFFIX, { objectClass: ['top', 'organization'], o: 'gluu' });
  await setup.add(PEOPLE, { objectClass: ['top', 'organizationalUnit'], ou: 'people' });
  await setup.unbind();

  const dnOf = (inum: string) => `inum=${inum},${PEOPLE}`;
  const withAdmin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
    const client = await admin();
    try {
      return await fn(client);
    } finally {
      await client.unbind();
    }
  };

  return {
    url,
    port,
    ...(ldapsUrl && tls ? { ldapsUrl, certificateFile: tls.cert } : {}),
    log: () => [...lines],
    mark: () => {
      lines = [];
    },
    logged: async (ready) => {
      for (let i = 0; i < 200; i++) {
        if (ready(lines)) return [...lines];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`slapd never logged what was waited for; its log:\n${lines.join('\n')}`);
    },
    stop,
    start,
    admin,
    addPerson: (p) =>
      withAdmin(async (client) => {
        const entry: Record<string, string[] | string> = {
          objectClass: ['top', 'gluuPerson', 'gluuCustomPerson'],
          inum: p.inum,
          uid: p.uid,
          userPassword: p.password,
          gluuStatus: p.gluuStatus ?? 'active',
        };
        if (p.mail) entry.mail = p.mail;
        if (p.mobile?.length) entry.mobile = p.mobile;
        if (p.telephoneNumber) entry.telephoneNumber = p.telephoneNumber;
        if (p.phoneNumberVerified !== undefined) entry.phoneNumberVerified = p.phoneNumberVerified ? 'TRUE' : 'FALSE';
        if (p.oxExternalUid?.length) entry.oxExternalUid = p.oxExternalUid;
        await client.add(dnOf(p.inum), entry);
        return dnOf(p.inum);
      }),
    values: (inum, attribute) =>
      withAdmin(async (client) => {
        const { searchEntries } = await client.search(dnOf(inum), { scope: 'base', attributes: [attribute] });
        const value = searchEntries[0]?.[attribute];
        if (value === undefined) return [];
        return (Array.isArray(value) ? value : [value]).map(String);
      }),
    replace: (inum, attribute, values) =>
      withAdmin((client) =>
        client.modify(
          dnOf(inum),
          new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) }),
        ),
      ),
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
