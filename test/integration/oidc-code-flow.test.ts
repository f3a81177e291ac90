// openid-client as the RP against the running provider: discovery, code + PKCE + nonce through both
// placements, id_token claims, userinfo, and the refusals RFC 6749 asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import {
  authorizationRequest,
  discover,
  exchange,
  oidc,
  postToken,
  RP_CALLBACK,
  RP_ORIGIN,
} from '../helpers/oidc-client.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { atCallback, embeddedLogin, hostedLogin, passwordSteps } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { StoreUnavailableError } from '../../server/store/unavailable.js';

let backend: TestBackend;
let config: oidc.Configuration;
let userId: string;

beforeAll(async () => {
  backend = await startTestBackend();
  userId = await backend.addUser('alice', 'correct horse battery', {
    email: 'alice@example.com',
    phone: '+14155552671',
  });
  config = await discover(backend.issuer);
});
afterAll(() => backend.close());

describe('discovery', () => {
  it('announces the issuer, the enabled acr values, S256 only and the iss response parameter', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(backend.issuer);
    expect(meta.acr_values_supported).toEqual(['password']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.end_session_endpoint).toBe(`${backend.issuer}/session/end`);
    expect(meta.claims_supported).toEqual(expect.arrayContaining(['sub', 'acr', 'amr', 'auth_time']));
  });
});

describe('hosted login', () => {
  it('ends at the RP callback with a code that openid-client exchanges for a verified id_token', async () => {
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const before = Math.floor(Date.now() / 1000);
    const callback = await hostedLogin(backend.issuer, request, 'alice', 'correct horse battery');
    const params = new URL(callback).searchParams;
    expect(params.get('iss')).toBe(backend.issuer);
    expect(params.get('state')).toBe(request.state);

    const tokens = await exchange(config, callback, request);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: backend.issuer,
      aud: 'test-rp',
      sub: userId,
      nonce: request.nonce,
      acr: 'password',
      amr: ['pwd'],
    });
    expect(claims.auth_time).toBeGreaterThanOrEqual(before - 1);
    expect(claims.auth_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, userId);
    expect(userinfo).toMatchObject({
      sub: userId,
      preferred_username: 'alice',
      email: 'alice@example.com',
      phone_number: '+14155552671',
      phone_number_verified: true,
    });
  });

  it('logs in by email address as well as by username, case-insensitively', async () => {
    const request = await authorizationRequest(config);
    const tokens = await exchange(
      config,
      await hostedLogin(backend.issuer, request, 'ALICE@example.com', 'correct horse battery'),
      request,
    );
    expect(tokens.claims()!.sub).toBe(userId);
  });

  it('uses the default acr when none is requested and ignores unknown ones', async () => {
    const request = await authorizationRequest(config, { acr_values: 'no_such_method' });
    const tokens = await exchange(
      config,
      await hostedLogin(backend.issuer, request, 'alice', 'correct horse battery'),
      request,
    );
    expect(tokens.claims()!.acr).toBe('password');
  });
});

