// What an anonymous or password-holding attacker can make the server spend, performed and shown capped at
// the documented figures: flows started from one address, open status streams, tru.ID checks (billed per
// check), SMS across all accounts, and provider sessions stored for anonymous logout requests.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, RP_ORIGIN } from '../helpers/oidc-client.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { REDIS_URL, sharedStorageFor, sharedStorageWanted } from '../helpers/shared-storage.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { parseConfig } from '../../server/config.js';
import type { FlowState } from '../../wire/flow-api.js';

let standIns: StandIns;
let backend: TestBackend;
let logins: EmbeddedLogins;

beforeAll(async () => {
  standIns = await startStandIns();
  backend = await startTestBackend({
    config: {
      // The documented defaults, except the global budgets, made small enough to spend in a test.
      flow: {},
      methods: {
        tru_id: { ...standIns.methods.tru_id, limits: { global_per_minute: 7 } },
        twilio_sms: standIns.methods.twilio_sms,
      },
      sms: { limits: { global_per_minute: 3 } },
      lockout: { ip: { free_attempts: 1000 } },
    },
  });
  await backend.addUser('pia', 'pia password 12', { phone: '+14155552671' });
  await backend.addUser('quinn', 'quinn password 1', { phone: '+14155552672' });
  for (let i = 0; i < 4; i++) await backend.addUser(`sam${i}`, `sam${i} password 12`, { phone: `+1415555017${i}` });
  logins = await EmbeddedLogins.discover(backend.issuer);
}, 60_000);
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});

/** Each test starts at the beginning of a fresh minute on the server's clock: the per-minute budgets start afresh. */
let minute = Math.ceil(Date.now() / 60_000) + 1;
beforeEach(() => {
  minute += 2;
  backend.clock.now = minute * 60_000 + 1000;
});

describe('the documented defaults', () => {
  it('are the figures the README gives', () => {
    const config = parseConfig({ issuer: 'http://localhost:1', clients: [] });
    expect(config.flow).toMatchObject({
      start_limit_per_ip: { max: 60, window_seconds: 60 },
      max_streams_per_flow: 3,
      max_streams_per_ip: 20,
    });
    expect(config.sms.limits.global_per_minute).toBe(300);
    expect(config.methods.tru_id.limits).toEqual({
      per_user: { max: 5, window_seconds: 900 },
      per_ip: { max: 30, window_seconds: 3600 },
      global_per_minute: 120,
    });
  });
});

