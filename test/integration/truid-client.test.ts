// TruIdClient against the tru.ID simulator: the token's life (one request for many calls, renewal before
// expiry, no stampede, one refresh on a 401), checks created, looked up and completed the way tru.ID does,
// the phone's walk through check_url driven over HTTP, every failure kind, health, and what reaches the logs.
// One clock drives both sides, so tokens and checks expire without waiting.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import type { PhoneCheckSettings } from '../../server/methods/phonecheck/settings.js';
import { TruIdClient } from '../../server/gateways/truid.js';
import { TruIdError } from '../../server/gateways/truid-types.js';
import { createLogger } from '../../server/security/audit.js';
import { startTruIdStandIn, type NetworkOutcome, type TruIdStandIn } from '../../demo/stand-ins/truid.js';
import { captureLogs } from '../helpers/log-capture.js';
import { rejectionOf } from '../helpers/rejections.js';
import { basicAuth } from '../helpers/basic-auth.js';

const CLIENT_ID = `gluu-${randomBytes(6).toString('hex')}`;
const SECRET = randomBytes(24).toString('hex');
const OTHER_CLIENT_ID = `other-${randomBytes(6).toString('hex')}`;
const OTHER_SECRET = randomBytes(24).toString('hex');
const WRONG_SECRET = randomBytes(24).toString('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN_LIFE_S = 3600;
const CHECK_TTL_S = 120;

let now = Date.parse('2026-03-02T09:00:00.000Z');
const clock = () => now;

let sim: TruIdStandIn;
let target: RedirectTarget;
const clients: TruIdClient[] = [];
/** Every line any client logged in this file, for the final "no secrets in logs" check. */
const allLines: string[] = [];
/** Every number handed to a client in this file. */
const numbersUsed: string[] = [];

/** Where redirect_url points: records what the phone brought back, as the login backend would receive it. */
interface RedirectTarget {
  url: string;
  visits: URLSearchParams[];
  close(): Promise<void>;
}

async function startRedirectTarget(): Promise<RedirectTarget> {
  const visits: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    visits.push(new URL(req.url ?? '/', 'http://target').searchParams);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('back at the login page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    visits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function makeClient(overrides: Partial<PhoneCheckSettings> = {}, baseUrl = sim.url) {
  const logs = captureLogs(allLines);
  const config = parseConfig({
    methods: {
      tru_id: {
        enabled: true,
        truid_client_id: CLIENT_ID,
        truid_client_secret: SECRET,
        truid_api_base_url: baseUrl,
        ...overrides,
      },
    },
  }).methods.tru_id;
  const client = new TruIdClient(config, createLogger('debug', logs.destination), { clock });
  clients.push(client);
  return { client, logs: logs.parsed };
}

/** What `on` is asked from now on: token requests and PhoneCheck API requests. */
function simCalls(on: TruIdStandIn = sim): () => { tokens: number; requests: number } {
  const tokens = on.tokenRequests;
  const requests = on.requests;
  return () => ({ tokens: on.tokenRequests - tokens, requests: on.requests - requests });
}

let numberCount = 0;
/** A number no other test uses; E.164 as the method hands it over. */
function freshNumber(): string {
  numberCount += 1;
  const number = `+4477009${String(numberCount).padStart(5, '0')}`;
  numbersUsed.push(number);
  return number;
}

let flowCount = 0;
/** A redirect_url with a flow marker, so each test finds its own visit to the target. */
function redirectUrl(): { url: string; flow: string } {
  flowCount += 1;
  const flow = `flow-${flowCount}`;
  return { url: `${target.url}/truid/return?flow=${flow}`, flow };
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, TruIdError);

/** The phone opens check_url: the network's page, and where its forms post. */
async function phoneOpens(checkUrl: string) {
  const res = await fetch(checkUrl);
  const page = await res.text();
  const actions = [...page.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => new URL(m[1]!, checkUrl).href);
  const outcomes = [...page.matchAll(/name="outcome" value="([a-z_]+)"/g)].map((m) => m[1]);
  return { res, page, actions, outcomes };
}

/** The person playing the network picks an outcome; the phone follows the 302 to redirect_url. */
async function networkAnswers(action: string, outcome: NetworkOutcome, flow: string): Promise<URLSearchParams> {
  const res = await fetch(action, { method: 'POST', body: new URLSearchParams({ outcome }), redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = res.headers.get('location');
  expect(location).toBeTruthy();
  const landed = await fetch(location!);
  expect(landed.status).toBe(200);
  const visit = target.visits.find((v) => v.get('flow') === flow);
  expect(visit).toBeDefined();
  return visit!;
}

/** A check created and walked through to the redirect with `outcome`. */
async function walk(client: TruIdClient, outcome: NetworkOutcome) {
  const { url, flow } = redirectUrl();
  const created = await client.createCheck(freshNumber(), url);
  const { actions } = await phoneOpens(created.checkUrl);
  const visit = await networkAnswers(actions[0]!, outcome, flow);
  return { created, visit };
}

beforeAll(async () => {
  sim = await startTruIdStandIn({
    port: 0,
    clients: { [CLIENT_ID]: SECRET, [OTHER_CLIENT_ID]: OTHER_SECRET },
    ttlSeconds: CHECK_TTL_S,
    tokenTtlSeconds: TOKEN_LIFE_S,
    clock,
  });
  target = await startRedirectTarget();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all([sim.close(), target.close()]);
});

describe('TruIdClient access tokens', () => {
  it('asks for one token for many calls', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    await client.getCheck(created.checkId);
    await client.getCheck(created.checkId);
    await failure(client.completeCheck(created.checkId, 'not-yet'));
    expect(calls()).toEqual({ tokens: 1, requests: 4 });
  });

  it('renews the token 60 s before expires_in runs out, not earlier', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    expect(calls()).toEqual({ tokens: 1, requests: 1 });

    now += (TOKEN_LIFE_S - 60) * 1000 - 1000;
    await client.getCheck(created.checkId);
    expect(calls()).toEqual({ tokens: 1, requests: 2 });

    now += 1000;
    await client.getCheck(created.checkId);
    expect(calls()).toEqual({ tokens: 2, requests: 3 });
    await client.getCheck(created.checkId);
    expect(calls()).toEqual({ tokens: 2, requests: 4 });
  });

  it('renews a short-lived token at half its life', async () => {
    const shortSim = await startTruIdStandIn({ clients: { [CLIENT_ID]: SECRET }, tokenTtlSeconds: 60, clock });
    try {
      const { client } = makeClient({}, shortSim.url);
      const calls = simCalls(shortSim);
      const created = await client.createCheck(freshNumber(), redirectUrl().url);
      expect(calls()).toEqual({ tokens: 1, requests: 1 });
      now += 29_000;
      await client.getCheck(created.checkId);
      expect(calls()).toEqual({ tokens: 1, requests: 2 });
      now += 1000;
      await client.getCheck(created.checkId);
      expect(calls()).toEqual({ tokens: 2, requests: 3 });
    } finally {
      await shortSim.close();
    }
  });

  it('concurrent calls share one token request', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    const created = await Promise.all(
      Array.from({ length: 6 }, () => client.createCheck(freshNumber(), redirectUrl().url)),
    );
    expect(calls()).toEqual({ tokens: 1, requests: 6 });
    expect(new Set(created.map((c) => c.checkId)).size).toBe(6);
  });

  it('a failed token request fails every caller waiting on it, is logged once, the next call asks again', async () => {
    const { client, logs } = makeClient();
    const calls = simCalls();
    sim.failNextToken([{ status: 503 }]);
    const errors = await Promise.all(
      Array.from({ length: 3 }, () => failure(client.createCheck(freshNumber(), redirectUrl().url))),
    );
    expect(errors.map((e) => e.kind)).toEqual(['unavailable', 'unavailable', 'unavailable']);
    expect(errors[0]!.message).toBe(
      'tru.ID answered the token request with HTTP 503: Service Unavailable: Scripted failure (simulator)',
    );
    expect(calls()).toEqual({ tokens: 1, requests: 0 });
    expect(logs().filter((l) => l.level === 50)).toHaveLength(1);

    await client.createCheck(freshNumber(), redirectUrl().url);
    expect(calls()).toEqual({ tokens: 2, requests: 1 });
  });

  it('a token revoked by tru.ID: the 401 drops it, one new token, the call retried once and answered', async () => {
    const { client, logs } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.revokeTokens();

    const result = await client.getCheck(created.checkId);
    expect(result).toEqual({ checkId: created.checkId, status: 'ACCEPTED', match: undefined });
    expect(calls()).toEqual({ tokens: 1, requests: 2 });
    expect(
      logs()
        .filter((l) => l.level === 40)
        .map((l) => l.msg),
    ).toEqual(['tru.ID refused our access token; fetching a new one and trying once more']);
    expect(client.health().state).toBe('ready');

    // The new token is cached like the first.
    await client.getCheck(created.checkId);
    expect(calls()).toEqual({ tokens: 1, requests: 3 });
  });

  it('a scripted 401 on an API call is refreshed and retried the same way', async () => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.failNext([{ status: 401 }]);
    expect((await client.getCheck(created.checkId)).status).toBe('ACCEPTED');
    expect(calls()).toEqual({ tokens: 1, requests: 2 });
  });

  it('a second 401 after the refresh is auth: no further retries', async () => {
    const { client, logs } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.failNext([{ status: 401 }, { status: 401 }]);
    const err = await failure(client.getCheck(created.checkId));
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect(calls()).toEqual({ tokens: 1, requests: 2 });
    expect(
      logs()
        .filter((l) => l.level === 50)
        .map((l) => l.msg),
    ).toEqual([
      'tru.ID rejected our credentials on the check lookup (HTTP 401: Unauthorized: ' +
        'Scripted failure (simulator)): check truid_client_id / truid_client_secret',
    ]);
  });

  it('a 403 is auth at once: a new token would not change a refusal', async () => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.failNext([{ status: 403 }]);
    expect(await failure(client.getCheck(created.checkId))).toMatchObject({ kind: 'auth', status: 403 });
    expect(calls()).toEqual({ tokens: 0, requests: 1 });
  });

  it('a token without the phone_check scope is auth', async () => {
    const { client } = makeClient();
    sim.failNextToken([
      {
        status: 200,
        contentType: 'application/json',
        body: { access_token: 'tok', token_type: 'bearer', expires_in: 3600, scope: 'sim_check' },
      },
    ]);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err.kind).toBe('auth');
    expect(err.message).toBe('tru.ID granted a token without the phone_check scope');
  });
});