describe('embedded login', () => {
  it('runs the flow through the API and passes once through /auth to the same callback', async () => {
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const agent = new UserAgent();
    const callback = await embeddedLogin(backend.issuer, request, 'alice', 'correct horse battery', agent);
    // continue_url (/auth?...&gluu_ticket, which redeems the ticket) -> /auth/:uid -> callback
    expect(agent.visited.filter((u) => u.startsWith(`${backend.issuer}/auth?`))).toHaveLength(1);
    expect(agent.visited.filter((u) => u.startsWith(`${backend.issuer}/interaction/`))).toEqual([]);
    const tokens = await exchange(config, callback, request);
    expect(tokens.claims()).toMatchObject({ sub: userId, acr: 'password', amr: ['pwd'], nonce: request.nonce });
  });

  it('stops at /interaction when the store is down as /auth redeems, and redeems there once it is back', async () => {
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const done = state(
      await passwordSteps(api, state(await api.start(request.url.href)).flow, 'alice', 'correct horse battery'),
    );
    if (done.step.kind !== 'done') throw new Error('not done');
    const flows = backend.server.store.flows;
    const takeTicket = flows.takeTicket.bind(flows);
    let outages = 2;
    flows.takeTicket = (hash) =>
      outages-- > 0
        ? Promise.reject(new StoreUnavailableError('redis', new Error('connect ECONNREFUSED')))
        : takeTicket(hash);
    try {
      const agent = new UserAgent();
      // Down at /auth and still down at /interaction: a page that says so, and the ticket is not spent.
      const down = await agent.follow(done.step.continue_url, atCallback);
      expect(down.url).toMatch(new RegExp(`^${backend.issuer}/interaction/[\\w-]+$`));
      expect(down.response?.status).toBe(503);
      // Back: reloading the page redeems the ticket and goes on to the RP with a code.
      const back = await agent.follow(down.url, atCallback);
      const params = new URL(back.url).searchParams;
      expect(params.get('error')).toBeNull();
      const tokens = await exchange(config, back.url, request);
      expect(tokens.claims()).toMatchObject({ sub: userId, acr: 'password' });
    } finally {
      flows.takeTicket = takeTicket;
    }
  });

  it('refuses a ticket carried into a different authorization request', async () => {
    const request = await authorizationRequest(config);
    const other = await authorizationRequest(config);
    const agent = new UserAgent();
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const started = state(await api.start(request.url.href));
    const done = state(await passwordSteps(api, started.flow, 'alice', 'correct horse battery'));
    if (done.step.kind !== 'done') throw new Error('not done');
    const ticket = new URL(done.step.continue_url).searchParams.get('gluu_ticket')!;
    const forged = new URL(other.url);
    forged.searchParams.set('gluu_ticket', ticket);
    const { url } = await agent.follow(forged.href, atCallback);
    const params = new URL(url).searchParams;
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('code')).toBeNull();
    expect(params.get('iss')).toBe(backend.issuer);
    expect(params.get('state')).toBe(other.state);
    // ...and the ticket is spent: the genuine request cannot use it afterwards either.
    const again = new URL((await agent.follow(done.step.continue_url, atCallback)).url).searchParams;
    expect(again.get('error')).toBe('access_denied');
    expect(again.get('code')).toBeNull();
    expect(again.get('state')).toBe(request.state);
  });
});

describe('token endpoint refusals', () => {
  it('refuses a wrong code_verifier with invalid_grant', async () => {
    const request = await authorizationRequest(config);
    const callback = await hostedLogin(backend.issuer, request, 'alice', 'correct horse battery');
    await expect(
      exchange(config, callback, { ...request, verifier: oidc.randomPKCECodeVerifier() }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a reused code with invalid_grant', async () => {
    const request = await authorizationRequest(config);
    const callback = await hostedLogin(backend.issuer, request, 'alice', 'correct horse battery');
    const tokens = await exchange(config, callback, request);
    await expect(exchange(config, callback, request)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The replay revoked what the code had issued.
    await expect(oidc.fetchUserInfo(config, tokens.access_token, userId)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a redirect_uri that is not registered exactly, without redirecting to it', async () => {
    const request = await authorizationRequest(config, {}, `${RP_CALLBACK}/../evil`);
    const response = await new UserAgent().request(request.url.href);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(`${backend.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: 'test-rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: RP_CALLBACK,
      state: 's',
    }).toString();
    const response = await new UserAgent().request(url.href);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(RP_CALLBACK);
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('PKCE');
    expect(location.searchParams.get('iss')).toBe(backend.issuer);
  });

  it('refuses PKCE with the plain method', async () => {
    const url = new URL(`${backend.issuer}/auth`);
    const verifier = oidc.randomPKCECodeVerifier();
    url.search = new URLSearchParams({
      client_id: 'test-rp',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: RP_CALLBACK,
      state: 's',
      code_challenge: verifier,
      code_challenge_method: 'plain',
    }).toString();
    const response = await new UserAgent().request(url.href);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(RP_CALLBACK);
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain('code_challenge_method');
  });

  it('answers token errors as RFC 6749 JSON', async () => {
    const response = await postToken(
      backend.issuer,
      { grant_type: 'authorization_code', code: 'nope', redirect_uri: RP_CALLBACK, code_verifier: 'x'.repeat(43) },
      basicAuth('test-rp', 'wrong-secret-wrong-secret-wrong-secret'),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});
