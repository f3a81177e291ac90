// The acr a login ends with, as an attacker who edits their own authorization request would try to lower
// it: a client's floor (minimum_acr) raises acr_values and the widget's acr attribute, in both placements,
// and keeps a weaker session from being reused; an essential acr in the claims parameter is honoured or
// refused where the RP hears it; a client's default_acr with an embedded login; pushed authorization
// requests (PAR) in both placements; DPoP-bound tokens end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, CLIENT_SECRET, type TestBackend } from '../helpers/backend.js';
import { errorOf, FlowApi, state } from '../helpers/flow-api.js';
import { atCallback, openHostedPage, toCallback } from '../helpers/logins.js';
import {
  authorizationRequest,
  discover,
  exchange,
  oidc,
  RP_CALLBACK,
  RP_ORIGIN,
  type AuthRequest,
} from '../helpers/oidc-client.js';
import { UserAgent } from '../helpers/user-agent.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { FlowState } from '../../wire/flow-api.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const client = (client_id: string, extra: Record<string, unknown>) => ({
  client_id,
  client_secret: CLIENT_SECRET,
  redirect_uris: [RP_CALLBACK],
  allowed_origins: [RP_ORIGIN],
  ...extra,
});
const essential = (...values: string[]) => JSON.stringify({ id_token: { acr: { essential: true, values } } });

let backend: TestBackend;
let configs: Record<'test' | 'floor' | 'defaults', oidc.Configuration>;
/** Each TOTP code is accepted once per time step: every login moves the clock to a new one. */
let now = MID_TOTP_STEP;

beforeAll(async () => {
  backend = await startTestBackend({
    // An account with no second factor may set up its first one while signing in (trust on first use).
    config: { methods: { otp: { enabled: true, issuer: 'Gluu Test' } }, enrollment: { first_factor: true } },
    extraClients: [client('floor-rp', { minimum_acr: 'otp' }), client('defaults-rp', { default_acr: 'password' })],
  });
  const id = await backend.addUser('olga', 'olga password 1', { email: 'olga@example.com' });
  await backend.server.store.credentials.add({
    id: 'olga-app',
    userId: id,
    type: 'totp',
    sealedData: backend.server.sealer.seal(JSON.stringify({ secret: SECRET }), 'credential:olga-app'),
    metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 1' },
    counter: 0,
  });
  configs = {
    test: await discover(backend.issuer),
    floor: await discover(backend.issuer, 'floor-rp'),
    defaults: await discover(backend.issuer, 'defaults-rp'),
  };
});
afterAll(() => backend.close());

async function nextCode(): Promise<string> {
  now += 30_000;
  backend.clock.now = now;
  return totp(SECRET, now);
}

/** Username and password on a flow; returns the state after the password. */
async function password(api: FlowApi, handle: string): Promise<FlowState> {
  expect(state(await api.act(handle, 'submit', { username: 'olga' })).step.kind).toBe('password');
  return state(await api.act(handle, 'submit', { password: 'olga password 1' }));
}

/** The whole sign-in of a flow whose acr is otp: the password, then (and only then) the code. */
async function signInWithOtp(api: FlowApi, handle: string): Promise<FlowState> {
  const afterPassword = await password(api, handle);
  expect(afterPassword.step.kind).toBe('otp');
  const done = state(await api.act(handle, 'submit', { code: await nextCode() }));
  expect(done.step.kind).toBe('done');
  return done;
}

