// Binding a second factor, performed in Chromium by an attacker who knows the demo user's password and
// nothing else. The demo's methods (demo/start.ts) and its user, whose phone an administrator verified:
// asking the demo RP for acr otp must not show the attacker a QR code to scan into an app of their own, and
// acr password must not offer them a passkey. The real user, who reads the texts on that phone, proves it
// first and then adds the app; the id_token says what was proven.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ConfigInput } from '../../server/config.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';
import { addPlatformAuthenticator, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { decodeQr } from '../helpers/qr.js';
import { claims, logInWithPassword, refusedSignIn } from '../helpers/rp-pages.js';
import { textedCodes } from '../helpers/sms-inbox.js';

const DEMO_PHONE = '+15555550123';
const DEMO_PASSWORD = 'demo password 42';
const T0 = MID_TOTP_STEP;
/** What the widget shows above the step that proves an existing factor before an app is added. */
const BIND_OTP_HINT =
  'Before an authenticator app is added to your account, confirm it’s you with a sign-in method you already have.';

/** The demo's configuration (demo/start.ts); enrollment.first_factor stays off, as there. */
function demoConfig(methods: Partial<ConfigInput>['methods'] = {}): Partial<ConfigInput> {
  return {
    methods: { otp: { enabled: true, issuer: 'gluu-login demo' }, passkey: { enabled: true }, ...methods },
    sms: { enroll_phone: true },
    webauthn: { second_factor: 'optional' },
    default_acr: 'password',
  };
}

async function startDemo(methods: Partial<ConfigInput>['methods'] = {}): Promise<{ stack: DemoStack; demo: string }> {
  const stack = await startDemoStack(demoConfig(methods), { sms: true });
  const demo = await stack.backend.addUser('demo', DEMO_PASSWORD, { email: 'demo@example.com', phone: DEMO_PHONE });
  return { stack, demo };
}

/**
 * Every answer of the flow API the page received (GET /flow, POST /flow/action), as text: what the browser
 * was given, whatever the widget made of it. Read once the page has settled.
 */
function flowAnswers(page: Page, issuer: string): () => Promise<string[]> {
  const origin = new URL(issuer).origin;
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    // A body the browser no longer holds (the page navigated on) reads as '' and is checked for below.
    if (url.origin === origin && /^\/flow(\/action)?$/.test(url.pathname)) bodies.push(response.text().catch(() => ''));
  });
  return () => Promise.all(bodies);
}

/** The step kinds among flow-API answers (error answers without a state have none). */
const stepKinds = (bodies: string[]) =>
  bodies.filter(Boolean).flatMap((b) => (JSON.parse(b) as { step?: { kind: string } }).step?.kind ?? []);

