// TwilioSender drives the real `twilio` SDK against the local Twilio stand-in: what arrives on the wire,
// how each Twilio answer becomes an SmsFailureKind, the single retry, health, and what reaches the logs.
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import twilio from 'twilio';
import { parseConfig } from '../../server/config.js';
import type { TwilioSmsSettings } from '../../server/methods/sms/settings.js';
import { SmsSendError } from '../../server/gateways/sms-sender.js';
import { TwilioSender } from '../../server/gateways/twilio.js';
import { createLogger } from '../../server/security/audit.js';
import { PhoneInbox } from '../../demo/stand-ins/inbox.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../demo/stand-ins/twilio.js';
import { captureLogs } from '../helpers/log-capture.js';
import { rejectionOf } from '../helpers/rejections.js';
import { basicAuth } from '../helpers/basic-auth.js';

/** Told of every wait the sender makes before a retry (node:timers/promises, which it sleeps with), and of its end. */
const waits = vi.hoisted(() => ({ onWait: undefined as ((ms: number) => () => void) | undefined }));
vi.mock('node:timers/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:timers/promises')>();
  return {
    ...actual,
    setTimeout: async <T>(ms?: number, value?: T, options?: Parameters<typeof actual.setTimeout>[2]) => {
      const ended = waits.onWait?.(ms ?? 0);
      try {
        return await actual.setTimeout(ms, value, options);
      } finally {
        ended?.();
      }
    },
  };
});

const SID = `AC${randomBytes(16).toString('hex')}`;
const TOKEN = randomBytes(16).toString('hex');
const OTHER_SID = `AC${randomBytes(16).toString('hex')}`;
const OTHER_TOKEN = randomBytes(16).toString('hex');
const WRONG_TOKEN = randomBytes(16).toString('hex');
const FROM = '+15005550006';
const SERVICE_SID = `MG${randomBytes(16).toString('hex')}`;

const inbox = new PhoneInbox();
let standIn: TwilioStandIn;
const senders: TwilioSender[] = [];
/** Every line any sender logged in this file, for the final "no secrets in logs" check. */
const allLines: string[] = [];
/** Every SMS body handed to a sender in this file. */
const bodiesSent: string[] = [];

function makeSender(overrides: Partial<TwilioSmsSettings> = {}) {
  const logs = captureLogs(allLines);
  const config = parseConfig({
    methods: {
      twilio_sms: {
        enabled: true,
        twilio_sid: SID,
        twilio_token: TOKEN,
        from_number: FROM,
        api_base_url: standIn.url,
        ...overrides,
      },
    },
  }).methods.twilio_sms;
  const sender = new TwilioSender(config, createLogger('debug', logs.destination));
  senders.push(sender);
  return { sender, logs: logs.parsed };
}

let numbersUsed = 0;
/** A number nobody else in this file sends to, so inbox lookups cannot see another test's message. */
function freshNumber(): string {
  numbersUsed += 1;
  return `+1415555${String(1000 + numbersUsed)}`;
}