describe('TruIdClient checks and the phone’s walk', () => {
  it('creates a check: phone_number without "+", the redirect_url, and tru.ID’s check_url and ttl', async () => {
    const { client, logs } = makeClient();
    const number = freshNumber();
    const { url } = redirectUrl();
    const created = await client.createCheck(number, url);

    expect(created.checkId).toMatch(UUID);
    expect(created).toEqual({
      checkId: created.checkId,
      status: 'ACCEPTED',
      checkUrl: `${sim.url}/phone_check/v0.2/checks/${created.checkId}/redirect`,
      ttlSeconds: CHECK_TTL_S,
    });
    const held = sim.checks.get(created.checkId);
    expect(held).toMatchObject({
      clientId: CLIENT_ID,
      phoneNumber: number.slice(1),
      redirectUrl: url,
      status: 'ACCEPTED',
    });
    expect(logs().find((l) => l.msg === 'PhoneCheck created')).toMatchObject({
      checkId: created.checkId,
      phone: `+…${number.slice(-4)}`,
      ttl: CHECK_TTL_S,
    });
  });

  it('refuses a number that is not "+" and digits without calling tru.ID', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    for (const bad of ['447700900000', '+44 7700 900000', '+44770090000a', '']) {
      const err = await failure(client.createCheck(bad, redirectUrl().url));
      expect(err.kind).toBe('bad_request');
      expect(err.status).toBeUndefined();
    }
    expect(await failure(client.createCheck(freshNumber(), 'javascript:alert(1)'))).toMatchObject({
      kind: 'bad_request',
      status: undefined,
    });
    expect(calls()).toEqual({ tokens: 0, requests: 0 });
    expect(client.health().state).toBe('ready');
  });

  it('PATCH before the phone opened check_url (and before the network answered) is not_found', async () => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const err = await failure(client.completeCheck(created.checkId, 'guess'));
    expect(err).toMatchObject({ kind: 'not_found', status: 404 });
    expect(err.problem).toMatchObject({
      type: 'https://developer.tru.id/docs/reference/api-errors#404',
      title: 'Not Found',
    });

    await phoneOpens(created.checkUrl);
    expect((await client.getCheck(created.checkId)).status).toBe('PENDING');
    expect(await failure(client.completeCheck(created.checkId, 'guess'))).toMatchObject({
      kind: 'not_found',
      status: 404,
    });
    expect(client.health().state).toBe('ready');
  });

  it('the network page: three plain forms, no script or inline style, a stylesheet from the simulator', async () => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const { res, page, actions, outcomes } = await phoneOpens(created.checkUrl);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page).toContain('<title>Mobile network (tru.ID simulator)</title>');
    expect(outcomes).toEqual(['mobile_data', 'wifi', 'other_sim']);
    expect(actions).toEqual(Array(3).fill(`${sim.url}/phone_check/v0.2/checks/${created.checkId}/network`));
    for (const label of ['On mobile data, this SIM', 'On WiFi', 'Another SIM'])
      expect(page).toContain(`<button type="submit">${label}</button>`);
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);

    const sheet = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1];
    expect(sheet).toBe('/assets/network.css');
    const css = await fetch(new URL(sheet!, created.checkUrl));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('button');
  });

  it('mobile data with this SIM: the code returns on redirect_url, PATCH completes with match true, once', async () => {
    const { client, logs } = makeClient();
    const { url, flow } = redirectUrl();
    const created = await client.createCheck(freshNumber(), url);
    const { actions } = await phoneOpens(created.checkUrl);
    const visit = await networkAnswers(actions[0]!, 'mobile_data', flow);

    const code = visit.get('code');
    expect(visit.get('check_id')).toBe(created.checkId);
    expect(code).toBe(sim.checks.get(created.checkId)!.code);
    expect(visit.has('error')).toBe(false);
    // Until the backend sends the code, the check waits.
    expect(await client.getCheck(created.checkId)).toEqual({
      checkId: created.checkId,
      status: 'PENDING',
      match: undefined,
    });

    expect(await client.completeCheck(created.checkId, code!)).toEqual({
      checkId: created.checkId,
      status: 'COMPLETED',
      match: true,
    });
    expect(await client.getCheck(created.checkId)).toEqual({
      checkId: created.checkId,
      status: 'COMPLETED',
      match: true,
    });
    expect(logs().find((l) => l.msg === 'PhoneCheck code submitted')).toMatchObject({
      checkId: created.checkId,
      status: 'COMPLETED',
      match: true,
    });

    const reused = await failure(client.completeCheck(created.checkId, code!));
    expect(reused).toMatchObject({
      kind: 'bad_request',
      status: 400,
      problem: { title: 'Bad Request', detail: 'Code already used' },
    });
    expect(sim.checks.get(created.checkId)!.match).toBe(true);
  });

  it('another SIM: PATCH completes with match false', async () => {
    const { client } = makeClient();
    const { created, visit } = await walk(client, 'other_sim');
    expect(visit.get('code')).toBeTruthy();
    expect(await client.completeCheck(created.checkId, visit.get('code')!)).toEqual({
      checkId: created.checkId,
      status: 'COMPLETED',
      match: false,
    });
    expect(await client.getCheck(created.checkId)).toMatchObject({ status: 'COMPLETED', match: false });
  });

  it('WiFi: redirect_url gets error=not_mobile_ip and no code; the check is ERROR / not_mobile_ip', async () => {
    const { client } = makeClient();
    const { created, visit } = await walk(client, 'wifi');
    expect(visit.get('check_id')).toBe(created.checkId);
    expect(visit.get('error')).toBe('not_mobile_ip');
    expect(visit.get('error_description')).toBeTruthy();
    expect(visit.has('code')).toBe(false);
    expect(await client.getCheck(created.checkId)).toEqual({
      checkId: created.checkId,
      status: 'ERROR',
      match: undefined,
      errorCode: 'not_mobile_ip',
    });

    // The link is spent: opening it again offers no choice.
    const again = await phoneOpens(created.checkUrl);
    expect(again.res.status).toBe(409);
    expect(again.actions).toEqual([]);
  });

  it('a wrong code is bad_request and leaves the check open for the right one', async () => {
    const { client } = makeClient();
    const { created, visit } = await walk(client, 'mobile_data');
    const err = await failure(client.completeCheck(created.checkId, 'wrong-code'));
    expect(err).toMatchObject({ kind: 'bad_request', status: 400, problem: { detail: 'Invalid code' } });
    expect(await client.completeCheck(created.checkId, visit.get('code')!)).toMatchObject({
      status: 'COMPLETED',
      match: true,
    });
  });

  it('expiry: an unopened check becomes EXPIRED, its page says so with no choice, PATCH answers EXPIRED', async () => {
    const { client } = makeClient();
    const { url, flow } = redirectUrl();
    const created = await client.createCheck(freshNumber(), url);
    now += (CHECK_TTL_S - 1) * 1000;
    expect((await client.getCheck(created.checkId)).status).toBe('ACCEPTED');
    now += 1000;
    expect(await client.getCheck(created.checkId)).toEqual({
      checkId: created.checkId,
      status: 'EXPIRED',
      match: undefined,
    });

    const { res, page, actions } = await phoneOpens(created.checkUrl);
    expect(res.status).toBe(410);
    expect(page).toContain('This check has expired');
    expect(actions).toEqual([]);
    const posted = await fetch(`${sim.url}/phone_check/v0.2/checks/${created.checkId}/network`, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'mobile_data' }),
      redirect: 'manual',
    });
    expect(posted.status).toBe(410);
    expect(posted.headers.get('location')).toBeNull();
    expect(target.visits.some((v) => v.get('flow') === flow)).toBe(false);

    expect(await client.completeCheck(created.checkId, 'any')).toEqual({
      checkId: created.checkId,
      status: 'EXPIRED',
      match: undefined,
    });
  });

  it('expiry after the network answered: the code comes too late and PATCH answers EXPIRED', async () => {
    const { client } = makeClient();
    const { created, visit } = await walk(client, 'mobile_data');
    sim.expireCheck(created.checkId);
    expect(await client.completeCheck(created.checkId, visit.get('code')!)).toEqual({
      checkId: created.checkId,
      status: 'EXPIRED',
      match: undefined,
    });
    expect((await client.getCheck(created.checkId)).status).toBe('EXPIRED');
  });

  it('a check made by another tru.ID client is not_found', async () => {
    const { client } = makeClient();
    const { client: other } = makeClient({ truid_client_id: OTHER_CLIENT_ID, truid_client_secret: OTHER_SECRET });
    const created = await other.createCheck(freshNumber(), redirectUrl().url);
    expect(sim.checks.get(created.checkId)!.clientId).toBe(OTHER_CLIENT_ID);
    expect(await failure(client.getCheck(created.checkId))).toMatchObject({
      kind: 'not_found',
      status: 404,
      problem: { detail: 'Check not found' },
    });
  });
});

