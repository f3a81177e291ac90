// "Remember this browser" (clients[].trust_browser), over HTTP as a browser, the RP and an attacker see it:
// after a second factor the user may trust the browser (user_choice) or it is trusted at once (new_browser);
// a later sign-in there skips the second factor, and the id_token says so (the acr asked for, an amr with
// the password only). A browser without that user's device token, an expired or revoked trust, a client
// whose policy is never, the account page's step-up and the password grant are never skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { MID_TOTP_STEP as T0, enrolledApp, totp } from '../helpers/authenticator-app.js';
import { ACCOUNT_RP, AccountClient, accountToken } from '../helpers/account-api.js';
import { authorizationRequest, discover, exchange, RP_ORIGIN, type AuthRequest } from '../helpers/oidc-client.js';
import { toCallback } from '../helpers/logins.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { startStandIns } from '../../demo/stand-ins/index.js';
import { issueCodes } from '../../server/methods/recovery/codes.js';
import { TRUSTED_BROWSER_TYPE } from '../../server/flow/trusted-browser.js';
import { withDeviceRequest } from '../../server/security/device-trust.js';
import type { FlowRecord } from '../../server/store/types.js';
import type { FlowAnswer, FlowState } from '../../wire/flow-api.js';

const PASSWORD = 'trusting password 12';
const LOCKOUT = { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } };
/** The account RP lets the user choose (and holds the account API); the others are as named. */
const CHOOSING = { ...ACCOUNT_RP, trust_browser: 'user_choice' };
const client = (client_id: string, trust_browser: string) => ({
  client_id,
  client_secret: `${client_id}-secret-0123456789abcdefghijklmnopqrstuv`,
  redirect_uris: [`${RP_ORIGIN}/callback`],
  allowed_origins: [RP_ORIGIN],
  trust_browser,
});
const AUTOMATIC = client('automatic-rp', 'new_browser');
const NEVER = client('never-rp', 'never');
type Rp = { client_id: string; client_secret: string };

/** One browser on the RP's page: it keeps the device token the flow API hands it, and sends it back. */
class Browser {
  device: string | undefined;

  constructor(readonly issuer: string) {}

