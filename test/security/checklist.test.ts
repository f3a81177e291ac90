// The security checklist, one named test per item, in the one place an auditor reads. Each test drives the
// real backend end to end over HTTP (flow API, hosted pages, /auth, /token, /me) with the same helpers as
// the integration tests, and asserts what the item promises; many items are also covered in more depth
// elsewhere in the suite, but every test here stands on its own.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { CLIENT_SECRET, startTestBackend, type TestBackend } from '../helpers/backend.js';
import {
  authorizationRequest,
  discover,
  exchange,
  oidc,
  postToken,
  RP_CALLBACK,
  RP_ORIGIN as ORIGIN,
  type AuthRequest,
} from '../helpers/oidc-client.js';
import { errorOf, FlowApi, snapshot, state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins, openHostedPage, toCallback } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { MID_TOTP_STEP, totp as totpCode } from '../helpers/authenticator-app.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { startStandIns, STAND_IN_CREDENTIALS, type StandIns } from '../../demo/stand-ins/index.js';
import type { FlowState } from '../../wire/flow-api.js';

/** Allowed for the other configured client (public-spa), not for test-rp. */
const OTHER_CLIENT_ORIGIN = 'http://localhost:3998';
const FREE_ATTEMPTS = 3;

let standIns: StandIns;
let backend: TestBackend;
let config: oidc.Configuration;
let logins: EmbeddedLogins;
let api: FlowApi;
/** The backend's clock: it starts in the middle of a TOTP step, so ±1 step is unambiguous. */
let now = MID_TOTP_STEP;
/** Every secret the tests handle (passwords, seeds, codes, handles, tickets, tokens), for item 12. */
const secrets = new Set<string>();
/** Numeric one-time codes, checked apart (they are short: matched as whole numbers). */
const numericCodes = new Set<string>();
/** Log lines of backends started inside a test (item 2), kept for item 12. */
const otherLogs: Record<string, unknown>[] = [];

function remember(...values: (string | undefined)[]): void {
  for (const v of values) if (v) secrets.add(v);
}

/** Moves the backend's clock one TOTP step on: a fresh code, and flows are still young. */
function tick(): number {
  now += 30_000;
  backend.clock.now = now;
  return now;
}

/** The code an authenticator app shows, remembered for item 12. */
async function totp(secret: string, atMs: number): Promise<string> {
  const code = await totpCode(secret, atMs);
  numericCodes.add(code);
  return code;
}

/** An embedded flow for `acr`, past the username and the password (both remembered for item 12). */
async function embeddedPastPassword(acr: string, username: string, password: string) {
  remember(password);
  const login = await logins.pastPassword(acr, username, password);
  remember(login.handle);
  return login;
}

/** Carries a finished flow to the RP's callback and exchanges the code, as the RP would (remembering all it sees). */
async function finish(done: FlowState, request: AuthRequest, agent = new UserAgent()) {
  if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done)}`);
  const continueUrl = new URL(done.step.continue_url);
  remember(continueUrl.searchParams.get('gluu_ticket') ?? continueUrl.searchParams.get('ticket') ?? undefined);
  const finished = await logins.finish(done, request, agent);
  remember(new URL(finished.callback).searchParams.get('code') ?? undefined);
  remember(finished.tokens.access_token, finished.tokens.id_token, finished.tokens.refresh_token);
  return finished;
}

/** A new user's embedded password login carried to the RP's callback: the code there, not redeemed yet. */
async function unredeemedCode(username: string, password: string): Promise<{ code: string; request: AuthRequest }> {
  await backend.addUser(username, password);
  const login = await embeddedPastPassword('password', username, password);
  if (login.state.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(login.state)}`);
  const code = new URL(await toCallback(login.state.step.continue_url)).searchParams.get('code')!;
  remember(code);
  return { code, request: login.request };
}

