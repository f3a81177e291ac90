// Passkeys and security keys over HTTP, with a software authenticator playing the browser's part:
// registration during a login, the second factor, passwordless sign-in, and every forgery the server
// must refuse (origin, another client's origin, replay, another flow's challenge, counter regression,
// unknown or foreign keys); amr hwk only for a key whose attestation chains to a configured root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, exchange, RP_ORIGIN as ORIGIN } from '../helpers/oidc-client.js';
import { FlowApi, snapshot, state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins, openHostedPage, passwordSteps, toCallback } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { AttestationCA } from '../helpers/attestation-ca.js';
import type { FlowState } from '../../wire/flow-api.js';

/** The origin of the other client every test backend has (public-spa): same RP ID, another relying party. */
const OTHER_CLIENT_ORIGIN = 'http://localhost:3998';

function webauthnStep(s: FlowState) {
  if (s.step.kind !== 'webauthn') throw new Error(`expected webauthn, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step;
}
const creation = (s: FlowState) => webauthnStep(s).options as PublicKeyCredentialCreationOptionsJSON;
const request = (s: FlowState) => webauthnStep(s).options as PublicKeyCredentialRequestOptionsJSON;

/** A flow past the password. acr password: with passkey enabled (level 60) the default would be passwordless. */
const afterPassword = (logins: EmbeddedLogins, username: string, password: string) =>
  logins.pastPassword('password', username, password);

/** Sends a credential (what the browser's toJSON() gave) with `action`, as the widget does. */
const sendCredential = (
  logins: EmbeddedLogins,
  handle: string,
  action: string,
  credential: unknown,
): Promise<FlowResponse> => logins.api.act(handle, action, { credential: JSON.stringify(credential) });

/** Registers `authenticator`'s first passkey for a user who has none, in a login (which it does not add to). */
async function register(logins: EmbeddedLogins, username: string, password: string, authenticator: SoftAuthenticator) {
  const { handle, request: req, state: s } = await afterPassword(logins, username, password);
  const answer = await sendCredential(logins, handle, 'submit', await authenticator.register(creation(s), ORIGIN));
  const { tokens } = await logins.finish(state(answer), req);
  return { options: creation(s), amr: tokens.claims()!.amr };
}

/** A later login with the passkey as the second factor: the id_token's amr. */
async function signIn(logins: EmbeddedLogins, username: string, password: string, authenticator: SoftAuthenticator) {
  const { handle, request: req, state: s } = await afterPassword(logins, username, password);
  const { tokens } = await logins.finish(
    state(await sendCredential(logins, handle, 'submit', await authenticator.authenticate(request(s), ORIGIN))),
    req,
  );
  return tokens.claims()!.amr;
}

describe('security key as a second factor (optional) and passwordless passkeys', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let quinnId: string;
  const platform = new SoftAuthenticator({ attachment: 'platform', userVerification: true });
  const securityKey = new SoftAuthenticator({ attachment: 'cross-platform', userVerification: true });

  beforeAll(async () => {
    backend = await startTestBackend({
      config: {
        webauthn: { second_factor: 'optional' },
        enrollment: { first_factor: true },
        methods: { passkey: { enabled: true } },
      },
    });
    quinnId = await backend.addUser('quinn', 'quinn password 1');
    await backend.addUser('rosa', 'rosa password 12');
    await backend.addUser('tess', 'tess password 12');
    await backend.addUser('uma', 'uma password 123');
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('announces acr passkey', () => {
    expect(logins.config.serverMetadata().acr_values_supported).toEqual(
      expect.arrayContaining(['passkey', 'password']),
    );
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

  it('registers a passkey during a login (enrolling proves nothing: amr pwd), unattested', async () => {
    const { handle, request: req, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const done = state(await sendCredential(logins, handle, 'submit', await platform.register(creation(s), ORIGIN)));
    const { tokens } = await logins.finish(done, req);
    expect(tokens.claims()).toMatchObject({ sub: quinnId, acr: 'password', amr: ['pwd'] });
    const [credential] = await backend.server.store.credentials.listForUser(quinnId, 'webauthn');
    expect(credential).toMatchObject({
      id: platform.credentials[0]!.id,
      type: 'webauthn',
      metadata: {
        name: 'Passkey 1',
        attachment: 'platform',
        aaguid: '00000000-0000-0000-0000-000000000000',
        attestation_format: 'none',
        attestation_verified: false,
      },
    });
    expect(credential!.sealedData).toMatch(/^v1\./);
  });

  it('asks for the passkey next time (and only it), then signs in', async () => {
    const { handle, request: req, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    expect(webauthnStep(s).mode).toBe('authenticate');
    expect(request(s).allowCredentials?.map((c) => c.id)).toEqual([platform.credentials[0]!.id]);
    expect(s.actions.skip).toBeUndefined();
    const { tokens } = await logins.finish(
      state(await sendCredential(logins, handle, 'submit', await platform.authenticate(request(s), ORIGIN))),
      req,
    );
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
    const { tokens } = await logins.finish(
      state(
        await sendCredential(logins, handle, 'passkey', await platform.authenticate(s.step.passkey.options, ORIGIN)),
      ),
      req,
    );
    expect(tokens.claims()).toMatchObject({ sub: quinnId, acr: 'passkey', amr: ['swk'] });
  });

  it('after a typed username asks for that account’s passkeys, and looks the same for unknown users', async () => {
    const known = await logins.start('passkey');
    const asked = state(await logins.api.act(known.handle, 'submit', { username: 'quinn' }));
    expect(request(asked).allowCredentials?.map((c) => c.id)).toEqual([platform.credentials[0]!.id]);
    const { tokens } = await logins.finish(
      state(await sendCredential(logins, known.handle, 'submit', await platform.authenticate(request(asked), ORIGIN))),
      known.request,
    );
    expect(tokens.claims()!.sub).toBe(quinnId);

    const noKey = await logins.start('passkey');
    const rosa = state(await logins.api.act(noKey.handle, 'submit', { username: 'rosa' }));
    const unknown = await logins.start('passkey');
    const ghost = state(await logins.api.act(unknown.handle, 'submit', { username: 'ghost' }));
    // Both name decoy credentials (test/integration/enumeration-and-lockout.test.ts): the same shape, other ids.
    const named = (x: FlowState) =>
      (request(x).allowCredentials ?? []).length > 0 &&
      request(x).allowCredentials!.every((c) => c.type === 'public-key');
    const shape = (x: FlowState) => ({
      ...x,
      flow: '',
      expires_in: 0,
      step: { ...webauthnStep(x), options: { ...request(x), challenge: '', allowCredentials: named(x) } },
    });
    expect(shape(ghost)).toEqual(shape(rosa));
    expect(named(ghost)).toBe(true);
    // Quinn's passkey does not open Rosa's account.
    const wrong = await sendCredential(
      logins,
      noKey.handle,
      'submit',
      await platform.authenticate({ ...request(rosa), allowCredentials: [] }, ORIGIN),
    );
    expect(wrong.status).toBe(401);
    expect(state(wrong).error?.code).toBe('unknown_credential');
  });

  it('refuses an assertion from another origin, and the next try gets a new challenge', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const answer = await sendCredential(
      logins,
      handle,
      'submit',
      await platform.authenticate(request(s), 'https://evil.example'),
    );
    expect(answer.status).toBe(401);
    expect(state(answer).error).toMatchObject({ code: 'webauthn_failed' });
    expect(request(state(answer)).challenge).not.toBe(request(s).challenge);
    expect(
      backend.logs.some(
        (l) => l.method === 'webauthn' && l.outcome === 'failure' && String(l.reason).includes('origin'),
      ),
    ).toBe(true);
  });

  it(
    'refuses an assertion made on another client’s origin (same RP ID) ' +
      'in this client’s flow, which keeps waiting; this client’s origin works',
    async () => {
      const { handle, request: req, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
      const failuresBefore = backend.logs.filter((l) => l.method === 'webauthn' && l.outcome === 'failure').length;
      const foreign = await sendCredential(
        logins,
        handle,
        'submit',
        await platform.authenticate(request(s), OTHER_CLIENT_ORIGIN),
      );
      expect(foreign.status).toBe(401);
      expect(state(foreign).error).toEqual({
        code: 'webauthn_failed',
        message: 'The passkey could not be verified. Try again.',
      });
      const waiting = await snapshot(logins.api, handle);
      expect(webauthnStep(waiting).mode).toBe('authenticate');
      expect(request(waiting).challenge).not.toBe(request(s).challenge);
      const failures = backend.logs.filter((l) => l.method === 'webauthn' && l.outcome === 'failure');
      expect(failures).toHaveLength(failuresBefore + 1);
      expect(failures.at(-1)).toMatchObject({
        event: 'auth.attempt',
        client_id: 'test-rp',
        user_id: quinnId,
        reason: expect.stringContaining(OTHER_CLIENT_ORIGIN),
      });
      const { tokens } = await logins.finish(
        state(await sendCredential(logins, handle, 'submit', await platform.authenticate(request(waiting), ORIGIN))),
        req,
      );
      expect(tokens.claims()!.amr).toEqual(['pwd', 'swk', 'mfa']);
    },
  );

  it('refuses a registration on another client’s origin, stores nothing; this client’s origin registers', async () => {
    const umaId = (await backend.server.store.users.findByLogin('uma'))!.id;
    const key = new SoftAuthenticator();
    const { handle, state: s } = await afterPassword(logins, 'uma', 'uma password 123');
    const foreign = await sendCredential(
      logins,
      handle,
      'submit',
      await key.register(creation(s), OTHER_CLIENT_ORIGIN),
    );
    expect(foreign.status).toBe(401);
    expect(state(foreign).error).toEqual({
      code: 'webauthn_failed',
      message: 'The new passkey could not be verified. Try again.',
    });
    const waiting = await snapshot(logins.api, handle);
    expect(webauthnStep(waiting).mode).toBe('register');
    expect(await backend.server.store.credentials.listForUser(umaId, 'webauthn')).toEqual([]);
    expect(backend.logs.at(-1)).toMatchObject({
      method: 'webauthn',
      outcome: 'failure',
      reason: expect.stringContaining(OTHER_CLIENT_ORIGIN),
    });
    expect(
      state(await sendCredential(logins, handle, 'submit', await key.register(creation(waiting), ORIGIN))).step.kind,
    ).toBe('done');
    expect(await backend.server.store.credentials.listForUser(umaId, 'webauthn')).toHaveLength(1);
  });

  it('passwordless: refuses a discoverable assertion made on another client’s origin', async () => {
    const pk = await logins.start('passkey');
    if (pk.state.step.kind !== 'username' || !pk.state.step.passkey) throw new Error('no passkey options');
    const foreign = await sendCredential(
      logins,
      pk.handle,
      'passkey',
      await platform.authenticate(pk.state.step.passkey.options, OTHER_CLIENT_ORIGIN),
    );
    expect(foreign.status).toBe(401);
    expect(state(foreign).error?.code).toBe('webauthn_failed');
    const waiting = await snapshot(logins.api, pk.handle);
    if (waiting.step.kind !== 'username' || !waiting.step.passkey) throw new Error('no passkey options');
    expect(backend.logs.at(-1)).toMatchObject({
      method: 'passkey',
      outcome: 'failure',
      reason: expect.stringContaining(OTHER_CLIENT_ORIGIN),
    });
    const { tokens } = await logins.finish(
      state(
        await sendCredential(
          logins,
          pk.handle,
          'passkey',
          await platform.authenticate(waiting.step.passkey.options, ORIGIN),
        ),
      ),
      pk.request,
    );
    expect(tokens.claims()).toMatchObject({ sub: quinnId, amr: ['swk'] });
  });

  it(
    'a hosted flow runs on the issuer: it refuses an assertion made ' +
      'on its own client’s embedding origin, and takes the issuer’s',
    async () => {
      const agent = new UserAgent();
      const req = await authorizationRequest(logins.config, { acr_values: 'password' });
      const { handle } = await openHostedPage(agent, req);
      const api = new FlowApi(backend.issuer);
      const s = state(await passwordSteps(api, handle, 'quinn', 'quinn password 1'));
      const embedded = await api.act(handle, 'submit', {
        credential: JSON.stringify(await platform.authenticate(request(s), ORIGIN)),
      });
      expect(embedded.status).toBe(401);
      expect(state(embedded).error?.code).toBe('webauthn_failed');
      const waiting = await snapshot(api, handle);
      expect(webauthnStep(waiting).mode).toBe('authenticate');
      const done = state(
        await api.act(handle, 'submit', {
          credential: JSON.stringify(await platform.authenticate(request(waiting), backend.issuer)),
        }),
      );
      if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done.step)}`);
      const tokens = await exchange(logins.config, await toCallback(done.step.continue_url, agent), req);
      expect(tokens.claims()).toMatchObject({ sub: quinnId, amr: ['pwd', 'swk', 'mfa'] });
    },
  );

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
    expect(state(answer).error).toMatchObject({
      code: 'credential_cloned',
      message: expect.stringContaining('cloned'),
    });
    expect((await backend.server.store.credentials.listForUser(quinnId, 'webauthn'))[0]!.counter).toBe(stored);
    expect(backend.logs.some((l) => l.reason === 'counter_regression')).toBe(true);
  });

  it('refuses an unknown credential, a malformed one, and missing user verification for passwordless', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    const forged = await platform.authenticate(request(s), ORIGIN, {
      credentialId: Buffer.from('not-a-real-credential').toString('base64url'),
    });
    expect(state(await sendCredential(logins, handle, 'submit', forged)).error?.code).toBe('unknown_credential');
    const garbage = await logins.api.act(handle, 'submit', { credential: '{"id":1}' });
    expect(garbage.status).toBe(401);
    expect(state(garbage).error?.field).toBe('credential');
    const notJson = await logins.api.act(handle, 'submit', { credential: 'x'.repeat(13_000) });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: { field: 'inputs.credential' } });

    const pk = await logins.start('passkey');
    if (pk.state.step.kind !== 'username' || !pk.state.step.passkey)
      throw new Error(`no passkey options: ${JSON.stringify(pk.state.step)}`);
    const noUv = await platform.authenticate(pk.state.step.passkey.options, ORIGIN, { userVerified: false });
    const refused = await sendCredential(logins, pk.handle, 'passkey', noUv);
    expect(refused.status).toBe(401);
    expect(state(refused).step.kind).toBe('username');
    expect(state(refused).error).toEqual({
      code: 'webauthn_failed',
      message: 'The passkey could not be verified. Try again.',
    });
  });

  it('times out a challenge', async () => {
    const { handle, state: s } = await afterPassword(logins, 'quinn', 'quinn password 1');
    backend.clock.now = Date.now() + 121_000;
    try {
      const late = await sendCredential(logins, handle, 'submit', await platform.authenticate(request(s), ORIGIN));
      expect(state(late).error).toMatchObject({
        code: 'challenge_expired',
        message: 'The passkey request timed out. Try again.',
      });
    } finally {
      backend.clock.now = undefined;
    }
  });

  it(
    'a key that only says it is a security key (authenticatorAttachment cross-platform, ' +
      'no attestation) signs in as swk, not hwk',
    async () => {
      const rosaId = (await backend.server.store.users.findByLogin('rosa'))!.id;
      await backend.server.store.credentials.removeAllOfType(rosaId, 'webauthn');
      const first = await afterPassword(logins, 'rosa', 'rosa password 12');
      const registered = state(
        await sendCredential(logins, first.handle, 'submit', await securityKey.register(creation(first.state), ORIGIN)),
      );
      expect(registered.step.kind).toBe('done');
      expect((await backend.server.store.credentials.listForUser(rosaId, 'webauthn'))[0]!.metadata).toMatchObject({
        attachment: 'cross-platform',
        attestation_verified: false,
      });
      expect(await signIn(logins, 'rosa', 'rosa password 12', securityKey)).toEqual(['pwd', 'swk', 'mfa']);
      // Passwordless too: the amr comes from the stored credential, not from what the browser says now.
      const pk = await logins.start('passkey');
      if (pk.state.step.kind !== 'username' || !pk.state.step.passkey) throw new Error('no passkey options');
      const { tokens } = await logins.finish(
        state(
          await sendCredential(
            logins,
            pk.handle,
            'passkey',
            await securityKey.authenticate(pk.state.step.passkey.options, ORIGIN),
          ),
        ),
        pk.request,
      );
      expect(tokens.claims()).toMatchObject({ acr: 'passkey', amr: ['swk'] });
    },
  );

  it('without configured roots, a full attestation (x5c) forced on the server proves nothing either: swk', async () => {
    const vendor = new AttestationCA();
    const attested = new SoftAuthenticator({ attachment: 'cross-platform', attestation: vendor.issueAttestationKey() });
    const { handle, state: s } = await afterPassword(logins, 'tess', 'tess password 12');
    expect(creation(s).attestation).toBe('none');
    expect(
      state(
        await sendCredential(
          logins,
          handle,
          'submit',
          await attested.register(creation(s), ORIGIN, { forceAttestation: true }),
        ),
      ).step.kind,
    ).toBe('done');
    const tessId = (await backend.server.store.users.findByLogin('tess'))!.id;
    expect((await backend.server.store.credentials.listForUser(tessId, 'webauthn'))[0]!.metadata).toMatchObject({
      attestation_format: 'packed',
      attestation_verified: false,
    });
    expect(await signIn(logins, 'tess', 'tess password 12', attested)).toEqual(['pwd', 'swk', 'mfa']);
  });

  it(
    'a credential stored before attestation was recorded (attachment cross-platform, ' +
      'no attestation fact) signs in as swk',
    async () => {
      const rosaId = (await backend.server.store.users.findByLogin('rosa'))!.id;
      const [stored] = await backend.server.store.credentials.listForUser(rosaId, 'webauthn');
      // The row as the earlier code wrote it: the browser's attachment, nothing about attestation.
      const { attestation_format: _format, attestation_verified: _verified, ...legacy } = stored!.metadata;
      await backend.server.store.credentials.removeAllOfType(rosaId, 'webauthn');
      await backend.server.store.credentials.add({
        id: stored!.id,
        userId: rosaId,
        type: 'webauthn',
        sealedData: stored!.sealedData,
        metadata: legacy,
        counter: stored!.counter,
      });
      expect((await backend.server.store.credentials.listForUser(rosaId, 'webauthn'))[0]!.metadata).toEqual({
        name: 'Passkey 1',
        attachment: 'cross-platform',
        device_type: 'singleDevice',
        backed_up: false,
        aaguid: '00000000-0000-0000-0000-000000000000',
        transports: ['usb'],
      });
      expect(await signIn(logins, 'rosa', 'rosa password 12', securityKey)).toEqual(['pwd', 'swk', 'mfa']);
    },
  );
});