describe('TruIdClient failures', () => {
  it('a number tru.ID finds invalid is bad_request with the problem’s detail', async () => {
    const { client } = makeClient();
    const err = await failure(client.createCheck('+12', redirectUrl().url));
    expect(err).toMatchObject({
      kind: 'bad_request',
      status: 400,
      problem: {
        type: 'https://developer.tru.id/docs/reference/api-errors#400',
        title: 'Bad Request',
        detail: 'phone_number must be a valid E.164 number',
      },
    });
    expect(client.health().state).toBe('ready');
  });

  it('a number from an unsupported country is bad_request "Unsupported country"', async () => {
    const { client } = makeClient();
    const number = `+999${String(numberCount).padStart(8, '0')}`;
    numbersUsed.push(number);
    const err = await failure(client.createCheck(number, redirectUrl().url));
    expect(err).toMatchObject({ kind: 'bad_request', status: 400, problem: { detail: 'Unsupported country' } });
  });

  it('a number echoed in a problem is masked in the error and the log', async () => {
    const { client, logs } = makeClient();
    const number = freshNumber();
    const digits = number.slice(1);
    sim.failNext([
      {
        status: 400,
        body: {
          type: 'https://developer.tru.id/docs/reference/api-errors#400',
          title: 'Bad Request',
          detail: `phone_number ${digits} is barred`,
        },
      },
    ]);
    const err = await failure(client.createCheck(number, redirectUrl().url));
    expect(err.problem?.detail).toBe(`phone_number …${digits.slice(-4)} is barred`);
    expect(err.message).not.toContain(digits);
    expect(logs().length).toBeGreaterThan(0);
    for (const line of logs()) expect(JSON.stringify(line)).not.toContain(digits);
  });

  it('wrong credentials are auth: one ERROR line for the administrator, without the secret, health down', async () => {
    const { client, logs } = makeClient({ truid_client_secret: WRONG_SECRET });
    const calls = simCalls();
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err).toMatchObject({
      kind: 'auth',
      status: 401,
      problem: { title: 'Unauthorized', detail: 'Invalid client credentials' },
    });
    expect(calls()).toEqual({ tokens: 1, requests: 0 });

    const errors = logs().filter((l) => l.level === 50);
    expect(errors.map((l) => l.msg)).toEqual([
      'tru.ID rejected our credentials on the token request (HTTP 401: Unauthorized: ' +
        'Invalid client credentials): check truid_client_id / truid_client_secret',
    ]);
    expect(errors[0]).toMatchObject({ clientId: CLIENT_ID, kind: 'auth', status: 401 });
    for (const line of logs()) expect(JSON.stringify(line)).not.toContain(WRONG_SECRET);
    expect(client.health()).toMatchObject({ state: 'down', detail: err.message });
  });

  it('a client id tru.ID does not know is auth too', async () => {
    const { client } = makeClient({ truid_client_id: `nobody-${randomBytes(4).toString('hex')}` });
    expect(await failure(client.createCheck(freshNumber(), redirectUrl().url))).toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });

  it.each([
    [404, 'not_found'],
    [409, 'conflict'],
    [412, 'not_mobile'],
    [400, 'bad_request'],
  ] as const)('HTTP %i on an API call is %s, not retried, health ready', async (status, kind) => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.failNext([{ status }]);
    const err = await failure(client.getCheck(created.checkId));
    expect(err).toMatchObject({
      kind,
      status,
      problem: { type: `https://developer.tru.id/docs/reference/api-errors#${status}` },
    });
    expect(calls()).toEqual({ tokens: 0, requests: 1 });
    expect(client.health().state).toBe('ready');
  });

  it('429 is rate_limited with Retry-After in seconds, not retried, and does not mark the service down', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    sim.failNext([{ status: 429, retryAfter: 2 }]);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 2 });
    expect(calls()).toEqual({ tokens: 1, requests: 1 });
    expect(client.health().state).toBe('ready');
  });

  it('429 with Retry-After as an HTTP date counts the seconds from the clock', async () => {
    const { client } = makeClient();
    sim.failNext([{ status: 429, retryAfter: new Date(now + 30_000).toUTCString() }]);
    expect(await failure(client.createCheck(freshNumber(), redirectUrl().url))).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 30,
    });
  });

  it('429 from the token endpoint is rate_limited too', async () => {
    const { client } = makeClient();
    sim.failNextToken([{ status: 429, retryAfter: 5 }]);
    expect(await failure(client.createCheck(freshNumber(), redirectUrl().url))).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 5,
    });
  });

  it('500 is unavailable after one request, health down; the next success brings it back', async () => {
    const { client } = makeClient();
    const calls = simCalls();
    sim.failNext([{ status: 500 }]);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(calls()).toEqual({ tokens: 1, requests: 1 });
    const down = client.health();
    expect(down).toMatchObject({
      state: 'down',
      detail: 'tru.ID answered the check creation with HTTP 500: Internal Server Error: Scripted failure (simulator)',
    });

    now += 1000;
    await client.createCheck(freshNumber(), redirectUrl().url);
    const up = client.health();
    expect(up.state).toBe('ready');
    expect(up.detail).toBeUndefined();
    expect(Date.parse(up.since)).toBe(Date.parse(down.since) + 1000);
  });

  it('a request that gets no answer times out as unavailable, without a retry', async () => {
    const { client } = makeClient({ timeout_ms: 500 });
    await client.createCheck(freshNumber(), redirectUrl().url);
    const calls = simCalls();
    sim.failNext(['hang']);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe('tru.ID did not answer the check creation within 500 ms');
    expect(calls()).toEqual({ tokens: 0, requests: 1 });
    expect(client.health()).toMatchObject({ state: 'down', detail: err.message });
  });

  it('an unanswered token request times out as unavailable too', async () => {
    const { client } = makeClient({ timeout_ms: 500 });
    sim.failNextToken(['hang']);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err).toMatchObject({
      kind: 'unavailable',
      message: 'tru.ID did not answer the token request within 500 ms',
    });
  });

  it('a refused connection is unavailable', async () => {
    const gone = await startTruIdStandIn({ clients: {} });
    const url = gone.url;
    await gone.close();
    const { client } = makeClient({}, url);
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe('tru.ID could not be reached for the token request (ECONNREFUSED)');
    expect(client.health().state).toBe('down');
  });

  it.each([
    [
      'a token answer with another token_type',
      'token',
      {
        status: 200,
        contentType: 'application/json',
        body: { access_token: 'x', token_type: 'mac', expires_in: 3600 },
      },
      'token_type',
    ],
    [
      'a token answer without expires_in',
      'token',
      { status: 200, contentType: 'application/json', body: { access_token: 'x', token_type: 'bearer' } },
      'expires_in',
    ],
    [
      'a created check without check_url',
      'api',
      { status: 201, body: { check_id: 'c1', status: 'ACCEPTED', ttl: 120, _links: {} } },
      '_links.check_url',
    ],
    [
      'a created check with an unknown status',
      'api',
      {
        status: 201,
        body: { check_id: 'c1', status: 'WAITING', ttl: 120, _links: { check_url: { href: 'https://x.test/c' } } },
      },
      'status',
    ],
    [
      'a body that is not JSON',
      'api',
      { status: 201, contentType: 'text/html', body: '<html>maintenance</html>' },
      'not JSON',
    ],
  ] as const)('%s is unavailable', async (_name, where, answer, mentioned) => {
    const { client } = makeClient();
    if (where === 'token') sim.failNextToken([answer]);
    else {
      await client.createCheck(freshNumber(), redirectUrl().url);
      sim.failNext([answer]);
    }
    const err = await failure(client.createCheck(freshNumber(), redirectUrl().url));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toContain(mentioned);
    expect(client.health().state).toBe('down');
  });

  it('a COMPLETED answer without match, or about another check, is unavailable', async () => {
    const { client } = makeClient();
    const created = await client.createCheck(freshNumber(), redirectUrl().url);
    sim.failNext([{ status: 200, body: { check_id: created.checkId, status: 'COMPLETED' } }]);
    expect((await failure(client.getCheck(created.checkId))).message).toContain('match: is required when COMPLETED');
    sim.failNext([{ status: 200, body: { check_id: 'someone-else', status: 'PENDING' } }]);
    expect(await failure(client.getCheck(created.checkId))).toMatchObject({
      kind: 'unavailable',
      message: 'tru.ID answered the check lookup for another check',
    });
  });
});

