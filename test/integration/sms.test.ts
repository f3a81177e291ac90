// The SMS methods over HTTP with the real twilio SDK and smpp package talking to the local stand-ins:
// what the "phone" receives, the code's life (expiry, tries, resend), the limits against SMS pumping,
// phone enrollment, provider faults, and what an attacker cannot do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins, toCallback } from '../helpers/logins.js';
import { newestSmsCode, smsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import type { FlowState, Step } from '../../wire/flow-api.js';
import type { ConfigInput } from '../../server/config.js';
import { sha256 } from '../../server/security/random.js';

type SmsStep = Extract<Step, { kind: 'sms_code' }>;

function smsStep(s: FlowState): SmsStep {
  if (s.step.kind !== 'sms_code') throw new Error(`expected sms_code, got ${s.step.kind}: ${JSON.stringify(s)}`);
  return s.step;
}

async function smsBackend(standIns: StandIns, extra: Partial<ConfigInput> = {}) {
  return startTestBackend({
    config: {
      methods: {
        twilio_sms: standIns.methods.twilio_sms,
        smpp: { ...standIns.methods.smpp, reconnect_initial_ms: 50, reconnect_max_ms: 200 },
      },
      lockout: {
        account: {
          free_attempts: 20,
          initial_wait_seconds: 30,
          max_wait_seconds: 60,
          max_failures: 100,
          forget_after_seconds: 0,
        },
        ip: { free_attempts: 1000 },
      },
      ...extra,
    },
  });
}

describe('SMS codes through Twilio and an SMSC', () => {
  let standIns: StandIns;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let annaId: string;

  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await smsBackend(standIns, { sms: { limits: { per_user: { max: 50 }, per_phone: { max: 50 } } } });
    annaId = await backend.addUser('anna', 'anna password 1', { phone: '+14155552671' });
    await backend.addUser('ben', 'ben password 12', { phone: '+33612345678' });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });
  beforeEach(() => {
    backend.clock.now = undefined;
  });

  it('lists both methods in discovery and reports both providers ready', async () => {
    expect(logins.config.serverMetadata().acr_values_supported).toEqual(expect.arrayContaining(['twilio_sms', 'smpp']));
    const health = (await (await fetch(`${backend.issuer}/healthz`)).json()) as {
      providers: Record<string, { provider: string; state: string }>;
    };
    expect(health.providers).toMatchObject({
      twilio_sms: { provider: 'twilio', state: 'ready' },
      smpp: { provider: 'smpp', state: 'ready' },
    });
  });

  it('twilio_sms: texts a 6-digit code to the verified phone and signs in with amr sms', async () => {
    backend.clock.now = Date.now(); // held still: the countdowns below are exact
    const before = standIns.twilio.requests;
    const { handle, request, state: s } = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    expect(smsStep(s)).toEqual({
      kind: 'sms_code',
      phone: '+1 ••• ••• •• 71',
      digits: 6,
      expires_in: 300,
      resend_in: 30,
      purpose: 'login',
    });
    expect(s.actions).toEqual({
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
      resend: { inputs: {} },
    });
    expect(standIns.twilio.requests).toBe(before + 1);
    const [sms] = standIns.inbox.list('+14155552671');
    expect(sms).toMatchObject({ via: 'twilio', to: '+14155552671', from: '+15005550006' });
    expect(sms!.body).toMatch(
      /^\d{6} is your Test RP verification code\. It expires in 5 minutes\.\n\n@localhost:3999 #\d{6}$/,
    );
    const code = smsCode(sms!);
    // Stored only as an HMAC bound to this flow.
    expect(JSON.stringify(await backend.server.store.flows.get(sha256(handle)))).not.toContain(code);

    const { tokens } = await logins.finish(state(await logins.submitCode(handle, code)), request);
    expect(tokens.claims()).toMatchObject({ sub: annaId, acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
  });

  it('smpp: submits over the bind with the seed-003 addressing and signs in', async () => {
    const { handle, request } = await logins.pastPassword('smpp', 'ben', 'ben password 12');
    const [sms] = standIns.inbox.list('+33612345678');
    expect(sms).toMatchObject({ via: 'smpp', to: '+33612345678', from: 'Gluu OTP' });
    expect(sms!.raw).toMatchObject({
      destination_addr: '33612345678',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      source_addr_ton: 5,
      source_addr_npi: 1,
      service_type: 'CMT',
      registered_delivery: 1,
    });
    const { tokens } = await logins.finish(state(await logins.submitCode(handle, smsCode(sms!))), request);
    expect(tokens.claims()).toMatchObject({ acr: 'smpp', amr: ['pwd', 'sms', 'mfa'] });
    expect(standIns.smsc.binds).toBe(1);
  });

  it('refuses a wrong code, then every try once a code had its five, until a resend', async () => {
    backend.clock.now = Date.now();
    const { handle } = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    const right = smsCode(standIns.inbox.list('+14155552671')[0]!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const answer = await logins.submitCode(handle, wrong);
      expect(answer.status).toBe(401);
      expect(state(answer).error).toMatchObject({ code: 'invalid_code', field: 'code' });
    }
    const exhausted = await logins.submitCode(handle, right);
    expect(exhausted.status).toBe(401);
    expect(state(exhausted).error?.code).toBe('code_exhausted');

    backend.clock.now! += 31_000;
    const resent = state(await logins.api.act(handle, 'resend'));
    expect(smsStep(resent)).toMatchObject({ expires_in: 300, resend_in: 30 });
    const fresh = smsCode(standIns.inbox.list('+14155552671')[0]!);
    // The old code is gone (one time in a million the new random code has the same digits; then it *is* the new code).
    if (fresh !== right) expect(state(await logins.submitCode(handle, right)).error?.code).toBe('invalid_code');
    expect(state(await logins.submitCode(handle, fresh)).step.kind).toBe('done');
  });

  it('refuses an expired code', async () => {
    backend.clock.now = Date.now();
    const { handle } = await logins.pastPassword('smpp', 'ben', 'ben password 12');
    const code = smsCode(standIns.inbox.list('+33612345678')[0]!);
    backend.clock.now += 301_000;
    expect(smsStep(state(await logins.api.get(handle))).expires_in).toBe(0);
    const late = await logins.submitCode(handle, code);
    expect(late.status).toBe(401);
    expect(state(late).error).toMatchObject({ code: 'code_expired', message: 'This code expired. Send a new one.' });
  });

  it('holds resends to the cooldown without calling the provider', async () => {
    backend.clock.now = Date.now();
    const { handle } = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    const requests = standIns.twilio.requests;
    backend.clock.now += 10_000;
    const early = await logins.api.act(handle, 'resend');
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('20');
    expect(state(early).error).toMatchObject({ code: 'rate_limited', retry_after: 20 });
    expect(smsStep(state(early)).resend_in).toBe(20);
    expect(standIns.twilio.requests).toBe(requests);
  });

  it('keeps the failure count across resends (a new code is not a clean slate)', async () => {
    backend.clock.now = Date.now();
    await backend.server.store.counters.delete([`acct:sms:user:${annaId}`]);
    const { handle } = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    await logins.submitCode(handle, '000001');
    await logins.submitCode(handle, '000002');
    backend.clock.now += 31_000;
    await logins.api.act(handle, 'resend');
    expect((await backend.server.store.counters.get(`acct:sms:user:${annaId}`))?.failures).toBe(2);
    await logins.submitCode(handle, '000003');
    expect((await backend.server.store.counters.get(`acct:sms:user:${annaId}`))?.failures).toBe(3);
    await logins.submitCode(handle, smsCode(standIns.inbox.list('+14155552671')[0]!));
    expect(await backend.server.store.counters.get(`acct:sms:user:${annaId}`)).toBeUndefined();
  });

  it('sends each user’s code to that user’s own number, even when they sign in at the same time', async () => {
    const [a, b] = await Promise.all([
      logins.pastPassword('smpp', 'anna', 'anna password 1'),
      logins.pastPassword('smpp', 'ben', 'ben password 12'),
    ]);
    expect(smsStep(a.state).phone).toMatch(/71$/);
    expect(smsStep(b.state).phone).toMatch(/78$/);
    const annaCode = smsCode(standIns.inbox.list('+14155552671')[0]!);
    const benCode = smsCode(standIns.inbox.list('+33612345678')[0]!);
    // A code is bound to its flow: Ben's code does nothing in Anna's flow (unless, one time in a million, the digits
    // are the same).
    if (benCode !== annaCode)
      expect(state(await logins.submitCode(a.handle, benCode)).error?.code).toBe('invalid_code');
    expect(state(await logins.submitCode(a.handle, annaCode)).step.kind).toBe('done');
    expect(state(await logins.submitCode(b.handle, benCode)).step.kind).toBe('done');
  });

  it('reconnects to the SMSC after it dropped every connection, and the next send works', async () => {
    standIns.smsc.dropAll();
    for (let i = 0; i < 100 && standIns.smsc.binds < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(standIns.smsc.binds).toBe(2);
    const { handle } = await logins.pastPassword('smpp', 'ben', 'ben password 12');
    expect(state(await logins.submitCode(handle, smsCode(standIns.inbox.list('+33612345678')[0]!))).step.kind).toBe(
      'done',
    );
  });

  it('retries once after a Twilio 500, and says so plainly when Twilio keeps failing', async () => {
    standIns.twilio.failNext([{ status: 500, code: 20500 }]);
    const first = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    expect(first.state.error).toBeUndefined();
    expect(
      state(await logins.submitCode(first.handle, smsCode(standIns.inbox.list('+14155552671')[0]!))).step.kind,
    ).toBe('done');

    const requests = standIns.twilio.requests;
    standIns.twilio.failNext([
      { status: 503, code: 20503 },
      { status: 503, code: 20503 },
    ]);
    const count = standIns.inbox.list('+14155552671').length;
    const second = await logins.pastPassword('twilio_sms', 'anna', 'anna password 1');
    expect(second.response.status).toBe(200);
    expect(smsStep(second.state)).toMatchObject({ expires_in: 0 });
    expect(second.state.error).toEqual({
      code: 'sms_not_sent',
      message: 'Text messages cannot be sent right now. Try again in a moment.',
    });
    expect(standIns.twilio.requests).toBe(requests + 2);
    expect(standIns.inbox.list('+14155552671')).toHaveLength(count);
  });

  it('never logs a code', () => {
    const text = JSON.stringify(backend.logs);
    const messages = standIns.inbox.list();
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(text).not.toContain(smsCode(m));
    expect(backend.logs.filter((l) => l.event === 'sms.sent' && l.outcome === 'success').length).toBeGreaterThan(5);
    expect(
      backend.logs.some(
        (l) => l.event === 'sms.sent' && typeof l.message_id === 'string' && l.phone === '+1 ••• ••• •• 71',
      ),
    ).toBe(true);
  });
});

describe('SMS limits and numbers', () => {
  let standIns: StandIns;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await smsBackend(standIns, {
      sms: {
        allowed_countries: ['US', 'BR'],
        limits: { per_user: { max: 3, window_seconds: 900 }, per_phone: { max: 10 }, per_ip: { max: 100 } },
      },
    });
    await backend.addUser('carl', 'carl password 1', { phone: '+5511987654321' });
    await backend.addUser('dora', 'dora password 1', { phone: '+33612345678' });
    await backend.addUser('eric', 'eric password 1', { phone: '+15005550001' });
    await backend.addUser('fay', 'fay password 12', { phone: '+15005550009' });
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });

  it('stops sending to one user after the limit, says when to retry, and calls no provider', async () => {
    backend.clock.now = Date.now();
    const { handle } = await logins.pastPassword('twilio_sms', 'carl', 'carl password 1'); // 1
    for (let i = 0; i < 2; i++) {
      backend.clock.now += 31_000;
      expect(state(await logins.api.act(handle, 'resend')).error).toBeUndefined(); // 2, 3
    }
    expect(standIns.inbox.list('+5511987654321')).toHaveLength(3);
    const requests = standIns.twilio.requests;
    backend.clock.now += 31_000;
    const refused = await logins.api.act(handle, 'resend');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(state(refused).error!.retry_after));
    expect(state(refused).error).toMatchObject({ code: 'rate_limited', retry_after: expect.any(Number) });
    expect(state(refused).error!.retry_after!).toBeGreaterThan(60);
    expect(state(refused).error!.message).toMatch(
      /^Too many codes were sent\. You can ask for a new one in \d+ minutes\.$/,
    );
    // "Resend" now waits for the quota, not just the cooldown; the code already sent still works.
    expect(smsStep(state(refused)).resend_in).toBe(state(refused).error!.retry_after);
    expect(Object.keys(state(refused).actions)).toEqual(['submit', 'resend']);
    expect(standIns.twilio.requests).toBe(requests);
    expect(standIns.inbox.list('+5511987654321')).toHaveLength(3);
    // Another flow of the same user is limited too.
    const other = await logins.pastPassword('smpp', 'carl', 'carl password 1');
    expect(other.state.error?.code).toBe('rate_limited');
    expect(standIns.smsc.submits).toBe(0);
  });

  it('sends nothing to a number outside allowed_countries', async () => {
    const requests = standIns.twilio.requests;
    const { state: s } = await logins.pastPassword('twilio_sms', 'dora', 'dora password 1');
    expect(smsStep(s).expires_in).toBe(0);
    expect(Object.keys(s.actions)).toEqual(['resend']); // no code was sent: nothing to submit
    expect(s.error?.code).toBe('phone_not_allowed');
    expect(standIns.inbox.list('+33612345678')).toHaveLength(0);
    expect(standIns.twilio.requests).toBe(requests);
  });

  it('turns Twilio number errors into messages the user understands', async () => {
    expect((await logins.pastPassword('twilio_sms', 'eric', 'eric password 1')).state.error).toEqual({
      code: 'sms_not_sent',
      message: 'The text message could not be sent: the phone number is not valid.',
    });
    expect((await logins.pastPassword('twilio_sms', 'fay', 'fay password 12')).state.error?.message).toBe(
      'The text message could not be sent: the number is not a mobile number.',
    );
  });
});