describe('starting flows from one address', () => {
  it(
    'is capped at 60 a minute (flow API and hosted page alike), ' +
      'with 429 and Retry-After, and starts afresh the next minute',
    async () => {
      const request = (await authorizationRequest(logins.config)).url.href;
      const statuses: number[] = [];
      for (let batch = 0; batch < 6; batch++) {
        statuses.push(
          ...(await Promise.all(Array.from({ length: 10 }, async () => (await logins.api.start(request)).status))),
        );
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(60);

      const refused = await logins.api.start(request);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('59');
      expect(refused.body).toEqual({
        error: {
          code: 'rate_limited',
          message: 'Too many sign-ins were started from your network. Try again in 59 seconds.',
          retry_after: 59,
        },
      });

      // The hosted sign-in page starts a flow too: same budget, a page that says so.
      const agent = new UserAgent();
      const { response } = await agent.follow((await authorizationRequest(logins.config)).url.href);
      expect(response?.status).toBe(429);
      expect(response?.headers.get('retry-after')).toBe('59');
      expect(await response!.text()).toContain('Too many sign-ins were started from your network');
      expect(
        backend.logs.filter((l) => l.event === 'flow.started' && l.outcome === 'refused' && l.reason === 'start_limit')
          .length,
      ).toBeGreaterThanOrEqual(2);

      backend.clock.now! += 60_000;
      expect((await logins.api.start(request)).status).toBe(201);
    },
  );
});

/** Opens /flow/events for `handle`; resolves once the status line is in (a 200 stream keeps going until aborted). */
async function openStream(handle: string): Promise<{ status: number; body: string; close(): void }> {
  const abort = new AbortController();
  const response = await fetch(`${backend.issuer}/flow/events`, {
    headers: { 'gluu-flow': handle, origin: RP_ORIGIN },
    signal: abort.signal,
  });
  const body = response.status === 200 ? '' : await response.text();
  if (response.status === 200) {
    // The first event arrives at once: the stream is really open on the server.
    const reader = response.body!.getReader();
    await reader.read();
  }
  return { status: response.status, body, close: () => abort.abort() };
}

describe('/flow/events', () => {
  it('holds at most 3 open streams per flow and 20 per address, and frees a slot when a stream closes', async () => {
    const handles: string[] = [];
    for (let i = 0; i < 8; i++)
      handles.push(state(await logins.api.start((await authorizationRequest(logins.config)).url.href)).flow);
    const open: Awaited<ReturnType<typeof openStream>>[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await openStream(handles[0]!));
      expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
      const fourth = await openStream(handles[0]!);
      expect(fourth.status).toBe(429);
      expect(JSON.parse(fourth.body)).toMatchObject({ error: { code: 'rate_limited', retry_after: 5 } });

      // Closing one gives its slot back (the server notices the closed connection).
      open.shift()!.close();
      let reopened = await openStream(handles[0]!);
      for (let tries = 0; reopened.status === 429 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        reopened = await openStream(handles[0]!);
      }
      expect(reopened.status).toBe(200);
      open.push(reopened);

      // 20 from this address across flows: 3 on the first flow, then up to 3 on each of the next ones.
      for (let i = 1; open.length < 20; i++) {
        for (let j = 0; j < 3 && open.length < 20; j++) open.push(await openStream(handles[i]!));
      }
      expect(open.every((s) => s.status === 200)).toBe(true);
      const over = await openStream(handles[7]!);
      expect(over.status).toBe(429);
    } finally {
      for (const s of open) s.close();
    }
  });
});

describe('tru.ID phone checks (each one billed)', () => {
  const checks = () => standIns.truId.checks.size;
  const refusal = (s: FlowState) => {
    if (s.step.kind !== 'phonecheck') throw new Error(`expected phonecheck, got ${JSON.stringify(s.step)}`);
    return { status: s.step.status, link: s.step.link, error: s.error };
  };

  it('are capped at 5 per account: the 6th is refused with when to retry, audited, tru.ID not called', async () => {
    const before = checks();
    for (let i = 0; i < 5; i++)
      expect(refusal((await logins.pastPassword('tru_id', 'pia', 'pia password 12')).state).status).toBe('waiting');
    expect(checks()).toBe(before + 5);

    const { handle, state: sixth } = await logins.pastPassword('tru_id', 'pia', 'pia password 12');
    expect(refusal(sixth)).toMatchObject({
      status: 'failed',
      link: undefined,
      error: {
        code: 'rate_limited',
        message: 'Too many phone checks were started. You can start a new one in 15 minutes.',
        retry_after: 900,
      },
    });
    // Renewing is a new check too: refused with 429.
    const renewed = await logins.api.act(handle, 'renew');
    expect(renewed.status).toBe(429);
    expect(renewed.headers.get('retry-after')).toBe('900');
    expect(checks()).toBe(before + 5);
    expect(
      backend.logs.filter((l) => l.method === 'tru_id' && l.outcome === 'refused' && l.reason === 'check_limit'),
    ).toHaveLength(2);
  });

  it('are capped by the global budget per minute across accounts', async () => {
    const before = checks();
    for (let i = 0; i < 5; i++)
      expect(refusal((await logins.pastPassword('tru_id', 'quinn', 'quinn password 1')).state).status).toBe('waiting');
    for (let i = 0; i < 2; i++)
      expect(refusal((await logins.pastPassword('tru_id', 'sam0', 'sam0 password 12')).state).status).toBe('waiting');
    const over = refusal((await logins.pastPassword('tru_id', 'sam1', 'sam1 password 12')).state);
    expect(over).toMatchObject({
      status: 'failed',
      error: {
        code: 'rate_limited',
        message: 'The phone check cannot be started right now. Try again in 59 seconds.',
        retry_after: 59,
      },
    });
    expect(checks()).toBe(before + 7);
    expect(backend.logs.some((l) => l.method === 'tru_id' && l.reason === 'global_check_limit')).toBe(true);

    backend.clock.now! += 60_000;
    expect(refusal((await logins.pastPassword('tru_id', 'sam1', 'sam1 password 12')).state).status).toBe('waiting');
  });
});