describe('TruIdClient lifecycle and health', () => {
  it('start() fetches a token that later calls reuse, and says where it connects', async () => {
    const { client, logs } = makeClient();
    const calls = simCalls();
    await client.start();
    expect(calls()).toEqual({ tokens: 1, requests: 0 });
    expect(logs().map((l) => l.msg)).toContain(`tru.ID PhoneCheck initialized: client ${CLIENT_ID} via ${sim.url}`);
    await client.createCheck(freshNumber(), redirectUrl().url);
    expect(calls()).toEqual({ tokens: 1, requests: 1 });
  });

  it('start() with wrong credentials resolves, but health is down and the administrator is told', async () => {
    const { client, logs } = makeClient({ truid_client_secret: WRONG_SECRET });
    await client.start();
    expect(client.health()).toMatchObject({ state: 'down' });
    expect(logs().filter((l) => l.level === 50)).toHaveLength(1);
  });

  it('health: ready, down after an outage, ready after an answered refusal, down after auth', async () => {
    const { client } = makeClient();
    expect(client.health()).toEqual({ state: 'ready', since: new Date(now).toISOString() });
    const created = await client.createCheck(freshNumber(), redirectUrl().url);

    sim.failNext([{ status: 503 }]);
    await failure(client.getCheck(created.checkId));
    expect(client.health()).toMatchObject({
      state: 'down',
      detail: 'tru.ID answered the check lookup with HTTP 503: Service Unavailable: Scripted failure (simulator)',
    });

    // tru.ID answering a 404 shows it is up and knows us again.
    await failure(client.completeCheck(created.checkId, 'early'));
    expect(client.health().state).toBe('ready');

    sim.failNext([{ status: 403 }]);
    await failure(client.getCheck(created.checkId));
    expect(client.health()).toMatchObject({
      state: 'down',
      detail: expect.stringContaining('rejected our credentials') as unknown,
    });
  });

  it('close() aborts a call in flight and refuses later ones without reaching tru.ID', async () => {
    const { client } = makeClient();
    await client.start();
    const before = sim.requests + 1;
    sim.failNext(['hang']);
    const pending = failure(client.createCheck(freshNumber(), redirectUrl().url));
    // Let the request reach the simulator before closing.
    await expect.poll(() => sim.requests).toBe(before);
    await client.close();
    expect(await pending).toMatchObject({ kind: 'unavailable', message: 'the tru.ID client is closed' });

    const later = await failure(client.getCheck('any'));
    expect(later).toMatchObject({ kind: 'unavailable', message: 'the tru.ID client is closed' });
    expect(sim.requests).toBe(before);
  });
});

