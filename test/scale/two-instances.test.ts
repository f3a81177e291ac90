// Two instances on different ports over one PostgreSQL + Redis, as behind a load balancer (one issuer):
// any step of a flow may land on either, and what one instance counts or spends the other sees.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { freePort } from '../helpers/ports.js';
import { authorizationRequest, discover, exchange, type oidc, type AuthRequest } from '../helpers/oidc-client.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { atCallback } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { answerConsent, openConsent } from '../helpers/phone-consent.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { sharedStorageFor } from '../helpers/shared-storage.js';
import { packageRoot } from '../../server/paths.js';
import type { ConfigInput } from '../../server/config.js';
import type { FlowState } from '../../wire/flow-api.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { totp } from '../helpers/authenticator-app.js';

const T0 = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
let standIns: StandIns;
let a: TestBackend;
let b: TestBackend;
let config: oidc.Configuration;
let dataDir: string;
const apiA = () => new FlowApi(a.server.url, 'http://localhost:3999');
const apiB = () => new FlowApi(b.server.url, 'http://localhost:3999');

beforeAll(async () => {
  standIns = await startStandIns();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-two-'));
  const port = await freePort();
  const settings: Partial<ConfigInput> = {
    issuer: `http://localhost:${port}`,
    methods: {
      otp: { enabled: true, issuer: 'Two Co' },
      twilio_sms: standIns.methods.twilio_sms,
      tru_id: standIns.methods.tru_id,
    },
    lockout: {
      account: {
        free_attempts: 2,
        initial_wait_seconds: 30,
        max_wait_seconds: 60,
        max_failures: 100,
        forget_after_seconds: 0,
      },
      ip: { free_attempts: 1000 },
    },
    // lea, with no second factor, enrolls her first app after the password.
    enrollment: { first_factor: true },
  };
  a = await startTestBackend({ dataDir, port, shared: true, keepData: true, config: settings });
  b = await startTestBackend({ dataDir, shared: true, config: settings }); // same issuer, its own port
  expect(b.server.url).not.toBe(a.server.url);
  await a.addUser('olga', 'olga password 1');
  await b.addUser('sam', 'sam password 12', { phone: '+14155552671' });
  await a.addUser('lea', 'lea password 12');
  config = await discover(a.issuer);
});
afterAll(async () => {
  await a?.close();
  // B's close removes the shared schema and keys; if B never started, they are removed here.
  if (b) await b.close();
  else if (dataDir) await sharedStorageFor(dataDir).remove();
  await standIns?.close();
});
beforeEach(() => {
  a.clock.now = b.clock.now = T0;
});

/** `url` (on the issuer) sent to instance `to` instead, as a load balancer might. */
function on(to: TestBackend, url: string): string {
  const u = new URL(url);
  return new URL(u.pathname + u.search, to.server.url).href;
}