describe('users without a verified phone', () => {
  let standIns: StandIns;
  beforeAll(async () => {
    standIns = await startStandIns();
  });
  afterAll(() => standIns.close());

  it('are told to contact the administrator when enroll_phone is off, and the RP hears access_denied', async () => {
    const backend = await smsBackend(standIns);
    try {
      const logins = await EmbeddedLogins.discover(backend.issuer);
      await backend.addUser('gus', 'gus password 12');
      const { state: s, request } = await logins.pastPassword('twilio_sms', 'gus', 'gus password 12');
      expect(s.step).toMatchObject({
        kind: 'failed',
        reason: 'no_phone',
        message: 'There is no verified phone number on your account. Contact your administrator.',
      });
      expect(s.actions).toEqual({});
      if (s.step.kind !== 'failed') throw new Error('not failed');
      const params = new URL(await toCallback(s.step.continue_url!)).searchParams;
      expect(params.get('error')).toBe('access_denied');
      expect(params.get('state')).toBe(request.state);
      expect(standIns.twilio.requests).toBe(0);
    } finally {
      await backend.close();
    }
  });

  it('add a number with enroll_phone on, confirmed by a code, and it becomes their verified phone', async () => {
    const backend = await smsBackend(standIns, {
      sms: { enroll_phone: true, allowed_countries: ['US', 'FR'] },
      enrollment: { first_factor: true },
    });
    try {
      const logins = await EmbeddedLogins.discover(backend.issuer);
      const id = await backend.addUser('hana', 'hana password 1');
      const { handle, request, state: s } = await logins.pastPassword('smpp', 'hana', 'hana password 1');
      expect(s.step).toEqual({ kind: 'phone_enroll', allowed_countries: ['US', 'FR'] });
      expect(s.actions).toEqual({
        submit: {
          inputs: { phone: { type: 'text', required: true, min_length: 8, max_length: 24, autocomplete: 'tel' } },
        },
      });

      for (const [phone, code] of [
        ['4155552671', 'invalid_phone'],
        ['+4930123456', 'invalid_phone'],
        ['+5511987654321', 'phone_not_allowed'],
      ] as const) {
        const refused = await logins.api.act(handle, 'submit', { phone });
        expect(refused.status).toBe(400);
        expect(state(refused).error).toMatchObject({ code, field: 'phone' });
        expect(state(refused).step.kind).toBe('phone_enroll');
      }
      expect(standIns.smsc.submits).toBe(0);

      // SMS pumping's targets: premium-rate and toll-free numbers (US, FR) and a French VoIP number.
      for (const [phone, message] of [
        ['+1 900 555 0123', 'That is a premium-rate, toll-free or service number: text messages need a mobile number.'],
        ['+1 800 555 0123', 'That is a premium-rate, toll-free or service number: text messages need a mobile number.'],
        [
          '+33 8 90 12 34 56',
          'That is a premium-rate, toll-free or service number: text messages need a mobile number.',
        ],
        ['+33 9 12 34 56 78', 'That is an internet (VoIP) number: a code must go to a mobile phone.'],
      ] as const) {
        const refused = await logins.api.act(handle, 'submit', { phone });
        expect(refused.status).toBe(400);
        expect(state(refused).error).toEqual({ code: 'invalid_phone', field: 'phone', message });
      }
      expect(standIns.smsc.submits).toBe(0);

      const sent = state(await logins.api.act(handle, 'submit', { phone: '+33 6 12 34 56 78' }));
      expect(smsStep(sent)).toMatchObject({ purpose: 'enroll', phone: '+33 • •• •• •• 78' });
      expect(sent.actions.change_phone).toEqual({ inputs: {} });
      expect((await backend.server.store.users.findById(id))?.phone).toBeNull(); // not before the code proves it
      const code = smsCode(standIns.inbox.list('+33612345678')[0]!);
      const { tokens } = await logins.finish(state(await logins.submitCode(handle, code)), request);
      // The code confirmed a number being added, it proved no factor the account had.
      expect(tokens.claims()).toMatchObject({ acr: 'password', amr: ['pwd'] });
      expect(await backend.server.store.users.findById(id)).toMatchObject({
        phone: '+33612345678',
        phoneVerified: true,
      });
      expect(backend.logs.some((l) => l.event === 'phone.enrolled' && l.user_id === id)).toBe(true);

      // Next time the code goes to the enrolled number without asking, and proves it.
      const next = await logins.pastPassword('smpp', 'hana', 'hana password 1');
      expect(smsStep(next.state).purpose).toBe('login');
      const again = await logins.finish(
        state(await logins.submitCode(next.handle, newestSmsCode(standIns.inbox, '+33612345678'))),
        next.request,
      );
      expect(again.tokens.claims()).toMatchObject({ acr: 'smpp', amr: ['pwd', 'sms', 'mfa'] });
    } finally {
      await backend.close();
    }
  });
});