describe('the tru.ID simulator on the wire', () => {
  const token = async () => {
    const res = await fetch(`${sim.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: { Authorization: basicAuth(CLIENT_ID, SECRET), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=phone_check',
    });
    return { res, json: (await res.json()) as Record<string, unknown> };
  };

  it('issues bearer tokens the tru.ID way, and refuses wrong credentials with a problem', async () => {
    const { res, json } = await token();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(json).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'bearer',
      expires_in: TOKEN_LIFE_S,
      scope: 'phone_check',
    });

    const refused = await fetch(`${sim.url}/oauth2/v1/token`, {
      method: 'POST',
      headers: {
        Authorization: basicAuth(CLIENT_ID, WRONG_SECRET),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=phone_check',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toEqual({
      type: 'https://developer.tru.id/docs/reference/api-errors#401',
      title: 'Unauthorized',
      detail: 'Invalid client credentials',
    });
  });

  it('answers a create with 201 application/hal+json in tru.ID’s shape; GET: no match before COMPLETED', async () => {
    const { json } = await token();
    const auth = { Authorization: `Bearer ${json.access_token as string}` };
    const res = await fetch(`${sim.url}/phone_check/v0.2/checks`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone_number: '447700900999', redirect_url: `${target.url}/cb` }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/hal\+json/);
    const created = (await res.json()) as Record<string, unknown>;
    const id = created.check_id as string;
    expect(id).toMatch(UUID);
    expect(created).toEqual({
      check_id: id,
      status: 'ACCEPTED',
      charge_amount: 1,
      charge_currency: 'API',
      created_at: new Date(now).toISOString(),
      ttl: CHECK_TTL_S,
      snapshot_balance: 100,
      _links: {
        self: { href: `${sim.url}/phone_check/v0.2/checks/${id}` },
        check_url: { href: `${sim.url}/phone_check/v0.2/checks/${id}/redirect` },
      },
    });

    const got = (await (await fetch(`${sim.url}/phone_check/v0.2/checks/${id}`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;
    expect(got).toMatchObject({
      check_id: id,
      status: 'ACCEPTED',
      created_at: created.created_at,
      updated_at: created.created_at,
    });
    expect(got).not.toHaveProperty('match');
    expect(got).not.toHaveProperty('error_code');

    const wrongType = await fetch(`${sim.url}/phone_check/v0.2/checks/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ op: 'add', path: '/code', value: 'x' }]),
    });
    expect(wrongType.status).toBe(415);
  });

  it('needs a Bearer token on the API; unknown routes are 404 problems', async () => {
    const noAuth = await fetch(`${sim.url}/phone_check/v0.2/checks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const unknown = await fetch(`${sim.url}/phone_check/v9/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({
      type: 'https://developer.tru.id/docs/reference/api-errors#404',
      title: 'Not Found',
    });
  });
});

describe('logs', () => {
  it('never held a client secret, an access token, a code or a whole phone number', () => {
    const codes = [...sim.checks.values()].map((c) => c.code).filter((c): c is string => c !== undefined);
    expect(allLines.length).toBeGreaterThan(50);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    expect(sim.issuedTokens.length).toBeGreaterThan(20);
    const secrets = [
      SECRET,
      OTHER_SECRET,
      WRONG_SECRET,
      Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64'),
      ...sim.issuedTokens,
      ...codes,
    ];
    const numbers = numbersUsed.map((n) => n.slice(1));
    for (const line of allLines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
      for (const number of numbers) expect(line).not.toContain(number);
    }
  });
});
