// Passkeys and security keys over HTTP, with a software authenticator playing the browser's part:
// registration during a login, the second factor, passwordless sign-in, and every forgery the server
// must refuse (origin, replay, another flow's challenge, counter regression, unknown or foreign keys).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { RP_ORIGIN as ORIGIN } from '../helpers/oidc-client.js';
import { state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import type { FlowState } from '../../server/protocol.js';

function webauthnStep(s: FlowState) {
  if (s.step.kind !== 'webauthn') throw new Error(`expected webauthn, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step;
}
const creation = (s: FlowState) => webauthnStep(s).options as PublicKeyCredentialCreationOptionsJSON;
const request = (s: FlowState) => webauthnStep(s).options as PublicKeyCredentialRequestOptionsJSON;

/** A flow past the password. acr password: with passkey enabled (level 60) the default would be passwordless. */
const afterPassword = (logins: EmbeddedLogins, username: string, password: string) => logins.pastPassword('password', username, password);

/** Sends a credential (what the browser's toJSON() gave) with `action`, as the widget does. */
const sendCredential = (logins: EmbeddedLogins, handle: string, action: string, credential: unknown): Promise<FlowResponse> =>
  logins.api.act(handle, action, { credential: JSON.stringify(credential) });

describe('security key as a second factor (optional) and passwordless passkeys', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let quinnId: string;
  const platform = new SoftAuthenticator({ attachment: 'platform', userVerification: true });
  const securityKey = new SoftAuthenticator({ attachment: 'cross-platform', userVerification: true });

  beforeAll(async () => {
    backend = await startTestBackend({ config: { webauthn: { second_factor: 'optional' }, methods: { passkey: { enabled: true } } } });
    quinnId = await backend.addUser('quinn', 'quinn password 1');
    await backend.addUser('rosa', 'rosa password 12');
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('announces acr passkey', () => {
    expect(logins.config.serverMetadata().acr_values_supported).toEqual(expect.arrayContaining(['passkey', 'password']));
  });

  it('offers registration after the password, with a 16+ byte challenge, our RP and the user handle', async () => {
    const { state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    expect(webauthnStep(s).mode).toBe('register');
    expect(Object.keys(s.actions).sort()).toEqual(['skip', 'submit']);
    const options = creation(s);
    expect(Buffer.from(options.challenge, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(options.rp).toEqual({ name: 'gluu-login', id: 'localhost' });
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(quinnId);
    expect(options.attestation).toBe('none');
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'preferred', userVerification: 'preferred' });
  });

  it('registers a passkey during a login and signs in with amr swk + mfa', async () => {
    const { handle, request: req, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const done = state(await sendCredential(logins, handle, 'submit', await platform.register(creation(s), ORIGIN)));
    const { tokens } = await logins.finish(done, req);
    expect(tokens.claims()).toMatchObject({ sub: quinnId, acr: 'password', amr: ['pwd', 'swk', 'mfa'] });
    const [credential] = await backend.server.store.credentials.listForUser(quinnId, 'webauthn');
    expect(credential).toMatchObject({ id: platform.credentials[0]!.id, type: 'webauthn', metadata: { name: 'Passkey 1', attachment: 'platform' } });
    expect(credential!.sealedData).toMatch(/^v1\./);
  });

  it('asks for the passkey next time (and only it), then signs in', async () => {
    const { handle, request: req, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    expect(webauthnStep(s).mode).toBe('authenticate');
    expect(request(s).allowCredentials?.map((c) => c.id)).toEqual([platform.credentials[0]!.id]);
    expect(s.actions.skip).toBeUndefined();
    const { tokens } = await logins.finish(state(await sendCredential(logins, handle, 'submit', await platform.authenticate(request(s), ORIGIN))), req);
    expect(tokens.claims()!.amr).toEqual(['pwd', 'swk', 'mfa']);
    const [credential] = await backend.server.store.credentials.listForUser(quinnId, 'webauthn');
    expect(credential!.counter).toBe(platform.credentials[0]!.counter);
    expect(credential!.lastUsedAt).not.toBeNull();
  });

  it('lets a user skip the optional registration: the id_token says password only', async () => {
    const { handle, request: req } = await afterPassword(logins, 'rosa', 'rosa password 12');
    const { tokens } = await logins.finish(state(await logins.api.act(handle, 'skip')), req);
    expect(tokens.claims()!.amr).toEqual(['pwd']);
  });

  it('signs in passwordless with the discoverable passkey (acr passkey)', async () => {
    const { handle, request: req, state: s } = await logins.start('passkey');
    expect(s.step.kind).toBe('username');
    if (s.step.kind !== 'username' || !s.step.passkey) throw new Error('no passkey options');
    expect(s.step.passkey.options.allowCredentials ?? []).toEqual([]);
    expect(s.step.passkey.options.userVerification).toBe('required');
    expect(s.actions.submit?.inputs.username?.autocomplete).toBe('username webauthn');
    const { tokens } = await logins.finish(state(await sendCredential(logins, handle, 'passkey', await platform.authenticate(s.step.passkey.options, ORIGIN))), req);
    expect(tokens.claims()).toMatchObject({ sub: quinnId, acr: 'passkey', amr: ['swk'] });
  });

  it('after a typed username asks for that account’s passkeys, and looks the same for unknown users', async () => {
    const known = await logins.start('passkey');
    const asked = state(await logins.api.act(known.handle, 'submit', { username: 'quinn' }));
    expect(request(asked).allowCredentials?.map((c) => c.id)).toEqual([platform.credentials[0]!.id]);
    const { tokens } = await logins.finish(state(await sendCredential(logins, known.handle, 'submit', await platform.authenticate(request(asked), ORIGIN))), known.request);
    expect(tokens.claims()!.sub).toBe(quinnId);

    const noKey = await logins.start('passkey');
    const rosa = state(await logins.api.act(noKey.handle, 'submit', { username: 'rosa' }));
    const unknown = await logins.start('passkey');
    const ghost = state(await logins.api.act(unknown.handle, 'submit', { username: 'ghost' }));
    const shape = (x: FlowState) => ({ ...x, flow: '', expires_in: 0, step: { ...webauthnStep(x), options: { ...request(x), challenge: '' } } });
    expect(shape(ghost)).toEqual(shape(rosa));
    // Quinn's passkey does not open Rosa's account.
    const wrong = await sendCredential(logins, noKey.handle, 'submit', await platform.authenticate({ ...request(rosa), allowCredentials: [] }, ORIGIN));
    expect(wrong.status).toBe(401);
    expect(state(wrong).error?.code).toBe('unknown_credential');
  });

  it('refuses an assertion from another origin, and the next try gets a new challenge', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const answer = await sendCredential(logins, handle, 'submit', await platform.authenticate(request(s), 'https://evil.example'));
    expect(answer.status).toBe(401);
    expect(state(answer).error).toMatchObject({ code: 'webauthn_failed' });
    expect(request(state(answer)).challenge).not.toBe(request(s).challenge);
    expect(backend.logs.some((l) => l.method === 'webauthn' && l.outcome === 'failure' && String(l.reason).includes('origin'))).toBe(true);
  });

  it('refuses a replayed assertion, and one made for another flow’s challenge', async () => {
    const a = await afterPassword(logins, 'quinn', 'quinn password 1');
    const assertion = await platform.authenticate(request(a.state), ORIGIN);
    expect(state(await sendCredential(logins, a.handle, 'submit', assertion)).step.kind).toBe('done');
    const b = await afterPassword(logins, 'quinn', 'quinn password 1');
    const replay = await sendCredential(logins, b.handle, 'submit', assertion);
    expect(replay.status).toBe(401);
    expect(state(replay).error?.code).toBe('webauthn_failed');

    const c = await afterPassword(logins, 'quinn', 'quinn password 1');
    const d = await afterPassword(logins, 'quinn', 'quinn password 1');
    const forD = await platform.authenticate(request(d.state), ORIGIN);
    const crossed = await sendCredential(logins, c.handle, 'submit', forD);
    expect(crossed.status).toBe(401);
    expect(state(crossed).error?.code).toBe('webauthn_failed');
    expect(webauthnStep(state(crossed)).mode).toBe('authenticate');
    // ...while flow D itself still accepts it.
    expect(state(await sendCredential(logins, d.handle, 'submit', forD)).step.kind).toBe('done');
  });

  it('refuses a counter that went backwards (a cloned key) and keeps the stored counter', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const stored = (await backend.server.store.credentials.listForUser(quinnId, 'webauthn'))[0]!.counter;
    const cloned = await platform.authenticate(request(s), ORIGIN, { counter: stored - 1 });
    const answer = await sendCredential(logins, handle, 'submit', cloned);
    expect(answer.status).toBe(401);
    expect(state(answer).error).toMatchObject({ code: 'credential_cloned', message: expect.stringContaining('cloned') });
    expect((await backend.server.store.credentials.listForUser(quinnId, 'webauthn'))[0]!.counter).toBe(stored);
    expect(backend.logs.some((l) => l.reason === 'counter_regression')).toBe(true);
  });

  it('refuses an unknown credential, a malformed one, and missing user verification for passwordless', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const forged = await platform.authenticate(request(s), ORIGIN, { credentialId: Buffer.from('not-a-real-credential').toString('base64url') });
    expect(state(await sendCredential(logins, handle, 'submit', forged)).error?.code).toBe('unknown_credential');
    const garbage = await logins.api.act(handle, 'submit', { credential: '{"id":1}' });
    expect(garbage.status).toBe(401);
    expect(state(garbage).error?.field).toBe('credential');
    const notJson = await logins.api.act(handle, 'submit', { credential: 'x'.repeat(13_000) });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: { field: 'inputs.credential' } });

    const pk = await logins.start('passkey');
    if (pk.state.step.kind !== 'username' || !pk.state.step.passkey) throw new Error(`no passkey options: ${JSON.stringify(pk.state.step)}`);
    const noUv = await platform.authenticate(pk.state.step.passkey.options, ORIGIN, { userVerified: false });
    const refused = await sendCredential(logins, pk.handle, 'passkey', noUv);
    expect(refused.status).toBe(401);
    expect(state(refused).step.kind).toBe('username');
    expect(state(refused).error).toEqual({ code: 'webauthn_failed', message: 'The passkey could not be verified. Try again.' });
  });

  it('times out a challenge', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    backend.clock.now = Date.now() + 121_000;
    try {
      const late = await sendCredential(logins, handle, 'submit', await platform.authenticate(request(s), ORIGIN));
      expect(state(late).error).toMatchObject({ code: 'challenge_expired', message: 'The passkey request timed out. Try again.' });
    } finally {
      backend.clock.now = undefined;
    }
  });

  it('counts a security key (cross-platform) as a hardware key: amr hwk', async () => {
    await backend.server.store.credentials.removeAllOfType((await backend.server.store.users.findByLogin('rosa'))!.id, 'webauthn');
    const first = await afterPassword(logins, 'rosa', 'rosa password 12');
    const registered = state(await sendCredential(logins, first.handle, 'submit', await securityKey.register(creation(first.state), ORIGIN)));
    expect(registered.step.kind).toBe('done');
    // What the flow keeps (read back) is what the RP redeems.
    const { tokens } = await logins.finish(state(await logins.api.get(first.handle)), first.request);
    expect(tokens.claims()!.amr).toEqual(['pwd', 'hwk', 'mfa']);
  });
});

describe('a required second factor', () => {
  it('offers no skip', async () => {
    const backend = await startTestBackend({ config: { webauthn: { second_factor: 'required' } } });
    try {
      const logins = await EmbeddedLogins.discover(backend.issuer);
      await backend.addUser('sid', 'sid password 12');
      const { handle, state: s } = await afterPassword(logins, 'sid', 'sid password 12');
      expect(Object.keys(s.actions)).toEqual(['submit']);
      const skip = await logins.api.act(handle, 'skip');
      expect(skip.status).toBe(409);
      expect(skip.body).toMatchObject({ error: { code: 'action_not_allowed' } });
    } finally {
      await backend.close();
    }
  });
});
