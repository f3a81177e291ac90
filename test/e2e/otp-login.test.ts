// A person with an authenticator app, in Chromium, through the demo RP: the QR on screen is decoded like a
// phone camera would, the manual key is read from "Can't scan it?", codes come from otplib.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { decodeQr } from '../helpers/qr.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword, logOut } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
const T0 = MID_TOTP_STEP;

beforeAll(async () => {
  stack = await startDemoStack({ methods: { otp: { enabled: true, issuer: 'Demo Co', label: 'Demo Co sign-in' } } });
  await stack.backend.addUser('olivia', 'olivia password 1');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const code = totp;

const toOtpStep = (w: WatchedPage) => logInWithPassword(w.page, stack.rpUrl, 'otp', 'olivia', 'olivia password 1');

describe('TOTP through the demo RP', () => {
  let secret = '';

  it('enrolls by scanning the QR on screen and confirming a code, then lands with acr otp', async () => {
    stack.backend.clock.now = T0;
    const w = await openPage(browser);
    const { page } = w;
    await toOtpStep(w);
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const qr = page.locator('[part~="qr"]');
    await qr.waitFor();
    await w.screenshot('otp-enroll');

    const uri = decodeQr(await qr.screenshot());
    expect(uri).toBeDefined();
    const parsed = new URL(uri!);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.host).toBe('totp');
    expect(decodeURIComponent(parsed.pathname)).toBe('/Demo Co:olivia');
    expect(Object.fromEntries(parsed.searchParams)).toMatchObject({ issuer: 'Demo Co', algorithm: 'SHA1', digits: '6', period: '30' });
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
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);

    await logOut(page, stack.rpUrl);
    await w.context.close();
  });

  it('signs in again with a fresh code; the same code again, and one from two steps ago, are refused', async () => {
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
    expect((await claims(page)).acr).toBe('otp');
    await w.context.close();

    // The fresh code, once used, is refused to the next login too.
    const again = await openPage(browser);
    await toOtpStep(again);
    await again.page.getByLabel('Code', { exact: true }).fill(fresh);
    await expect.poll(() => again.page.getByRole('alert').textContent()).toBe('This code was already used. Wait for the next one.');
    expect(await again.cspViolations()).toEqual([]);
    await again.context.close();
  });

  it('offers "Show a new code" once the enrollment QR expired, with a new key that then works', async () => {
    await stack.backend.addUser('oscar', 'oscar password 1');
    stack.backend.clock.now = T0;
    const w = await openPage(browser);
    const { page } = w;
    await page.clock.install({ time: T0 }); // the widget's countdown runs on this clock
    await page.goto(`${stack.rpUrl}/embedded?acr=otp`);
    await page.getByLabel('Username').fill('oscar');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('oscar password 1');
    await page.keyboard.press('Enter');
    const qr = page.locator('[part~="qr"]');
    await qr.waitFor();
    const first = new URL(decodeQr(await qr.screenshot())!).searchParams.get('secret')!;
    await expect.poll(() => page.locator('[part~="countdown"]').textContent()).toMatch(/expires in 2:00|expires in 1:59/);

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
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).acr).toBe('otp');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});