/** Enrolls an authenticator for the user (the first otp sign-in) and returns its seed. */
async function enrollOtp(username: string, password: string): Promise<string> {
  const { state: s, handle, request } = await embeddedPastPassword('otp', username, password);
  if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${s.step.kind}`);
  remember(s.step.secret, s.step.otpauth_uri);
  const done = state(await api.act(handle, 'submit', { code: await totp(s.step.secret, now) }));
  expect(done.step.kind).toBe('done');
  await finish(done, request);
  return s.step.secret;
}

/** Six-digit codes that are not valid for `secret` around `atMs` (±1 step, the configured window). */
async function wrongCodes(secret: string, atMs: number, count: number): Promise<string[]> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((k) => totp(secret, atMs + k * 30_000))));
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const code = String((i * 7919 + 104_729) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) out.push(code);
  }
  return out;
}

/** The code in the newest SMS to `phone`, remembered for item 12. */
const smsCodeIn = (phone: string) => {
  const code = newestSmsCode(standIns.inbox, phone);
  numericCodes.add(code);
  return code;
};

beforeAll(async () => {
  standIns = await startStandIns();
  backend = await startTestBackend({
    config: {
      methods: { otp: { enabled: true, issuer: 'Gluu Checklist' }, twilio_sms: standIns.methods.twilio_sms },
      lockout: {
        account: {
          free_attempts: FREE_ATTEMPTS,
          initial_wait_seconds: 30,
          max_wait_seconds: 60,
          max_failures: 100,
          forget_after_seconds: 0,
        },
        ip: {
          free_attempts: 100_000,
          initial_wait_seconds: 10,
          max_wait_seconds: 60,
          max_failures: 0,
          forget_after_seconds: 3600,
        },
      },
      sms: { limits: { per_user: { max: 50 }, per_phone: { max: 50 }, per_ip: { max: 1000 } } },
      // The items' fresh users enroll their first authenticator app after the password.
      enrollment: { first_factor: true },
    },
  });
  backend.clock.now = now;
  config = await discover(backend.issuer);
  logins = new EmbeddedLogins(config, ORIGIN);
  api = logins.api;
  remember(CLIENT_SECRET, STAND_IN_CREDENTIALS.twilioToken);
});
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});

describe('security checklist', () => {
  it('1. stored password hashes are argon2id, m >= 19456, t >= 2 (weaker ones are upgraded at login)', async () => {
    const phc = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
    const checkHash = (stored: string | null | undefined, password?: string) => {
      const m = phc.exec(stored ?? '');
      expect(m, `not an argon2id PHC string: ${stored}`).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(19_456);
      expect(Number(m![2])).toBeGreaterThanOrEqual(2);
      expect(Number(m![3])).toBeGreaterThanOrEqual(1);
      expect(Buffer.from(m![4]!, 'base64').length).toBeGreaterThanOrEqual(16); // salt
      expect(Buffer.from(m![5]!, 'base64').length).toBeGreaterThanOrEqual(32); // tag
      if (password) expect(stored).not.toContain(password);
    };

    const id = await backend.addUser('hash-user', 'hash password 12');
    remember('hash password 12');
    const stored = (await backend.server.store.users.findById(id))!.passwordHash;
    checkHash(stored, 'hash password 12');
    expect(await argon2Verify(stored!, 'hash password 12')).toBe(true);

    // A hash made with weaker parameters (an import from an older system) is replaced at the next login.
    const legacy = await argon2Hash('legacy password 1', {
      algorithm: 2,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    remember('legacy password 1');
    const legacyUser = await backend.server.store.users.create({ username: 'legacy-user', passwordHash: legacy });
    const login = await embeddedPastPassword('password', 'legacy-user', 'legacy password 1');
    expect(login.state.step.kind).toBe('done');
    const upgraded = (await backend.server.store.users.findById(legacyUser.id))!.passwordHash;
    expect(upgraded).not.toBe(legacy);
    checkHash(upgraded, 'legacy password 1');
    expect(await argon2Verify(upgraded!, 'legacy password 1')).toBe(true);

    // Every password in the database, whoever created it.
    const users = await backend.server.store.users.list();
    expect(users.length).toBeGreaterThanOrEqual(2);
    for (const user of users) if (user.passwordHash !== null) checkHash(user.passwordHash);
  });

  it('2. unknown and known users: identical answers and timing (medians of 40 interleaved samples each)', async () => {
    // Its own backend with waits out of the way, so 40 wrong passwords of one account are all really checked.
    const timing = await startTestBackend({
      config: {
        lockout: {
          account: { free_attempts: 100_000, max_failures: 0, forget_after_seconds: 0 },
          ip: { free_attempts: 100_000, max_failures: 0 },
        },
      },
    });
    try {
      await timing.addUser('known-user', 'known password 1');
      remember('known password 1', 'wrong password 1');
      const tConfig = await discover(timing.issuer);
      const tApi = new FlowApi(timing.issuer, ORIGIN);
      const strip = (r: FlowResponse) => {
        const body = state(r);
        return {
          ...body,
          flow: '<handle>',
          expires_in: 0,
          step: body.step.kind === 'password' ? { ...body.step, username: '<login>' } : body.step,
        };
      };
      const headers = (r: FlowResponse) => [...r.headers].filter(([k]) => !['date', 'content-length'].includes(k));

      const sample = async (username: string) => {
        const handle = state(await tApi.start((await authorizationRequest(tConfig)).url.href)).flow;
        const atPassword = await tApi.act(handle, 'submit', { username });
        const started = performance.now();
        const answer = await tApi.act(handle, 'submit', { password: 'wrong password 1' });
        const ms = performance.now() - started;
        return { atPassword, answer, ms };
      };
      // Both logins have the same length, so even the byte counts match.
      const logins = { known: 'known-user', unknown: 'ghost-user' } as const;
      // warm up (the dummy hash is made once)
      for (let i = 0; i < 3; i++) for (const who of ['known', 'unknown'] as const) await sample(logins[who]);

      const verify = vi.spyOn(timing.server.hasher, 'verify');
      const results = {
        known: [] as Awaited<ReturnType<typeof sample>>[],
        unknown: [] as Awaited<ReturnType<typeof sample>>[],
      };
      for (let i = 0; i < 40; i++) {
        const order: (keyof typeof logins)[] = i % 2 ? ['known', 'unknown'] : ['unknown', 'known'];
        for (const who of order) results[who].push(await sample(logins[who]));
      }
      const verified = verify.mock.calls.map(([stored]) => stored);
      verify.mockRestore();

      // Identical answers: the username step, then the refusal of the password (status, body, headers).
      const reference = results.known[0]!;
      for (const r of [...results.known, ...results.unknown]) {
        expect(r.atPassword.status).toBe(200);
        expect(strip(r.atPassword)).toEqual(strip(reference.atPassword));
        expect(r.answer.status).toBe(401);
        expect(strip(r.answer)).toEqual(strip(reference.answer));
        expect(headers(r.answer)).toEqual(headers(reference.answer));
        expect(r.answer.headers.get('content-length')).toBe(reference.answer.headers.get('content-length'));
      }
      expect(state(reference.answer).error).toEqual({
        code: 'invalid_credentials',
        message: 'Incorrect username or password.',
        field: 'password',
      });
      // Both paths do a real argon2 verification (the unknown one against a dummy hash).
      expect(verified).toHaveLength(80);
      expect(verified.filter((stored) => stored === undefined || stored === null)).toHaveLength(40);

      // Identical timing, within a tolerance generous enough for two busy cores.
      const median = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return (s[19]! + s[20]!) / 2;
      };
      const known = median(results.known.map((r) => r.ms));
      const unknown = median(results.unknown.map((r) => r.ms));
      const tolerance = Math.max(0.35 * Math.max(known, unknown), 5);
      expect(
        Math.abs(known - unknown),
        `medians: known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms, tolerance ${tolerance.toFixed(1)} ms`,
      ).toBeLessThanOrEqual(tolerance);
    } finally {
      otherLogs.push(...timing.logs);
      await timing.close();
    }
  });

  it('3. 200 parallel wrong OTPs over 10 flows of one user: exactly the configured limit reaches a check', async () => {
    const userId = await backend.addUser('otp-burst', 'burst password 1');
    const secret = await enrollOtp('otp-burst', 'burst password 1');
    const at = tick();
    const flows: Awaited<ReturnType<typeof embeddedPastPassword>>[] = [];
    for (let i = 0; i < 10; i++) flows.push(await embeddedPastPassword('otp', 'otp-burst', 'burst password 1'));
    for (const f of flows) expect(f.state.step.kind).toBe('otp');
    const codes = await wrongCodes(secret, at, 200);

    // Checking a code opens the sealed seed: each call of the sealer is one code that reached verification.
    const open = vi.spyOn(backend.server.sealer, 'open');
    const firstLine = backend.logs.length;
    const answers = await Promise.all(codes.map((code, i) => api.act(flows[i % 10]!.handle, 'submit', { code })));
    const opened = open.mock.calls.length;
    open.mockRestore();

    // the free ones, and the one that starts the wait
    const limit = backend.server.config.lockout.account.free_attempts + 1;
    expect(limit).toBe(FREE_ATTEMPTS + 1);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - limit);
    for (const a of answers) expect(state(a).error?.code).toBe(a.status === 401 ? 'invalid_code' : 'locked');
    expect(opened).toBe(limit);
    const attempts = backend.logs
      .slice(firstLine)
      .filter((l) => l.event === 'auth.attempt' && l.method === 'otp' && l.user_id === userId);
    expect(attempts.filter((l) => l.outcome === 'failure')).toHaveLength(limit);
    expect(attempts.filter((l) => l.outcome === 'refused' && l.reason === 'locked')).toHaveLength(200 - limit);
    expect((await backend.server.store.counters.get(`acct:otp:user:${userId}`))?.failures).toBe(limit);

    // Locked means locked: even the right code waits now.
    const right = await api.act(flows[0]!.handle, 'submit', { code: await totp(secret, at) });
    expect(right.status).toBe(429);
    expect(state(right).error).toMatchObject({ code: 'locked', retry_after: 30 });
  });

  it('4. OTP and SMS codes are single use', async () => {
    // TOTP: the code that signed in once is refused in a second login, even within its time step.
    await backend.addUser('otp-once', 'once password 12');
    const secret = await enrollOtp('otp-once', 'once password 12');
    const enrolledAt = now;
    const at = tick();
    const code = await totp(secret, at);
    const first = await embeddedPastPassword('otp', 'otp-once', 'once password 12');
    expect(first.state.step.kind).toBe('otp');
    const done = state(await api.act(first.handle, 'submit', { code }));
    expect(done.step.kind).toBe('done');
    // The finished flow takes nothing more, before its ticket is used and after (then it is gone).
    const afterDone = await api.act(first.handle, 'submit', { code });
    expect(afterDone.status).toBe(409);
    expect(errorOf(afterDone).code).toBe('action_not_allowed');
    const { tokens } = await finish(done, first.request);
    expect(tokens.claims()).toMatchObject({ acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
    const afterTicket = await api.act(first.handle, 'submit', { code });
    expect(afterTicket.status).toBe(404);
    expect(errorOf(afterTicket).code).toBe('flow_not_found');

    const second = await embeddedPastPassword('otp', 'otp-once', 'once password 12');
    const before = await snapshot(api, second.handle);
    for (const reused of [code, await totp(secret, enrolledAt)]) {
      const replay = await api.act(second.handle, 'submit', { code: reused });
      expect(replay.status).toBe(401);
      expect(state(replay).error).toMatchObject({ code: 'code_used', field: 'code' });
    }
    expect(await snapshot(api, second.handle)).toEqual(before);
    // The next step's code works: the refusals were about reuse, nothing else.
    expect(state(await api.act(second.handle, 'submit', { code: await totp(secret, tick()) })).step.kind).toBe('done');

    // SMS (Twilio stand-in): two parallel submissions of the right code finish the flow once; afterwards the
    // done flow refuses it, and a new login's flow does not accept the old code.
    const phone = '+14155550101';
    await backend.addUser('sms-once', 'sms once password', { phone });
    const sms = await embeddedPastPassword('twilio_sms', 'sms-once', 'sms once password');
    expect(sms.state.step.kind).toBe('sms_code');
    const smsCode = smsCodeIn(phone);
    const race = await Promise.all([
      api.act(sms.handle, 'submit', { code: smsCode }),
      api.act(sms.handle, 'submit', { code: smsCode }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const smsDone = state(race.find((r) => r.status === 200)!);
    expect(smsDone.step.kind).toBe('done');
    const resubmitted = await api.act(sms.handle, 'submit', { code: smsCode });
    expect(resubmitted.status).toBe(409);
    expect(errorOf(resubmitted).code).toBe('action_not_allowed');
    expect((await finish(smsDone, sms.request)).tokens.claims()).toMatchObject({
      acr: 'twilio_sms',
      amr: ['pwd', 'sms', 'mfa'],
    });

    const again = await embeddedPastPassword('twilio_sms', 'sms-once', 'sms once password');
    const fresh = smsCodeIn(phone);
    expect(standIns.inbox.list(phone)).toHaveLength(2);
    if (fresh !== smsCode) {
      // (One time in a million the new random code has the same digits; then it *is* the new code.)
      const old = await api.act(again.handle, 'submit', { code: smsCode });
      expect(old.status).toBe(401);
      expect(state(old).error?.code).toBe('invalid_code');
    }
    expect(state(await api.act(again.handle, 'submit', { code: fresh })).step.kind).toBe('done');
  });

  it('5. steps cannot be skipped', async () => {
    await backend.addUser('skip-user', 'skip password 12');
    const secret = await enrollOtp('skip-user', 'skip password 12');
    const user = (await backend.server.store.users.findByLogin('skip-user'))!;
    const counter = async () => (await backend.server.store.credentials.listForUser(user.id))[0]!.counter;
    const at = tick();
    const validCode = await totp(secret, at);

    // A hosted flow (the provider's own page), driven as its widget would be.
    const agent = new UserAgent();
    const request = await authorizationRequest(config, { acr_values: 'otp' });
    const { handle, pageUrl } = await openHostedPage(agent, request);
    remember(handle);
    const uid = new URL(pageUrl).pathname.split('/')[2]!;
    const hosted = new FlowApi(backend.issuer, backend.issuer);
    const counterBefore = await counter();

    const refused = async (action: string, inputs: Record<string, unknown>, status: number, code: string) => {
      const before = await snapshot(hosted, handle);
      const response = await hosted.act(handle, action, inputs);
      expect(response.status, `${action} ${JSON.stringify(inputs)} at ${JSON.stringify(before)}`).toBe(status);
      expect(errorOf(response).code).toBe(code);
      expect(await snapshot(hosted, handle)).toEqual(before);
    };
    const finishRefused = async () => {
      const before = await snapshot(hosted, handle);
      for (const ticket of [handle, 'A'.repeat(43), '']) {
        const response = await agent.request(`${backend.issuer}/interaction/${uid}/finish?ticket=${ticket}`);
        expect(response.status).toBe(400);
        expect(response.headers.get('location')).toBeNull();
      }
      expect(await snapshot(hosted, handle)).toEqual(before);
    };

    // At the username step: no password, no code, nothing of a later step, no ticket.
    expect(state(await hosted.get(handle)).step).toEqual({ kind: 'username' });
    await refused('submit', { password: 'skip password 12' }, 400, 'invalid_request');
    await refused('submit', { username: 'skip-user', password: 'skip password 12' }, 400, 'invalid_request');
    await refused('submit', { code: validCode }, 400, 'invalid_request');
    await refused('change_username', {}, 409, 'action_not_allowed');
    await refused('resend', {}, 409, 'action_not_allowed');
    await finishRefused();

    // At the password step: the code of the second factor is not accepted instead of the password.
    expect(state(await hosted.act(handle, 'submit', { username: 'skip-user' })).step.kind).toBe('password');
    await refused('submit', { code: validCode }, 400, 'invalid_request');
    await refused('submit', { password: 'skip password 12', code: validCode }, 400, 'invalid_request');
    await refused('renew', {}, 409, 'action_not_allowed');
    await finishRefused();

    // At the otp step: the first factor is done; going back to another username is no longer offered.
    expect(state(await hosted.act(handle, 'submit', { password: 'skip password 12' })).step.kind).toBe('otp');
    await refused('change_username', {}, 409, 'action_not_allowed');
    await refused('submit', { password: 'skip password 12' }, 400, 'invalid_request');
    await refused('submit', { username: 'skip-user' }, 400, 'invalid_request');
    await finishRefused();
    expect(state(await hosted.get(handle)).step).toEqual({ kind: 'otp', type: 'totp', digits: 6 });
    expect(await counter()).toBe(counterBefore); // the code offered too early was not spent

    // Only now does the flow finish, and it still can.
    const done = state(await hosted.act(handle, 'submit', { code: validCode }));
    expect(done.step.kind).toBe('done');
    const { tokens } = await finish(done, request, agent);
    expect(tokens.claims()).toMatchObject({ sub: user.id, acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('6. a flow handle swapped between users is refused', async () => {
    const aliceId = await backend.addUser('swap-alice', 'alice password 12');
    const bobId = await backend.addUser('swap-bob', 'bob password 1234');
    const aliceSecret = await enrollOtp('swap-alice', 'alice password 12');
    const bobSecret = await enrollOtp('swap-bob', 'bob password 1234');
    const counters = async () =>
      Promise.all(
        [aliceId, bobId].map(async (id) => (await backend.server.store.credentials.listForUser(id))[0]!.counter),
      );

    // Alice's embedded flow, at her second factor.
    const alice = await embeddedPastPassword('otp', 'swap-alice', 'alice password 12');
    expect(alice.state.step.kind).toBe('otp');
    const aliceBefore = await snapshot(api, alice.handle);

    // ...driven from another client's page, or any other origin: refused, for reading as for acting.
    for (const origin of [OTHER_CLIENT_ORIGIN, 'https://evil.example', backend.issuer]) {
      const other = new FlowApi(backend.issuer, origin);
      for (const response of [
        await other.get(alice.handle),
        await other.act(alice.handle, 'submit', { code: '123456' }),
      ]) {
        expect(response.status).toBe(403);
        expect(errorOf(response).code).toBe('origin_not_allowed');
      }
    }

    // ...given Bob's valid code: wrong for Alice, and neither Alice's nor Bob's authenticator moves.
    let at = tick();
    for (let i = 0; i < 5; i++) {
      const aliceWindow = await Promise.all([-1, 0, 1].map((k) => totp(aliceSecret, at + k * 30_000)));
      if (!aliceWindow.includes(await totp(bobSecret, at))) break;
      at = tick();
    }
    const countersBefore = await counters();
    const bobsCode = await totp(bobSecret, at);
    const swapped = await api.act(alice.handle, 'submit', { code: bobsCode });
    expect(swapped.status).toBe(401);
    expect(state(swapped).error?.code).toBe('invalid_code');
    expect(await counters()).toEqual(countersBefore);
    expect(await snapshot(api, alice.handle)).toEqual(aliceBefore);

    // A hosted flow's handle is bound to the provider's page: the RP's origin cannot drive it.
    const aliceAgent = new UserAgent();
    const hostedRequest = await authorizationRequest(config, { acr_values: 'password' });
    const hosted = await openHostedPage(aliceAgent, hostedRequest);
    remember(hosted.handle);
    const fromRp = await api.act(hosted.handle, 'submit', { username: 'swap-alice' });
    expect(fromRp.status).toBe(403);
    expect(errorOf(fromRp).code).toBe('origin_not_allowed');

    // Alice's finished hosted flow, opened in Bob's browser (his cookies, his own interaction): no login.
    const hostedApi = new FlowApi(backend.issuer, backend.issuer);
    await hostedApi.act(hosted.handle, 'submit', { username: 'swap-alice' });
    const aliceDone = state(await hostedApi.act(hosted.handle, 'submit', { password: 'alice password 12' }));
    if (aliceDone.step.kind !== 'done') throw new Error('not done');
    remember(new URL(aliceDone.step.continue_url).searchParams.get('ticket') ?? undefined);
    const bobAgent = new UserAgent();
    const bobRequest = await authorizationRequest(config, { acr_values: 'password' });
    const bobPage = await openHostedPage(bobAgent, bobRequest);
    remember(bobPage.handle);
    const inBobsBrowser = await bobAgent.request(aliceDone.step.continue_url);
    expect(inBobsBrowser.status).toBe(410);
    expect(inBobsBrowser.headers.get('location')).toBeNull();
    // Alice's ticket was not spent by that: her own browser finishes as Alice.
    const aliceLogin = await finish(aliceDone, hostedRequest, aliceAgent);
    expect(aliceLogin.tokens.claims()!.sub).toBe(aliceId);

    // Another finished flow of Alice's, its ticket carried into Bob's interaction: refused, Bob is not Alice.
    const second = state(
      await new FlowApi(backend.issuer, backend.issuer).get(
        (await openHostedPage(new UserAgent(), await authorizationRequest(config, { acr_values: 'password' }))).handle,
      ),
    );
    await hostedApi.act(second.flow, 'submit', { username: 'swap-alice' });
    const secondDone = state(await hostedApi.act(second.flow, 'submit', { password: 'alice password 12' }));
    if (secondDone.step.kind !== 'done') throw new Error('not done');
    const aliceTicket = new URL(secondDone.step.continue_url).searchParams.get('ticket')!;
    remember(second.flow, aliceTicket);
    const bobUid = new URL(bobPage.pageUrl).pathname.split('/')[2]!;
    const carried = await bobAgent.request(`${backend.issuer}/interaction/${bobUid}/finish?ticket=${aliceTicket}`);
    expect(carried.status).toBe(400);
    expect(carried.headers.get('location')).toBeNull();
    expect(backend.logs.some((l) => l.event === 'flow.ticket_rejected' && l.reason === 'wrong_interaction')).toBe(true);

    // The embedded counterpart: Alice's ticket on Bob's authorization request ends in access_denied.
    const third = await embeddedPastPassword('password', 'swap-alice', 'alice password 12');
    if (third.state.step.kind !== 'done') throw new Error('not done');
    const forged = new URL((await authorizationRequest(config, { acr_values: 'password' })).url);
    forged.searchParams.set('gluu_ticket', new URL(third.state.step.continue_url).searchParams.get('gluu_ticket')!);
    const url = await toCallback(forged.href);
    expect(new URL(url).searchParams.get('error')).toBe('access_denied');
    expect(new URL(url).searchParams.get('code')).toBeNull();
  });

  it('7. PKCE is required and plain is refused', async () => {
    expect(config.serverMetadata().code_challenge_methods_supported).toEqual(['S256']);
    const base = {
      client_id: 'test-rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: RP_CALLBACK,
      state: 'pkce-state',
    };
    const verifier = oidc.randomPKCECodeVerifier();
    const cases: [string, Record<string, string>][] = [
      ['no PKCE', base],
      ['plain', { ...base, code_challenge: verifier, code_challenge_method: 'plain' }],
      ['a challenge without a method (plain by default)', { ...base, code_challenge: verifier }],
    ];
    for (const [name, params] of cases) {
      // At /auth (hosted): an error back to the RP, no login page.
      const url = new URL(`${backend.issuer}/auth`);
      url.search = new URLSearchParams(params).toString();
      const response = await new UserAgent().request(url.href);
      expect(response.status, name).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(RP_CALLBACK);
      expect(location.searchParams.get('error'), name).toBe('invalid_request');
      expect(location.searchParams.get('code')).toBeNull();
      // In the embedded widget: refused before any step.
      const embedded = await api.start(url.href);
      expect(embedded.status, name).toBe(400);
      expect(errorOf(embedded).field).toMatch(/^authorization_request\.code_challenge/);
    }
    // The public client, which has no secret to fall back on, is held to it too.
    const spa = new URL(`${backend.issuer}/auth`);
    spa.search = new URLSearchParams({
      ...base,
      client_id: 'public-spa',
      redirect_uri: 'http://localhost:3998/callback',
    }).toString();
    const spaResponse = await new UserAgent().request(spa.href);
    expect(new URL(spaResponse.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');

    // A code issued for an S256 challenge is worthless without its verifier.
    const { code } = await unredeemedCode('pkce-user', 'pkce password 12');
    for (const extra of [{}, { code_verifier: oidc.randomPKCECodeVerifier() }] as Record<string, string>[]) {
      const response = await postToken(backend.issuer, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: RP_CALLBACK,
        ...extra,
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^invalid_(grant|request)$/);
    }
  });

  it('8. redirect_uri must match exactly', async () => {
    const variants = [
      `${RP_CALLBACK}/`, // trailing slash
      'http://localhost:3999/Callback', // case of the path
      `${RP_CALLBACK}?next=%2Fadmin`, // an extra query
      'http://localhost:3998/callback', // another port (registered for another client)
      'https://localhost:3999/callback', // another scheme
      'http://127.0.0.1:3999/callback', // another host for the same machine
      `${RP_CALLBACK}/../callback`, // a path that normalizes to the registered one
    ];
    for (const redirectUri of variants) {
      const request = await authorizationRequest(config, {}, redirectUri);
      const response = await new UserAgent().request(request.url.href);
      expect(response.status, redirectUri).toBe(400);
      expect(response.headers.get('location'), redirectUri).toBeNull();
      expect(await response.text()).toContain('redirect_uri');
      const embedded = await api.start(request.url.href);
      expect(embedded.status, redirectUri).toBe(400);
      expect(errorOf(embedded).field).toBe('authorization_request.redirect_uri');
    }

    // At the token endpoint the redirect_uri must be the one the code was issued for.
    const { code, request } = await unredeemedCode('redirect-user', 'redirect password');
    const response = await postToken(backend.issuer, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${RP_CALLBACK}/`,
      code_verifier: request.verifier,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('9. an authorization code works once, and its replay revokes the tokens it gave', async () => {
    await backend.addUser('replay-user', 'replay password 1');
    const login = await embeddedPastPassword('password', 'replay-user', 'replay password 1');
    const { callback, tokens } = await finish(login.state, login.request);
    const userinfo = config.serverMetadata().userinfo_endpoint!;
    const me = () => fetch(userinfo, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await me()).status).toBe(200);

    const code = new URL(callback).searchParams.get('code')!;
    const replay = await postToken(backend.issuer, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: RP_CALLBACK,
      code_verifier: login.request.verifier,
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    // openid-client sees the same refusal.
    await expect(exchange(config, callback, login.request)).rejects.toMatchObject({ error: 'invalid_grant' });

    const revoked = await me();
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('10. iss is on every authorization response, success and error', async () => {
    // Query, or fragment for response types that would carry tokens (an error of response_type=token).
    const paramsOf = (url: string) => {
      const u = new URL(url);
      return new URLSearchParams(u.search.slice(1) || u.hash.slice(1));
    };
    const responses: [string, string][] = [];
    await backend.addUser('iss-user', 'iss password 123');
    await backend.addUser('iss-nophone', 'iss password 456');

    // Success, hosted.
    const hostedRequest = await authorizationRequest(config, { acr_values: 'password' });
    const agent = new UserAgent();
    const page = await openHostedPage(agent, hostedRequest);
    remember(page.handle);
    const hosted = new FlowApi(backend.issuer, backend.issuer);
    await hosted.act(page.handle, 'submit', { username: 'iss-user' });
    const hostedDone = await finish(
      state(await hosted.act(page.handle, 'submit', { password: 'iss password 123' })),
      hostedRequest,
      agent,
    );
    responses.push(['hosted success', hostedDone.callback]);
    // Success, embedded.
    const embedded = await embeddedPastPassword('password', 'iss-user', 'iss password 123');
    responses.push(['embedded success', (await finish(embedded.state, embedded.request)).callback]);
    // Success without a login page: the session from the hosted login, prompt=none.
    const silent = await authorizationRequest(config, { prompt: 'none', acr_values: 'password' });
    responses.push(['silent success', await toCallback(silent.url.href, agent)]);
    for (const [, url] of responses) expect(paramsOf(url).get('code')).not.toBeNull();

    // Errors: a refused request, prompt=none without a session, a response type not offered.
    const noPkce = new URL(`${backend.issuer}/auth`);
    noPkce.search = new URLSearchParams({
      client_id: 'test-rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: RP_CALLBACK,
      state: 's',
    }).toString();
    responses.push(['invalid_request', await toCallback(noPkce.href)]);
    const none = await authorizationRequest(config, { prompt: 'none' });
    responses.push(['login_required', await toCallback(none.url.href)]);
    const token = await authorizationRequest(config, { response_type: 'token' });
    responses.push(['unsupported_response_type', await toCallback(token.url.href)]);
    // Errors after a login page: a flow that failed (no phone for SMS), and a ticket carried elsewhere.
    const failed = await embeddedPastPassword('twilio_sms', 'iss-nophone', 'iss password 456');
    if (failed.state.step.kind !== 'failed') throw new Error(`expected failed, got ${failed.state.step.kind}`);
    responses.push(['access_denied (failed flow)', await toCallback(failed.state.step.continue_url!)]);
    // The embedded login's continue_url again, its ticket spent by the success above.
    if (embedded.state.step.kind !== 'done') throw new Error('not done');
    responses.push(['access_denied (spent ticket)', await toCallback(embedded.state.step.continue_url)]);

    const errors = responses.slice(3).map(([, url]) => paramsOf(url).get('error'));
    expect(errors).toEqual([
      'invalid_request',
      'login_required',
      'unsupported_response_type',
      'access_denied',
      'access_denied',
    ]);
    for (const [name, url] of responses) {
      expect(`${new URL(url).origin}${new URL(url).pathname}`, name).toBe(RP_CALLBACK);
      expect(paramsOf(url).get('iss'), name).toBe(backend.issuer);
    }
  });

  it('11. token errors follow RFC 6749 section 5.2', async () => {
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    const good = basic('test-rp', CLIENT_SECRET);
    const code = {
      grant_type: 'authorization_code',
      code: 'not-a-real-code',
      redirect_uri: RP_CALLBACK,
      code_verifier: oidc.randomPKCECodeVerifier(),
    };
    const cases: {
      name: string;
      headers: Record<string, string>;
      body: Record<string, string>;
      status: number;
      error: string | string[];
      wwwAuthenticate?: RegExp;
    }[] = [
      {
        name: 'wrong client secret (Basic)',
        headers: { authorization: basic('test-rp', 'wrong-secret-wrong-secret-wrong-secret') },
        body: code,
        status: 401,
        error: 'invalid_client',
        wwwAuthenticate: /^Basic realm="/,
      },
      {
        name: 'unknown client (Basic)',
        headers: { authorization: basic('nobody', 'whatever-whatever-whatever-whatever') },
        body: code,
        status: 401,
        error: 'invalid_client',
        wwwAuthenticate: /^Basic realm="/,
      },
      {
        name: 'no client authentication',
        headers: {},
        body: { ...code, client_id: 'test-rp' },
        status: 401,
        error: 'invalid_client',
      },
      {
        name: 'wrong client secret (in the body)',
        headers: {},
        body: { ...code, client_id: 'test-rp', client_secret: 'wrong-secret-wrong-secret-wrong-secret' },
        status: 401,
        error: 'invalid_client',
      },
      { name: 'unknown code', headers: { authorization: good }, body: code, status: 400, error: 'invalid_grant' },
      {
        name: 'missing code',
        headers: { authorization: good },
        body: { grant_type: 'authorization_code', redirect_uri: RP_CALLBACK },
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'missing grant_type',
        headers: { authorization: good },
        body: { code: 'x' },
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'unsupported grant type',
        headers: { authorization: good },
        body: { grant_type: 'urn:example:made-up' },
        status: 400,
        error: 'unsupported_grant_type',
      },
      // §5.2 names unauthorized_client for this; oidc-provider answers invalid_request (also in the allowed set).
      {
        name: 'grant not allowed for the client',
        headers: { authorization: good },
        body: { grant_type: 'refresh_token', refresh_token: 'x' },
        status: 400,
        error: ['unauthorized_client', 'invalid_request'],
      },
    ];
    const allowed = [
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
    ];
    for (const c of cases) {
      const response = await fetch(`${backend.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...c.headers },
        body: new URLSearchParams(c.body),
      });
      expect(response.status, c.name).toBe(c.status);
      expect(response.headers.get('content-type'), c.name).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control'), c.name).toContain('no-store');
      const body = (await response.json()) as Record<string, unknown>;
      expect(allowed, c.name).toContain(body.error);
      expect(typeof c.error === 'string' ? [c.error] : c.error, c.name).toContain(body.error);
      // Only the members 5.2 defines; error_description in the characters it allows.
      for (const key of Object.keys(body))
        expect(['error', 'error_description', 'error_uri'], `${c.name}: ${key}`).toContain(key);
      if (body.error_description !== undefined)
        expect(String(body.error_description)).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/);
      // 401 when the client authenticated through the Authorization header, with a challenge in its scheme.
      if (c.wwwAuthenticate) {
        expect(response.headers.get('www-authenticate'), c.name).toMatch(c.wwwAuthenticate);
        expect(response.headers.get('www-authenticate')).toContain('error="invalid_client"');
      } else {
        expect(response.headers.get('www-authenticate'), c.name).toBeNull();
      }
    }
  });

  it('12. no secret, code or otpauth URI appears in any log line of realistic logins', async () => {
    const start = backend.logs.length;
    // Password: a wrong one, then the right one, hosted and embedded, and the token exchange.
    await backend.addUser('log-user', 'log password 1234', { phone: '+14155550199' });
    remember('log password 1234', 'log wrong password 99');
    const wrong = await embeddedPastPassword('password', 'log-user', 'log wrong password 99');
    expect(wrong.response.status).toBe(401);
    expect(state(await api.act(wrong.handle, 'submit', { password: 'log password 1234' })).step.kind).toBe('done');
    const hostedRequest = await authorizationRequest(config, { acr_values: 'password' });
    const agent = new UserAgent();
    const page = await openHostedPage(agent, hostedRequest);
    remember(page.handle);
    const hosted = new FlowApi(backend.issuer, backend.issuer);
    await hosted.act(page.handle, 'submit', { username: 'log-user' });
    const { tokens } = await finish(
      state(await hosted.act(page.handle, 'submit', { password: 'log password 1234' })),
      hostedRequest,
      agent,
    );
    expect(
      (
        await fetch(config.serverMetadata().userinfo_endpoint!, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        })
      ).status,
    ).toBe(200);
    // A refused client secret.
    const refusedClient = await postToken(
      backend.issuer,
      {
        grant_type: 'authorization_code',
        code: 'log-made-up-code-0123456789',
        redirect_uri: RP_CALLBACK,
        code_verifier: 'v'.repeat(43),
      },
      basicAuth('test-rp', 'log-wrong-client-secret-0123456789'),
    );
    expect(refusedClient.status).toBe(401);
    remember('log-wrong-client-secret-0123456789', 'log-made-up-code-0123456789');

    // OTP: enrollment after the phone the account has is proven (a wrong code first), then a login with a wrong and a
    // right code.
    const enrolling = await embeddedPastPassword('otp', 'log-user', 'log password 1234');
    expect(enrolling.state.step).toMatchObject({ kind: 'sms_code', purpose: 'login' });
    const proven = state(await api.act(enrolling.handle, 'submit', { code: smsCodeIn('+14155550199') }));
    if (proven.step.kind !== 'otp_enroll') throw new Error('expected otp_enroll');
    const enroll = proven.step;
    remember(enroll.secret, enroll.otpauth_uri, enroll.qr.svg);
    const [badEnrollCode] = await wrongCodes(enroll.secret, now, 1);
    numericCodes.add(badEnrollCode!);
    expect((await api.act(enrolling.handle, 'submit', { code: badEnrollCode })).status).toBe(401);
    await finish(
      state(await api.act(enrolling.handle, 'submit', { code: await totp(enroll.secret, now) })),
      enrolling.request,
    );
    const at = tick();
    const otpLogin = await embeddedPastPassword('otp', 'log-user', 'log password 1234');
    expect(
      (await api.act(otpLogin.handle, 'submit', { code: (await wrongCodes(enroll.secret, at, 1))[0]! })).status,
    ).toBe(401);
    await finish(
      state(await api.act(otpLogin.handle, 'submit', { code: await totp(enroll.secret, at) })),
      otpLogin.request,
    );

    // SMS through the Twilio stand-in: a wrong code, a resend, the right code.
    const sms = await embeddedPastPassword('twilio_sms', 'log-user', 'log password 1234');
    const firstCode = smsCodeIn('+14155550199');
    const wrongSms = firstCode === '000000' ? '111111' : '000000';
    expect((await api.act(sms.handle, 'submit', { code: wrongSms })).status).toBe(401);
    backend.clock.now = now + 31_000;
    expect(state(await api.act(sms.handle, 'resend')).step.kind).toBe('sms_code');
    const smsCode = smsCodeIn('+14155550199');
    await finish(state(await api.act(sms.handle, 'submit', { code: smsCode })), sms.request);
    backend.clock.now = now;
    remember(standIns.inbox.list('+14155550199')[0]!.body);

    // The runs above were really logged (so the scan below is not vacuous)...
    const lines = [...otherLogs, ...backend.logs];
    const fresh = backend.logs.slice(start);
    for (const method of ['password', 'otp', 'twilio_sms']) {
      expect(
        fresh.filter((l) => l.event === 'auth.attempt' && l.method === method && l.outcome === 'success').length,
        method,
      ).toBeGreaterThan(0);
      expect(
        fresh.filter((l) => l.event === 'auth.attempt' && l.method === method && l.outcome === 'failure').length,
        method,
      ).toBeGreaterThan(0);
    }
    expect(fresh.some((l) => l.event === 'sms.sent' && l.outcome === 'success')).toBe(true);
    expect(fresh.some((l) => l.msg === 'token request refused')).toBe(true);

    // ...and no line of this whole file's backends carries a secret.
    expect(secrets.size).toBeGreaterThan(20);
    const texts = lines.map((l) => JSON.stringify(l));
    for (const secret of secrets) {
      const leaks = texts.filter(
        (t) =>
          t.includes(secret) ||
          t.includes(JSON.stringify(secret).slice(1, -1)) ||
          t.includes(encodeURIComponent(secret)),
      );
      expect(leaks, `a log line contains ${secret.slice(0, 12)}…`).toEqual([]);
    }
    for (const marker of [
      'otpauth:',
      'otpauth%3A',
      'secret=',
      'gluu_ticket',
      'ticket=',
      'verification code',
      'Bearer ',
      'Basic ',
    ]) {
      expect(
        texts.filter((t) => t.includes(marker)),
        marker,
      ).toEqual([]);
    }
    // Codes are short: matched as whole numbers, in every field but the process id and host name.
    const numbers = lines.map(({ pid: _pid, hostname: _host, ...rest }) => JSON.stringify(rest));
    expect(numericCodes.size).toBeGreaterThan(5);
    for (const code of numericCodes) {
      const pattern = new RegExp(`(?<![0-9])${code}(?![0-9])`);
      expect(
        numbers.filter((t) => pattern.test(t)),
        `code ${code}`,
      ).toEqual([]);
    }
  });
});
