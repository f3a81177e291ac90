// What the provider remembers between logins: signing keys across restarts, the login session (and that an
// embedded sign-in's bearer continue_url leaves none in the browser that opens it), and RP-initiated
// logout; plus the hosted pages' headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, exchange, oidc, RP_ORIGIN, type AuthRequest } from '../helpers/oidc-client.js';
import {
  atCallback,
  embeddedLogin,
  hostedLogin,
  openHostedPage,
  passwordSteps,
  toCallback,
} from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { freePort } from '../helpers/ports.js';

describe('signing keys', () => {
  it('are kept in the database: an id_token issued before a restart verifies after it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-keys-'));
    const port = await freePort();
    try {
      const first = await startTestBackend({ dataDir, port, keepData: true });
      await first.addUser('frank', 'frank password 1');
      const config = await discover(first.issuer);
      const request = await authorizationRequest(config);
      const tokens = await exchange(
        config,
        await hostedLogin(first.issuer, request, 'frank', 'frank password 1'),
        request,
      );
      const kidBefore = (await (await fetch(`${first.issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
      expect(kidBefore.keys).toHaveLength(1);
      expect(kidBefore.keys[0]!.d).toBeUndefined(); // public part only
      await first.close();
      // Let this process's fetch pool see the old server's sockets close before it dials the same port again.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const second = await startTestBackend({ dataDir, port }); // its close removes the data (and any shared storage)
      try {
        const jwks = createRemoteJWKSet(new URL(`${second.issuer}/jwks`));
        const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: second.issuer, audience: 'test-rp' });
        expect(payload.sub).toBe(tokens.claims()!.sub);
        const kidAfter = (await (await fetch(`${second.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
        expect(kidAfter.keys.map((k) => k.kid)).toEqual(kidBefore.keys.map((k) => k.kid));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('are sealed at rest: the database does not hold the private key in clear', async () => {
    const backend = await startTestBackend();
    try {
      const sealed = await backend.server.store.secrets.get('oidc.jwks');
      expect(sealed).toMatch(/^v1\./);
      expect(sealed).not.toContain('"d"');
    } finally {
      await backend.close();
    }
  });
});

describe('sessions and logout', () => {
  let backend: TestBackend;
  let config: oidc.Configuration;
  beforeAll(async () => {
    backend = await startTestBackend();
    await backend.addUser('grace', 'grace password 1');
    config = await discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('reuses the login session for the next authorization request without asking again', async () => {
    const agent = new UserAgent();
    const first = await authorizationRequest(config);
    const firstTokens = await exchange(
      config,
      await hostedLogin(backend.issuer, first, 'grace', 'grace password 1', agent),
      first,
    );
    const second = await authorizationRequest(config);
    const { url } = await agent.follow(second.url.href, atCallback);
    const tokens = await exchange(config, url, second);
    expect(tokens.claims()).toMatchObject({
      sub: firstTokens.claims()!.sub,
      acr: 'password',
      auth_time: firstTokens.claims()!.auth_time,
    });
  });

  it('asks again when the RP sends prompt=login', async () => {
    const agent = new UserAgent();
    const first = await authorizationRequest(config);
    await hostedLogin(backend.issuer, first, 'grace', 'grace password 1', agent);
    const again = await authorizationRequest(config, { prompt: 'login' });
    const { handle } = await openHostedPage(agent, again);
    expect(handle).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // A new sign-in from its first step, not one carried over from the session.
    expect(state(await new FlowApi(backend.issuer).get(handle)).step).toEqual({ kind: 'username' });
  });

  it('logs out through end_session (confirm page under CSP), then asks to log in again', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(config);
    const tokens = await exchange(
      config,
      await hostedLogin(backend.issuer, request, 'grace', 'grace password 1', agent),
      request,
    );
    const logoutUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3999/',
    });

    const confirm = await agent.request(logoutUrl.href);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await confirm.text();
    expect(html).toContain('Sign out?');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeDefined();

    const submitted = await agent.request(`${backend.issuer}/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    expect(submitted.status).toBe(303);
    const { url } = await agent.follow(new URL(submitted.headers.get('location')!, backend.issuer).href, (u) =>
      u.startsWith('http://localhost:3999/'),
    );
    expect(url).toBe('http://localhost:3999/');

    const next = await authorizationRequest(config);
    const { url: landing } = await agent.follow(next.url.href, atCallback);
    expect(landing).toMatch(/\/interaction\//);
  });
});

describe('embedded sign-in finish (its continue_url is a bearer credential)', () => {
  let backend: TestBackend;
  let config: oidc.Configuration;
  let ivy: string;
  let jack: string;
  beforeAll(async () => {
    backend = await startTestBackend();
    ivy = await backend.addUser('ivy', 'ivy password 12');
    jack = await backend.addUser('jack', 'jack password 12');
    config = await discover(backend.issuer);
  });
  afterAll(() => backend.close());

  /** An embedded sign-in finished through the flow API, its continue_url not followed yet. */
  async function continueUrl(request: AuthRequest, username: string, password: string): Promise<string> {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const done = state(await passwordSteps(api, state(await api.start(request.url.href)).flow, username, password));
    if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
    return done.step.continue_url;
  }

  /** Where the browser lands for a new authorization request: the login page, or the RP's callback. */
  async function nextLogin(agent: UserAgent): Promise<string> {
    return (await agent.follow((await authorizationRequest(config)).url.href, atCallback)).url;
  }

  const sessionCookies = (response: Response) =>
    response.headers.getSetCookie().filter((c) => /^_session(\.sig)?=/.test(c));

  it('leaves no session behind: the next authorization request in the same browser asks to sign in', async () => {
    const agent = new UserAgent();
    const first = await authorizationRequest(config);
    const tokens = await exchange(
      config,
      await embeddedLogin(backend.issuer, first, 'ivy', 'ivy password 12', agent),
      first,
    );
    expect(tokens.claims()!.sub).toBe(ivy);
    // The access token works: the session it is bound to lives on the server, not in the browser.
    expect(await oidc.fetchUserInfo(config, tokens.access_token, ivy)).toMatchObject({
      sub: ivy,
      preferred_username: 'ivy',
    });

    const next = await authorizationRequest(config);
    const { url, response } = await agent.follow(next.url.href, atCallback);
    expect(url).toMatch(new RegExp(`^${backend.issuer}/interaction/`));
    const handle = /<gluu-login[^>]* flow="([^"]+)"/.exec(await response!.text())?.[1];
    expect(state(await new FlowApi(backend.issuer).get(handle!)).step).toEqual({ kind: 'username' });
  });

  it('never sets the provider session cookie on its way through /auth', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(config);
    let current = await continueUrl(request, 'ivy', 'ivy password 12');
    const set: string[] = [];
    while (!atCallback(current)) {
      const response = await agent.request(current);
      set.push(...sessionCookies(response));
      current = new URL(response.headers.get('location')!, current).href;
    }
    expect(set).toEqual([]);
    expect((await exchange(config, current, request)).claims()!.sub).toBe(ivy);
  });

  it("gives a browser sent to someone else's continue_url no session of theirs (login CSRF)", async () => {
    const victim = new UserAgent();
    // The attacker signs in as jack and sends the victim the continue_url instead of following it.
    const attackers = await authorizationRequest(config);
    const callback = await toCallback(await continueUrl(attackers, 'jack', 'jack password 12'), victim);
    // The victim's RP started no such request: openid-client refuses the response (state mismatch).
    await expect(exchange(config, callback, await authorizationRequest(config))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/"state"/) },
    });
    expect(await nextLogin(victim)).toMatch(new RegExp(`^${backend.issuer}/interaction/`));
  });

  it("gives a thief who opens a victim's continue_url no provider session as the victim", async () => {
    const stolen = await continueUrl(await authorizationRequest(config), 'ivy', 'ivy password 12');
    const thief = new UserAgent();
    await toCallback(stolen, thief);
    expect(await nextLogin(thief)).toMatch(new RegExp(`^${backend.issuer}/interaction/`));
  });

  it('leaves the session of a browser already signed in at the provider as it was', async () => {
    const agent = new UserAgent();
    const hosted = await authorizationRequest(config);
    const signedIn = await exchange(
      config,
      await hostedLogin(backend.issuer, hosted, 'ivy', 'ivy password 12', agent),
      hosted,
    );
    // Another account signs in embedded in the same browser (a shared computer, or an attacker's URL).
    const embedded = await authorizationRequest(config);
    expect(
      (
        await exchange(
          config,
          await embeddedLogin(backend.issuer, embedded, 'jack', 'jack password 12', agent),
          embedded,
        )
      ).claims()!.sub,
    ).toBe(jack);

    const again = await authorizationRequest(config);
    const { url } = await agent.follow(again.url.href, atCallback);
    expect((await exchange(config, url, again)).claims()).toMatchObject({
      sub: ivy,
      auth_time: signedIn.claims()!.auth_time,
    });
  });

  it('logs out through end_session with nothing to sign out of in the browser, back to the RP', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(config);
    const tokens = await exchange(
      config,
      await embeddedLogin(backend.issuer, request, 'ivy', 'ivy password 12', agent),
      request,
    );
    const logoutUrl = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3999/',
    });
    // No provider session here to ask about, nor to store one for: straight back to the RP (costs.test.ts).
    const back = await agent.request(logoutUrl.href);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('http://localhost:3999/');
  });

  it("a stolen hosted finish link gives nothing without the victim's browser; the victim still finishes", async () => {
    const victim = new UserAgent();
    const request = await authorizationRequest(config);
    const { handle } = await openHostedPage(victim, request);
    const done = state(await passwordSteps(new FlowApi(backend.issuer), handle, 'ivy', 'ivy password 12'));
    if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
    const finishUrl = done.step.continue_url;
    expect(finishUrl).toMatch(new RegExp(`^${backend.issuer}/interaction/[\\w-]+/finish\\?ticket=`));

    const thief = new UserAgent();
    const stolen = await thief.request(finishUrl);
    expect(stolen.status).toBe(410);
    expect(await stolen.text()).toContain('This sign-in has expired');
    expect(stolen.headers.get('location')).toBeNull();
    expect(sessionCookies(stolen)).toEqual([]);
    expect(await nextLogin(thief)).toMatch(new RegExp(`^${backend.issuer}/interaction/`));

    expect((await exchange(config, await toCallback(finishUrl, victim), request)).claims()!.sub).toBe(ivy);
  });
});

describe('hosted page', () => {
  let backend: TestBackend;
  let config: oidc.Configuration;
  beforeAll(async () => {
    backend = await startTestBackend();
    config = await discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('is served with a strict CSP, no framing, no caching and the widget from /assets', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(config);
    const { url, response } = await agent.follow(request.url.href);
    expect(url).toMatch(new RegExp(`^${backend.issuer}/interaction/[\\w-]+$`));
    const csp = response!.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(response!.headers.get('x-frame-options')).toBe('DENY');
    expect(response!.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response!.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response!.headers.get('cache-control')).toBe('no-store');
    const html = await response!.text();
    expect(html).toContain('<script type="module" src="/assets/gluu-login.js"></script>');
    expect(html).not.toMatch(/<script>|style="/);
  });

  it('sets HttpOnly, SameSite cookies', async () => {
    const request = await authorizationRequest(config);
    const response = await fetch(request.url, { redirect: 'manual' });
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.toLowerCase()).toContain('httponly');
      expect(cookie.toLowerCase()).toContain('samesite=lax');
    }
  });

  it('explains an expired or unknown interaction instead of failing', async () => {
    const response = await fetch(`${backend.issuer}/interaction/unknown-uid`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This sign-in has expired');
  });

  it('refuses a finish link without a valid ticket', async () => {
    const agent = new UserAgent();
    const { pageUrl } = await openHostedPage(agent, await authorizationRequest(config));
    const response = await agent.request(`${pageUrl}/finish?ticket=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('no longer valid');
  });

  it('serves the widget bundle and answers /healthz', async () => {
    const widget = await fetch(`${backend.issuer}/assets/gluu-login.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toContain('javascript');
    expect(await widget.text()).toContain('gluu-login');
    expect(await (await fetch(`${backend.issuer}/healthz`)).json()).toEqual({
      status: 'ok',
      storage: 'ok',
      providers: {},
    });
  });

  it('never redirects to an unregistered post_logout_redirect_uri', async () => {
    const url =
      `${backend.issuer}/session/end?client_id=test-rp` +
      `&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`;
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