describe('SMS across all accounts', () => {
  it('at the global budget a minute: "Text messages cannot be sent right now", audited, no provider call', async () => {
    const requests = standIns.twilio.requests;
    for (let i = 0; i < 3; i++)
      expect((await logins.pastPassword('twilio_sms', `sam${i}`, `sam${i} password 12`)).state.error).toBeUndefined();
    expect(standIns.twilio.requests).toBe(requests + 3);
    const { handle, state: over } = await logins.pastPassword('twilio_sms', 'sam3', 'sam3 password 12');
    expect(over.error).toEqual({
      code: 'rate_limited',
      message: 'Text messages cannot be sent right now. Try again in 59 seconds.',
      retry_after: 59,
    });
    expect(over.step).toMatchObject({ kind: 'sms_code', resend_in: 59 });
    expect(standIns.twilio.requests).toBe(requests + 3);
    expect(standIns.inbox.list('+14155550173')).toHaveLength(0);
    expect(
      backend.logs.some((l) => l.event === 'sms.sent' && l.outcome === 'refused' && l.reason === 'global_send_limit'),
    ).toBe(true);

    backend.clock.now! += 60_000;
    const resent = await logins.api.act(handle, 'resend');
    expect(resent.status).toBe(200);
    expect(standIns.inbox.list('+14155550173')).toHaveLength(1);
  });
});

/** The provider sessions the storage holds. */
async function sessionRows(): Promise<number> {
  if (!sharedStorageWanted()) {
    const file = readdirSync(backend.dataDir).find((name) => name.endsWith('.sqlite'))!;
    const db = new Database(path.join(backend.dataDir, file), { readonly: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM oidc_artifacts WHERE model = 'Session'").get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const redis = new Redis(REDIS_URL);
  try {
    return (await redis.keys(`${sharedStorageFor(backend.dataDir).keyPrefix}artifact:Session:*`)).length;
  } finally {
    redis.disconnect();
  }
}

describe('/session/end without a session', () => {
  it('stores nothing, however often it is asked, and still sends the browser back to the RP', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 20; i++) {
      const bare = await fetch(`${backend.issuer}/session/end`, { redirect: 'manual' });
      expect(bare.status).toBe(303);
      expect(bare.headers.get('location')).toBe(`${backend.issuer}/session/end/success`);
      expect(bare.headers.get('set-cookie')).toBeNull();
    }
    const back = await fetch(
      `${backend.issuer}/session/end?client_id=test-rp` +
        `&post_logout_redirect_uri=${encodeURIComponent('http://localhost:3999/')}&state=s1`,
      {
        redirect: 'manual',
        headers: { cookie: '_session=made-up-session-id' },
      },
    );
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('http://localhost:3999/?state=s1');
    // The same request as a form post, as RPs may send it.
    const posted = await fetch(`${backend.issuer}/session/end`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: 'test-rp',
        post_logout_redirect_uri: 'http://localhost:3999/',
        state: 's2',
      }),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('http://localhost:3999/?state=s2');
    // What it cannot vouch for is still oidc-provider's to refuse, and refusing stores nothing either.
    const foreign = await fetch(`${backend.issuer}/session/end`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'test-rp', post_logout_redirect_uri: 'https://evil.example/' }),
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: 'invalid_request' });
    expect(foreign.headers.get('location')).toBeNull();
    expect(await sessionRows()).toBe(before);
    // The page it lands on is oidc-provider's own.
    expect((await fetch(`${backend.issuer}/session/end/success`)).status).toBe(200);
  });
});
