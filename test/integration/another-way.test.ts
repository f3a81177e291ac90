// "Use another way" and recovery codes, performed as the user who lost a factor and as an attacker who holds
// only the username or the password: the other factors are offered only after the password, only when they
// meet the sign-in's acr; recovery codes are issued only after a proven second factor, shown once, stored as
// keyed hashes, single use (also under a race), and a code stands in for a lost app which it then replaces.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { snapshot, state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import type { FlowState } from '../../wire/flow-api.js';

const PHONE = '+14155550177';
const LOCKOUT = { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } };

function codesOf(s: FlowState): string[] {
  if (s.step.kind !== 'recovery_codes') throw new Error(`expected recovery codes, got ${JSON.stringify(s.step)}`);
  return s.step.codes;
}

function secretOf(s: FlowState): string {
  if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step.secret;
}

describe('another way, and recovery codes', () => {
  let standIns: StandIns;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  /** Has an authenticator app and a verified phone. */
  let rita: string;
  let ritaSecret = '';
  let codes: string[] = [];

  const store = () => backend.server.store;
  const typesOf = async (userId: string) => (await store().credentials.listForUser(userId)).map((c) => c.type).sort();
  const act = (handle: string, action: string, inputs: Record<string, unknown> = {}) =>
    logins.api.act(handle, action, inputs);
  const anotherWay = (handle: string, factor: string) => act(handle, 'another_way', { factor });

  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await startTestBackend({
      config: {
        methods: {
          otp: { enabled: true, issuer: 'Another Way Test' },
          twilio_sms: standIns.methods.twilio_sms,
          recovery_code: { enabled: true },
        },
        sms: { limits: { per_user: { max: 3 }, per_phone: { max: 100 }, per_ip: { max: 1000 } } },
        lockout: LOCKOUT,
      },
    });
    rita = await backend.addUser('rita', 'rita password 12', { phone: PHONE });
    logins = await EmbeddedLogins.discover(backend.issuer);
    // rita adds her app after proving her phone (acr otp: the phone is asked first, then the app binds).
    backend.clock.now = T0;
    const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
    const enroll = state(await logins.submitCode(handle, newestSmsCode(standIns.inbox, PHONE)));
    ritaSecret = secretOf(enroll);
    const shown = state(await logins.submitCode(handle, await totp(ritaSecret, T0)));
    codes = codesOf(shown);
    expect(state(await act(handle, 'continue')).step.kind).toBe('done');
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });
  let step = 0;
  beforeEach(() => {
    step += 4;
    backend.clock.now = T0 + step * 30_000;
  });

  describe('recovery codes', () => {
    it('are issued once, ten of them, after the sign-in that proved the phone; stored as sealed hashes', async () => {
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      const stored = await store().credentials.listForUser(rita, 'recovery_code');
      expect(stored).toHaveLength(10);
      const raw = JSON.stringify(stored);
      for (const code of codes) {
        expect(raw).not.toContain(code);
        expect(raw).not.toContain(code.replace('-', ''));
      }
      expect(backend.logs.some((l) => l.event === 'recovery_code.issued' && l.user_id === rita)).toBe(true);
    });

    it('are not shown again on the next sign-in', async () => {
      const { handle, request } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      const done = state(await logins.submitCode(handle, await totp(ritaSecret, backend.clock.now!)));
      expect(done.step.kind).toBe('done');
      const { tokens } = await logins.finish(done, request);
      expect(tokens.claims()).toMatchObject({ acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
    });

    it('are never issued to whoever proved only the password (a first factor enrolled after it)', async () => {
      const sam = await backend.addUser('sam', 'sam password 123');
      backend.server.config.enrollment.first_factor = true;
      try {
        const { handle } = await logins.pastPassword('otp', 'sam', 'sam password 123');
        const secret = secretOf(state(await logins.api.get(handle)));
        const after = state(await logins.submitCode(handle, await totp(secret, backend.clock.now!)));
        expect(after.step.kind).toBe('done');
      } finally {
        backend.server.config.enrollment.first_factor = false;
      }
      expect(await typesOf(sam)).toEqual(['totp']);
    });
  });

  describe('another way', () => {
    it('is not offered to whoever knows only the username, nor after a wrong password', async () => {
      const { handle } = await logins.atPassword('otp', 'rita');
      const at = state(await logins.api.get(handle));
      expect(at.another_way).toBeUndefined();
      expect(at.actions.another_way).toBeUndefined();
      const wrong = await act(handle, 'submit', { password: 'not her password' });
      expect(wrong.status).toBe(401);
      expect(state(wrong).another_way).toBeUndefined();
      const before = await snapshot(logins.api, handle);
      const forced = await anotherWay(handle, 'recovery_code');
      expect(forced.status).toBe(409);
      expect(await snapshot(logins.api, handle)).toEqual(before);
    });

    it('offers, after the password, only factors that meet the acr: at acr otp a recovery code, not SMS', async () => {
      const { state: s } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      expect(s.step.kind).toBe('otp');
      expect(s.another_way).toEqual(['recovery_code']);
      expect(s.actions.another_way?.inputs.factor).toMatchObject({ required: true, pattern: '^(recovery_code)$' });
    });

    it('at acr twilio_sms offers the app and a recovery code, strongest first', async () => {
      const { state: s } = await logins.pastPassword('twilio_sms', 'rita', 'rita password 12');
      expect(s.step.kind).toBe('sms_code');
      expect(s.another_way).toEqual(['otp', 'recovery_code']);
    });

    it('refuses a factor it did not offer, or a bad one, with a clear error and nothing changed', async () => {
      const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      const before = await snapshot(logins.api, handle);
      const cases: [Record<string, unknown>, number][] = [
        [{ factor: 'sms' }, 400],
        [{ factor: 'password' }, 400],
        [{ factor: '' }, 400],
        [{ factor: 42 }, 400],
        [{}, 400],
      ];
      for (const [inputs, status] of cases) {
        const answer: FlowResponse = await act(handle, 'another_way', inputs);
        expect(answer.status, JSON.stringify(inputs)).toBe(status);
        expect(JSON.stringify(answer.body)).toMatch(/factor/);
      }
      expect(await snapshot(logins.api, handle)).toEqual(before);
    });

    it('a spent SMS quota says so, and the other factors are there', async () => {
      const { handle } = await logins.pastPassword('twilio_sms', 'rita', 'rita password 12');
      let last: FlowResponse | undefined;
      for (let i = 0; i < 4; i++) {
        backend.clock.now! += 61_000;
        last = await act(handle, 'resend');
      }
      expect(last?.status).toBe(429);
      const refused = state(last!);
      expect(refused.error?.code).toBe('rate_limited');
      expect(refused.another_way).toEqual(['otp', 'recovery_code']);
      const switched = state(await anotherWay(handle, 'otp'));
      expect(switched.step.kind).toBe('otp');
      const done = state(await logins.submitCode(handle, await totp(ritaSecret, backend.clock.now!)));
      expect(done.step.kind).toBe('done');
      expect(backend.logs.some((l) => l.event === 'flow.another_way' && l.user_id === rita)).toBe(true);
    });
  });

  describe('a lost authenticator app', () => {
    it('a recovery code signs in (acr recovery_code), then a new app replaces the lost one', async () => {
      const { handle, request, state: s } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      expect(s.step.kind).toBe('otp');
      const asked = state(await anotherWay(handle, 'recovery_code'));
      expect(asked.step.kind).toBe('recovery_code');
      // Back to the app, should it turn up again.
      expect(asked.another_way).toEqual(['otp']);

      const wrong = await logins.submitCode(handle, 'AAAAA-AAAAA');
      expect(wrong.status).toBe(401);
      expect(state(wrong).error).toMatchObject({ code: 'invalid_code', field: 'code' });
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(10);

      // Typed in lower case with a space instead of the hyphen: the same code.
      const typed = codes[0]!.toLowerCase().replace('-', ' ');
      const replace = state(await logins.submitCode(handle, typed));
      expect(replace.step.kind).toBe('otp_enroll');
      expect(Object.keys(replace.actions).sort()).toEqual(['renew', 'skip', 'submit']);
      const fresh = secretOf(replace);
      expect(fresh).not.toBe(ritaSecret);
      const done = state(await logins.submitCode(handle, await totp(fresh, backend.clock.now!)));
      expect(done.step.kind).toBe('done');
      const { tokens } = await logins.finish(done, request);
      expect(tokens.claims()).toMatchObject({ acr: 'recovery_code', amr: ['pwd', 'recovery_code', 'mfa'] });

      // The owner is told the old app is gone and a code was used (no relay here: the audit says each was tried).
      const notices = () =>
        backend.logs.filter((l) => l.event === 'notice.sent' && l.user_id === rita).map((l) => l.notice);
      await expect
        .poll(notices)
        .toEqual(expect.arrayContaining(['recovery_code_used', 'factor_removed', 'factor_added']));
      // The lost app no longer signs in; the new one does; nine codes are left.
      expect(await typesOf(rita)).toEqual([...Array(9).fill('recovery_code'), 'totp']);
      backend.clock.now! += 60_000; // past the time step the new app's first code used
      const next = await logins.pastPassword('otp', 'rita', 'rita password 12');
      const oldCode = await totp(ritaSecret, backend.clock.now!);
      expect((await logins.submitCode(next.handle, oldCode)).status).toBe(401);
      expect(state(await logins.submitCode(next.handle, await totp(fresh, backend.clock.now!))).step.kind).toBe('done');
      ritaSecret = fresh;
    });

    it('a used code is refused like a wrong one, and nothing changes', async () => {
      const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      await anotherWay(handle, 'recovery_code');
      const before = await snapshot(logins.api, handle);
      const reused = await logins.submitCode(handle, codes[0]!);
      expect(reused.status).toBe(401);
      expect(state(reused).error?.code).toBe('invalid_code');
      expect(await snapshot(logins.api, handle)).toEqual(before);
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(9);
    });

    it('the replacement may wait: "skip" signs in and keeps the app', async () => {
      const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      await anotherWay(handle, 'recovery_code');
      expect(state(await logins.submitCode(handle, codes[1]!)).step.kind).toBe('otp_enroll');
      expect(state(await act(handle, 'skip')).step.kind).toBe('done');
      expect(await typesOf(rita)).toEqual([...Array(8).fill('recovery_code'), 'totp']);
    });

    it('the last code used gives no new set in that sign-in (a stolen code is not a way to more codes)', async () => {
      const left = await store().credentials.listForUser(rita, 'recovery_code');
      // Leave one code, as if the others were used.
      for (const extra of left.slice(1)) await store().credentials.remove(rita, extra.id);
      const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      await anotherWay(handle, 'recovery_code');
      // codes[0] and [1] were used above; the one left is one of the others.
      let after: FlowState | undefined;
      for (const candidate of codes.slice(2)) {
        const answer = await logins.submitCode(handle, candidate);
        if (answer.status === 200) {
          after = state(answer);
          break;
        }
      }
      expect(after?.step.kind).toBe('otp_enroll');
      expect(state(await act(handle, 'skip')).step.kind).toBe('done');
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(0);
      // The next sign-in that proves the app shows a new set.
      const next = await logins.pastPassword('otp', 'rita', 'rita password 12');
      const shown = state(await logins.submitCode(next.handle, await totp(ritaSecret, backend.clock.now!)));
      codes = codesOf(shown);
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(10);
    });

    it('two sign-ins racing with one code: exactly one gets in', async () => {
      const a = await logins.pastPassword('otp', 'rita', 'rita password 12');
      const b = await logins.pastPassword('otp', 'rita', 'rita password 12');
      await anotherWay(a.handle, 'recovery_code');
      await anotherWay(b.handle, 'recovery_code');
      const answers = await Promise.all([
        logins.submitCode(a.handle, codes[2]!),
        logins.submitCode(b.handle, codes[2]!),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(9);
    });

    it('whoever holds the password cannot guess codes: past the free attempts even a right one waits', async () => {
      const { handle } = await logins.pastPassword('otp', 'rita', 'rita password 12');
      await anotherWay(handle, 'recovery_code');
      let last: FlowResponse | undefined;
      for (let i = 0; i < 60 && last?.status !== 429; i++)
        last = await logins.submitCode(handle, `ZZZZZ-${String(i).padStart(5, '0')}`);
      expect(last?.status).toBe(429);
      expect(state(last!).error?.code).toBe('locked');
      const right = await logins.submitCode(handle, codes[3]!);
      expect(right.status).toBe(429);
      expect(await store().credentials.listForUser(rita, 'recovery_code')).toHaveLength(9);
    });
  });
});