describe('a misconfigured Twilio account', () => {
  it('gives the user a generic message and the administrator a log line', async () => {
    const standIns = await startStandIns();
    const backend = await smsBackend(standIns, {
      methods: { twilio_sms: { ...standIns.methods.twilio_sms, twilio_token: 'a-wrong-token-for-this-account' } },
    });
    try {
      const logins = await EmbeddedLogins.discover(backend.issuer);
      await backend.addUser('ivy', 'ivy password 12', { phone: '+14155552671' });
      const { state: s } = await logins.pastPassword('twilio_sms', 'ivy', 'ivy password 12');
      expect(s.error).toEqual({
        code: 'sms_not_sent',
        message: 'Text messages cannot be sent right now. Try again later or contact your administrator.',
      });
      expect(
        backend.logs.some((l) => (l.level as number) >= 50 && String(l.msg).includes('twilio_sid / twilio_token')),
      ).toBe(true);
      expect(JSON.stringify(backend.logs)).not.toContain('a-wrong-token-for-this-account');
      const health = (await (await fetch(`${backend.issuer}/healthz`)).json()) as {
        providers: Record<string, { state: string }>;
      };
      expect(health.providers.twilio_sms!.state).toBe('down');
    } finally {
      await backend.close();
      await standIns.close();
    }
  });
});