/** Carries a finished flow to the RP's callback and exchanges the code; the id_token's claims. */
async function finish(config: oidc.Configuration, done: FlowState, request: AuthRequest, agent = new UserAgent()) {
  if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done)}`);
  const tokens = await exchange(config, await toCallback(done.step.continue_url, agent), request);
  return tokens.claims()!;
}

describe('discovery', () => {
  it('announces the claims parameter, PAR and DPoP, and no request objects', () => {
    const metadata = configs.test.serverMetadata();
    expect(metadata).toMatchObject({
      acr_values_supported: ['otp', 'password'],
      claims_parameter_supported: true,
      pushed_authorization_request_endpoint: `${backend.issuer}/request`,
      dpop_signing_alg_values_supported: expect.arrayContaining(['ES256']),
    });
    expect(metadata.request_parameter_supported ?? false).toBe(false);
    expect(metadata.require_pushed_authorization_requests ?? false).toBe(false);
  });
});

describe('a client with minimum_acr otp', () => {
  it('hosted: acr_values=password edited into the request still asks for the code after the password', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(configs.floor, { acr_values: 'password' });
    const { handle } = await openHostedPage(agent, request);
    const api = new FlowApi(backend.issuer);
    expect(state(await api.get(handle)).acr).toBe('otp');
    const done = await signInWithOtp(api, handle);
    const callback = await toCallback(done.step.kind === 'done' ? done.step.continue_url : '', agent);
    expect((await exchange(configs.floor, callback, request)).claims()).toMatchObject({
      acr: 'otp',
      amr: ['pwd', 'otp', 'mfa'],
    });
  });

  it('embedded: acr_values=password is raised to otp', async () => {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await authorizationRequest(configs.floor, { acr_values: 'password' });
    const started = state(await api.start(request.url.href));
    expect(started.acr).toBe('otp');
    expect((await finish(configs.floor, await signInWithOtp(api, started.flow), request)).acr).toBe('otp');
  });

  it('embedded: the widget’s acr attribute (password) is raised to otp', async () => {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await authorizationRequest(configs.floor);
    const started = state(await api.start(request.url.href, { acr: 'password' }));
    expect(started.acr).toBe('otp');
    expect((await finish(configs.floor, await signInWithOtp(api, started.flow), request)).acr).toBe('otp');
  });

  it('does not reuse a session made with the password alone, and does reuse one made with otp', async () => {
    const agent = new UserAgent();
    // A password-only session, made for a client without a floor.
    const first = await authorizationRequest(configs.test, { acr_values: 'password' });
    const { handle: firstHandle } = await openHostedPage(agent, first);
    const firstDone = await password(new FlowApi(backend.issuer), firstHandle);
    expect((await finish(configs.test, firstDone, first, agent)).acr).toBe('password');

    // The floor client, asked for the password too: a new sign-in at otp, not the session.
    const second = await authorizationRequest(configs.floor, { acr_values: 'password' });
    const { url, response } = await agent.follow(second.url.href, atCallback);
    expect(url).toMatch(/\/interaction\//);
    const handle = /<gluu-login[^>]* flow="([^"]+)"/.exec(await response!.text())![1]!;
    const api = new FlowApi(backend.issuer);
    expect(state(await api.get(handle))).toMatchObject({ acr: 'otp', step: { kind: 'username' } });
    expect((await finish(configs.floor, await signInWithOtp(api, handle), second, agent)).acr).toBe('otp');

    // That otp session now answers the floor client without asking again.
    const third = await authorizationRequest(configs.floor, { acr_values: 'password' });
    const { url: landing } = await agent.follow(third.url.href, atCallback);
    expect((await exchange(configs.floor, landing, third)).claims()!.acr).toBe('otp');
  });
});

describe('a sign-in that proved less than the floor (it set up the floor’s method instead)', () => {
  /** A user without a second factor signs in at the floor client: the password, then the app is set up. */
  async function enrollingSignIn(api: FlowApi, handle: string, username: string): Promise<FlowState> {
    expect(state(await api.act(handle, 'submit', { username })).step.kind).toBe('password');
    const enroll = state(await api.act(handle, 'submit', { password: `${username} password 1` }));
    if (enroll.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${enroll.step.kind}`);
    await nextCode(); // moves the clock to the next time step
    const done = state(await api.act(handle, 'submit', { code: await totp(enroll.step.secret, now) }));
    expect(done.step.kind).toBe('done');
    return done;
  }

  it('hosted: the provider asks again instead of answering the client; the app just set up proves otp', async () => {
    await backend.addUser('nina', 'nina password 1');
    const agent = new UserAgent();
    const request = await authorizationRequest(configs.floor);
    const { handle } = await openHostedPage(agent, request);
    const api = new FlowApi(backend.issuer);
    const done = await enrollingSignIn(api, handle, 'nina');
    if (done.step.kind !== 'done') throw new Error('not done');
    expect(done.acr).toBe('password'); // what was proven: the password alone
    const { url, response } = await agent.follow(done.step.continue_url, atCallback);
    expect(url).toMatch(/\/interaction\//);
    const again = /<gluu-login[^>]* flow="([^"]+)"/.exec(await response!.text())![1]!;
    expect(state(await api.get(again))).toMatchObject({ acr: 'otp', step: { kind: 'username' } });
  });

  it('embedded: the client hears access_denied, never an id_token with acr password', async () => {
    await backend.addUser('omar', 'omar password 1');
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await authorizationRequest(configs.floor);
    const started = state(await api.start(request.url.href));
    const done = await enrollingSignIn(api, started.flow, 'omar');
    const answer = new URL(await toCallback(done.step.kind === 'done' ? done.step.continue_url : '')).searchParams;
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('code')).toBeNull();
  });
});

