// Gluu's directory as the user store (users.driver: ldap), against a real OpenLDAP with Gluu's attributes:
// passwords by bind (a wrong password and an unknown login cost the directory the same operations), OTP
// devices in oxExternalUid in the Gluu script's format (written by Gluu, used here; enrolled here, readable by
// Gluu), the HOTP moving factor under a race, SMS to the directory's phone, and the directory going away in
// the middle of a sign-in.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScureBase32Plugin } from 'otplib';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { hotp, MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { ADMIN_DN, ADMIN_PASSWORD, startSlapd, type Slapd } from '../helpers/slapd.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { parseConfig, type ConfigInput } from '../../server/config.js';

const base32 = new ScureBase32Plugin();

/** The error code of a refused request (a refused step answers with its state and the error). */
function errorCode(response: FlowResponse): string | undefined {
  return (response.body as { error?: { code: string } }).error?.code;
}

/** A key as Gluu's script stores it (Guava's base64Url(): padded) and as an app is given it (base32). */
function newKey(): { bytes: Buffer; gluu: string; app: string } {
  const bytes = randomBytes(20);
  return { bytes, gluu: `${bytes.toString('base64url')}=`, app: base32.encode(bytes) };
}

/**
 * What the directory was asked, in order: new connections, each operation's kind and each bind's result code
 * (the unbind that closes a connection is left out: it may be logged after the answer).
 */
function operations(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const op = / (SRCH|BIND|MOD|ADD|DEL|EXT) (?:base|dn|oid)/.exec(line);
    if (op && !/ BIND dn=.* mech=/.test(line) && !/ SRCH attr=/.test(line)) return [op[1]!];
    const bound = / RESULT tag=97 err=(\d+)/.exec(line);
    if (bound) return [`bind result ${bound[1]}`];
    if (/ ACCEPT from/.test(line)) return ['connection'];
    return [];
  });
}

function ldapConfig(slapd: Slapd, extra: Partial<ConfigInput> = {}): Partial<ConfigInput> {
  return {
    users: {
      driver: 'ldap',
      ldap: { url: slapd.url, bind_dn: ADMIN_DN, bind_password: ADMIN_PASSWORD, timeout_ms: 1000 },
    },
    methods: { otp: { enabled: true, issuer: 'Gluu Test', otp_type: 'totp' } },
    enrollment: { first_factor: true },
    lockout: {
      account: { free_attempts: 5, initial_wait_seconds: 30, max_failures: 0, forget_after_seconds: 0 },
      ip: { free_attempts: 1000 },
    },
    ...extra,
  };
}

