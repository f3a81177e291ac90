// The multi-step password grant (seed 001) driven by openid-client's genericGrantRequest, as an API client
// would: username -> SMS code -> password -> tokens, the seed's X-ROPC-TWO-FA header beside RFC 6749 JSON,
// and every way it must refuse.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { discover, oidc, postToken } from '../helpers/oidc-client.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { newestSmsCode, smsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { loginCounter } from '../../server/security/lockout.js';

const API_SECRET = 'api-client-secret-0123456789abcdefghijklmn';
let standIns: StandIns;
let backend: TestBackend;
let api: oidc.Configuration;
let rp: oidc.Configuration;
let umaId: string;

interface Refusal {
  status: number;
  body: Record<string, unknown>;
  header: string | null;
  retryAfter: string | null;
}

const UMA_PHONE = '+14155552671';

async function step(config: oidc.Configuration, params: Record<string, string>): Promise<Refusal> {
  const since = Date.now();
  let refusal: Refusal;
  try {
    await oidc.genericGrantRequest(config, 'password', params);
    throw new Error('expected a refusal, got tokens');
  } catch (err) {
    if (!(err instanceof oidc.ResponseBodyError)) throw err;
    refusal = {
      status: err.status,
      body: err.cause as Record<string, unknown>,
      header: err.response.headers.get('x-ropc-two-fa'),
      retryAfter: err.response.headers.get('retry-after'),
    };
  }
  // Step 1 answers before uma's code goes out (in the background): wait for it, as her phone would.
  const umaLogin = params.username !== undefined && ['uma', 'uma@example.com'].includes(params.username.toLowerCase());
  if (umaLogin && refusal.body.next_step === 'otp') await standIns.inbox.next(UMA_PHONE, { since });
  return refusal;
}

const lastCode = (to: string) => newestSmsCode(standIns.inbox, to);

/**
 * A refusal of a step as the seed's header and RFC 6749 both say it: 400 (invalid_grant unless told), with the seed's
 * error_code.
 */
function expectRefused(refusal: Refusal, errorCode: number, error = 'invalid_grant') {
  expect(refusal).toMatchObject({ status: 400, body: { error }, header: `status=error;error_code=${errorCode}` });
}

beforeAll(async () => {
  standIns = await startStandIns();
  backend = await startTestBackend({
    extraClients: [
      {
        client_id: 'api-client',
        client_secret: API_SECRET,
        client_name: 'API client',
        grant_types: ['password', 'refresh_token'],
      },
      { client_id: 'other-api-client', client_secret: API_SECRET, grant_types: ['password'] },
    ],
    config: {
      // A short provider timeout: one test holds Twilio's answer back.
      methods: { twilio_sms: { ...standIns.methods.twilio_sms, timeout_ms: 1000 } },
      ropc: { enabled: true, sms_method: 'twilio_sms' },
      sms: { limits: { per_user: { max: 50 }, per_phone: { max: 50 }, per_ip: { max: 500 } } },
      lockout: {
        account: {
          free_attempts: 3,
          initial_wait_seconds: 30,
          max_wait_seconds: 60,
          max_failures: 100,
          forget_after_seconds: 0,
        },
        ip: { free_attempts: 1000 },
      },
    },
  });
  umaId = await backend.addUser('uma', 'uma password 12', { phone: '+14155552671', email: 'uma@example.com' });
  await backend.addUser('phoneless', 'phoneless pw 12');
  api = await discover(backend.issuer, 'api-client', API_SECRET);
  rp = await discover(backend.issuer);
}, 60_000);
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});
beforeEach(() => {
  backend.clock.now = undefined;
});

