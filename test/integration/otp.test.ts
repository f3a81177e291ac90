// The OTP method over HTTP, as an authenticator app user and as an attacker: enrollment by QR (confirmed
// before anything is saved, expiring, renewable), codes with a drift window but never twice, HOTP's
// moving factor under a race, several devices, lockout across flows, reset, and what is stored or logged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { hotp, MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { sha256 } from '../../server/security/random.js';
import type { FlowState, Step } from '../../wire/flow-api.js';
import type { ConfigInput } from '../../server/config.js';

type Enroll = Extract<Step, { kind: 'otp_enroll' }>;

function enrollStep(s: FlowState): Enroll {
  if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${s.step.kind}`);
  return s.step;
}

/** A flow for acr otp past the password, at its OTP (or enrollment) step. */
const atOtp = (logins: EmbeddedLogins, username: string, password: string) =>
  logins.pastPassword('otp', username, password);

function otpBackend(otp: Record<string, unknown>, extra: Partial<ConfigInput> = {}) {
  return startTestBackend({
    config: {
      methods: { otp: { enabled: true, issuer: 'Gluu Test', ...otp } },
      lockout: {
        account: {
          free_attempts: 4,
          initial_wait_seconds: 30,
          max_wait_seconds: 60,
          max_failures: 100,
          forget_after_seconds: 0,
        },
      },
      // Fresh users enroll their first app after the password.
      enrollment: { first_factor: true },
      ...extra,
    },
  });
}

describe('TOTP', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let aliceSecret = '';
  /** Every enrollment secret shown in this backend, none of which may reach its log. */
  const shownSecrets: string[] = [];

  beforeAll(async () => {
    backend = await otpBackend({ otp_type: 'totp' });
    await backend.addUser('alice', 'alice password 1');
    await backend.addUser('bob', 'bob password 12');
    await backend.addUser('carol', 'carol password 1');
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());
  beforeEach(() => {
    backend.clock.now = T0;
  });

  it('is announced in discovery, above password', () => {
    expect(logins.config.serverMetadata().acr_values_supported).toEqual(['otp', 'password']);
  });

  it('enrolls by a QR of a complete otpauth URI and one code; that sign-in proved only the password', async () => {
    const { handle, request, state: first } = await atOtp(logins, 'alice', 'alice password 1');
    const enroll = enrollStep(first);
    aliceSecret = enroll.secret;
    shownSecrets.push(enroll.secret);
    expect(enroll.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enroll.otpauth_uri).toBe(
      `otpauth://totp/Gluu%20Test:alice?secret=${enroll.secret}&issuer=Gluu%20Test&algorithm=SHA1&digits=6&period=30`,
    );
    expect(enroll).toMatchObject({
      issuer: 'Gluu Test',
      account: 'alice',
      type: 'totp',
      algorithm: 'sha1',
      digits: 6,
      period: 30,
      expires_in: 120,
    });
    expect(enroll.qr.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="240" height="240"/);
    expect(enroll.qr.svg).not.toMatch(/script|style=/i);
    expect(first.actions).toEqual({
      submit: {
        inputs: {
          code: {
            type: 'code',
            required: true,
            min_length: 6,
            max_length: 6,
            pattern: '[0-9]{6}',
            autocomplete: 'one-time-code',
          },
        },
      },
      renew: { inputs: {} },
    });
    // The pending secret is sealed in the flow record, never stored in clear.
    const raw = JSON.stringify(await backend.server.store.flows.get(sha256(handle)));
    expect(raw).not.toContain(enroll.secret);

    const wrong = await logins.submitCode(handle, '000000');
    expect(wrong.status).toBe(401);
    expect(state(wrong).error).toMatchObject({ code: 'invalid_code', field: 'code' });
    expect(
      await backend.server.store.credentials.listForUser((await backend.server.store.users.findByLogin('alice'))!.id),
    ).toEqual([]);

    const done = state(await logins.submitCode(handle, await totp(enroll.secret, T0)));
    const { tokens } = await logins.finish(done, request);
    // Enrolling proves no second factor: the id_token says what was proven (the next test signs in with acr otp).
    expect(tokens.claims()).toMatchObject({ acr: 'password', amr: ['pwd'] });

    const user = (await backend.server.store.users.findByLogin('alice'))!;
    const [credential] = await backend.server.store.credentials.listForUser(user.id);
    expect(credential).toMatchObject({
      type: 'totp',
      counter: Math.floor(T0 / 30_000),
      metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 1' },
    });
    expect(credential!.sealedData).toMatch(/^v1\./);
    expect(credential!.sealedData).not.toContain(enroll.secret);
  });

  it('asks for a code next time, accepts a fresh one, refuses the spent step and one from two steps ago', async () => {
    const { handle, request, state: s } = await atOtp(logins, 'alice', 'alice password 1');
    expect(s.step).toEqual({ kind: 'otp', type: 'totp', digits: 6 });

    const spent = await logins.submitCode(handle, await totp(aliceSecret, T0)); // the enrollment's step
    expect(spent.status).toBe(401);
    expect(state(spent).error?.code).toBe('code_used');
    const old = await logins.submitCode(handle, await totp(aliceSecret, T0 - 60_000));
    expect(state(old).error?.code).toBe('invalid_code');

    backend.clock.now = T0 + 30_000;
    const { tokens } = await logins.finish(
      state(await logins.submitCode(handle, await totp(aliceSecret, T0 + 30_000))),
      request,
    );
    expect(tokens.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);

    const again = await atOtp(logins, 'alice', 'alice password 1');
    const replay = await logins.submitCode(again.handle, await totp(aliceSecret, T0 + 30_000));
    expect(replay.status).toBe(401);
    expect(state(replay).error?.code).toBe('code_used');
    expect(
      backend.logs.some(
        (l) => l.event === 'auth.attempt' && l.method === 'otp' && l.reason === 'replay' && l.outcome === 'failure',
      ),
    ).toBe(true);
  });

  it('accepts a code one step off either way (clock drift), within the window', async () => {
    backend.clock.now = T0 + 120_000;
    const a = await atOtp(logins, 'alice', 'alice password 1');
    // the phone is 30 s behind
    expect(state(await logins.submitCode(a.handle, await totp(aliceSecret, T0 + 90_000))).step.kind).toBe('done');
    backend.clock.now = T0 + 150_000;
    const b = await atOtp(logins, 'alice', 'alice password 1');
    // 30 s ahead
    expect(state(await logins.submitCode(b.handle, await totp(aliceSecret, T0 + 180_000))).step.kind).toBe('done');
    // ...and the step just used cannot be used again, even though it is in the window.
    const c = await atOtp(logins, 'alice', 'alice password 1');
    expect(state(await logins.submitCode(c.handle, await totp(aliceSecret, T0 + 150_000))).error?.code).toBe(
      'code_used',
    );
  });

  it('lets exactly one of two parallel logins use the same fresh code', async () => {
    backend.clock.now = T0 + 300_000;
    const [a, b] = await Promise.all([
      atOtp(logins, 'alice', 'alice password 1'),
      atOtp(logins, 'alice', 'alice password 1'),
    ]);
    const code = await totp(aliceSecret, T0 + 300_000);
    const answers = await Promise.all([logins.submitCode(a.handle, code), logins.submitCode(b.handle, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(answers.map((r) => state(r).error?.code ?? state(r).step.kind).sort()).toEqual(['code_used', 'done']);
  });

  it('expires the enrollment QR: the code cannot be confirmed, "renew" gives a new secret', async () => {
    const { handle, state: first } = await atOtp(logins, 'bob', 'bob password 12');
    const oldSecret = enrollStep(first).secret;
    shownSecrets.push(oldSecret);
    backend.clock.now = T0 + 121_000;
    const expired = state(await logins.api.get(handle));
    expect(enrollStep(expired).expires_in).toBe(0);
    expect(Object.keys(expired.actions)).toEqual(['renew']);
    const late = await logins.submitCode(handle, await totp(oldSecret, T0 + 121_000));
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'action_not_allowed' } });

    const renewed = enrollStep(state(await logins.api.act(handle, 'renew')));
    shownSecrets.push(renewed.secret);
    expect(renewed.secret).not.toBe(oldSecret);
    expect(renewed.expires_in).toBe(120);
    // The old secret is gone for good; the new one confirms.
    expect(state(await logins.submitCode(handle, await totp(oldSecret, T0 + 121_000))).error?.code).toBe(
      'invalid_code',
    );
    expect(state(await logins.submitCode(handle, await totp(renewed.secret, T0 + 121_000))).step.kind).toBe('done');
  });

  it('tries the code against each of the user’s devices', async () => {
    // Bob enrolled one device above; a second one is added to the store, as an earlier enrollment would have.
    const bob = (await backend.server.store.users.findByLogin('bob'))!;
    const [first] = await backend.server.store.credentials.listForUser(bob.id);
    const second = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await backend.server.store.credentials.add({
      id: 'bob-second-device',
      userId: bob.id,
      type: 'totp',
      sealedData: backend.server.sealer.seal(JSON.stringify({ secret: second }), 'credential:bob-second-device'),
      metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 2' },
      counter: 0,
    });
    backend.clock.now = T0 + 400_000;
    const a = await atOtp(logins, 'bob', 'bob password 12');
    expect(state(await logins.submitCode(a.handle, await totp(second, T0 + 400_000))).step.kind).toBe('done');
    const updated = await backend.server.store.credentials.listForUser(bob.id);
    expect(updated.find((c) => c.id === 'bob-second-device')?.counter).toBe(Math.floor((T0 + 400_000) / 30_000));
    expect(updated.find((c) => c.id === first!.id)?.lastUsedAt).toBeNull();
  });

  it('locks out after repeated wrong codes across two parallel flows of the same user', async () => {
    const alice = (await backend.server.store.users.findByLogin('alice'))!;
    await backend.server.store.counters.delete([`acct:otp:user:${alice.id}`]); // earlier tests left a failure
    backend.clock.now = T0 + 600_000; // past every step alice already spent
    const a = await atOtp(logins, 'alice', 'alice password 1');
    const b = await atOtp(logins, 'alice', 'alice password 1');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await logins.submitCode(i % 2 ? b.handle : a.handle, `12345${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]); // 4 free, the 5th starts a 30 s wait
    const locked = await logins.submitCode(a.handle, await totp(aliceSecret, backend.clock.now!));
    expect(locked.status).toBe(429);
    expect(state(locked).error).toMatchObject({ code: 'locked', retry_after: 30 });
    expect(locked.headers.get('retry-after')).toBe('30');
    // The password factor is counted apart: the lockout is per account *and factor*.
    expect((await atOtp(logins, 'alice', 'alice password 1')).state.step.kind).toBe('otp');
    backend.clock.now! += 31_000;
    const fresh = await atOtp(logins, 'alice', 'alice password 1');
    expect(state(await logins.submitCode(fresh.handle, await totp(aliceSecret, backend.clock.now!))).step.kind).toBe(
      'done',
    );
  });

  it('refuses malformed codes before checking them: no failure counted, the flow unchanged', async () => {
    const carol = (await backend.server.store.users.findByLogin('carol'))!;
    const { handle } = await atOtp(logins, 'carol', 'carol password 1');
    const initial = state(await logins.api.get(handle));
    shownSecrets.push(enrollStep(initial).secret);
    const { expires_in: _before, ...before } = initial; // the backend's clock stands still: nothing else counts down
    for (const code of ['12345', '1234567', '12345a', ' 12345', '１２３４５６']) {
      const response = await logins.submitCode(handle, code);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'invalid_request', field: 'inputs.code' } });
    }
    const { expires_in: _after, ...after } = state(await logins.api.get(handle));
    expect(after).toEqual(before);
    expect(await backend.server.store.counters.get(`acct:otp:user:${carol.id}`)).toBeUndefined();
  });

  it('never logs a secret, a code or an otpauth URI', () => {
    const text = JSON.stringify(backend.logs);
    expect(shownSecrets.length).toBe(4);
    for (const secret of shownSecrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('otpauth://');
    expect(backend.logs.filter((l) => l.event === 'auth.attempt' && l.method === 'otp').length).toBeGreaterThan(5);
  });
});

describe('TOTP with SHA-256 and 8 digits', () => {
  it('puts the settings in the URI and verifies codes made with them', async () => {
    const backend = await otpBackend({
      otp_type: 'totp',
      totp: { hmacShaAlgorithm: 'sha256', digits: 8, keyLength: 32 },
    });
    try {
      backend.clock.now = T0;
      await backend.addUser('dave', 'dave password 1');
      const logins = await EmbeddedLogins.discover(backend.issuer);
      const { handle, state: s } = await atOtp(logins, 'dave', 'dave password 1');
      const enroll = enrollStep(s);
      expect(enroll.secret).toMatch(/^[A-Z2-7]{52}$/);
      expect(enroll.otpauth_uri).toContain('&algorithm=SHA256&digits=8&period=30');
      expect(
        state(await logins.submitCode(handle, await totp(enroll.secret, T0, { algorithm: 'sha1', digits: 8 }))).error
          ?.code,
      ).toBe('invalid_code');
      expect(
        state(await logins.submitCode(handle, await totp(enroll.secret, T0, { algorithm: 'sha256', digits: 8 }))).step
          .kind,
      ).toBe('done');
    } finally {
      await backend.close();
    }
  });
});

describe('HOTP', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let secret = '';
  beforeAll(async () => {
    backend = await otpBackend({ otp_type: 'hotp', hotp: { lookAheadWindow: 5 } });
    await backend.addUser('erin', 'erin password 1');
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());

  const erinsCounter = async () => {
    const erin = (await backend.server.store.users.findByLogin('erin'))!;
    return (await backend.server.store.credentials.listForUser(erin.id))[0]!.counter;
  };

  it('enrolls with counter=0 in the URI, then moves the counter forward with each code', async () => {
    const { handle, state: s } = await atOtp(logins, 'erin', 'erin password 1');
    const enroll = enrollStep(s);
    secret = enroll.secret;
    expect(enroll.otpauth_uri).toBe(
      `otpauth://hotp/Gluu%20Test:erin?secret=${secret}&issuer=Gluu%20Test&algorithm=SHA1&digits=6&counter=0`,
    );
    expect(enroll.period).toBeUndefined();
    expect(state(await logins.submitCode(handle, await hotp(secret, 0))).step.kind).toBe('done');

    const next = await atOtp(logins, 'erin', 'erin password 1');
    expect(next.state.step).toEqual({ kind: 'otp', type: 'hotp', digits: 6 });
    expect(state(await logins.submitCode(next.handle, await hotp(secret, 0))).error?.code).toBe('invalid_code'); // used
    expect(state(await logins.submitCode(next.handle, await hotp(secret, 1))).step.kind).toBe('done');
  });

  it('accepts a code ahead within the look-ahead window and resynchronises; beyond it fails', async () => {
    const a = await atOtp(logins, 'erin', 'erin password 1');
    // counter 2, window 5: 8 is too far
    expect(state(await logins.submitCode(a.handle, await hotp(secret, 2 + 5 + 1))).error?.code).toBe('invalid_code');
    expect(state(await logins.submitCode(a.handle, await hotp(secret, 2 + 5))).step.kind).toBe('done'); // 7 is within
    expect(await erinsCounter()).toBe(8); // matched + 1, not the old value
    const b = await atOtp(logins, 'erin', 'erin password 1');
    // skipped codes are spent too
    expect(state(await logins.submitCode(b.handle, await hotp(secret, 6))).error?.code).toBe('invalid_code');
  });

  it('lets exactly one of two logins racing with the same code through', async () => {
    for (let round = 0; round < 5; round++) {
      const counter = await erinsCounter();
      const [a, b] = await Promise.all([
        atOtp(logins, 'erin', 'erin password 1'),
        atOtp(logins, 'erin', 'erin password 1'),
      ]);
      const code = await hotp(secret, counter);
      const answers = await Promise.all([logins.submitCode(a.handle, code), logins.submitCode(b.handle, code)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      const [winner, loser] = [...answers].sort((x, y) => x.status - y.status);
      expect(state(winner!).step.kind).toBe('done');
      // Refused as spent: seen as a reuse while the winner held it, or as behind the counter it moved.
      expect(['code_used', 'invalid_code']).toContain(state(loser!).error?.code);
      expect(await erinsCounter()).toBe(counter + 1);
    }
  });
});

describe('reset-otp', () => {
  it('removes the devices so the next sign-in enrolls again', async () => {
    const backend = await otpBackend({});
    try {
      backend.clock.now = T0;
      await backend.addUser('frank', 'frank password 1');
      const logins = await EmbeddedLogins.discover(backend.issuer);
      const first = await atOtp(logins, 'frank', 'frank password 1');
      expect(
        state(await logins.submitCode(first.handle, await totp(enrollStep(first.state).secret, T0))).step.kind,
      ).toBe('done');
      expect((await atOtp(logins, 'frank', 'frank password 1')).state.step.kind).toBe('otp');
      const frank = (await backend.server.store.users.findByLogin('frank'))!;
      for (const type of ['totp', 'hotp']) await backend.server.store.credentials.removeAllOfType(frank.id, type);
      expect(await backend.server.store.credentials.listForUser(frank.id)).toEqual([]);
      expect((await atOtp(logins, 'frank', 'frank password 1')).state.step.kind).toBe('otp_enroll');
    } finally {
      await backend.close();
    }
  });
});