describe('an essential acr in the claims parameter', () => {
  it('hosted: a client whose default is password signs in with the essential otp', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(configs.defaults, { claims: essential('otp') });
    const { handle } = await openHostedPage(agent, request);
    const api = new FlowApi(backend.issuer);
    expect(state(await api.get(handle)).acr).toBe('otp');
    expect((await finish(configs.defaults, await signInWithOtp(api, handle), request, agent)).acr).toBe('otp');
  });

  it('embedded: the first essential value at or above the floor is the one run', async () => {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await authorizationRequest(configs.floor, { claims: essential('password', 'otp') });
    const started = state(await api.start(request.url.href));
    expect(started.acr).toBe('otp');
    expect((await finish(configs.floor, await signInWithOtp(api, started.flow), request)).acr).toBe('otp');
  });

  it(
    'essential values none of which can be met: ' +
      'the RP hears unmet_authentication_requirements, hosted, embedded and pushed',
    async () => {
      const hosted = await authorizationRequest(configs.test, { claims: essential('passkey') });
      const { url } = await new UserAgent().follow(hosted.url.href, atCallback);
      const answer = new URL(url).searchParams;
      expect(answer.get('error')).toBe('unmet_authentication_requirements');
      expect(answer.get('state')).toBe(hosted.state);
      expect(answer.get('code')).toBeNull();

      // Below the floor counts as not met: password alone is not something this client can get.
      const embedded = await authorizationRequest(configs.floor, { claims: essential('password') });
      const refused = await new FlowApi(backend.issuer, RP_ORIGIN).start(embedded.url.href);
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toMatchObject({
        code: 'unmet_authentication_requirements',
        field: 'authorization_request.claims',
      });

      const pushed = await fetch(`${backend.issuer}/request`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`floor-rp:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ ...Object.fromEntries(embedded.url.searchParams), client_id: 'floor-rp' }),
      });
      expect(pushed.status).toBe(400);
      expect(await pushed.json()).toMatchObject({ error: 'unmet_authentication_requirements' });
    },
  );

  it('other claims asked for by name still sign in, and reach the id_token', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(configs.test, {
      scope: 'openid',
      acr_values: 'password',
      claims: JSON.stringify({ id_token: { email: null } }),
    });
    const { handle } = await openHostedPage(agent, request);
    expect(
      (await finish(configs.test, await password(new FlowApi(backend.issuer), handle), request, agent)).email,
    ).toBe('olga@example.com');
  });

  it('a session whose acr is not among the essential values is not reused, weaker or stronger', async () => {
    const agent = new UserAgent();
    const first = await authorizationRequest(configs.defaults);
    const { handle } = await openHostedPage(agent, first);
    expect(
      (await finish(configs.defaults, await password(new FlowApi(backend.issuer), handle), first, agent)).acr,
    ).toBe('password');
    const wantsOtp = await authorizationRequest(configs.defaults, { claims: essential('otp') });
    const { url: toLogin } = await agent.follow(wantsOtp.url.href, atCallback);
    expect(toLogin).toMatch(/\/interaction\//);

    const stronger = new UserAgent();
    const otpLogin = await authorizationRequest(configs.defaults, { acr_values: 'otp' });
    const { handle: otpHandle } = await openHostedPage(stronger, otpLogin);
    expect(
      (await finish(configs.defaults, await signInWithOtp(new FlowApi(backend.issuer), otpHandle), otpLogin, stronger))
        .acr,
    ).toBe('otp');
    // Essential means one of these values exactly (OIDC Core 5.5.1.1), not "at least".
    const wantsPassword = await authorizationRequest(configs.defaults, { claims: essential('password') });
    const { url } = await stronger.follow(wantsPassword.url.href, atCallback);
    expect(url).toMatch(/\/interaction\//);
  });
});

describe('a client with default_acr and no acr_values', () => {
  it('embedded: finishes through /auth with the default acr (oidc-provider no longer fills acr_values)', async () => {
    const logged = backend.logs.length;
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await authorizationRequest(configs.defaults);
    const started = state(await api.start(request.url.href));
    expect(started.acr).toBe('password');
    const claims = await finish(configs.defaults, await password(api, started.flow), request);
    expect(claims).toMatchObject({ acr: 'password', amr: ['pwd'] });
    expect(backend.logs.slice(logged).filter((l) => l.event === 'flow.ticket_rejected')).toEqual([]);
  });
});

/** The parameters openid-client pushes for a code flow with PKCE. */
async function pushedRequest(
  config: oidc.Configuration,
  extra: Record<string, string> = {},
  options: { DPoP?: oidc.DPoPHandle } = {},
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = await oidc.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: RP_CALLBACK,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    },
    options,
  );
  return { url, verifier, state, nonce } satisfies AuthRequest;
}

describe('pushed authorization requests (PAR)', () => {
  it('hosted: the request_uri alone reaches the login, with the pushed acr raised to the floor', async () => {
    const agent = new UserAgent();
    const request = await pushedRequest(configs.floor, { acr_values: 'password' });
    expect([...request.url.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const { handle } = await openHostedPage(agent, request);
    const api = new FlowApi(backend.issuer);
    expect(state(await api.get(handle)).acr).toBe('otp');
    expect((await finish(configs.floor, await signInWithOtp(api, handle), request, agent)).acr).toBe('otp');
  });

  it('embedded: the widget is given the request_uri; the flow runs with the pushed parameters, once', async () => {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const request = await pushedRequest(configs.floor, { acr_values: 'password' });
    const started = state(await api.start(request.url.href));
    expect(started.acr).toBe('otp');
    expect((await finish(configs.floor, await signInWithOtp(api, started.flow), request)).acr).toBe('otp');

    // Single use: neither another widget nor /auth itself can take it again.
    const again = await api.start(request.url.href);
    expect(again.status).toBe(400);
    expect(errorOf(again)).toMatchObject({
      code: 'invalid_authorization_request',
      field: 'authorization_request.request_uri',
    });
    const { url } = await new UserAgent().follow(request.url.href, atCallback);
    expect(new URL(url).searchParams.get('error')).toBe('invalid_request_uri');
  });

  it('embedded: another client’s request_uri, or parameters beside it, are refused', async () => {
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const theirs = await pushedRequest(configs.test);
    const borrowed = new URL(theirs.url);
    borrowed.searchParams.set('client_id', 'floor-rp');
    expect(errorOf(await api.start(borrowed.href))).toMatchObject({
      code: 'invalid_authorization_request',
      message: expect.stringContaining('another client'),
    });

    const mine = await pushedRequest(configs.floor);
    const withExtra = new URL(mine.url);
    withExtra.searchParams.set('acr_values', 'password');
    expect(errorOf(await api.start(withExtra.href))).toMatchObject({
      code: 'invalid_authorization_request',
      field: 'authorization_request.acr_values',
    });
    // Neither refusal spent the pushed request: it still signs in.
    const started = state(await api.start(mine.url.href));
    expect(started.acr).toBe('otp');
  });
});

describe('DPoP (RFC 9449) through an embedded pushed request', () => {
  it('binds the code and the access token to the RP’s key: userinfo answers with the proof only', async () => {
    const dpop = oidc.getDPoPHandle(configs.test, await oidc.randomDPoPKeyPair());
    const request = await pushedRequest(configs.test, { acr_values: 'password' }, { DPoP: dpop });
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const started = state(await api.start(request.url.href));
    const done = await password(api, started.flow);
    if (done.step.kind !== 'done') throw new Error('not done');
    // The pushed dpop_jkt travels with the finish, so the code itself is bound.
    expect(new URL(done.step.continue_url).searchParams.get('dpop_jkt')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const callback = await toCallback(done.step.continue_url);
    const tokens = await oidc.authorizationCodeGrant(
      configs.test,
      new URL(callback),
      { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce },
      undefined,
      { DPoP: dpop },
    );
    expect(tokens.token_type).toBe('dpop');

    const userinfo = await oidc.fetchUserInfo(configs.test, tokens.access_token, tokens.claims()!.sub, { DPoP: dpop });
    expect(userinfo.preferred_username).toBe('olga');
    // The token without the key: as a DPoP token with no proof, or passed off as a bearer token.
    const noProof = await fetch(`${backend.issuer}/me`, { headers: { authorization: `DPoP ${tokens.access_token}` } });
    expect(noProof.status).toBe(400);
    expect(await noProof.json()).toEqual({ error: 'invalid_request', error_description: '`DPoP` header not provided' });
    const asBearer = await fetch(`${backend.issuer}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(asBearer.status).toBe(401);
    expect(await asBearer.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('binds the code to the key pushed with the request, refuses it to a token request without proof', async () => {
    const keys = await oidc.randomDPoPKeyPair();
    const dpop = oidc.getDPoPHandle(configs.test, keys);
    const request = await pushedRequest(configs.test, { acr_values: 'password' }, { DPoP: dpop });
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const done = await password(api, state(await api.start(request.url.href)).flow);
    if (done.step.kind !== 'done') throw new Error('not done');
    const callback = await toCallback(done.step.continue_url);
    const code = new URL(callback).searchParams.get('code')!;
    const stored = await backend.server.store.artifacts.find('AuthorizationCode', code);
    expect(stored?.dpopJkt).toBe(await calculateJwkThumbprint(await exportJWK(keys.publicKey)));
    await expect(exchange(configs.test, callback, request)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
