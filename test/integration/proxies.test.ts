// Client addresses behind reverse proxies, as an attacker tries them: writing X-Forwarded-For (and
// X-Forwarded-Proto) itself, from behind a trusted TLS-terminating proxy and straight at the server, and
// rotating IPv6 addresses inside one /64. Tests connect over loopback, so "the trusted proxy" is a config
// that trusts 127.0.0.1/::1 and "an untrusted peer" one that trusts only 10.0.0.0/8.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { EmbeddedLogins, openHostedPage, passwordSteps, toCallback } from '../helpers/logins.js';
import { authorizationRequest, exchange } from '../helpers/oidc-client.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { UserAgent } from '../helpers/user-agent.js';

const realFetch = globalThis.fetch;
/** Addresses behind which the per-IP lockout gives this many free wrong passwords. */
const IP_FREE = 3;
const lockout = {
  ip: {
    free_attempts: IP_FREE,
    initial_wait_seconds: 60,
    max_wait_seconds: 60,
    max_failures: 0,
    forget_after_seconds: 3600,
  },
};

/** What the client itself sends: any X-Forwarded-For or X-Forwarded-Proto it likes. */
let clientWrites: Record<string, string> = {};
/** The address the TLS-terminating proxy sees the client connect from. */
let clientAddress = '203.0.113.7';
/** The https origin the proxy answers on (the issuer) and the plain-http address of the server behind it. */
let proxied: { origin: string; backend: string } | undefined;

/**
 * The network as the tests' clients (openid-client, the flow API helper, the cookie-keeping user agent)
 * see it: requests for the https issuer pass through a proxy that ends TLS, appends the address it saw to
 * X-Forwarded-For and sets X-Forwarded-Proto, as nginx's `$proxy_add_x_forwarded_for` and `$scheme` do.
 */
function network(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (input instanceof Request) throw new Error('the test network takes URLs');
  const url = new URL(input);
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(clientWrites)) headers.set(name, value);
  if (proxied && url.origin === proxied.origin) {
    const forwarded = new URL(proxied.backend);
    url.protocol = forwarded.protocol;
    url.host = forwarded.host;
    headers.set('x-forwarded-for', [headers.get('x-forwarded-for'), clientAddress].filter(Boolean).join(', '));
    headers.set('x-forwarded-proto', 'https');
  }
  return realFetch(url, { ...init, headers });
}

/** The client and TLS scheme oidc-provider itself saw, per event. */
function providerViews(backend: TestBackend) {
  const seen: { event: string; ip: string; secure: boolean }[] = [];
  const record = (event: string) => (ctx: KoaContextWithOIDC) => seen.push({ event, ip: ctx.ip, secure: ctx.secure });
  backend.server.provider.on('interaction.started', record('interaction.started'));
  backend.server.provider.on('authorization.accepted', record('authorization.accepted'));
  backend.server.provider.on('grant.success', record('grant.success'));
  return seen;
}

/** One wrong password for `login` in a new embedded flow: the password step's HTTP status. */
async function wrongPassword(logins: EmbeddedLogins, login: string): Promise<number> {
  const { handle } = await logins.atPassword(undefined, login);
  return (await logins.api.act(handle, 'submit', { password: 'not the password at all' })).status;
}

/**
 * Wrong passwords, each for a new login (no account counter gets in the way), until the per-IP wait answers: how many
 * were let through.
 */
async function wrongUntilLocked(
  logins: EmbeddedLogins,
  prefix: string,
  each: (i: number) => void = () => {},
): Promise<number> {
  for (let i = 0; i < IP_FREE + 3; i++) {
    each(i);
    const status = await wrongPassword(logins, `${prefix}-${i}`);
    if (status === 429) return i;
    expect(status).toBe(401);
  }
  throw new Error(`no per-IP wait after ${IP_FREE + 3} wrong passwords`);
}

const auditIps = (backend: TestBackend, event = 'auth.attempt') =>
  backend.logs.filter((l) => l.event === event && l.audit === true).map((l) => l.ip);