describe('a Gluu directory as the user store', () => {
  let slapd: Slapd;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  const gluuTotp = newKey();

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.addPerson({
      inum: 'A1B2-0001',
      uid: 'alice',
      password: 'alice directory pw',
      mail: 'alice@example.com',
      oxExternalUid: [`totp:${gluuTotp.gluu}`, 'passport-google:alice@example.com'],
    });
    await slapd.addPerson({ inum: 'A1B2-0002', uid: 'bob', password: 'bob directory pw' });
    await slapd.addPerson({ inum: 'A1B2-0003', uid: 'gone', password: 'gone directory pw', gluuStatus: 'inactive' });
    backend = await startTestBackend({ config: ldapConfig(slapd) });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await slapd?.close();
  });
  beforeEach(() => {
    backend.clock.now = T0;
  });

  it('signs in with the directory password (a bind), as the entry inum, never reading a password', async () => {
    slapd.mark();
    const { request, state: s } = await logins.pastPassword('password', 'alice', 'alice directory pw');
    const { tokens } = await logins.finish(s, request);
    expect(tokens.claims()).toMatchObject({ sub: 'A1B2-0001', acr: 'password', amr: ['pwd'] });
    // The account as the server sees it: no password of ours, created when the directory made the entry.
    const alice = await backend.server.store.users.findById('A1B2-0001');
    expect(alice).toMatchObject({ username: 'alice', email: 'alice@example.com', passwordHash: null, phone: null });
    expect(alice!.createdAt).toBeGreaterThan(0);
    expect(alice!.createdAt).toBeLessThanOrEqual(Date.now());
    const bound = /BIND dn="inum=A1B2-0001,ou=people,o=gluu" mech=SIMPLE/;
    const log = await slapd.logged((lines) => lines.some((l) => bound.test(l)));
    // Every search names what it reads, and userPassword is never among it.
    const searches = log.filter((l) => / SRCH base=/.test(l)).length;
    const named = log.filter((l) => / SRCH attr=/.test(l));
    expect(named).toHaveLength(searches);
    expect(named.join('\n')).not.toMatch(/userPassword/i);
  });

  it('refuses a configuration that would reset directory passwords here', () => {
    const input = { ...ldapConfig(slapd), password_reset: { enabled: true } };
    expect(() => parseConfig(input)).toThrow(
      /password_reset\.enabled: is not available with users\.driver "ldap": passwords are changed in the directory/,
    );
  });

  it('signs in by mail as well as uid, and an entry the filter leaves out (inactive) is unknown', async () => {
    const byMail = await logins.pastPassword('password', 'ALICE@example.com', 'alice directory pw');
    expect(byMail.state.step.kind).toBe('done');
    const inactive = await logins.pastPassword('password', 'gone', 'gone directory pw');
    expect(inactive.response.status).toBe(401);
    expect(errorCode(inactive.response)).toBe('invalid_credentials');
  });

  it('answers a wrong password and an unknown login alike, and asks the directory the same operations', async () => {
    const { api } = logins;
    const attempt = async (username: string) => {
      const { handle } = await logins.atPassword('password', username);
      slapd.mark();
      const response = await api.act(handle, 'submit', { password: 'not the password' });
      // The whole answer but the flow's own handle and the login it echoes.
      const body = JSON.parse(JSON.stringify(response.body).replaceAll(username, '<login>')) as Record<string, unknown>;
      const log = await slapd.logged((lines) => operations(lines).some((op) => op.startsWith('bind result')));
      return { status: response.status, body: { ...body, flow: '' }, ops: operations(log) };
    };
    const known = await attempt('bob');
    const unknown = await attempt('nobody-here');
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    // One search, then a connection of its own and one bind refused with invalidCredentials (49), both times.
    expect(known.ops).toEqual(['SRCH', 'connection', 'BIND', 'bind result 49']);
    expect(unknown.ops).toEqual(known.ops);
  });

  it('locks a directory account and an unknown login out after the same number of failures', async () => {
    const answers = async (username: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const { response } = await logins.pastPassword('password', username, `wrong password ${i}`);
        statuses.push(response.status);
      }
      return statuses;
    };
    await slapd.addPerson({ inum: 'A1B2-0009', uid: 'lockme', password: 'lockme directory pw' });
    const known = await answers('lockme');
    expect(known).toEqual([401, 401, 401, 401, 401, 401, 429]);
    expect(await answers('lockme-not-an-account')).toEqual(known);
  });

  it("accepts a TOTP device Gluu's script enrolled (totp:<base64url key>), once per time step", async () => {
    const { handle, request, state: s } = await logins.pastPassword('otp', 'alice', 'alice directory pw');
    expect(s.step.kind).toBe('otp');
    const code = await totp(gluuTotp.app, T0);
    const done = state(await logins.submitCode(handle, code));
    const { tokens } = await logins.finish(done, request);
    expect(tokens.claims()).toMatchObject({ sub: 'A1B2-0001', acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
    const again = await logins.pastPassword('otp', 'alice', 'alice directory pw');
    const replay = await logins.submitCode(again.handle, code);
    expect(errorCode(replay)).toBe('code_used');
    // The directory's values are as they were: Gluu's device, and the other system's value beside it.
    expect((await slapd.values('A1B2-0001', 'oxExternalUid')).sort()).toEqual(
      [`totp:${gluuTotp.gluu}`, 'passport-google:alice@example.com'].sort(),
    );
  });

  it("writes a device enrolled here in the script's format, so Gluu reads it", async () => {
    const { handle, request, state: s } = await logins.pastPassword('otp', 'bob', 'bob directory pw');
    if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${s.step.kind}`);
    const done = state(await logins.submitCode(handle, await totp(s.step.secret, T0)));
    await logins.finish(done, request);
    const values = await slapd.values('A1B2-0002', 'oxExternalUid');
    expect(values).toHaveLength(1);
    // Guava's BaseEncoding.base64Url(): the URL-safe alphabet, padded with "=".
    expect(values[0]).toMatch(/^totp:[A-Za-z0-9_-]{27}=$/);
    expect(Buffer.from(values[0]!.slice(5, -1), 'base64url')).toEqual(Buffer.from(base32.decode(s.step.secret)));
    // The CLI's view lists it as an OTP device of bob's.
    const listed = await backend.server.store.credentials.listForUser('A1B2-0002');
    expect(listed.map((c) => c.type)).toEqual(['totp']);
  });

  it('lists no side rows or secrets as credentials, and removes a directory device from the directory', async () => {
    const [device] = await backend.server.store.credentials.listForUser('A1B2-0002', 'totp');
    expect(device!.metadata).toMatchObject({ algorithm: 'sha1', digits: 6, period: 30, directory: true });
    expect(await backend.server.store.credentials.remove('A1B2-0002', device!.id)).toBe(true);
    expect(await slapd.values('A1B2-0002', 'oxExternalUid')).toEqual([]);
    expect(await backend.server.store.credentials.listForUser('A1B2-0002')).toEqual([]);
  });
});

describe('HOTP devices in the directory', () => {
  let slapd: Slapd;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  const key = newKey();

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.addPerson({
      inum: 'H0-0001',
      uid: 'hana',
      password: 'hana directory pw',
      oxExternalUid: [`hotp:${key.gluu};5`],
    });
    backend = await startTestBackend({
      config: ldapConfig(slapd, {
        methods: { otp: { enabled: true, issuer: 'Gluu Test', otp_type: 'hotp' } },
      }),
    });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await slapd?.close();
  });

  it('accepts the code for the stored moving factor (within the look-ahead) and stores the next one', async () => {
    const { handle, request, state: s } = await logins.pastPassword('otp', 'hana', 'hana directory pw');
    expect(s.step.kind).toBe('otp');
    // The app ran two codes ahead (7): the look-ahead window accepts it, and the directory moves to 8.
    const done = state(await logins.submitCode(handle, await hotp(key.app, 7)));
    await logins.finish(done, request);
    expect(await slapd.values('H0-0001', 'oxExternalUid')).toEqual([`hotp:${key.gluu};8`]);
  });

  it('lets exactly one of two parallel logins use one code, and the directory holds the counter + 1', async () => {
    const [a, b] = await Promise.all([
      logins.pastPassword('otp', 'hana', 'hana directory pw'),
      logins.pastPassword('otp', 'hana', 'hana directory pw'),
    ]);
    const code = await hotp(key.app, 8);
    const answers = await Promise.all([logins.submitCode(a.handle, code), logins.submitCode(b.handle, code)]);
    const passed = answers.filter((r) => r.status === 200 && 'step' in r.body && r.body.step.kind === 'done');
    const refused = answers.filter((r) => r.status !== 200);
    expect(passed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(errorCode(refused[0]!)).toBe('code_used');
    expect(await slapd.values('H0-0001', 'oxExternalUid')).toEqual([`hotp:${key.gluu};9`]);
  });

  it('refuses a code of a counter already passed', async () => {
    const { handle } = await logins.pastPassword('otp', 'hana', 'hana directory pw');
    const old = await logins.submitCode(handle, await hotp(key.app, 8));
    expect(old.status).toBe(401);
    expect(errorCode(old)).toBe('invalid_code');
    expect(await slapd.values('H0-0001', 'oxExternalUid')).toEqual([`hotp:${key.gluu};9`]);
  });
});

describe('SMS to the phone in the directory', () => {
  let slapd: Slapd;
  let standIns: StandIns;
  let backend: TestBackend;
  let logins: EmbeddedLogins;

  beforeAll(async () => {
    slapd = await startSlapd();
    standIns = await startStandIns();
    await slapd.addPerson({
      inum: 'S0-0001',
      uid: 'sami',
      password: 'sami directory pw',
      mobile: ['+1 415 555 2671'],
      phoneNumberVerified: true,
    });
    await slapd.addPerson({
      inum: 'S0-0002',
      uid: 'unverified',
      password: 'unverified dir pw',
      mobile: ['+14155550100'],
      phoneNumberVerified: false,
    });
    backend = await startTestBackend({
      config: ldapConfig(slapd, { methods: { twilio_sms: standIns.methods.twilio_sms }, sms: { enroll_phone: true } }),
    });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
    await slapd?.close();
  });

  it('texts the code to mobile (verified by phoneNumberVerified) and signs in with amr sms', async () => {
    const { handle, request, state: s } = await logins.pastPassword('twilio_sms', 'sami', 'sami directory pw');
    expect(s.step.kind).toBe('sms_code');
    const code = newestSmsCode(standIns.inbox, '+14155552671');
    const { tokens } = await logins.finish(state(await logins.submitCode(handle, code)), request);
    expect(tokens.claims()).toMatchObject({ sub: 'S0-0001', acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
  });

  it('writes a phone enrolled here to mobile, with phoneNumberVerified TRUE, once its code came back', async () => {
    await slapd.addPerson({ inum: 'S0-0003', uid: 'newphone', password: 'newphone dir pw' });
    const { handle, request, state: s } = await logins.pastPassword('twilio_sms', 'newphone', 'newphone dir pw');
    expect(s.step.kind).toBe('phone_enroll');
    const sent = state(await logins.api.act(handle, 'submit', { phone: '+1 415 555 2672' }));
    expect(sent.step.kind).toBe('sms_code');
    expect(await slapd.values('S0-0003', 'mobile')).toEqual([]); // not before the code proves it
    const code = newestSmsCode(standIns.inbox, '+14155552672');
    await logins.finish(state(await logins.submitCode(handle, code)), request);
    expect(await slapd.values('S0-0003', 'mobile')).toEqual(['+14155552672']);
    expect(await slapd.values('S0-0003', 'phoneNumberVerified')).toEqual(['TRUE']);
  });

  it('sends nothing to a number phoneNumberVerified says is not verified', async () => {
    const { state: s } = await logins.pastPassword('twilio_sms', 'unverified', 'unverified dir pw');
    expect(s.step.kind).not.toBe('sms_code');
    expect(standIns.inbox.list('+14155550100')).toEqual([]);
  });
});

describe('the directory going away', () => {
  const ottoKey = newKey();
  let slapd: Slapd;
  let backend: TestBackend;
  let logins: EmbeddedLogins;

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.addPerson({ inum: 'D0-0001', uid: 'dora', password: 'dora directory pw' });
    await slapd.addPerson({
      inum: 'D0-0002',
      uid: 'otto',
      password: 'otto directory pw',
      oxExternalUid: [`totp:${ottoKey.gluu}`],
    });
    backend = await startTestBackend({ config: ldapConfig(slapd) });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await slapd?.close();
  });

  it('answers 503 mid-login, says so in /healthz, charges and changes nothing, and recovers', async () => {
    const health = async () => {
      const response = await fetch(`${backend.issuer}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await health()).toMatchObject({ status: 200, body: { storage: 'ok' } });
    const { handle } = await logins.atPassword('password', 'dora');
    const before = state(await logins.api.get(handle));
    await slapd.stop();

    const failed = await logins.api.act(handle, 'submit', { password: 'dora directory pw' });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(errorCode(failed)).toBe('service_unavailable');
    expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', storage: 'unreachable' } });
    const after = state(await logins.api.get(handle));
    expect(after.step).toEqual(before.step);

    await slapd.start();
    expect(await health()).toMatchObject({ status: 200, body: { storage: 'ok' } });
    // The same flow goes on, and the failed request cost no attempt: six wrong passwords are still answered.
    const done = state(await logins.api.act(handle, 'submit', { password: 'dora directory pw' }));
    expect(done.step.kind).toBe('done');
    for (let i = 0; i < 6; i++) {
      const { response } = await logins.pastPassword('password', 'dora', `wrong ${i}`);
      expect(response.status).toBe(401);
    }
  });

  it('answers 503 at the code step too, and the code that got no answer counts nothing', async () => {
    const { handle, state: s } = await logins.pastPassword('otp', 'otto', 'otto directory pw');
    expect(s.step.kind).toBe('otp');
    await slapd.stop();
    const failed = await logins.submitCode(handle, await totp(ottoKey.app, Date.now()));
    expect(failed.status).toBe(503);
    expect(errorCode(failed)).toBe('service_unavailable');
    await slapd.start();
    // Six wrong codes are answered as wrong, and only then the wait begins: had the request that got no answer
    // counted, the sixth would have waited.
    for (let i = 0; i < 6; i++) {
      const wrong = await logins.submitCode(handle, String(100000 + i));
      expect(errorCode(wrong)).toBe('invalid_code');
    }
    expect(errorCode(await logins.submitCode(handle, await totp(ottoKey.app, Date.now())))).toBe('locked');
  });
});

