// Binding a new second factor (NIST 800-63B 6.1.2.1), performed as an attacker who holds only the victim's
// password would: no authenticator app, phone or passkey binds to an account that has a second factor until
// one of its existing factors is proven in the same flow; an account with none binds its first only when
// enrollment.first_factor allows it; and the id_token says what was proven, not what was enrolled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { RP_ORIGIN } from '../helpers/oidc-client.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { sha256 } from '../../server/security/random.js';
import type { FlowState } from '../../wire/flow-api.js';
import type { ConfigInput } from '../../server/config.js';

const LOCKOUT = { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } };

function bindingBackend(standIns: StandIns, extra: Partial<ConfigInput> = {}) {
  return startTestBackend({
    config: {
      methods: {
        otp: { enabled: true, issuer: 'Binding Test' },
        twilio_sms: standIns.methods.twilio_sms,
        passkey: { enabled: true },
      },
      sms: { enroll_phone: true, limits: { per_user: { max: 100 }, per_phone: { max: 100 }, per_ip: { max: 1000 } } },
      webauthn: { second_factor: 'optional' },
      lockout: LOCKOUT,
      ...extra,
    },
  });
}

const sendCredential = (logins: EmbeddedLogins, handle: string, credential: unknown): Promise<FlowResponse> =>
  logins.api.act(handle, 'submit', { credential: JSON.stringify(credential) });

function enrollSecret(s: FlowState): string {
  if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step.secret;
}

function creation(s: FlowState) {
  if (s.step.kind !== 'webauthn' || s.step.mode !== 'register')
    throw new Error(`expected a passkey registration, got ${JSON.stringify(s.step).slice(0, 200)}`);
  return s.step.options as PublicKeyCredentialCreationOptionsJSON;
}