async function finish(done: FlowState, request: AuthRequest, at: TestBackend) {
  if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done)}`);
  const { url } = await new UserAgent().follow(on(at, done.step.continue_url), atCallback);
  return exchange(config, url, request);
}

describe('two instances over one PostgreSQL + Redis', () => {
  it('starts a flow on A, takes each step on the other instance in turn, and redeems the ticket on B', async () => {
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const started = state(await apiA().start(request.url.href));
    expect(state(await apiB().act(started.flow, 'submit', { username: 'olga' })).step.kind).toBe('password');
    const done = state(await apiA().act(started.flow, 'submit', { password: 'olga password 1' }));
    const tokens = await finish(done, request, b);
    expect(tokens.claims()).toMatchObject({ iss: a.issuer, acr: 'password' });
    // The access token issued through B is known to A.
    const userinfo = await fetch(`${a.server.url}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(((await userinfo.json()) as { preferred_username: string }).preferred_username).toBe('olga');
  });

  it('refuses on B a TOTP code already used on A', async () => {
    // Enroll on A, confirm on B.
    const request = await authorizationRequest(config, { acr_values: 'otp' });
    const flow = state(await apiA().start(request.url.href)).flow;
    await apiA().act(flow, 'submit', { username: 'lea' });
    const enroll = state(await apiB().act(flow, 'submit', { password: 'lea password 12' }));
    expect(enroll.step.kind).toBe('otp_enroll');
    const secret = (enroll.step as { secret: string }).secret;
    await finish(state(await apiB().act(flow, 'submit', { code: await totp(secret, T0) })), request, a);

    a.clock.now = b.clock.now = T0 + 30_000;
    const code = await totp(secret, T0 + 30_000);
    const first = await authorizationRequest(config, { acr_values: 'otp' });
    const onA = state(await apiA().start(first.url.href)).flow;
    await apiA().act(onA, 'submit', { username: 'lea' });
    await apiA().act(onA, 'submit', { password: 'lea password 12' });
    expect(state(await apiA().act(onA, 'submit', { code })).step.kind).toBe('done');

    const second = await authorizationRequest(config, { acr_values: 'otp' });
    const onB = state(await apiB().start(second.url.href)).flow;
    await apiB().act(onB, 'submit', { username: 'lea' });
    await apiB().act(onB, 'submit', { password: 'lea password 12' });
    const replay = await apiB().act(onB, 'submit', { code });
    expect(replay.status).toBe(401);
    expect(state(replay).error?.code).toBe('code_used');
  });

  it('shares failure counters: wrong passwords on A and on B add up, and the wait holds on both', async () => {
    const flows: string[] = [];
    for (const api of [apiA(), apiB()]) {
      const request = await authorizationRequest(config, { acr_values: 'password' });
      const flow = state(await api.start(request.url.href)).flow;
      await api.act(flow, 'submit', { username: 'olga' });
      flows.push(flow);
    }
    // Two free failures, then one more is checked and starts the wait: A, B, A.
    expect((await apiA().act(flows[0]!, 'submit', { password: 'wrong one 1' })).status).toBe(401);
    expect((await apiB().act(flows[1]!, 'submit', { password: 'wrong one 2' })).status).toBe(401);
    expect((await apiA().act(flows[0]!, 'submit', { password: 'wrong one 3' })).status).toBe(401);
    // Now even the right password waits, wherever it lands.
    const onB = await apiB().act(flows[1]!, 'submit', { password: 'olga password 1' });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await apiA().act(flows[0]!, 'submit', { password: 'olga password 1' })).status).toBe(429);
    // After the wait (on both clocks), the right password works on either.
    a.clock.now = b.clock.now = T0 + 31_000;
    expect(state(await apiB().act(flows[1]!, 'submit', { password: 'olga password 1' })).step.kind).toBe('done');
  });

  it('redeems at B an SMS code sent by A, once', async () => {
    const request = await authorizationRequest(config, { acr_values: 'twilio_sms' });
    const flow = state(await apiA().start(request.url.href)).flow;
    await apiA().act(flow, 'submit', { username: 'sam' });
    const before = standIns.inbox.list('+14155552671').length;
    expect(state(await apiA().act(flow, 'submit', { password: 'sam password 12' })).step.kind).toBe('sms_code');
    expect(standIns.inbox.list('+14155552671')).toHaveLength(before + 1);
    const code = newestSmsCode(standIns.inbox, '+14155552671');
    const done = state(await apiB().act(flow, 'submit', { code }));
    expect(done.step.kind).toBe('done');
    expect((await apiA().act(flow, 'submit', { code })).status).toBe(409); // the step is over on every instance
    expect((await finish(done, request, a)).claims()).toMatchObject({ acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
  });

  it('lets exactly one of two instances take a finished flow’s ticket', async () => {
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const flow = state(await apiB().start(request.url.href)).flow;
    await apiB().act(flow, 'submit', { username: 'olga' });
    const done = state(await apiA().act(flow, 'submit', { password: 'olga password 1' }));
    if (done.step.kind !== 'done') throw new Error('not done');
    const results = await Promise.all(
      [a, b, a, b].map((to) =>
        new UserAgent().follow(on(to, done.step.kind === 'done' ? done.step.continue_url : ''), atCallback),
      ),
    );
    const codes = results.map((r) => new URL(r.url).searchParams.get('code')).filter(Boolean);
    expect(codes).toHaveLength(1);
  });

  it('signs in, on either instance, a user the CLI added over the same storage', async () => {
    const shared = sharedStorageFor(dataDir);
    const file = path.join(dataDir, 'cli.json');
    writeFileSync(
      file,
      JSON.stringify({ data_dir: dataDir, seal_key: shared.sealKey, storage: shared.storage, log: { level: 'warn' } }),
    );
    execFileSync(
      process.execPath,
      [path.join(packageRoot, 'dist/server/bin.js'), 'user', 'add', 'cleo', '--config', file],
      { input: 'cleo password 12\n' },
    );
    const cleo = (await b.server.store.users.findByLogin('cleo'))!;
    for (const [start, finishOn] of [
      [apiA(), b],
      [apiB(), a],
    ] as const) {
      const request = await authorizationRequest(config, { acr_values: 'password' });
      const flow = state(await start.start(request.url.href)).flow;
      await start.act(flow, 'submit', { username: 'cleo' });
      const tokens = await finish(
        state(await start.act(flow, 'submit', { password: 'cleo password 12' })),
        request,
        finishOn,
      );
      expect(tokens.claims()).toMatchObject({ sub: cleo.id, acr: 'password' });
    }
  });

  it('tells a widget following the flow on B that the phone answered the check through A', async () => {
    const request = await authorizationRequest(config, { acr_values: 'tru_id' });
    const flow = state(await apiB().start(request.url.href)).flow;
    await apiB().act(flow, 'submit', { username: 'sam' });
    const atCheck = state(await apiB().act(flow, 'submit', { password: 'sam password 12' }));
    if (atCheck.step.kind !== 'phonecheck' || !atCheck.step.link)
      throw new Error(`expected a phone check link: ${JSON.stringify(atCheck.step)}`);
    const link = atCheck.step.link;

    // The desktop's event stream, on B.
    const abort = new AbortController();
    const events = fetch(`${b.server.url}/flow/events`, {
      headers: { 'gluu-flow': flow, origin: 'http://localhost:3999' },
      signal: abort.signal,
    });
    const verified = (async () => {
      const reader = (await events).body!.getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return undefined;
        text += new TextDecoder().decode(value);
        for (const chunk of text.split('\n\n')) {
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          const s = data ? (JSON.parse(data) as FlowState) : undefined;
          if (s?.step.kind === 'phonecheck' && s.actions.continue) return s;
        }
      }
    })();

    // The phone, on A (the link names the shared issuer, which is A's address here).
    const phone = new UserAgent();
    expect(new URL(link).origin).toBe(a.issuer);
    const consent = await openConsent(phone, link);
    expect(consent.status).toBe(200);
    const allow = await answerConsent(phone, link, 'allow', { token: consent.token, number: atCheck.step.number! });
    const checkUrl = allow.headers.get('location')!;
    const network = await phone.request(checkUrl);
    const form = /action="([^"]+)"/.exec(await network.text())![1]!;
    const chosen = await phone.request(new URL(form, checkUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome: 'mobile_data' }),
    });
    expect((await phone.request(chosen.headers.get('location')!)).status).toBe(200);

    const seen = await Promise.race([
      verified,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000)),
    ]);
    abort.abort();
    expect(seen?.actions.continue).toBeDefined();
    const done = state(await apiB().act(flow, 'continue'));
    expect((await finish(done, request, b)).claims()).toMatchObject({ acr: 'tru_id', amr: ['pwd', 'mca', 'mfa'] });
  });
});