describe('connecting to the directory: TLS and the service account', () => {
  let slapd: Slapd;

  beforeAll(async () => {
    slapd = await startSlapd({ tls: true });
    await slapd.addPerson({ inum: 'T0-0001', uid: 'tess', password: 'tess directory pw' });
  });
  afterAll(() => slapd?.close());

  /** A backend over `ldap` settings: whether tess signs in, and what /healthz says. */
  async function signIn(ldap: { url: string; start_tls?: boolean; tls?: { ca_file: string }; bind_password?: string }) {
    const backend = await startTestBackend({
      config: { users: { driver: 'ldap', ldap: { bind_dn: ADMIN_DN, bind_password: ADMIN_PASSWORD, ...ldap } } },
    });
    try {
      const logins = await EmbeddedLogins.discover(backend.issuer);
      const { handle } = await logins.atPassword('password', 'tess');
      const answer = await logins.api.act(handle, 'submit', { password: 'tess directory pw' });
      const health = await fetch(`${backend.issuer}/healthz`);
      return { status: answer.status, code: errorCode(answer), health: health.status };
    } finally {
      await backend.close();
    }
  }

  it('signs in over StartTLS and over ldaps:// with the directory certificate authority configured', async () => {
    const ca_file = slapd.certificateFile!;
    expect(await signIn({ url: slapd.url, start_tls: true, tls: { ca_file } })).toEqual({
      status: 200,
      code: undefined,
      health: 200,
    });
    expect(await signIn({ url: slapd.ldapsUrl!, tls: { ca_file } })).toEqual({
      status: 200,
      code: undefined,
      health: 200,
    });
    // The binds went over TLS: slapd logs the TLS session's strength (ssf) of each connection.
    const overTls = /BIND dn="inum=T0-0001,ou=people,o=gluu" mech=SIMPLE.* ssf=(?!0\b)\d+/;
    await slapd.logged((lines) => lines.filter((l) => overTls.test(l)).length === 2);
  });

  it('answers 503 while the service account is refused (a wrong bind_password)', async () => {
    expect(await signIn({ url: slapd.url, bind_password: 'not the password' })).toEqual({
      status: 503,
      code: 'service_unavailable',
      health: 503,
    });
  });

  it('does not trust a certificate it cannot verify: the directory is unavailable, never used in clear', async () => {
    expect(await signIn({ url: slapd.ldapsUrl! })).toEqual({ status: 503, code: 'service_unavailable', health: 503 });
    expect(await signIn({ url: slapd.url, start_tls: true })).toEqual({
      status: 503,
      code: 'service_unavailable',
      health: 503,
    });
  });
});
