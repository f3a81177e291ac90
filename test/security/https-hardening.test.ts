// With an https issuer (here behind a TLS-terminating proxy, the tested setup of test/integration/proxies):
// HSTS on every answer, ours and the provider's; the provider's own HTML pages under the same strict CSP
// and COOP as ours; the session cookie with the __Host- prefix. Over plain http, no HSTS.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, exchange } from '../helpers/oidc-client.js';
import { hostedLogin } from '../helpers/logins.js';
import { freePort } from '../helpers/ports.js';
import { UserAgent } from '../helpers/user-agent.js';
import { pageCsp } from '../../server/http/html.js';

const realFetch = globalThis.fetch;
let origin: string;
let behind: string;
let https: TestBackend;
let plain: TestBackend;

/** Requests for the https issuer go through the proxy: to the plain-http server, with X-Forwarded-Proto. */
function network(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (input instanceof Request) throw new Error('the test network takes URLs');
  const url = new URL(input);
  const headers = new Headers(init.headers);
  if (url.origin === origin) {
    const target = new URL(behind);
    url.protocol = target.protocol;
    url.host = target.host;
    headers.set('x-forwarded-for', '192.0.2.50');
    headers.set('x-forwarded-proto', 'https');
  }
  return realFetch(url, { ...init, headers });
}

beforeAll(async () => {
  vi.stubGlobal('fetch', network);
  const port = await freePort();
  origin = `https://localhost:${port}`;
  behind = `http://localhost:${port}`;
  [https, plain] = await Promise.all([
    startTestBackend({ port, config: { issuer: origin, trust_proxy: { cidrs: ['127.0.0.1', '::1'] } } }),
    startTestBackend(),
  ]);
  await https.addUser('hugo', 'hugo password 12');
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await Promise.all([https?.close(), plain?.close()]);
});

const HSTS = /^max-age=31536000; includeSubDomains$/;

describe('with an https issuer', () => {
  it('sends HSTS on every answer: our pages and API, and the provider’s discovery, JSON errors and pages', async () => {
    for (const path of [
      '/healthz',
      '/.well-known/openid-configuration',
      '/jwks',
      '/session/end',
      '/auth?client_id=nobody',
      '/me',
    ]) {
      const response = await network(`${origin}${path}`, { redirect: 'manual' });
      expect([path, response.headers.get('strict-transport-security')]).toEqual([path, expect.stringMatching(HSTS)]);
    }
  });

  it(
    'serves the provider’s own pages (sign out without a session, ' +
      'an error) under our strict CSP, with COOP and no framing',
    async () => {
      for (const path of ['/session/end', '/auth?client_id=nobody']) {
        const response = await network(`${origin}${path}`, { redirect: 'manual' });
        expect(response.headers.get('content-type')).toMatch(/text\/html/);
        expect(response.headers.get('content-security-policy')).toBe(pageCsp());
        expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
    },
  );

  it('sets the session cookie as __Host-session (Secure, Path=/, no Domain), and the session works', async () => {
    const config = await discover(origin);
    const agent = new UserAgent();
    const request = await authorizationRequest(config);
    const tokens = await exchange(
      config,
      await hostedLogin(origin, request, 'hugo', 'hugo password 12', agent),
      request,
    );
    expect(tokens.claims()!.acr).toBe('password');
    const cookies = agent.cookiesFor(new URL(origin).host);
    expect(cookies.get('__Host-session')?.path).toBe('/');
    expect(cookies.has('_session')).toBe(false);
    // The browser comes back with it: the next authorization request needs no sign-in.
    const again = await authorizationRequest(config);
    const { url } = await agent.follow(again.url.href, (u) => u.startsWith('http://localhost:3999/callback'));
    expect(url).toMatch(/^http:\/\/localhost:3999\/callback\?code=/);
  });
});

describe('with an http issuer', () => {
  it('sends no HSTS (a browser would pin https on a host without it) but the same CSP and COOP on pages', async () => {
    const response = await fetch(`${plain.issuer}/session/end`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).toBe(pageCsp());
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });
});