  async call(path: string, handle: string | undefined, body: unknown): Promise<FlowState> {
    const response = await fetch(`${this.issuer}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: RP_ORIGIN,
        ...(handle ? { 'gluu-flow': handle } : {}),
        ...(this.device ? { 'gluu-device': this.device } : {}),
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as FlowAnswer;
    if ('device_token' in answer && answer.device_token) this.device = answer.device_token;
    return state({ status: response.status, body: answer, headers: response.headers });
  }

  act(handle: string, action: string, inputs: Record<string, unknown> = {}): Promise<FlowState> {
    return this.call('/flow/action', handle, { action, inputs });
  }
}

describe('trusted browsers', () => {
  let backend: TestBackend;
  const now = () => backend.clock.now!;
  /** The app's code in a time step of its own (each code works once). */
  const code = (secret: string) => {
    backend.clock.now = now() + 30_000;
    return totp(secret, now());
  };
  const trustedOf = (userId: string) => backend.server.store.credentials.listForUser(userId, TRUSTED_BROWSER_TYPE);

  /** A user with an authenticator app (and, unless told otherwise, recovery codes already kept). */
  const userWithApp = async (name: string, codes = true) => {
    const id = await backend.addUser(name, PASSWORD);
    const { secret } = await enrolledApp(backend.server, id);
    if (codes) await issueCodes(backend.server.engine.deps, id, 3);
    return { id, name, secret };
  };

  /** A sign-in in `browser` for `rp`, asking acr otp: the state after the password, and how to finish it. */
  const signIn = async (browser: Browser, rp: Rp, username: string) => {
    const config = await discover(backend.issuer, rp.client_id, rp.client_secret);
    const request = await authorizationRequest(config, { acr_values: 'otp' });
    const started = await browser.call('/flow', undefined, { authorization_request: request.url.href });
    const handle = started.flow;
    expect((await browser.act(handle, 'submit', { username })).step.kind).toBe('password');
    const afterPassword = await browser.act(handle, 'submit', { password: PASSWORD });
    const finish = async (done: FlowState) => {
      if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done.step).slice(0, 300)}`);
      const tokens = await exchange(config, await toCallback(done.step.continue_url), request as AuthRequest);
      return tokens.claims()!;
    };
    return { handle, afterPassword, finish };
  };

  /** A whole sign-in with the app's code; `atEnd` answers the trust offer when there is one. */
  const withCode = async (
    browser: Browser,
    rp: Rp,
    user: { name: string; secret: string },
    atEnd?: 'trust' | 'skip',
  ) => {
    const { handle, afterPassword, finish } = await signIn(browser, rp, user.name);
    expect(afterPassword.step.kind).toBe('otp');
    const after = await browser.act(handle, 'submit', { code: await code(user.secret) });
    const offered = after.step.kind === 'trust_browser';
    const done = offered && atEnd ? await browser.act(handle, atEnd) : after;
    return { offered, offer: after, claims: await finish(done) };
  };

  /** A sign-in that must skip the second factor: done right after the password. */
  const skipped = async (browser: Browser, rp: Rp, user: { name: string }) => {
    const { afterPassword, finish } = await signIn(browser, rp, user.name);
    expect(afterPassword.step.kind).toBe('done');
    return finish(afterPassword);
  };

  /** A browser that chose to trust itself for `user` on the choosing client. */
  const trustedBrowser = async (user: { name: string; secret: string }) => {
    const browser = new Browser(backend.issuer);
    const first = await withCode(browser, CHOOSING, user, 'trust');
    expect(first.offered).toBe(true);
    return browser;
  };

  beforeAll(async () => {
    backend = await startTestBackend({
      config: {
        methods: { otp: { enabled: true, issuer: 'Trust Test' }, recovery_code: { enabled: true } },
        lockout: LOCKOUT,
        trusted_browsers: { lifetime_days: 30 },
      },
      extraClients: [CHOOSING, AUTOMATIC, NEVER],
    });
    backend.clock.now = T0;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('user_choice: offered after the app, trusted; the next sign-in there skips the app (amr pwd)', async () => {
    const user = await userWithApp('tina');
    const browser = new Browser(backend.issuer);
    const first = await withCode(browser, CHOOSING, user, 'trust');
    expect(first.offered).toBe(true);
    expect(first.offer.step).toEqual({ kind: 'trust_browser', days: 30 });
    expect(Object.keys(first.offer.actions).sort()).toEqual(['skip', 'trust']);
    expect(first.claims).toMatchObject({ acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });
    expect(browser.device).toBeDefined();
    const [stored] = await trustedOf(user.id);
    // What is stored names the browser, not its token.
    expect(stored).toMatchObject({ type: TRUSTED_BROWSER_TYPE, sealedData: '' });
    expect(JSON.stringify(stored)).not.toContain(browser.device!);

    const second = await skipped(browser, CHOOSING, user);
    // The acr asked for, and an amr that tells the RP no second factor was proven now.
    expect(second).toMatchObject({ acr: 'otp', amr: ['pwd'] });
    expect(backend.logs).toContainEqual(
      expect.objectContaining({ event: 'flow.trusted_browser', reason: 'skipped', user_id: user.id, method: 'otp' }),
    );
  });

  it('is asked in a browser without a token, with another user’s token, and in a fresh browser', async () => {
    const user = await userWithApp('ursula');
    const other = await userWithApp('victor');
    await trustedBrowser(user);
    const othersBrowser = await trustedBrowser(other);

    // victor's trusted browser holds his token, not ursula's: she is asked for her app there.
    const { afterPassword } = await signIn(othersBrowser, CHOOSING, user.name);
    expect(afterPassword.step.kind).toBe('otp');
    // A fresh browser (no token at all) is asked too.
    const fresh = await signIn(new Browser(backend.issuer), CHOOSING, user.name);
    expect(fresh.afterPassword.step.kind).toBe('otp');
  });

  it('declining the offer trusts nothing', async () => {
    const user = await userWithApp('walter');
    const browser = new Browser(backend.issuer);
    expect((await withCode(browser, CHOOSING, user, 'skip')).offered).toBe(true);
    expect(await trustedOf(user.id)).toEqual([]);
    expect((await signIn(browser, CHOOSING, user.name)).afterPassword.step.kind).toBe('otp');
  });

  it('an expired trust is asked again', async () => {
    const user = await userWithApp('xena');
    const browser = await trustedBrowser(user);
    backend.clock.now = now() + 31 * 86_400_000;
    expect((await signIn(browser, CHOOSING, user.name)).afterPassword.step.kind).toBe('otp');
  });

  it('listed on the account page and revoked there (with a fresh proof): asked again', async () => {
    const user = await userWithApp('yusuf');
    const browser = await trustedBrowser(user);
    const { token } = await accountToken(backend.issuer, user.name, PASSWORD, {
      prove: async (logins, handle) => state(await logins.submitCode(handle, await code(user.secret))),
    });
    const account = new AccountClient(backend.issuer, token);
    const listed = (await account.overview()).body.trusted_browsers!;
    expect(listed).toHaveLength(1);
    const [entry] = listed;
    expect(entry!.expires_at - entry!.trusted_at).toBe(30 * 86_400);
    expect(entry!.device).toEqual(expect.any(String));

    // Without a fresh proof: RFC 9470's challenge, and the browser stays trusted.
    const unproven = await account.send('DELETE', `/trusted-browsers/${entry!.id}`);
    expect(unproven.status).toBe(401);
    expect(unproven.body.error?.code).toBe('insufficient_user_authentication');
    expect(await trustedOf(user.id)).toHaveLength(1);

    const stepUp = await account.startFlow();
    expect(stepUp.step.kind).toBe('otp');
    const proven = state(await account.flows.act(stepUp.flow, 'submit', { code: await code(user.secret) }));
    expect((await account.finish(proven)).status).toBe(200);
    // Another user's id (or a made-up one) is not found.
    const other = await userWithApp('zoe');
    await trustedBrowser(other);
    const [othersTrust] = await trustedOf(other.id);
    const foreign = await account.send('DELETE', `/trusted-browsers/${othersTrust!.id}`);
    expect(foreign.status).toBe(404);
    expect(await trustedOf(other.id)).toHaveLength(1);

    const revoked = await account.send('DELETE', `/trusted-browsers/${entry!.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.trusted_browsers).toEqual([]);
    expect(backend.logs).toContainEqual(
      expect.objectContaining({ event: 'account.changed', reason: 'trusted_browser_removed', user_id: user.id }),
    );
    expect((await signIn(browser, CHOOSING, user.name)).afterPassword.step.kind).toBe('otp');
  });

  it('a client whose policy is never neither offers nor skips', async () => {
    const user = await userWithApp('amos');
    const browser = new Browser(backend.issuer);
    expect((await withCode(browser, NEVER, user)).offered).toBe(false);
    expect(await trustedOf(user.id)).toEqual([]);
    // Trusted through another client, the browser is still asked here.
    const trusted = await trustedBrowser(user);
    expect((await signIn(trusted, NEVER, user.name)).afterPassword.step.kind).toBe('otp');
  });

  it('new_browser: trusted at once after the app, skipped next time', async () => {
    const user = await userWithApp('bea');
    const browser = new Browser(backend.issuer);
    const first = await withCode(browser, AUTOMATIC, user);
    expect(first.offered).toBe(false);
    expect(await trustedOf(user.id)).toHaveLength(1);
    expect(backend.logs).toContainEqual(
      expect.objectContaining({ event: 'flow.trusted_browser', reason: 'trusted:new_browser', user_id: user.id }),
    );
    expect(await skipped(browser, AUTOMATIC, user)).toMatchObject({ acr: 'otp', amr: ['pwd'] });
  });

  it('a recovery code proves no trust: nothing is trusted, even under new_browser', async () => {
    const user = await userWithApp('cato', false);
    const [recovery] = await issueCodes(backend.server.engine.deps, user.id, 2);
    const browser = new Browser(backend.issuer);
    const { handle, afterPassword, finish } = await signIn(browser, AUTOMATIC, user.name);
    expect(afterPassword.step.kind).toBe('otp');
    expect((await browser.act(handle, 'another_way', { factor: 'recovery_code' })).step.kind).toBe('recovery_code');
    const replace = await browser.act(handle, 'submit', { code: recovery });
    expect(replace.step.kind).toBe('otp_enroll');
    const done = await browser.act(handle, 'skip');
    expect(await finish(done)).toMatchObject({ amr: expect.arrayContaining(['recovery_code']) });
    expect(await trustedOf(user.id)).toEqual([]);
  });

  it('the account page’s step-up is never skipped, even from a trusted browser', async () => {
    const user = await userWithApp('dora');
    const browser = await trustedBrowser(user);
    const { token } = await accountToken(backend.issuer, user.name, PASSWORD, {
      prove: async (logins, handle) => state(await logins.submitCode(handle, await code(user.secret))),
    });
    const account = new AccountClient(backend.issuer, token);
    const started = await account.send<{ flow: string }>('POST', '/proof');
    // The step-up's requests carry the trusted browser's token: the app is still asked, and no offer follows.
    const stepUp = new Browser(backend.issuer);
    stepUp.device = browser.device;
    const asked = state(await account.flows.get(started.body.flow));
    expect(asked.step.kind).toBe('otp');
    const done = await stepUp.act(started.body.flow, 'submit', { code: await code(user.secret) });
    expect(done.step.kind).toBe('done');
  });

  it('the password grant never skips: asked for the code even with a trusted browser’s token', async () => {
    const standIns = await startStandIns();
    const ropc = await startTestBackend({
      config: {
        methods: { otp: { enabled: true, issuer: 'Trust Test' }, twilio_sms: standIns.methods.twilio_sms },
        ropc: { enabled: true, sms_method: 'twilio_sms' },
        lockout: LOCKOUT,
      },
      extraClients: [
        CHOOSING,
        { ...client('api-client', 'user_choice'), redirect_uris: [], grant_types: ['password'] },
      ],
    });
    try {
      const id = await ropc.addUser('fay', PASSWORD, { phone: '+14155550142' });
      const { secret } = await enrolledApp(ropc.server, id);
      await issueCodes(ropc.server.engine.deps, id, 3);
      ropc.clock.now = T0;
      const browser = new Browser(ropc.issuer);
      const config = await discover(ropc.issuer, CHOOSING.client_id, CHOOSING.client_secret);
      const request = await authorizationRequest(config, { acr_values: 'otp' });
      const { flow } = await browser.call('/flow', undefined, { authorization_request: request.url.href });
      await browser.act(flow, 'submit', { username: 'fay' });
      expect((await browser.act(flow, 'submit', { password: PASSWORD })).step.kind).toBe('otp');
      ropc.clock.now += 30_000;
      expect((await browser.act(flow, 'submit', { code: await totp(secret, ropc.clock.now) })).step.kind).toBe(
        'trust_browser',
      );
      expect((await browser.act(flow, 'trust')).step.kind).toBe('done');

      // The grant's first answer asks for the texted code, whatever device token comes with it.
      const first = await fetch(`${ropc.issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basicAuth('api-client', `api-client-secret-0123456789abcdefghijklmnopqrstuv`),
          'gluu-device': browser.device!,
        },
        body: new URLSearchParams({ grant_type: 'password', __step: '1', username: 'fay' }),
      });
      expect(first.status).toBe(400);
      expect(await first.json()).toMatchObject({ error: 'mfa_required', next_step: 'otp' });
      expect(ropc.logs.filter((l) => l.event === 'flow.trusted_browser' && l.reason === 'skipped')).toEqual([]);
    } finally {
      await ropc.close();
      await standIns.close();
    }
  });

  it('the password grant’s flows are never stood in for (the api placement)', async () => {
    const user = await userWithApp('emil');
    const browser = await trustedBrowser(user);
    const engine = backend.server.engine;
    const flow = { placement: 'api', clientId: CHOOSING.client_id, amr: ['pwd'] } as unknown as FlowRecord;
    const hosted = { placement: 'hosted', clientId: CHOOSING.client_id, amr: ['pwd'] } as unknown as FlowRecord;
    await withDeviceRequest(browser.device, async () => {
      // The same token and account skip a browser sign-in, and nothing in the password grant.
      expect(await engine.trustedBrowsers.skipped(hosted, user.id, 'password', ['otp'])).toEqual(['otp']);
      expect(await engine.trustedBrowsers.skipped(flow, user.id, 'password', ['otp'])).toEqual([]);
    });
  });
});
