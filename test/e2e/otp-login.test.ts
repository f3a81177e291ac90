// A person with an authenticator app, in Chromium, through the demo RP: the QR on screen is decoded like a
// phone camera would, the manual key is read from "Can't scan it?", codes come from otplib. The users here
// have no second factor yet, so they enroll the app as their first (enrollment.first_factor): that login
// proved only the password, and the app is proven from the next login on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { decodeQr } from '../helpers/qr.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword, refusedSignIn } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
let olivia: string;
const T0 = MID_TOTP_STEP;

beforeAll(async () => {
  stack = await startDemoStack({
    methods: { otp: { enabled: true, issuer: 'Demo Co', label: 'Demo Co sign-in' } },
    enrollment: { first_factor: true },
  });
  olivia = await stack.backend.addUser('olivia', 'olivia password 1');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const code = totp;

/** The acr and amr of each login the provider completed for the user, oldest first (from its audit log). */
function completedLogins(userId: string): { acr: unknown; amr: unknown }[] {
  return stack.backend.logs
    .filter((l) => l.event === 'flow.completed' && l.user_id === userId)
    .map((l) => ({ acr: l.acr, amr: l.amr }));
}

const toOtpStep = (w: WatchedPage) => logInWithPassword(w.page, stack.rpUrl, 'otp', 'olivia', 'olivia password 1');

describe('TOTP through the demo RP', () => {
  let secret = '';

  it('enrolls by scanning the QR on screen and confirming a code; the login proved the password only', async () => {
    stack.backend.clock.now = T0;
    const w = await openPage(browser);
    const { page } = w;
    await toOtpStep(w);
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const qr = page.locator('[part~="qr"]');
    await qr.waitFor();
    await w.screenshot('otp-enroll');
    // A first factor: there is nothing to prove beforehand, so no "confirm it's you" above the step.
    expect(await page.getByText('confirm it’s you').count()).toBe(0);

    const uri = decodeQr(await qr.screenshot());
    expect(uri).toBeDefined();
    const parsed = new URL(uri!);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.host).toBe('totp');
    expect(decodeURIComponent(parsed.pathname)).toBe('/Demo Co:olivia');
    expect(Object.fromEntries(parsed.searchParams)).toMatchObject({
      issuer: 'Demo Co',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    secret = parsed.searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByText('Demo Co sign-in').count()).toBe(1); // the label caption

    // "Can't scan it?" shows the same key, for typing into the app by hand.
    await page.getByText('Can’t scan it?').click();
    const shownKey = (await page.locator('[part~="secret"]').textContent())!.replace(/\s/g, '');
    expect(shownKey).toBe(secret);
    await w.screenshot('otp-enroll-manual-key');

    const input = page.getByLabel('Code from the app');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    await input.fill(await code(secret, T0)); // six digits submit by themselves
    // Enrolling binds the app; it proves nothing about who holds the account. So the id_token says password,
    // and the RP, which asked for otp, does not take it.
    expect(await refusedSignIn(page, stack.rpUrl)).toBe(
      'This sign-in proved password, weaker than the otp this page asks for. Sign in again.',
    );
    expect(await page.locator('#sign-in-again').isVisible()).toBe(true);
    expect(completedLogins(olivia)).toEqual([{ acr: 'password', amr: ['pwd'] }]);
    await w.screenshot('otp-enrolled-rp-refuses');
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('signs in again with a fresh code (acr otp); the same code, and one two steps old, are refused', async () => {
    stack.backend.clock.now = T0 + 30_000;
    const w = await openPage(browser);
    const { page } = w;
    await toOtpStep(w);
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await w.screenshot('otp-code');
    const input = page.getByLabel('Code', { exact: true });
    const alert = page.getByRole('alert');

    await input.fill(await code(secret, T0)); // the code used to enroll: spent
    await expect.poll(() => alert.textContent()).toBe('This code was already used. Wait for the next one.');
    await input.fill(await code(secret, T0 - 60_000)); // two steps ago
    await expect.poll(() => alert.textContent()).toBe('That code is not right. Try again.');
    await w.screenshot('otp-code-wrong');
    const fresh = await code(secret, T0 + 30_000);
    await page.keyboard.type(fresh); // focus and selection stayed on the input: typing replaces the wrong code
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
    await w.context.close();

    // The fresh code, once used, is refused to the next login too.
    const again = await openPage(browser);
    await toOtpStep(again);
    await again.page.getByLabel('Code', { exact: true }).fill(fresh);
    await expect
      .poll(() => again.page.getByRole('alert').textContent())
      .toBe('This code was already used. Wait for the next one.');
    expect(await again.cspViolations()).toEqual([]);
    await again.context.close();
  });

  it('offers "Show a new code" once the enrollment QR expired, with a new key that then works', async () => {
    const oscar = await stack.backend.addUser('oscar', 'oscar password 1');
    stack.backend.clock.now = T0;
    const w = await openPage(browser);
    const { page } = w;
    // The widget's countdown runs on this clock, held still (a loaded machine would tick it on) until moved on below.
    await page.clock.install({ time: T0 });
    await page.clock.pauseAt(T0 + 1_000);
    await page.goto(`${stack.rpUrl}/embedded?acr=otp`);
    await page.getByLabel('Username').fill('oscar');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('oscar password 1');
    await page.keyboard.press('Enter');
    const qr = page.locator('[part~="qr"]');
    await qr.waitFor();
    const first = new URL(decodeQr(await qr.screenshot())!).searchParams.get('secret')!;
    await expect.poll(() => page.locator('[part~="countdown"]').textContent()).toBe('This code expires in 2:00');

    stack.backend.clock.now = T0 + 121_000;
    await page.clock.fastForward('02:01');
    const renew = page.getByRole('button', { name: 'Show a new code' });
    await renew.waitFor();
    expect(await page.getByText('The QR code expired.').count()).toBeGreaterThan(0);
    expect(await qr.count()).toBe(0); // a dead key is not left on screen to be scanned
    await w.screenshot('otp-enroll-expired');
    await renew.click();
    await qr.waitFor();
    const second = new URL(decodeQr(await qr.screenshot())!).searchParams.get('secret')!;
    expect(second).not.toBe(first);
    await page.getByLabel('Code from the app').fill(await code(second, T0 + 121_000));
    // enrolled, as above
    expect(await refusedSignIn(page, stack.rpUrl)).toMatch(/^This sign-in proved password, weaker than the otp/);
    // One app bound (the expired key was never confirmed).
    expect((await stack.backend.server.store.credentials.listForUser(oscar)).map((c) => c.type)).toEqual(['totp']);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});