describe('the multi-step password grant', () => {
  it('is refused to a client without it (unauthorized_client) and a wrong client secret (invalid_client)', async () => {
    const other = await step(rp, { username: 'uma' });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('unauthorized_client');
    const refused = await postToken(
      backend.issuer,
      { grant_type: 'password', username: 'uma' },
      basicAuth('api-client', 'wrong-secret-wrong-secret-wrong-secret'),
    );
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_client');
    expect(standIns.twilio.requests).toBe(0);
  });

  it('runs the seed’s three steps to tokens whose id_token says sms, pwd and mfa', async () => {
    const first = await step(api, { __step: '1', username: 'uma' });
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ error: 'mfa_required', next_step: 'otp' });
    const session = first.body.auth_session as string;
    expect(first.header).toBe(`status=proceed;session_id=${session}`);

    const second = await step(api, {
      __step: '2',
      __session_id: session,
      username: 'uma',
      password: lastCode('+14155552671'),
    });
    expect(second.body).toMatchObject({ error: 'mfa_required', next_step: 'password', auth_session: session });
    expect(second.header).toBe(`status=proceed;session_id=${session}`);

    const tokens = await oidc.genericGrantRequest(api, 'password', {
      __step: '3',
      __session_id: session,
      username: 'uma',
      password: 'uma password 12',
      scope: 'openid profile email',
    });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.claims()).toMatchObject({
      sub: umaId,
      aud: 'api-client',
      iss: backend.issuer,
      acr: 'twilio_sms',
      amr: ['sms', 'pwd', 'mfa'],
    });
    const userinfo = await oidc.fetchUserInfo(api, tokens.access_token, umaId);
    expect(userinfo).toMatchObject({ preferred_username: 'uma', email: 'uma@example.com' });

    // The session ended with the tokens: reusing it is refused.
    const reused = await step(api, {
      __step: '3',
      __session_id: session,
      username: 'uma',
      password: 'uma password 12',
    });
    expect(reused.body.error).toBe('invalid_grant');
    expect(reused.header).toBe('status=error;error_code=10006');
  });

  it(
    'follows the session’s state without __step, takes the code in otp, ' +
      'signs in by email, and gives a refresh token with offline_access',
    async () => {
      const first = await step(api, { username: 'UMA@example.com' });
      const session = first.body.auth_session as string;
      expect((await step(api, { auth_session: session, otp: lastCode('+14155552671') })).body).toMatchObject({
        error: 'mfa_required',
        next_step: 'password',
        auth_session: session,
      });
      const tokens = await oidc.genericGrantRequest(api, 'password', {
        auth_session: session,
        password: 'uma password 12',
        scope: 'openid offline_access',
      });
      expect(tokens.refresh_token).toBeDefined();
      const refreshed = await oidc.refreshTokenGrant(api, tokens.refresh_token!);
      expect(refreshed.access_token).not.toBe(tokens.access_token);
    },
  );

  it('answers an unknown user and a user without a phone exactly like a known one, sends them nothing', async () => {
    const requests = standIns.twilio.requests;
    const known = await step(api, { username: 'uma' });
    const unknown = await step(api, { username: 'nobody-at-all' });
    const phoneless = await step(api, { username: 'phoneless' });
    expect(standIns.twilio.requests).toBe(requests + 1);
    const strip = (r: Refusal) => ({
      ...r,
      body: { ...r.body, auth_session: '' },
      header: r.header?.replace(/session_id=.*/, ''),
    });
    expect(strip(unknown)).toEqual(strip(known));
    expect(strip(phoneless)).toEqual(strip(known));
    // Their step 2 fails exactly like a wrong code.
    const wrongKnown = await step(api, { auth_session: known.body.auth_session as string, password: '000000' });
    const wrongUnknown = await step(api, {
      auth_session: unknown.body.auth_session as string,
      password: lastCode('+14155552671'),
    });
    expect(wrongUnknown).toEqual(wrongKnown);
    expect(wrongKnown.header).toBe('status=error;error_code=10005');
  });

  it(
    'refuses skipped and repeated steps (10007), ' +
      'a session for another username or client, and an unknown session (10006)',
    async () => {
      const first = await step(api, { username: 'uma' });
      const session = first.body.auth_session as string;
      const skip = await step(api, { __step: '3', __session_id: session, password: 'uma password 12' });
      expectRefused(skip, 10007);
      const otherUser = await step(api, {
        __step: '2',
        __session_id: session,
        username: 'mallory',
        password: lastCode('+14155552671'),
      });
      expectRefused(otherUser, 10007);
      const codeStep = await step(api, { __step: '2', __session_id: session, password: lastCode('+14155552671') });
      expect(codeStep.body).toMatchObject({ error: 'mfa_required', next_step: 'password' });
      const repeat = await step(api, { __step: '2', __session_id: session, password: lastCode('+14155552671') });
      expectRefused(repeat, 10007);
      const other = await discover(backend.issuer, 'other-api-client', API_SECRET);
      const stolen = await step(other, { __step: '3', __session_id: session, password: 'uma password 12' });
      expectRefused(stolen, 10007);
      const unknown = await step(api, { __step: '2', __session_id: 'AAAAAAAAAAAAAAAAAAAAAA', password: '123456' });
      expectRefused(unknown, 10006);
      const noSession = await step(api, { __step: '2', password: '123456' });
      expectRefused(noSession, 10006, 'invalid_request'); // no auth_session at all: a missing parameter
      // None of the refusals moved the session: its own client still gets tokens with the password.
      const tokens = await oidc.genericGrantRequest(api, 'password', {
        __step: '3',
        __session_id: session,
        username: 'uma',
        password: 'uma password 12',
      });
      expect(tokens.claims()).toMatchObject({ sub: umaId, amr: ['sms', 'pwd', 'mfa'] });
    },
  );

  it('refuses a wrong password (10008) and a wrong code (10005) with RFC 6749 invalid_grant and no-store', async () => {
    const first = await step(api, { username: 'uma' });
    const session = first.body.auth_session as string;
    const wrongCode = await step(api, {
      auth_session: session,
      password: lastCode('+14155552671') === '000000' ? '111111' : '000000',
    });
    expect(wrongCode).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
      header: 'status=error;error_code=10005',
    });
    expect((await step(api, { auth_session: session, password: lastCode('+14155552671') })).body).toMatchObject({
      error: 'mfa_required',
      next_step: 'password',
    });
    const response = await postToken(
      backend.issuer,
      { grant_type: 'password', auth_session: session, password: 'not the password' },
      basicAuth('api-client', API_SECRET),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.headers.get('x-ropc-two-fa')).toBe('status=error;error_code=10008');
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the username or password is not right',
    });
  });

  it('expires sessions', async () => {
    backend.clock.now = Date.now();
    const first = await step(api, { username: 'uma' });
    backend.clock.now += 601_000;
    const late = await step(api, {
      auth_session: first.body.auth_session as string,
      password: lastCode('+14155552671'),
    });
    expectRefused(late, 10006);
  });

  it('locks step 2 out after repeated wrong codes, like the browser flow', async () => {
    await backend.server.store.counters.deletePrefix(`acct:sms:${loginCounter('uma')}`);
    const session = (await step(api, { username: 'uma' })).body.auth_session as string;
    const right = lastCode('+14155552671');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expect((await step(api, { auth_session: session, password: wrong })).header).toBe(
        'status=error;error_code=10005',
      );
    const locked = await step(api, { auth_session: session, password: right });
    expect(locked.body).toMatchObject({ error: 'invalid_grant', retry_after: 30 });
    expect(locked.retryAfter).toBe('30');
    expect(locked.header).toBe('status=error;error_code=10005');
    await backend.server.store.counters.deletePrefix(`acct:sms:${loginCounter('uma')}`);
  });

  it('answers step 1 before the SMS goes out: a send Twilio holds back changes nothing in the answer', async () => {
    standIns.twilio.failNext(['hang']);
    const since = Date.now();
    // full-width: the same account, and step() does not wait for its text
    const known = await step(api, { username: 'ｕｍａ' });
    const flow = backend.server.engine.flowId(known.body.auth_session as string).slice(0, 8);
    const sendsOf = () => backend.logs.filter((l) => l.event === 'sms.sent' && l.flow === flow).length;
    const answeredWhileSending = sendsOf();
    const unknown = await step(api, { username: 'ｎｏｂｏｄｙ' });
    const strip = (r: Refusal) => ({
      ...r,
      body: { ...r.body, auth_session: '' },
      header: r.header?.replace(/session_id=.*/, ''),
    });
    expect(strip(known)).toEqual(strip(unknown));
    expect(known.body.error_description).toBe(
      'a code is being sent by SMS to the verified phone of the account this username names, ' +
        'if there is one: send it (step 2)',
    );
    // When step 1 answered, the provider had not answered yet (before: the answer waited for it).
    expect(answeredWhileSending).toBe(0);
    // The held request times out, the sender retries, and the code arrives: the session works.
    const code = smsCode(await standIns.inbox.next(UMA_PHONE, { since, timeoutMs: 20_000 }));
    expect((await step(api, { auth_session: known.body.auth_session as string, otp: code })).body).toMatchObject({
      next_step: 'password',
    });
  });

  it('charges a real account with a phone the same send quota as anyone else, refuses both with 10004', async () => {
    const limits = backend.server.config.sms.limits;
    const saved = limits.per_user;
    limits.per_user = { max: 2, window_seconds: 900 }; // a tight per-login cap, for this test only
    await backend.server.store.counters.delete([`smsq:${loginCounter('uma')}`, `smsq:${loginCounter('nobody-quota')}`]);
    try {
      const requests = standIns.twilio.requests;
      const known = [
        await step(api, { username: 'uma' }),
        await step(api, { username: 'UMA' }),
        await step(api, { username: 'uma' }),
      ];
      const unknown = [
        await step(api, { username: 'nobody-quota' }),
        await step(api, { username: 'NOBODY-QUOTA' }),
        await step(api, { username: 'nobody-quota' }),
      ];
      const strip = (r: Refusal) => ({
        ...r,
        body: { ...r.body, auth_session: '' },
        header: r.header?.replace(/session_id=.*/, ''),
      });
      expect(known.map(strip)).toEqual(unknown.map(strip));
      expectRefused(known[2]!, 10004, 'invalid_request');
      expect(known[2]!.retryAfter).toBe(unknown[2]!.retryAfter);
      // The victim got two texts, not one per request: the third was refused before any send.
      expect(standIns.twilio.requests).toBe(requests + 2);
    } finally {
      limits.per_user = saved;
      await backend.server.store.counters.delete([`smsq:${loginCounter('uma')}`]);
    }
  });

  it('does not charge the account for codes that can no longer succeed (expired)', async () => {
    const counter = `acct:sms:${loginCounter('uma')}`;
    await backend.server.store.counters.deletePrefix(counter);
    backend.clock.now = Date.now();
    const session = (await step(api, { username: 'uma' })).body.auth_session as string;
    backend.clock.now += 301_000; // the code expired (5 min), the session (10 min) did not
    for (let i = 0; i < 6; i++) {
      const refused = await step(api, { auth_session: session, otp: '123456' });
      expectRefused(refused, 10005);
      expect(refused.body.error_description).toBe('This code expired. Send a new one.');
    }
    expect(await backend.server.store.counters.get(counter)).toBeUndefined();
    // The owner, who asks for a new code, is not locked out by those six.
    const fresh = (await step(api, { username: 'uma' })).body.auth_session as string;
    expect((await step(api, { auth_session: fresh, otp: lastCode(UMA_PHONE) })).body).toMatchObject({
      next_step: 'password',
    });
  });

  it('never logs codes or passwords', () => {
    const text = JSON.stringify(backend.logs);
    expect(text).not.toContain('uma password 12');
    const messages = standIns.inbox.list();
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(text).not.toContain(smsCode(m));
  });
});