function otpBody(): string {
  const body = `Your gluu-login code is ${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  bodiesSent.push(body);
  return body;
}

const sendError = (promise: Promise<unknown>) => rejectionOf(promise, SmsSendError);

beforeAll(async () => {
  standIn = await startTwilioStandIn({ port: 0, accounts: { [SID]: TOKEN, [OTHER_SID]: OTHER_TOKEN }, inbox });
});

afterEach(async () => {
  waits.onWait = undefined;
  vi.unstubAllEnvs();
  await Promise.all(senders.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await standIn.close();
});

describe('TwilioSender through the SDK', () => {
  it('logs its start without the token and delivers a message as Twilio would receive it', async () => {
    const { sender, logs } = makeSender();
    await sender.start();
    expect(logs().map((l) => l.msg)).toContain(
      `Twilio SMS initialized: account AC…${SID.slice(-4)}, from ${FROM} via ${standIn.url}`,
    );

    const to = freshNumber();
    const body = otpBody();
    const before = standIn.requests;
    const receipt = await sender.send({ to, body });

    expect(receipt.messageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(standIn.requests - before).toBe(1);
    const received = inbox.list(to);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id: receipt.messageId, via: 'twilio', to, from: FROM, body });
    expect(received[0]!.raw).toEqual({ To: to, From: FROM, Body: body });
    expect(sender.health().state).toBe('ready');
  });

  it('sends through a messaging service: MessagingServiceSid instead of From', async () => {
    const { sender, logs } = makeSender({ from_number: undefined, messaging_service_sid: SERVICE_SID });
    await sender.start();
    expect(logs().map((l) => l.msg)).toContain(
      `Twilio SMS initialized: account AC…${SID.slice(-4)}, from messaging service ${SERVICE_SID} via ${standIn.url}`,
    );
    const to = freshNumber();
    const body = otpBody();
    const receipt = await sender.send({ to, body });

    const [received] = inbox.list(to);
    expect(received).toMatchObject({ id: receipt.messageId, to, from: SERVICE_SID, body });
    expect(received!.raw).toEqual({ To: to, MessagingServiceSid: SERVICE_SID, Body: body });
    expect(received!.raw).not.toHaveProperty('From');
  });

  it('authenticates as the configured account: another account with its own token works too', async () => {
    const { sender } = makeSender({ twilio_sid: OTHER_SID, twilio_token: OTHER_TOKEN });
    const to = freshNumber();
    await sender.send({ to, body: otpBody() });
    expect(inbox.list(to)).toHaveLength(1);
  });

  it.each([
    ['+15005550001', 'invalid_number', 21211],
    ['+15005550002', 'unroutable', 21612],
    ['+15005550003', 'unroutable', 21408],
    ['+15005550004', 'unsubscribed', 21610],
    ['+15005550009', 'not_mobile', 21614],
    ['5551234', 'invalid_number', 21211],
  ] as const)('To %s -> %s (%i), not retried, health stays ready', async (to, kind, code) => {
    const { sender, logs } = makeSender();
    const before = standIn.requests;
    const err = await sendError(sender.send({ to, body: otpBody() }));
    expect(err.kind).toBe(kind);
    expect(err.gatewayCode).toBe(code);
    expect(standIn.requests - before).toBe(1);
    expect(inbox.list(to)).toHaveLength(0);
    expect(sender.health().state).toBe('ready');
    // The number is personal data: only its last digits reach the log.
    const warning = logs().find((l) => l.gatewayCode === code);
    expect(warning?.to).toBe(`+…${to.slice(-4)}`);
    expect(logs().some((l) => JSON.stringify(l).includes(to))).toBe(false);
  });

  it('a wrong token is misconfigured: an error line for the administrator without the token, health down', async () => {
    const { sender, logs } = makeSender({ twilio_token: WRONG_TOKEN });
    const before = standIn.requests;
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err.kind).toBe('misconfigured');
    expect(err.gatewayCode).toBe(20003);
    expect(standIn.requests - before).toBe(1);

    const errors = logs().filter((l) => l.level === 50);
    expect(errors.map((l) => l.msg)).toEqual([
      'Twilio rejected our credentials (20003): check twilio_sid / twilio_token',
    ]);
    for (const line of logs()) expect(JSON.stringify(line)).not.toContain(WRONG_TOKEN);
    expect(sender.health()).toMatchObject({ state: 'down', detail: 'Twilio rejected our credentials (20003)' });
  });

  it('an account SID the service does not know is misconfigured too', async () => {
    const { sender } = makeSender({ twilio_sid: `AC${randomBytes(16).toString('hex')}` });
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err).toMatchObject({ kind: 'misconfigured', gatewayCode: 20003 });
  });

  it('an invalid From is misconfigured, and the log names from_number', async () => {
    const { sender, logs } = makeSender({ from_number: '+15005550001' });
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err).toMatchObject({ kind: 'misconfigured', gatewayCode: 21212 });
    expect(
      logs()
        .filter((l) => l.level === 50)
        .map((l) => l.msg),
    ).toEqual(['Twilio rejected our sender (21212): check from_number / messaging_service_sid']);
    expect(sender.health().state).toBe('down');
  });

  it('retries a 500 once: one message delivered, two requests, health ready', async () => {
    const { sender } = makeSender();
    const to = freshNumber();
    const before = standIn.requests;
    standIn.failNext([{ status: 500, code: 20500 }]);
    const receipt = await sender.send({ to, body: otpBody() });
    expect(standIn.requests - before).toBe(2);
    expect(inbox.list(to).map((m) => m.id)).toEqual([receipt.messageId]);
    expect(sender.health().state).toBe('ready');
  });

  it('two 500s: unavailable after exactly two requests, health down; a later success brings it back', async () => {
    const { sender } = makeSender();
    const to = freshNumber();
    const before = standIn.requests;
    standIn.failNext([
      { status: 500, code: 20500 },
      { status: 500, code: 20500 },
    ]);
    const err = await sendError(sender.send({ to, body: otpBody() }));
    expect(err).toMatchObject({ kind: 'unavailable', gatewayCode: 20500 });
    expect(standIn.requests - before).toBe(2);
    expect(inbox.list(to)).toHaveLength(0);
    const down = sender.health();
    expect(down.state).toBe('down');
    expect(down.detail).toMatch(/HTTP 500/);

    await sender.send({ to, body: otpBody() });
    const up = sender.health();
    expect(up.state).toBe('ready');
    expect(up.detail).toBeUndefined();
    expect(Date.parse(up.since)).toBeGreaterThanOrEqual(Date.parse(down.since));
  });

  it('a 5xx without a Twilio code keeps the HTTP status as gatewayCode', async () => {
    const { sender } = makeSender();
    standIn.failNext([{ status: 503 }, { status: 503 }]);
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err).toMatchObject({ kind: 'unavailable', gatewayCode: 503 });
  });

  it('waits out a 429 Retry-After before the one retry', async () => {
    const { sender, logs } = makeSender();
    const to = freshNumber();
    const before = standIn.requests;
    standIn.failNext([{ status: 429, code: 20429, retryAfter: 1 }]);
    // The retry must not come before the second Twilio asked for: one wait of 1000 ms, during which the
    // stand-in hears nothing more than the refused request.
    const seen: { ms: number; requestsAtStart: number; requestsAtEnd?: number }[] = [];
    waits.onWait = (ms) => {
      const wait: (typeof seen)[number] = { ms, requestsAtStart: standIn.requests - before };
      seen.push(wait);
      return () => (wait.requestsAtEnd = standIn.requests - before);
    };
    await sender.send({ to, body: otpBody() });
    expect(seen).toEqual([{ ms: 1000, requestsAtStart: 1, requestsAtEnd: 1 }]);
    expect(standIn.requests - before).toBe(2);
    expect(inbox.list(to)).toHaveLength(1);
    expect(logs().find((l) => l.gatewayCode === 20429)).toMatchObject({ level: 40, delayMs: 1000 });
  });

  it('does not retry when Retry-After asks for longer than a user can wait', async () => {
    const { sender } = makeSender();
    const before = standIn.requests;
    standIn.failNext([{ status: 429, code: 20429, retryAfter: 30 }]);
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err).toMatchObject({ kind: 'unavailable', gatewayCode: 20429 });
    expect(standIn.requests - before).toBe(1);
    expect(sender.health().state).toBe('down');
  });

  it('an unknown 4xx is unavailable with its code in the message, not retried', async () => {
    const { sender } = makeSender();
    const before = standIn.requests;
    standIn.failNext([{ status: 400, code: 21999 }]);
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err.kind).toBe('unavailable');
    expect(err.gatewayCode).toBe(21999);
    expect(err.message).toContain('21999');
    expect(standIn.requests - before).toBe(1);
  });

  it('times out a request that never gets an answer and retries it', async () => {
    const { sender } = makeSender({ timeout_ms: 500 });
    const to = freshNumber();
    const before = standIn.requests;
    standIn.failNext(['hang']);
    const receipt = await sender.send({ to, body: otpBody() });
    expect(standIn.requests - before).toBe(2);
    expect(inbox.list(to).map((m) => m.id)).toEqual([receipt.messageId]);
    expect(sender.health().state).toBe('ready');
  });

  it('two unanswered requests make it unavailable', async () => {
    const { sender } = makeSender({ timeout_ms: 500 });
    const before = standIn.requests;
    standIn.failNext(['hang', 'hang']);
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe('Twilio did not answer in time');
    expect(standIn.requests - before).toBe(2);
    expect(sender.health()).toMatchObject({ state: 'down', detail: 'Twilio did not answer in time' });
  });

  it('a refused connection is unavailable after one retry', async () => {
    const closed = await startTwilioStandIn({ accounts: {}, inbox: new PhoneInbox() });
    const url = closed.url;
    await closed.close();
    const { sender, logs } = makeSender({ api_base_url: url });
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err).toMatchObject({ kind: 'unavailable', gatewayCode: 'ECONNREFUSED' });
    expect(logs().filter((l) => typeof l.delayMs === 'number')).toHaveLength(1);
  });

  it('TWILIO_EDGE and TWILIO_REGION in the environment do not move requests off the configured host', async () => {
    vi.stubEnv('TWILIO_EDGE', 'sydney');
    vi.stubEnv('TWILIO_REGION', 'au1');

    // The variables are live in this process: a plain SDK client would go to Sydney.
    const addressed: string[] = [];
    class Recorder extends twilio.RequestClient {
      override async request(
        opts: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0],
      ): Promise<never> {
        addressed.push(new URL(opts.uri).host);
        throw new Error('recorded');
      }
    }
    await expect(
      twilio(SID, TOKEN, { httpClient: new Recorder() }).messages.create({ to: '+14155550100', from: FROM, body: 'x' }),
    ).rejects.toThrow('recorded');
    expect(addressed).toEqual(['api.sydney.au1.twilio.com']);

    const { sender } = makeSender();
    const to = freshNumber();
    const before = standIn.requests;
    await sender.send({ to, body: otpBody() });
    expect(standIn.requests - before).toBe(1);
    expect(inbox.list(to)).toHaveLength(1);
  });

  it('refuses to send once closed', async () => {
    const { sender } = makeSender();
    await sender.close();
    const before = standIn.requests;
    const err = await sendError(sender.send({ to: freshNumber(), body: otpBody() }));
    expect(err.kind).toBe('unavailable');
    expect(standIn.requests - before).toBe(0);
  });

  it('never logged a message body or a token', () => {
    expect(allLines.length).toBeGreaterThan(20);
    expect(bodiesSent.length).toBeGreaterThan(10);
    const basic = (sid: string, token: string) => basicAuth(sid, token).slice('Basic '.length);
    for (const line of allLines) {
      for (const body of bodiesSent) {
        expect(line).not.toContain(body);
        expect(line).not.toContain(body.slice(-6));
      }
      for (const token of [TOKEN, OTHER_TOKEN, WRONG_TOKEN]) expect(line).not.toContain(token);
      expect(line).not.toContain(basic(SID, TOKEN));
    }
  });
});

describe('the Twilio stand-in on the wire', () => {
  const messagesUrl = (sid = SID) => `${standIn.url}/2010-04-01/Accounts/${sid}/Messages.json`;
  /** authorization null sends no Authorization header at all. */
  const post = (
    form: Record<string, string>,
    authorization: string | null = basicAuth(SID, TOKEN),
    url = messagesUrl(),
  ) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: new URLSearchParams(form),
    });

  it('answers 201 with a Twilio message resource', async () => {
    const to = freshNumber();
    const res = await post({ To: to, From: FROM, Body: 'hello' });
    expect(res.status).toBe(201);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      account_sid: SID,
      to,
      from: FROM,
      messaging_service_sid: null,
      body: 'hello',
      status: 'queued',
      num_segments: '1',
      num_media: '0',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      price: null,
      price_unit: 'USD',
      error_code: null,
      error_message: null,
      date_sent: null,
    });
    const sid = json.sid as string;
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(json.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(json.date_updated).toBe(json.date_created);
    expect(json.uri).toBe(`/2010-04-01/Accounts/${SID}/Messages/${sid}.json`);
    expect(json.subresource_uris).toEqual({ media: `/2010-04-01/Accounts/${SID}/Messages/${sid}/Media.json` });
  });

  it('counts segments as GSM-7 (160 / 153) or UCS-2 (70 / 67)', async () => {
    const segments = async (Body: string) =>
      ((await (await post({ To: freshNumber(), From: FROM, Body })).json()) as { num_segments: string }).num_segments;
    expect(await segments('a'.repeat(160))).toBe('1');
    expect(await segments('a'.repeat(161))).toBe('2');
    expect(await segments('€'.repeat(80))).toBe('1');
    expect(await segments('€'.repeat(81))).toBe('2');
    expect(await segments('é'.repeat(160))).toBe('1');
    expect(await segments('ł'.repeat(70))).toBe('1');
    expect(await segments('ł'.repeat(71))).toBe('2');
  });

  it('answers 401 / 20003 to missing credentials, a wrong token, or a Basic user not the path account', async () => {
    const expected = {
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    };
    for (const authorization of [null, basicAuth(SID, WRONG_TOKEN), basicAuth(OTHER_SID, OTHER_TOKEN)]) {
      const res = await post({ To: freshNumber(), From: FROM, Body: 'x' }, authorization);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(expected);
    }
  });

  it('validates the form the way Twilio does', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ From: FROM, Body: 'x' }, 21604],
      [{ To: '004915123456789', From: FROM, Body: 'x' }, 21211],
      [{ To: freshNumber(), Body: 'x' }, 21603],
      [{ To: freshNumber(), From: '+15005550001', Body: 'x' }, 21212],
      [{ To: freshNumber(), From: FROM }, 21602],
    ];
    for (const [form, code] of cases) {
      const res = await post(form);
      expect(res.status).toBe(400);
      const json = (await res.json()) as Record<string, unknown>;
      expect(json).toMatchObject({ code, status: 400, more_info: `https://www.twilio.com/docs/errors/${code}` });
      expect(Object.keys(json).sort()).toEqual(['code', 'message', 'more_info', 'status']);
    }
    const missingTo = (await (await post({ From: FROM, Body: 'x' })).json()) as { message: string };
    expect(missingTo.message).toBe("A 'To' phone number is required.");
  });

  it('answers 404 to unknown routes and 405 to other methods', async () => {
    const notFound = await post(
      { To: freshNumber(), From: FROM, Body: 'x' },
      basicAuth(SID, TOKEN),
      `${standIn.url}/2010-04-01/Accounts/${SID}/Calls.json`,
    );
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ code: 20404, status: 404 });
    const get = await fetch(messagesUrl(), { headers: { Authorization: basicAuth(SID, TOKEN) } });
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ status: 405 });
  });

  it('keeps failNext answers out of the inbox and counts every POST', async () => {
    const to = freshNumber();
    const before = standIn.requests;
    standIn.failNext([{ status: 503, code: 20503, retryAfter: 3 }]);
    const failed = await post({ To: to, From: FROM, Body: 'x' });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('3');
    expect(await failed.json()).toEqual({
      code: 20503,
      message: 'Service Unavailable',
      more_info: 'https://www.twilio.com/docs/errors/20503',
      status: 503,
    });
    expect(inbox.list(to)).toHaveLength(0);
    expect((await post({ To: to, From: FROM, Body: 'x' })).status).toBe(201);
    expect(inbox.list(to)).toHaveLength(1);
    expect(standIn.requests - before).toBe(2);
  });
});