describe('security keys with webauthn.attestation_roots and an origin allow-list (webauthn.origins)', () => {
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  const vendor = new AttestationCA();
  const aaguid = Uint8Array.from(Buffer.from('ee882879721c491397753dfcce97072a', 'hex'));
  const hanaKey = new SoftAuthenticator({
    aaguid,
    attachment: 'cross-platform',
    attestation: vendor.issueAttestationKey({ aaguid }),
  });
  const stored = async (username: string) =>
    backend.server.store.credentials.listForUser(
      (await backend.server.store.users.findByLogin(username))!.id,
      'webauthn',
    );

  beforeAll(async () => {
    backend = await startTestBackend({
      config: {
        // The allow-list names both clients' origins but not the issuer's: it narrows, it never widens a flow's own.
        webauthn: {
          second_factor: 'optional',
          attestation_roots: [vendor.pem],
          origins: [ORIGIN, OTHER_CLIENT_ORIGIN],
        },
        enrollment: { first_factor: true },
      },
    });
    for (const name of ['hana', 'ivo', 'jan', 'kai', 'lev']) await backend.addUser(name, `${name} password 123`);
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(() => backend.close());

  it('asks for attestation; a key attested by a configured root is hardware at every sign-in: amr hwk', async () => {
    const key = hanaKey;
    const { options, amr } = await register(logins, 'hana', 'hana password 123', key);
    expect(options.attestation).toBe('direct');
    expect(amr).toEqual(['pwd']);
    expect((await stored('hana'))[0]!.metadata).toMatchObject({
      aaguid: 'ee882879-721c-4913-9775-3dfcce97072a',
      attestation_format: 'packed',
      attestation_verified: true,
      device_type: 'singleDevice',
    });
    expect(await signIn(logins, 'hana', 'hana password 123', key)).toEqual(['pwd', 'hwk', 'mfa']);
    expect(await signIn(logins, 'hana', 'hana password 123', key)).toEqual(['pwd', 'hwk', 'mfa']);
  });

  it('an attestation not chaining to a configured root: stored unverified, the key still registers: swk', async () => {
    const unknownVendor = new AttestationCA({ C: 'US', O: 'Unlisted Keys Inc', CN: 'Unlisted Root' });
    const key = new SoftAuthenticator({
      attachment: 'cross-platform',
      attestation: unknownVendor.issueAttestationKey(),
    });
    expect((await register(logins, 'ivo', 'ivo password 123', key)).amr).toEqual(['pwd']);
    expect((await stored('ivo'))[0]!.metadata).toMatchObject({
      attestation_format: 'packed',
      attestation_verified: false,
    });
    expect(
      backend.logs.some(
        (l) =>
          l.msg === 'webauthn attestation not trusted; the key counts as a software key' &&
          String(l.reason).includes('could not be chained'),
      ),
    ).toBe(true);
    expect(await signIn(logins, 'ivo', 'ivo password 123', key)).toEqual(['pwd', 'swk', 'mfa']);
  });

  it('self attestation (no certificate), and an attested but synced passkey, are software keys: swk', async () => {
    const self = new SoftAuthenticator({ attachment: 'cross-platform', attestation: 'self' });
    await register(logins, 'jan', 'jan password 123', self);
    expect((await stored('jan'))[0]!.metadata).toMatchObject({
      attestation_format: 'packed',
      attestation_verified: false,
    });
    expect(await signIn(logins, 'jan', 'jan password 123', self)).toEqual(['pwd', 'swk', 'mfa']);

    const synced = new SoftAuthenticator({ backupEligible: true, attestation: vendor.issueAttestationKey() });
    await register(logins, 'kai', 'kai password 123', synced);
    expect((await stored('kai'))[0]!.metadata).toMatchObject({
      attestation_verified: true,
      device_type: 'multiDevice',
    });
    expect(await signIn(logins, 'kai', 'kai password 123', synced)).toEqual(['pwd', 'swk', 'mfa']);
  });

  it('refuses an attestation signed by a key its certificate is not for, and stores nothing', async () => {
    const { chain } = vendor.issueAttestationKey();
    const forged = new SoftAuthenticator({
      attachment: 'cross-platform',
      attestation: { chain, privateKey: vendor.issueAttestationKey().privateKey },
    });
    const { handle, state: s } = await afterPassword(logins, 'lev', 'lev password 123');
    const answer = await sendCredential(logins, handle, 'submit', await forged.register(creation(s), ORIGIN));
    expect(answer.status).toBe(401);
    expect(state(answer).error).toEqual({
      code: 'webauthn_failed',
      message: 'The new passkey could not be verified. Try again.',
    });
    expect(webauthnStep(state(answer)).mode).toBe('register');
    expect(await stored('lev')).toEqual([]);
  });

  it(
    'the allow-list keeps each flow to its own client’s origins, ' +
      'and a hosted flow whose issuer origin is not listed accepts none',
    async () => {
      const key = new SoftAuthenticator();
      const { handle, state: s } = await afterPassword(logins, 'lev', 'lev password 123');
      const foreign = await sendCredential(
        logins,
        handle,
        'submit',
        await key.register(creation(s), OTHER_CLIENT_ORIGIN),
      );
      expect(foreign.status).toBe(401);
      expect(state(foreign).error?.code).toBe('webauthn_failed');
      expect(await stored('lev')).toEqual([]);

      const agent = new UserAgent();
      const req = await authorizationRequest(logins.config, { acr_values: 'password' });
      const hosted = await openHostedPage(agent, req);
      const api = new FlowApi(backend.issuer);
      let atKey = state(await passwordSteps(api, hosted.handle, 'hana', 'hana password 123'));
      for (const origin of [backend.issuer, ORIGIN]) {
        const refused = await api.act(hosted.handle, 'submit', {
          credential: JSON.stringify(await hanaKey.authenticate(request(atKey), origin)),
        });
        expect(refused.status).toBe(401);
        expect(state(refused).error?.code).toBe('webauthn_failed');
        atKey = await snapshot(api, hosted.handle);
        expect(webauthnStep(atKey).mode).toBe('authenticate');
      }
    },
  );
});

describe('a required second factor', () => {
  it('offers no skip', async () => {
    const backend = await startTestBackend({
      config: { webauthn: { second_factor: 'required' }, enrollment: { first_factor: true } },
    });
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