beforeAll(() => {
  vi.stubGlobal('fetch', network);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('behind a trusted TLS-terminating proxy (https issuer, the server on plain http)', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let views: ReturnType<typeof providerViews>;

  beforeAll(async () => {
    const { freePort } = await import('../helpers/ports.js');
    const port = await freePort();
    proxied = { origin: `https://localhost:${port}`, backend: `http://localhost:${port}` };
    backend = await startTestBackend({
      port,
      config: { issuer: proxied.origin, trust_proxy: { cidrs: ['127.0.0.1', '::1'] }, lockout },
    });
    await backend.addUser('erin', 'erin password 1');
    views = providerViews(backend);
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend.close();
    proxied = undefined;
  });

  it('completes a hosted code-flow login with openid-client: Secure cookies, https URLs, no 500', async () => {
    clientWrites = {};
    clientAddress = '192.0.2.50';
    expect(logins.config.serverMetadata()).toMatchObject({
      issuer: proxied!.origin,
      authorization_endpoint: `${proxied!.origin}/auth`,
      token_endpoint: `${proxied!.origin}/token`,
    });
    const request = await authorizationRequest(logins.config);
    const agent = new UserAgent();
    const auth = await agent.request(request.url.href);
    expect(auth.status).toBe(303);
    const cookies = auth.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*secure\b/i);

    const { handle } = await openHostedPage(agent, {
      ...request,
      url: new URL(auth.headers.get('location')!, request.url),
    });
    const done = state(await passwordSteps(new FlowApi(backend.issuer), handle, 'erin', 'erin password 1'));
    expect(done.step.kind).toBe('done');
    if (done.step.kind !== 'done') return;
    const callback = await toCallback(done.step.continue_url, agent);
    clientAddress = '192.0.2.80'; // the RP's server calls /token through the same proxy
    const tokens = await exchange(logins.config, callback, request);
    expect(tokens.claims()).toMatchObject({ iss: proxied!.origin, acr: 'password' });

    // oidc-provider saw the browser, then the RP, each as the proxy did, over https.
    expect(views.filter((v) => v.event === 'authorization.accepted').at(-1)).toEqual({
      event: 'authorization.accepted',
      ip: '192.0.2.50',
      secure: true,
    });
    expect(views.filter((v) => v.event === 'grant.success').at(-1)).toEqual({
      event: 'grant.success',
      ip: '192.0.2.80',
      secure: true,
    });
    expect(auditIps(backend, 'flow.started')).toContain('192.0.2.50');
    expect(backend.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('keeps per-IP lockout and the audit address of a client writing its own leftmost X-Forwarded-For', async () => {
    clientAddress = '203.0.113.7';
    const letThrough = await wrongUntilLocked(logins, 'spoofing', (i) => {
      clientWrites = { 'x-forwarded-for': `198.51.100.${i + 1}` };
    });
    expect(letThrough).toBe(IP_FREE + 1);
    // Another client behind the same proxy is not held up by it.
    clientAddress = '203.0.113.8';
    clientWrites = { 'x-forwarded-for': '203.0.113.7' };
    expect(await wrongPassword(logins, 'spoofing-other')).toBe(401);

    const ips = auditIps(backend);
    expect(ips.filter((ip) => ip === '203.0.113.7')).toHaveLength(IP_FREE + 2);
    expect(ips.filter((ip) => ip === '203.0.113.8')).toHaveLength(1);
    expect(ips.filter((ip) => String(ip).startsWith('198.51.100.'))).toEqual([]);
  });

  it('counts IPv6 clients by /64: new addresses in one /64 share the wait, another /64 does not', async () => {
    clientWrites = {};
    const letThrough = await wrongUntilLocked(logins, 'v6', (i) => {
      clientAddress = `2001:db8:1:2::${(i + 1).toString(16)}a`;
    });
    expect(letThrough).toBe(IP_FREE + 1);
    clientAddress = '2001:db8:1:3::1a';
    expect(await wrongPassword(logins, 'v6-next-net')).toBe(401);
    // Audit lines keep the whole address.
    const ips = auditIps(backend);
    expect(ips).toContain('2001:db8:1:2::1a');
    expect(ips).toContain('2001:db8:1:2::2a');
    expect(ips).toContain('2001:db8:1:3::1a');
  });
});

describe('a peer that is not a trusted proxy (the server trusts only 10.0.0.0/8)', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let views: ReturnType<typeof providerViews>;

  beforeAll(async () => {
    backend = await startTestBackend({ config: { trust_proxy: { cidrs: ['10.0.0.0/8'] }, lockout } });
    views = providerViews(backend);
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('cannot claim https: no Secure cookies, http URLs, and oidc-provider sees plain http from the peer', async () => {
    clientWrites = { 'x-forwarded-for': '198.51.100.1', 'x-forwarded-proto': 'https' };
    const discovery = (await (await fetch(`${backend.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(discovery.authorization_endpoint).toBe(`${backend.issuer}/auth`);
    expect(discovery.authorization_endpoint!.startsWith('http://')).toBe(true);

    const auth = await new UserAgent().request((await authorizationRequest(logins.config)).url.href);
    expect(auth.status).toBe(303);
    const cookies = auth.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*secure\b/i);
    expect(views.at(-1)).toEqual({ event: 'interaction.started', ip: '127.0.0.1', secure: false });
  });

  it('cannot choose its per-IP counter or its audit address with X-Forwarded-For', async () => {
    const letThrough = await wrongUntilLocked(logins, 'direct', (i) => {
      clientWrites = { 'x-forwarded-for': `198.51.100.${i + 1}` };
    });
    expect(letThrough).toBe(IP_FREE + 1);
    const ips = auditIps(backend);
    expect(ips.length).toBeGreaterThan(IP_FREE);
    expect(new Set(ips)).toEqual(new Set(['127.0.0.1']));
    expect(new Set(auditIps(backend, 'flow.started'))).toEqual(new Set(['127.0.0.1']));
  });
});