describe('binding a second factor', () => {
  let standIns: StandIns;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  /** A phone only (an administrator added it): the demo user's situation. */
  let phoneUser: string;
  const PHONE = '+14155550101';
  /** An authenticator app only. */
  let appUser: string;
  let appSecret = '';
  const attackerKey = new SoftAuthenticator({ attachment: 'cross-platform', userVerification: true });

  const store = () => backend.server.store;
  const credentialsOf = (userId: string) => store().credentials.listForUser(userId);
  const flowRecord = (handle: string) => store().flows.get(sha256(handle));
  const boundLines = () => backend.logs.filter((l) => l.event === 'factor.bound');

  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await bindingBackend(standIns);
    phoneUser = await backend.addUser('pat', 'pat password 12', { phone: PHONE });
    appUser = await backend.addUser('abby', 'abby password 1');
    logins = await EmbeddedLogins.discover(backend.issuer);
    // abby's app is enrolled the only way an account with no factor can: while first_factor allows it.
    backend.clock.now = T0;
    backend.server.config.enrollment.first_factor = true;
    const { handle, state: s } = await logins.pastPassword('otp', 'abby', 'abby password 1');
    appSecret = enrollSecret(s);
    // No passkey offer after it: the app was only enrolled, and the account now has a factor to prove first.
    expect(state(await logins.submitCode(handle, await totp(appSecret, T0))).step.kind).toBe('done');
    backend.server.config.enrollment.first_factor = false;
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });
  let step = 0;
  beforeEach(() => {
    // Each test its own TOTP time steps.
    step += 4;
    backend.clock.now = T0 + step * 30_000;
  });

  it('password alone, acr otp, account with a phone: the phone is asked first; no enrollment reachable', async () => {
    const sent = standIns.inbox.list(PHONE).length;
    const { handle, state: s } = await logins.pastPassword('otp', 'pat', 'pat password 12');
    expect(s.step).toMatchObject({ kind: 'sms_code', purpose: 'login' });
    expect(s.binding).toBe('otp');
    expect(Object.keys(s.actions).sort()).toEqual(['resend', 'submit']);
    // The code went to the victim's phone, not anywhere the attacker chose.
    expect(standIns.inbox.list(PHONE).length).toBe(sent + 1);
    const before = await flowRecord(handle);
    const renew = await logins.api.act(handle, 'renew', {});
    expect(renew.status).toBe(409);
    expect(await flowRecord(handle)).toEqual(before);
    for (const guess of ['000000', '123456']) expect((await logins.submitCode(handle, guess)).status).toBe(401);
    expect(state(await logins.api.get(handle)).step.kind).toBe('sms_code');
    expect(await credentialsOf(phoneUser)).toEqual([]);
    expect(
      boundLines().some(
        (l) =>
          l.user_id === phoneUser &&
          l.outcome === 'refused' &&
          l.reason === 'needs_existing_factor' &&
          l.factor === 'otp',
      ),
    ).toBe(true);
  });

  it('the real user proves the phone, then adds the app: the id_token says sms was proven, not otp', async () => {
    const { handle, request, state: s } = await logins.pastPassword('otp', 'pat', 'pat password 12');
    expect(s.binding).toBe('otp');
    const enroll = state(await logins.submitCode(handle, newestSmsCode(standIns.inbox, PHONE)));
    expect(enroll.binding).toBeUndefined();
    const secret = enrollSecret(enroll);
    const offer = state(await logins.submitCode(handle, await totp(secret, backend.clock.now!)));
    expect(creation(offer)).toBeDefined();
    const done = state(await logins.api.act(handle, 'skip', {}));
    const { tokens } = await logins.finish(done, request);
    expect(tokens.claims()).toMatchObject({ acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
    expect((await credentialsOf(phoneUser)).map((c) => c.type)).toEqual(['totp']);
    expect(boundLines().filter((l) => l.user_id === phoneUser && l.outcome === 'success')).toEqual([
      expect.objectContaining({ factor: 'otp', method: 'otp', client_id: 'test-rp' }),
    ]);
    expect(boundLines().find((l) => l.user_id === phoneUser && l.outcome === 'success')?.reason).toBeUndefined();

    // Next time the app is what is asked for, and proven.
    backend.clock.now! += 60_000;
    const next = await logins.pastPassword('otp', 'pat', 'pat password 12');
    expect(next.state.step).toMatchObject({ kind: 'otp' });
    expect(next.state.binding).toBeUndefined();
    // Proven this time, so the optional passkey offer follows; not now.
    expect(creation(state(await logins.submitCode(next.handle, await totp(secret, backend.clock.now!))))).toBeDefined();
    const second = state(await logins.api.act(next.handle, 'skip', {}));
    expect((await logins.finish(second, next.request)).tokens.claims()).toMatchObject({
      acr: 'otp',
      amr: ['pwd', 'otp', 'mfa'],
    });
  });

  it('password alone, acr twilio_sms, account with an app: no phone can be added without an app code', async () => {
    const { handle, state: s } = await logins.pastPassword('twilio_sms', 'abby', 'abby password 1');
    expect(s.step).toEqual({ kind: 'otp', type: 'totp', digits: 6 });
    expect(s.binding).toBe('phone');
    const before = await flowRecord(handle);
    const attempt = await logins.api.act(handle, 'submit', { phone: '+14155550199' });
    expect(attempt.status).toBe(400);
    expect(await flowRecord(handle)).toEqual(before);
    expect((await logins.submitCode(handle, '000000')).status).toBe(401);
    expect(await store().users.findById(appUser)).toMatchObject({ phone: null, phoneVerified: false });
    expect(standIns.inbox.list('+14155550199')).toEqual([]);
  });

  it('the real user proves the app, then adds a phone: the id_token says otp', async () => {
    const newPhone = '+14155550177';
    const { handle, request } = await logins.pastPassword('twilio_sms', 'abby', 'abby password 1');
    const enroll = state(await logins.submitCode(handle, await totp(appSecret, backend.clock.now!)));
    expect(enroll.step.kind).toBe('phone_enroll');
    const sent = state(await logins.api.act(handle, 'submit', { phone: newPhone }));
    expect(sent.step).toMatchObject({ kind: 'sms_code', purpose: 'enroll' });
    const offer = state(await logins.submitCode(handle, newestSmsCode(standIns.inbox, newPhone)));
    expect(creation(offer).user.name).toBe('abby');
    const done = state(await logins.api.act(handle, 'skip', {}));
    const { tokens } = await logins.finish(done, request);
    expect(tokens.claims()).toMatchObject({ acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
    expect(await store().users.findById(appUser)).toMatchObject({ phone: newPhone, phoneVerified: true });
    expect(
      boundLines()
        .filter((l) => l.user_id === appUser && l.outcome === 'success')
        .map((l) => l.factor),
    ).toEqual(['otp', 'phone']);
    // Undo, so the other tests see abby with her app only.
    await store().users.update(appUser, { phone: null, phoneVerified: false });
  });

  it('password alone, acr password: a second-factor account is offered no passkey and none can be sent', async () => {
    for (const [login, password, userId] of [
      ['pat', 'pat password 12', phoneUser],
      ['abby', 'abby password 1', appUser],
    ] as const) {
      const before = (await credentialsOf(userId)).length;
      const { handle, state: s } = await logins.pastPassword('password', login, password);
      expect(s.step.kind).toBe('done');
      const sneak = await sendCredential(
        logins,
        handle,
        await attackerKey.register({ ...fakeCreation(userId) }, RP_ORIGIN),
      );
      expect(sneak.status).toBe(409);
      expect((await credentialsOf(userId)).length).toBe(before);
    }
    expect(
      backend.logs.some(
        (l) =>
          l.event === 'auth.attempt' &&
          l.method === 'webauthn' &&
          l.reason === 'registration_not_offered' &&
          l.user_id === appUser,
      ),
    ).toBe(true);
  });

  it('so the attacker has no passkey to sign in with, passwordless', async () => {
    const { handle, state: s } = await logins.start('passkey');
    expect(s.step.kind).toBe('username');
    const options = (s.step as { passkey?: { options: PublicKeyCredentialRequestOptionsJSON } }).passkey!.options;
    // The attacker's key holds only what it made up for the victims; the server never stored any of it.
    const assertion = await attackerKey.authenticate(options, RP_ORIGIN);
    const answer = await logins.api.act(handle, 'passkey', { credential: JSON.stringify(assertion) });
    expect(answer.status).toBe(401);
    expect(state(answer).step.kind).toBe('username');
    expect(state(answer).error?.code).toBe('unknown_credential');
    // Whatever the attacker's authenticator holds, none of it is one of the victims' credentials.
    for (const userId of [phoneUser, appUser])
      expect((await credentialsOf(userId)).filter((c) => c.type === 'webauthn')).toEqual([]);
  });

  it('webauthn.second_factor required: password alone leads to proving the phone, never a registration', async () => {
    const required = await bindingBackend(standIns, { webauthn: { second_factor: 'required' } });
    try {
      const victim = await required.addUser('pia', 'pia password 12', { phone: '+14155550142' });
      const requiredLogins = await EmbeddedLogins.discover(required.issuer);
      const { handle, request, state: s } = await requiredLogins.pastPassword('password', 'pia', 'pia password 12');
      expect(s.step).toMatchObject({ kind: 'sms_code', purpose: 'login' });
      expect(s.binding).toBe('passkey');
      expect((await requiredLogins.api.act(handle, 'skip', {})).status).toBe(409);
      expect(await required.server.store.credentials.listForUser(victim)).toEqual([]);
      // The real user: the code, then the passkey; the login proved password + sms.
      const register = state(await requiredLogins.submitCode(handle, newestSmsCode(standIns.inbox, '+14155550142')));
      const own = new SoftAuthenticator({ attachment: 'platform', userVerification: true });
      const done = state(
        await sendCredential(requiredLogins, handle, await own.register(creation(register), RP_ORIGIN)),
      );
      const { tokens } = await requiredLogins.finish(done, request);
      expect(tokens.claims()).toMatchObject({ acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
      expect((await required.server.store.credentials.listForUser(victim)).map((c) => c.type)).toEqual(['webauthn']);
    } finally {
      await required.close();
    }
  });

  it('an account with no second factor: refused without enrollment.first_factor, audited, told with it', async () => {
    const nobody = await backend.addUser('nadia', 'nadia password 1');
    const { handle, state: s } = await logins.pastPassword('otp', 'nadia', 'nadia password 1');
    expect(s.step).toMatchObject({ kind: 'failed', reason: 'no_second_factor' });
    expect((s.step as { message: string }).message).toMatch(/administrator/);
    expect(await credentialsOf(nobody)).toEqual([]);
    expect((await flowRecord(handle))?.step).toBe('failed');
    for (const acr of ['twilio_sms']) {
      const other = await logins.pastPassword(acr, 'nadia', 'nadia password 1');
      expect(other.state.step).toMatchObject({ kind: 'failed', reason: 'no_second_factor' });
    }
    expect(await store().users.findById(nobody)).toMatchObject({ phone: null });

    backend.server.config.enrollment.first_factor = true;
    try {
      const first = await logins.pastPassword('otp', 'nadia', 'nadia password 1');
      const secret = enrollSecret(first.state);
      const offer = state(await logins.submitCode(first.handle, await totp(secret, backend.clock.now!)));
      // A passkey is not offered after a first factor that only enrolled: nothing was proven but the password.
      expect(offer.step.kind).toBe('done');
      const { tokens } = await logins.finish(offer, first.request);
      expect(tokens.claims()).toMatchObject({ acr: 'password', amr: ['pwd'] });
      expect(boundLines().filter((l) => l.user_id === nobody && l.outcome === 'success')).toEqual([
        expect.objectContaining({ factor: 'otp', reason: 'first_factor' }),
      ]);
    } finally {
      backend.server.config.enrollment.first_factor = false;
    }
  });

  it('racing: a first-factor enrollment shown before another flow bound a factor cannot bind after it', async () => {
    const racer = await backend.addUser('rex', 'rex password 12');
    backend.server.config.enrollment.first_factor = true;
    try {
      const attacker = await logins.pastPassword('otp', 'rex', 'rex password 12');
      const attackerSecret = enrollSecret(attacker.state);
      const owner = await logins.pastPassword('otp', 'rex', 'rex password 12');
      const ownerSecret = enrollSecret(owner.state);
      expect(state(await logins.submitCode(owner.handle, await totp(ownerSecret, backend.clock.now!))).step.kind).toBe(
        'done',
      );
      // The attacker's QR code was shown while rex had no factor; by now he has one.
      const late = state(await logins.submitCode(attacker.handle, await totp(attackerSecret, backend.clock.now!)));
      expect(late.step.kind).toBe('otp');
      expect(late.binding).toBe('otp');
      expect((await credentialsOf(racer)).length).toBe(1);
    } finally {
      backend.server.config.enrollment.first_factor = false;
    }
  });

  it('the real users sign in as before after all of it', async () => {
    const sms = await logins.pastPassword('twilio_sms', 'pat', 'pat password 12');
    const done = state(await logins.submitCode(sms.handle, newestSmsCode(standIns.inbox, PHONE)));
    // pat has no passkey: the optional offer follows the proven code; not now.
    const finished = done.step.kind === 'webauthn' ? state(await logins.api.act(sms.handle, 'skip', {})) : done;
    expect((await logins.finish(finished, sms.request)).tokens.claims()).toMatchObject({
      acr: 'twilio_sms',
      amr: ['pwd', 'sms', 'mfa'],
    });
    const otp = await logins.pastPassword('otp', 'abby', 'abby password 1');
    const ok = state(await logins.submitCode(otp.handle, await totp(appSecret, backend.clock.now!)));
    const end = ok.step.kind === 'webauthn' ? state(await logins.api.act(otp.handle, 'skip', {})) : ok;
    expect((await logins.finish(end, otp.request)).tokens.claims()).toMatchObject({
      acr: 'otp',
      amr: ['pwd', 'otp', 'mfa'],
    });
  });
});

/** Stand-ins and a binding backend for one describe block: started before its tests, closed after them. */
function bindingStack(extra: (standIns: StandIns) => Partial<ConfigInput>) {
  const stack = {} as { standIns: StandIns; backend: TestBackend; logins: EmbeddedLogins };
  beforeAll(async () => {
    stack.standIns = await startStandIns();
    stack.backend = await bindingBackend(stack.standIns, extra(stack.standIns));
    stack.logins = await EmbeddedLogins.discover(stack.backend.issuer);
  });
  afterAll(async () => {
    await stack.backend?.close();
    await stack.standIns?.close();
  });
  return stack;
}

describe('binding a phone for the tru.ID check', () => {
  const stack = bindingStack((standIns) => ({
    methods: {
      otp: { enabled: true, issuer: 'Binding Test' },
      twilio_sms: standIns.methods.twilio_sms,
      tru_id: standIns.methods.tru_id,
    },
    webauthn: { second_factor: 'off' },
  }));

  it('an account with an app gets no number for the phone check from the password alone', async () => {
    const userId = await stack.backend.addUser('tess', 'tess password 1');
    stack.backend.clock.now = T0;
    stack.backend.server.config.enrollment.first_factor = true;
    const { handle, state: s } = await stack.logins.pastPassword('otp', 'tess', 'tess password 1');
    expect(state(await stack.logins.submitCode(handle, await totp(enrollSecret(s), T0))).step.kind).toBe('done');
    stack.backend.server.config.enrollment.first_factor = false;

    const check = await stack.logins.pastPassword('tru_id', 'tess', 'tess password 1');
    expect(check.state.step).toMatchObject({ kind: 'failed', reason: 'no_phone' });
    // The way to a number (SMS enrollment) first asks for the app.
    const sms = await stack.logins.pastPassword('twilio_sms', 'tess', 'tess password 1');
    expect(sms.state.step.kind).toBe('otp');
    expect(sms.state.binding).toBe('phone');
    expect(await stack.backend.server.store.users.findById(userId)).toMatchObject({
      phone: null,
      phoneVerified: false,
    });
    expect(stack.standIns.truId.checks.size).toBe(0);
  });

  it('an account with a phone proves it by phone check (the strongest way it has) before an app binds', async () => {
    await stack.backend.addUser('tom', 'tom password 12', { phone: '+14155550160' });
    const { state: s } = await stack.logins.pastPassword('otp', 'tom', 'tom password 12');
    expect(s.step).toMatchObject({ kind: 'phonecheck', status: 'waiting' });
    expect(s.binding).toBe('otp');
    expect(s.actions).not.toHaveProperty('submit');
  });
});

/** Creation options for `userId` as the attacker would make them up (the server never offered any). */
function fakeCreation(userId: string): PublicKeyCredentialCreationOptionsJSON {
  return {
    challenge: Buffer.from('attacker-made-challenge-0123456').toString('base64url'),
    rp: { id: 'localhost', name: 'gluu-login' },
    user: { id: Buffer.from(userId).toString('base64url'), name: 'victim', displayName: 'victim' },
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  };
}

describe('the tru.ID fallback with the optional passkey offer on', () => {
  const stack = bindingStack((standIns) => ({
    methods: { twilio_sms: standIns.methods.twilio_sms, tru_id: standIns.methods.tru_id, passkey: { enabled: true } },
  }));
  beforeAll(() => stack.backend.addUser('fay', 'fay password 12', { phone: '+14155550188' }));

  // The fallback takes tru_id's place with the SMS method itself, not with the passkey offer that now ends
  // every second-factor chain (which proved nothing and ended a password-only sign-in).
  it('falls back to the text message, which proves the phone; then the passkey offer', async () => {
    stack.standIns.truId.failNext([{ status: 503 }, { status: 503 }]);
    const { handle, request, state: s } = await stack.logins.pastPassword('tru_id', 'fay', 'fay password 12');
    expect(s.step).toMatchObject({
      kind: 'phonecheck',
      status: 'failed',
      fallback: { acr: 'twilio_sms', factor: 'sms' },
    });
    const sms = state(await stack.logins.api.act(handle, 'use_fallback', {}));
    expect(sms.step).toMatchObject({ kind: 'sms_code', purpose: 'login' });
    expect(sms.acr).toBe('twilio_sms');
    const offer = state(await stack.logins.submitCode(handle, newestSmsCode(stack.standIns.inbox, '+14155550188')));
    expect(creation(offer)).toBeDefined();
    const done = state(await stack.logins.api.act(handle, 'skip', {}));
    expect((await stack.logins.finish(done, request)).tokens.claims()).toMatchObject({
      acr: 'twilio_sms',
      amr: ['pwd', 'sms', 'mfa'],
    });
  });
});
