// The account API behind <gluu-account>, over HTTP as the element and an attacker would use it: a token for it
// comes only from a client allowed to ask; every change needs a fresh proof of the account's strongest factor
// (RFC 9470 challenge otherwise); a proof, a flow or a factor id meant for someone else does nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { ACCOUNT_RP, AccountClient, accountToken } from '../helpers/account-api.js';
import { authorizationRequest, discover } from '../helpers/oidc-client.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { TICKET_PARAM } from '../../server/flow/authorization-request.js';
import type { FlowState } from '../../wire/flow-api.js';

const PASSWORD = 'alice password 12';

function enrollSecret(s: FlowState): string {
  if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step.secret;
}

describe('account API', () => {
  let backend: TestBackend;
  let alice: string;
  let mallory: string;
  let secret = '';
  const now = () => backend.clock.now!;
  /** The app's code in a time step of its own: each code works once (the server remembers the last step). */
  const code = async (key = secret) => {
    backend.clock.now = now() + 30_000;
    return totp(key, now());
  };
  /** The account's factors as stored (its recovery codes apart). */
  const credentialsOf = async (userId: string) =>
    (await backend.server.store.credentials.listForUser(userId)).filter((c) => c.type !== 'recovery_code');
  const auditOf = (event: string) => backend.logs.filter((l) => l.event === event);

  /** An embedded sign-in of alice with her TOTP code: a token for the account API. */
  const aliceToken = async (acr = 'otp') =>
    (
      await accountToken(backend.issuer, 'alice', PASSWORD, {
        acr,
        prove: async (logins: EmbeddedLogins, handle: string, s: FlowState) =>
          s.step.kind === 'otp' ? state(await logins.submitCode(handle, await code())) : s,
      })
    ).token;

  /** A step-up on `client`: the flow must ask for the TOTP code (the strongest factor), which it gets. */
  const stepUp = async (client: AccountClient) => {
    const s = await client.startFlow();
    expect(s.step.kind).toBe('otp');
    const done = state(await client.flows.act(s.flow, 'submit', { code: await code() }));
    const finished = await client.finish(done);
    expect(finished.status).toBe(200);
    return finished;
  };

  /** What the account RP's back-channel logout endpoint received: logout tokens. */
  const logoutTokens: string[] = [];
  let receiver: Server;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) logoutTokens.push(token);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    backend = await startTestBackend({
      config: {
        methods: { otp: { enabled: true, issuer: 'Account Test' }, recovery_code: { enabled: true } },
        lockout: { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } },
      },
      extraClients: [{ ...ACCOUNT_RP, backchannel_logout_uri: `http://127.0.0.1:${port}/backchannel-logout` }],
    });
    alice = await backend.addUser('alice', PASSWORD);
    mallory = await backend.addUser('mallory', 'mallory password 1');
    backend.clock.now = T0;
    // alice's app is enrolled the only way an account with no factor can: while first_factor allows it.
    backend.server.config.enrollment.first_factor = true;
    const logins = await EmbeddedLogins.discover(backend.issuer);
    const { handle, state: s } = await logins.pastPassword('otp', 'alice', PASSWORD);
    secret = enrollSecret(s);
    const codes = state(await logins.submitCode(handle, await totp(secret, T0)));
    // Recovery codes are shown at the end of that first sign-in: kept moving.
    if (codes.step.kind === 'recovery_codes') await logins.api.act(handle, 'continue', {});
    backend.server.config.enrollment.first_factor = false;
  });
  afterAll(async () => {
    await backend?.close();
    receiver?.close();
  });

  it('refuses requests without a token, with a token for another audience, or a made-up one', async () => {
    const bare = await fetch(`${backend.issuer}/account/api`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('invalid_token');

    const forged = await new AccountClient(backend.issuer, 'x'.repeat(43)).overview();
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe('invalid_token');

    // The RP's ordinary access token (for userinfo) is not one for the account API.
    const rp = await discover(backend.issuer, ACCOUNT_RP.client_id, ACCOUNT_RP.client_secret);
    const logins = new EmbeddedLogins(rp);
    const request = await authorizationRequest(rp, { acr_values: 'otp' });
    const started = state(await logins.api.start(request.url.href));
    await logins.api.act(started.flow, 'submit', { username: 'alice' });
    const s = state(await logins.api.act(started.flow, 'submit', { password: PASSWORD }));
    let done = state(await logins.submitCode(started.flow, await code()));
    if (done.step.kind === 'recovery_codes') done = state(await logins.api.act(started.flow, 'continue', {}));
    expect(s.step.kind).toBe('otp');
    const { tokens } = await logins.finish(done, request);
    const userinfoToken = await new AccountClient(backend.issuer, tokens.access_token).overview();
    expect(userinfoToken.status).toBe(401);
    expect(userinfoToken.body.error?.message).toMatch(/not for the account API/);
  });

  it('a revoked token is refused at once, and its proof with it', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    const revoked = await fetch(`${backend.issuer}/token/revocation`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(ACCOUNT_RP.client_id, ACCOUNT_RP.client_secret),
      },
      body: new URLSearchParams({ token: client.token }),
    });
    expect(revoked.status).toBe(200);
    const [factor] = (await credentialsOf(alice)).filter((c) => c.type === 'totp');
    const refused = await client.send('PATCH', `/factors/${factor!.id}`, { name: 'After revocation' });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('invalid_token');
    expect((await credentialsOf(alice)).find((c) => c.id === factor!.id)?.metadata.name).not.toBe('After revocation');
  });

  it('a client without account_api cannot get a token for it: invalid_target at the callback', async () => {
    const rp = await discover(backend.issuer);
    const request = await authorizationRequest(rp, { scope: 'openid account', resource: `${backend.issuer}/account` });
    const response = await fetch(request.url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', backend.issuer);
    expect(location.searchParams.get('error')).toBe('invalid_target');
  });

  it('lists the factors without secrets, keeps the last one, and says the proof is not fresh', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const { status, body } = await client.overview();
    expect(status).toBe(200);
    expect(body.user.username).toBe('alice');
    expect(body.factors).toEqual([
      expect.objectContaining({ kind: 'otp', name: 'Authenticator 1', renamable: true, removable: false }),
    ]);
    expect(body.factors[0]!.removal_refused).toMatch(/only second factor/);
    expect(body.can_add.sort()).toEqual(['otp']);
    expect(body.recovery_codes?.left).toBe(10);
    expect(body.proof).toEqual({ fresh: false, expires_in: 0, max_age: 300 });
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('a change without a fresh proof is refused (RFC 9470), nothing changes', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const [factor] = (await client.overview()).body.factors;
    const before = await credentialsOf(alice);
    for (const [method, path, body] of [
      ['PATCH', `/factors/${factor!.id}`, { name: 'Evil' }],
      ['DELETE', `/factors/${factor!.id}`, undefined],
      ['POST', '/factors', { kind: 'otp' }],
      ['POST', '/recovery-codes', undefined],
      ['POST', '/password', { password: 'a brand new passphrase' }],
      ['DELETE', '/sessions', undefined],
    ] as const) {
      const refused = await client.send(method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(401);
      expect(refused.body.error?.code).toBe('insufficient_user_authentication');
      expect(refused.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_user_authentication", ' +
          'error_description="This change needs you to confirm it is you first.", max_age=300',
      );
    }
    expect(await credentialsOf(alice)).toEqual(before);
  });

  it('the step-up asks for the strongest factor, even when the token came from a password-only sign-in', async () => {
    // A holder of the password alone signs in at acr password: the account page then wants the app's code.
    const client = new AccountClient(backend.issuer, await aliceToken('password'));
    const before = await credentialsOf(alice);
    const s = await client.startFlow();
    expect(s.step.kind).toBe('otp');
    expect(s.another_way).toBeUndefined();
    for (const guess of ['000000', '123456'])
      expect((await client.flows.act(s.flow, 'submit', { code: guess })).status).toBe(401);
    expect((await client.send('POST', '/factors', { kind: 'otp' })).status).toBe(401);
    expect(state(await client.flows.get(s.flow)).step.kind).toBe('otp');
    expect(client.proof).toBeUndefined();
    expect(await credentialsOf(alice)).toEqual(before);
  });

  it('a proof allows renaming; it is bound to its token and grows stale after max_age', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const finished = await stepUp(client);
    expect(finished.body.expires_in).toBeGreaterThan(290);
    expect(finished.body.overview.proof.fresh).toBe(true);
    const [factor] = finished.body.overview.factors;
    const renamed = await client.send('PATCH', `/factors/${factor!.id}`, { name: 'Work phone app' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.factors[0]!.name).toBe('Work phone app');
    expect(auditOf('account.proof').at(-1)).toMatchObject({ user_id: alice, amr: ['otp'] });
    expect(auditOf('account.changed').at(-1)).toMatchObject({ user_id: alice, reason: 'factor_renamed' });

    // The same proof with another token of the same user (another page): not this token's proof.
    const other = new AccountClient(backend.issuer, await aliceToken());
    other.proof = client.proof;
    expect((await other.send('PATCH', `/factors/${factor!.id}`, { name: 'Stolen proof' })).status).toBe(401);

    // Five minutes later the proof no longer allows changes.
    backend.clock.now = now() + 301_000;
    const stale = await client.send('PATCH', `/factors/${factor!.id}`, { name: 'Too late' });
    expect(stale.status).toBe(401);
    expect(stale.body.error?.code).toBe('insufficient_user_authentication');
    expect((await credentialsOf(alice))[0]!.metadata.name).toBe('Work phone app');
  });

  it('bad names are refused with a clear error, nothing changed', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    const [factor] = (await client.overview()).body.factors;
    const before = await credentialsOf(alice);
    for (const name of ['', '   ', 'x'.repeat(65), 'two\nlines', 'bidi\u202eevil']) {
      const refused = await client.send('PATCH', `/factors/${factor!.id}`, { name });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'invalid_request', field: 'name' });
    }
    expect((await client.send('PATCH', `/factors/${factor!.id}`, { name: 'ok', extra: 1 })).status).toBe(400);
    expect((await client.send('PATCH', '/factors/phone', { name: 'my phone' })).status).toBe(404);
    expect(await credentialsOf(alice)).toEqual(before);
  });

  it("another user's factor id is not found for them, and nothing of alice's changes", async () => {
    const aliceFactor = (await credentialsOf(alice))[0]!;
    const { token } = await accountToken(backend.issuer, 'mallory', 'mallory password 1', { acr: 'password' });
    const malloryPage = new AccountClient(backend.issuer, token);
    // mallory has only a password: her step-up asks for it, not for anyone's app.
    const s = await malloryPage.startFlow();
    expect(s.step).toMatchObject({ kind: 'password', username: 'mallory' });
    expect(Object.keys(s.actions)).toEqual(['submit']);
    await malloryPage.finish(state(await malloryPage.flows.act(s.flow, 'submit', { password: 'mallory password 1' })));
    expect((await malloryPage.send('PATCH', `/factors/${aliceFactor.id}`, { name: 'mine now' })).status).toBe(404);
    expect((await malloryPage.send('DELETE', `/factors/${aliceFactor.id}`)).status).toBe(404);
    expect(await credentialsOf(alice)).toEqual([aliceFactor]);
  });

  it('a sign-in’s ticket brings no proof at the account API’s finish', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const logins = await EmbeddedLogins.discover(backend.issuer);
    const { handle } = await logins.pastPassword('otp', 'alice', PASSWORD);
    let done = state(await logins.submitCode(handle, await code()));
    if (done.step.kind === 'recovery_codes') done = state(await logins.api.act(handle, 'continue', {}));
    if (done.step.kind !== 'done') throw new Error(`not done: ${done.step.kind}`);
    const ticket = new URL(done.step.continue_url).searchParams.get(TICKET_PARAM)!;
    const proofs = auditOf('account.proof').length;
    const taken = await client.send('POST', `/finish?ticket=${ticket}`);
    expect(taken.status).toBe(404);
    expect(taken.body).not.toHaveProperty('proof');
    expect(auditOf('account.proof')).toHaveLength(proofs);
    expect(auditOf('flow.ticket_rejected').at(-1)).toMatchObject({ reason: 'wrong_account' });
  });

  it('wrong passwords in a step-up count as failed sign-ins of that account', async () => {
    const { token } = await accountToken(backend.issuer, 'mallory', 'mallory password 1', { acr: 'password' });
    const malloryPage = new AccountClient(backend.issuer, token);
    const s = await malloryPage.startFlow();
    const before = auditOf('auth.attempt').filter((l) => l.outcome === 'failure' && l.method === 'password').length;
    for (const guess of ['guess one!', 'guess two!']) {
      const refused = await malloryPage.flows.act(s.flow, 'submit', { password: guess });
      expect(refused.status).toBe(401);
    }
    const failures = auditOf('auth.attempt').filter((l) => l.outcome === 'failure' && l.method === 'password');
    expect(failures.slice(before)).toEqual([
      expect.objectContaining({ user_id: mallory, reason: 'invalid_credentials' }),
      expect.objectContaining({ user_id: mallory, reason: 'invalid_credentials' }),
    ]);
    expect(malloryPage.proof).toBeUndefined();
  });

  it("a finished flow's ticket is only the token's that started it", async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const s = await client.startFlow();
    const done = state(await client.flows.act(s.flow, 'submit', { code: await code() }));
    const other = new AccountClient(backend.issuer, await aliceToken());
    expect((await other.finish(done)).status).toBe(404);
    // Taken by the wrong token, the ticket is spent: the right one cannot use it any more either.
    expect((await client.finish(done)).status).toBe(404);
    expect(client.proof).toBeUndefined();
  });

  it('an account flow is driven only from the origin that started it; the API refuses other origins', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    const foreign = new AccountClient(backend.issuer, client.token, 'https://evil.example');
    const refused = await foreign.overview();
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('origin_not_allowed');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const s = await client.startFlow();
    const elsewhere = await foreign.flows.act(s.flow, 'submit', { code: await code() });
    expect(elsewhere.status).toBe(403);
    expect(state(await client.flows.get(s.flow)).step.kind).toBe('otp');
  });

  it('adds a second app after a step-up, renames and removes one; the last one stays', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    const enroll = await client.startFlow('otp');
    const second = enrollSecret(enroll);
    const done = state(await client.flows.act(enroll.flow, 'submit', { code: await code(second) }));
    const finished = await client.finish(done);
    expect(finished.status).toBe(200);
    const factors = finished.body.overview.factors;
    expect(factors.map((f) => f.kind)).toEqual(['otp', 'otp']);
    expect(factors.every((f) => f.removable)).toBe(true);
    // Bound as in a sign-in: audited (the first app, then this one) and the owner told.
    expect(auditOf('factor.bound').filter((l) => l.user_id === alice && l.outcome === 'success')).toHaveLength(2);

    const removed = await client.send('DELETE', `/factors/${factors[0]!.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.factors).toEqual([expect.objectContaining({ id: factors[1]!.id, removable: false })]);
    const last = await client.send('DELETE', `/factors/${factors[1]!.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error?.code).toBe('last_factor');
    expect((await credentialsOf(alice)).filter((c) => c.type === 'totp').map((c) => c.id)).toEqual([factors[1]!.id]);
    // From now on the new app is alice's.
    secret = second;
  });

  it('new recovery codes: the old ones stop working, a new one signs in', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    const issued = await client.send<{ codes: string[] }>('POST', '/recovery-codes');
    expect(issued.status).toBe(200);
    expect(issued.body.codes).toHaveLength(10);
    const logins = await EmbeddedLogins.discover(backend.issuer);
    const { handle, state: s } = await logins.pastPassword('otp', 'alice', PASSWORD);
    expect(s.another_way).toContain('recovery_code');
    state(await logins.api.act(handle, 'another_way', { factor: 'recovery_code' }));
    const signedIn = state(await logins.api.act(handle, 'submit', { code: issued.body.codes[0]! }));
    expect(signedIn.step.kind).not.toBe('recovery_code');
  });

  it('changes the password: a weak one is refused, then the old one stops working', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    const weak = await client.send('POST', '/password', { password: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.code).toBe('weak_password');
    const changed = await client.send('POST', '/password', { password: 'a much better passphrase' });
    expect(changed.status).toBe(200);
    const logins = await EmbeddedLogins.discover(backend.issuer);
    expect((await logins.pastPassword('otp', 'alice', PASSWORD)).response.status).toBe(401);
    expect((await logins.pastPassword('otp', 'alice', 'a much better passphrase')).response.status).toBe(200);
    // Back to the password the other tests use.
    expect((await client.send('POST', '/password', { password: PASSWORD })).status).toBe(200);
  });

  it("lists this browser's session and ends another one: that session's tokens stop working", async () => {
    const first = new AccountClient(backend.issuer, await aliceToken());
    const second = new AccountClient(backend.issuer, await aliceToken());
    const listed = (await second.overview()).body.sessions;
    expect(listed.length).toBeGreaterThanOrEqual(2);
    const current = listed.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]!.apps).toEqual(['Account RP']);
    // What the sign-in's browser looked like was recorded then (Node's fetch names no known browser).
    expect(current[0]).toMatchObject({ device: 'an unknown browser', network: '127.0.0.x' });
    expect(current[0]!.signed_in_at).toBeGreaterThan(Date.now() / 1000 - 600);
    await stepUp(second);
    const others = listed.filter((s) => !s.current);
    const ended = await second.send('DELETE', '/sessions');
    expect(ended.status).toBe(200);
    expect(ended.body.sessions.map((s) => s.id)).toEqual(current.map((s) => s.id));
    expect(others.length).toBeGreaterThan(0);
    expect((await first.overview()).status).toBe(401);
    expect((await second.overview()).status).toBe(200);
    // The application each ended session signed in to heard of it over the back channel: a logout token signed
    // by the provider, naming alice and the session (sid), never this browser's.
    expect(logoutTokens).toHaveLength(others.length);
    const jwks = createRemoteJWKSet(new URL(`${backend.issuer}/jwks`));
    for (const token of logoutTokens) {
      const { payload } = await jwtVerify(token, jwks, { issuer: backend.issuer, audience: ACCOUNT_RP.client_id });
      expect(payload).toMatchObject({
        sub: alice,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
      });
      expect(payload.sid).toEqual(expect.any(String));
      expect(payload.nonce).toBeUndefined();
    }
  });

  it('unknown routes, bad ids and bad bodies get clear 4xx answers', async () => {
    const client = new AccountClient(backend.issuer, await aliceToken());
    await stepUp(client);
    expect((await client.send('GET', '/nothing-here')).status).toBe(404);
    expect((await client.send('DELETE', '/factors/bad%20id')).status).toBe(400);
    expect((await client.send('POST', '/factors', { kind: 'carrier-pigeon' })).body.error).toMatchObject({
      code: 'invalid_request',
      field: 'kind',
    });
    expect((await client.send('POST', '/factors', { kind: 'passkey' })).status).toBe(400);
    const notJson = await client.send('PATCH', '/factors/x', undefined, { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    expect((await client.send('POST', '/finish?ticket=nope')).status).toBe(400);
  });
});