/** The number of texts each phone in the stand-ins' inbox received. */
function textsPerPhone(stack: DemoStack): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of stack.standIns!.inbox.list()) counts[m.to] = (counts[m.to] ?? 0) + 1;
  return counts;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('an attacker with the demo user’s password (SMS proves the phone)', () => {
  let stack: DemoStack;
  let demo: string;

  beforeAll(async () => {
    // tru.ID off: the phone is proven by a texted code, which the attacker does not receive.
    ({ stack, demo } = await startDemo({ tru_id: { enabled: false } }));
  });
  afterAll(async () => {
    await stack?.close();
  });

  const credentials = () => stack.backend.server.store.credentials.listForUser(demo);

  it('acr otp: the page asks for the code texted to the demo user’s phone, with the hint, and no QR code', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const answers = flowAnswers(page, stack.backend.issuer);
    const texts = textsPerPhone(stack);
    const before = await credentials();

    await logInWithPassword(page, stack.rpUrl, 'otp', 'demo', DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    const hint = page.getByText(BIND_OTP_HINT, { exact: true });
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.getAttribute('part')).toBe('hint');
    // The attacker learns the phone only masked.
    expect(await page.locator('[part~="identity"]').textContent()).toBe('+1 ••• ••• •• 23');
    await w.screenshot('factor-binding-attacker-sms-step');

    // Exactly one text, to the demo user's own phone.
    await expect.poll(() => textsPerPhone(stack)[DEMO_PHONE] ?? 0).toBe((texts[DEMO_PHONE] ?? 0) + 1);
    expect(textsPerPhone(stack)).toEqual({ ...texts, [DEMO_PHONE]: (texts[DEMO_PHONE] ?? 0) + 1 });
    const [text] = stack.standIns!.inbox.list(DEMO_PHONE);
    expect(text!.body).toMatch(/^\d{6} is your Demo RP verification code/);

    // Guessing the code gets nowhere.
    const sent = textedCodes(stack.standIns!.inbox, DEMO_PHONE)[0]!;
    await page.getByLabel('Code', { exact: true }).fill(sent === '000000' ? '111111' : '000000');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That code is not right. Try again.');
    // Nor does asking the flow API, from this page, for a new enrollment QR code (the otp_enroll step's action).
    const renew = await page.evaluate(async () => {
      const response = await fetch('/flow/action', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Gluu-Flow': document.querySelector('gluu-login')!.getAttribute('flow')!,
        },
        body: JSON.stringify({ action: 'renew', inputs: {} }),
      });
      return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
    });
    expect(renew).toMatchObject({ status: 409, body: { error: { code: 'action_not_allowed' } } });
    expect(await page.getByRole('heading', { name: 'Check your phone' }).isVisible()).toBe(true);

    // Nothing of an authenticator app reached the browser: no enrollment step, no QR code, no key.
    expect(await page.locator('[part~="qr"]').count()).toBe(0);
    expect(await page.locator('[part~="secret"]').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Set up your authenticator app' }).count()).toBe(0);
    const bodies = await answers();
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    expect(bodies.every((b) => b !== '')).toBe(true);
    expect(new Set(stepKinds(bodies))).toEqual(new Set(['username', 'password', 'sms_code']));
    for (const b of bodies) expect(b).not.toContain('otpauth:');

    // And nothing was bound to the account.
    expect(await credentials()).toEqual(before);
    expect(await stack.backend.server.store.users.findById(demo)).toMatchObject({
      phone: DEMO_PHONE,
      phoneVerified: true,
    });
    expect(
      stack.backend.logs.some((l) => l.event === 'factor.bound' && l.user_id === demo && l.outcome === 'success'),
    ).toBe(false);

    // On a phone-sized screen the hint wraps above the step without pushing anything out of view.
    await page.setViewportSize({ width: 390, height: 844 });
    await w.screenshot('factor-binding-attacker-sms-step-narrow');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('acr password: signs in with the password, no passkey registration offered, credentials unchanged', async () => {
    const w = await openPage(browser);
    const { page } = w;
    // The attacker's browser has an authenticator ready to make a passkey, were one asked for.
    const { cdp, authenticatorId } = await addPlatformAuthenticator(w);
    const answers = flowAnswers(page, stack.backend.issuer);
    const before = await credentials();

    await logInWithPassword(page, stack.rpUrl, 'password', 'demo', DEMO_PASSWORD);
    // Straight back to the RP: an "Add a passkey" step would hold the page until a button is pressed.
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c).toMatchObject({ acr: 'password', sub: demo });
    expect(JSON.parse(c.amr!)).toEqual(['pwd']);
    await w.screenshot('factor-binding-attacker-password');

    expect(stepKinds(await answers())).not.toContain('webauthn');
    expect(await credentials()).toEqual(before);
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toEqual([]);
    expect(
      stack.backend.logs.some(
        (l) =>
          l.event === 'auth.attempt' &&
          l.method === 'webauthn' &&
          l.user_id === demo &&
          l.reason === 'registration_not_offered',
      ),
    ).toBe(true);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('the user proves the phone, adds the app, the RP hears the SMS method; the app’s next sign-in: otp', async () => {
    const w = await openPage(browser);
    const { page } = w;
    stack.backend.clock.now = T0;
    try {
      const codes = textedCodes(stack.standIns!.inbox, DEMO_PHONE).length;
      await logInWithPassword(page, stack.rpUrl, 'otp', 'demo', DEMO_PASSWORD);
      await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
      expect(await page.getByText(BIND_OTP_HINT).isVisible()).toBe(true);
      await expect.poll(() => textedCodes(stack.standIns!.inbox, DEMO_PHONE).length).toBe(codes + 1);
      const [text] = stack.standIns!.inbox.list(DEMO_PHONE);
      const smsAcr = text!.via === 'twilio' ? 'twilio_sms' : 'smpp';
      await page.getByLabel('Code', { exact: true }).fill(textedCodes(stack.standIns!.inbox, DEMO_PHONE)[0]!);

      // Proven: now the app may be added, and the hint is gone.
      await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
      expect(await page.getByText(BIND_OTP_HINT).count()).toBe(0);
      const qr = page.locator('[part~="qr"]');
      await qr.waitFor();
      await w.screenshot('factor-binding-owner-enroll');
      const uri = new URL(decodeQr(await qr.screenshot())!);
      expect(uri.protocol).toBe('otpauth:');
      expect(decodeURIComponent(uri.pathname)).toBe('/gluu-login demo:demo');
      const secret = uri.searchParams.get('secret')!;
      await page.getByLabel('Code from the app').fill(await totp(secret, T0));

      // A proven factor, no passkey yet: the optional offer follows.
      await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
      await page.getByRole('button', { name: 'Not now' }).click();

      // The id_token says the SMS method, which ranks below the otp the RP asked for: it asks to sign in again.
      expect(await refusedSignIn(page, stack.rpUrl)).toBe(
        `This sign-in proved ${smsAcr}, weaker than the otp this page asks for. Sign in again.`,
      );
      await w.screenshot('factor-binding-owner-rp-refuses');
      const completed = stack.backend.logs.filter((l) => l.event === 'flow.completed' && l.user_id === demo);
      expect(completed.at(-1)).toMatchObject({ acr: smsAcr, amr: ['pwd', 'sms', 'mfa'] });
      expect((await credentials()).map((c) => c.type)).toEqual(['totp']);

      // Signing in again, with the app this time.
      stack.backend.clock.now = T0 + 30_000;
      await page.click('#sign-in-again');
      await page.getByLabel('Username').fill('demo');
      await page.keyboard.press('Enter');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
      expect(await page.getByText(BIND_OTP_HINT).count()).toBe(0);
      await page.getByLabel('Code', { exact: true }).fill(await totp(secret, T0 + 30_000));
      await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
      await page.getByRole('button', { name: 'Not now' }).click();
      await page.waitForURL(`${stack.rpUrl}/`);
      const c = await claims(page);
      expect(c).toMatchObject({ acr: 'otp', sub: demo });
      expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
      await w.screenshot('factor-binding-owner-otp');
    } finally {
      stack.backend.clock.now = undefined;
    }
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('no second factor: none can be enrolled after the password alone, the widget says to ask an admin', async () => {
    const nadia = await stack.backend.addUser('nadia', 'nadia password 1');
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'otp', 'nadia', 'nadia password 1');
    await page.getByRole('heading', { name: 'Sign-in failed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'An authenticator app can only be added to your account by an administrator. Contact your administrator.',
    );
    expect(await page.locator('[part~="qr"]').count()).toBe(0);
    await w.screenshot('factor-binding-no-second-factor');
    expect(await stack.backend.server.store.credentials.listForUser(nadia)).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});

describe('an attacker with the demo user’s password (the tru.ID phone check proves the phone)', () => {
  let stack: DemoStack;
  let demo: string;
  let w: WatchedPage;

  beforeAll(async () => {
    ({ stack, demo } = await startDemo());
  });
  afterAll(async () => {
    await w?.context.close();
    await stack?.close();
  });

  it('acr otp: the phone check, with the hint; its QR code is the check’s link, not an otpauth URI', async () => {
    w = await openPage(browser);
    const { page } = w;
    const answers = flowAnswers(page, stack.backend.issuer);
    await logInWithPassword(page, stack.rpUrl, 'otp', 'demo', DEMO_PASSWORD);
    const qr = page.locator('[part~="qr"]');
    await qr.waitFor();
    expect(await page.getByText(BIND_OTP_HINT, { exact: true }).isVisible()).toBe(true);
    await w.screenshot('factor-binding-attacker-phonecheck');
    const link = decodeQr(await qr.screenshot())!;
    expect(link.startsWith(`${stack.backend.issuer}/pc/`)).toBe(true);
    expect(await qr.count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Set up your authenticator app' }).count()).toBe(0);
    const bodies = await answers();
    expect(stepKinds(bodies)).not.toContain('otp_enroll');
    for (const b of bodies) expect(b).not.toContain('otpauth:');
    // The check runs against the demo user's number (tru.ID takes it without the +); no text went anywhere.
    expect([...stack.standIns!.truId.checks.values()].map((c) => c.phoneNumber)).toEqual([DEMO_PHONE.slice(1)]);
    expect(stack.standIns!.inbox.list()).toEqual([]);
    expect(await stack.backend.server.store.credentials.listForUser(demo)).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
  });
});
