// `gluu-login import ldap`, from a real OpenLDAP with Gluu's attributes into the SQL storage: the dry run's
// report (nothing written), the real run (accounts under their inum, phones, e-mail, OTP devices with their
// ids, names and counters), a name an SQL account already has, a second run that changes nothing, and then the
// same authenticator app signing in with users.driver: sql.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScureBase32Plugin } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/security/audit.js';
import { resolveSealKey, Sealer } from '../../server/security/seal.js';
import { openStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/types.js';
import { setPassword } from '../../server/users.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { startTestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { outcome, startTsx } from '../helpers/processes.js';
import { ADMIN_DN, ADMIN_PASSWORD, startSlapd, type Slapd } from '../helpers/slapd.js';

const base32 = new ScureBase32Plugin();
const key = () => {
  const bytes = randomBytes(20);
  return { gluu: `${bytes.toString('base64url')}=`, app: base32.encode(bytes) };
};

// Each test runs the CLI as a process (a TypeScript start of a few seconds, more on a busy machine).
describe('gluu-login import ldap', { timeout: 240_000 }, () => {
  let slapd: Slapd;
  let dataDir: string;
  let configFile: string;
  let config: Config;
  const totpKey = key();
  const hotpKey = key();

  /** The SQL storage alone (users.driver: sql), as it will serve after the switch. */
  async function withSql<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const sealer = new Sealer(resolveSealKey(config.seal_key, config.data_dir).key);
    const store = await openStore({ ...config, users: { driver: 'sql' } }, createLogger('silent'), sealer);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  const cli = async (...args: string[]) =>
    outcome(startTsx(['server/bin.ts', 'import', 'ldap', '--config', configFile, ...args], { GLUU_LOG_LEVEL: 'warn' }));

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.addPerson({
      inum: 'I-0001',
      uid: 'alice',
      password: 'alice directory pw',
      mail: 'alice@example.com',
      mobile: ['+14155552671'],
      phoneNumberVerified: true,
      oxExternalUid: [`totp:${totpKey.gluu}`],
    });
    await slapd.addPerson({ inum: 'I-0002', uid: 'hana', password: 'hana directory pw', oxExternalUid: [] });
    await slapd.replace('I-0002', 'oxExternalUid', [`hotp:${hotpKey.gluu};5`]);
    await slapd.addPerson({ inum: 'I-0003', uid: 'carol', password: 'carol directory pw' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-import-'));
    const raw = {
      data_dir: dataDir,
      users: { driver: 'ldap', ldap: { url: slapd.url, bind_dn: ADMIN_DN, bind_password: ADMIN_PASSWORD } },
      methods: { otp: { enabled: true, issuer: 'Gluu Test', otp_type: 'totp' } },
    };
    configFile = path.join(dataDir, 'gluu.json');
    writeFileSync(configFile, JSON.stringify(raw));
    config = parseConfig(raw);
    // An SQL account named like a directory one: the import leaves both alone.
    await withSql((store) => store.users.create({ username: 'carol', passwordHash: null }));
  });
  afterAll(async () => {
    await slapd?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports its plan on a dry run and writes nothing', async () => {
    const run = await cli('--dry-run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('create\talice\tI-0001, 1 OTP device');
    expect(lines).toContain('create\thana\tI-0002, 1 OTP device');
    expect(lines.find((l) => l.startsWith('skip\tcarol\tI-0003\tthe SQL account '))).toBeDefined();
    expect(run.stdout).toContain(
      'dry run: nothing written. 3 directory accounts: would create 2, update 0, skip 1; 0 unchanged; 2 OTP devices',
    );
    expect(run.stdout).toContain('Passwords are not copied');
    expect((await withSql((s) => s.users.list())).map((u) => u.username)).toEqual(['carol']);
  });

  it('copies accounts under their inum, with phone, e-mail and OTP devices; a second run changes nothing', async () => {
    const run = await cli('--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { totals: Record<string, number> };
    expect(report.totals).toEqual({ create: 2, update: 0, unchanged: 0, skip: 1, devices: 2 });
    await withSql(async (store) => {
      const alice = await store.users.findById('I-0001');
      expect(alice).toMatchObject({
        username: 'alice',
        email: 'alice@example.com',
        phone: '+14155552671',
        phoneVerified: true,
        passwordHash: null,
      });
      const [device] = await store.credentials.listForUser('I-0001');
      expect(device).toMatchObject({
        type: 'totp',
        counter: 0,
        metadata: { algorithm: 'sha1', digits: 6, period: 30 },
      });
      const [hana] = await store.credentials.listForUser('I-0002');
      expect(hana).toMatchObject({ type: 'hotp', counter: 5 });
      expect((await store.users.list()).map((u) => u.username)).toEqual(['alice', 'carol', 'hana']);
    });
    const again = JSON.parse((await cli('--json')).stdout) as { totals: Record<string, number> };
    expect(again.totals).toEqual({ create: 0, update: 0, unchanged: 2, skip: 1, devices: 0 });
  });

  it('brings a moving factor Gluu advanced since, and the apps sign in once the SQL storage serves', async () => {
    await slapd.replace('I-0002', 'oxExternalUid', [`hotp:${hotpKey.gluu};9`]);
    const report = JSON.parse((await cli('--json')).stdout) as { totals: Record<string, number> };
    expect(report.totals).toMatchObject({ update: 1, devices: 1 });

    const backend = await startTestBackend({
      dataDir,
      keepData: true,
      config: { methods: { otp: { enabled: true, issuer: 'Gluu Test', otp_type: 'totp' } } },
    });
    try {
      backend.clock.now = T0;
      // The directory never gave the password: an administrator sets one here.
      await setPassword(backend.server, 'alice', 'alice new sql password');
      const logins = await EmbeddedLogins.discover(backend.issuer);
      const { handle, request, state: s } = await logins.pastPassword('otp', 'alice', 'alice new sql password');
      expect(s.step.kind).toBe('otp');
      const done = state(await logins.submitCode(handle, await totp(totpKey.app, T0)));
      const { tokens } = await logins.finish(done, request);
      expect(tokens.claims()).toMatchObject({ sub: 'I-0001', acr: 'otp' });
      const [hana] = await backend.server.store.credentials.listForUser('I-0002');
      expect(hana!.counter).toBe(9);
    } finally {
      await backend.close();
    }
  });
});
