// <gluu-account> through the real provider, in Chromium: the hosted /account page signs in (authorization code
// + PKCE by the element itself, the provider's sign-in with password and authenticator app), lists the
// account, and adds a passkey (a virtual authenticator) after a step-up in the dialog, renames it and removes
// it, with the keyboard where a person would use it; an authenticator app from its QR code; new recovery codes;
// a new password; no CSP violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { addPlatformAuthenticator, launchBrowser, openPage } from '../helpers/browser.js';
import { enrolledApp, MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { decodeQr } from '../helpers/qr.js';

/** Polls until `fn`'s value matches, for up to 15 s: two cores run six agents' tests, so answers can lag. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** alice's password (the first test changes it). */
let password = 'alice password 12';

let backend: TestBackend;
let browser: Browser;
let secret = '';

/** The app's code in a time step of its own (the provider takes each code once). */
async function nextCode(): Promise<string> {
  backend.clock.now = (backend.clock.now ?? T0) + 30_000;
  return totp(secret, backend.clock.now);
}

beforeAll(async () => {
  backend = await startTestBackend({
    config: {
      methods: {
        otp: { enabled: true, issuer: 'Account Test' },
        passkey: { enabled: true },
        recovery_code: { enabled: true },
      },
      webauthn: { second_factor: 'optional' },
      default_acr: 'otp',
    } as never,
  });
  const alice = await backend.addUser('alice', password);
  secret = (await enrolledApp(backend.server, alice)).secret;
  backend.clock.now = T0;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await backend?.close();
});

/** Types the code the step asks for into the <gluu-login> inside `scope` (it submits itself when complete). */
async function typeCode(scope: Locator): Promise<void> {
  const input = scope.locator('input[autocomplete="one-time-code"]');
  await input.waitFor();
  await input.pressSequentially(await nextCode());
}

async function signInHosted(page: Page): Promise<Locator> {
  await page.goto(`${backend.issuer}/account`);
  const login = page.locator('gluu-login');
  await login.locator('input[name="username"]').fill('alice');
  await login.locator('input[name="username"]').press('Enter');
  await login.locator('input[name="password"]').fill(password);
  await login.locator('input[name="password"]').press('Enter');
  await typeCode(login);
  // The sign-in may offer a passkey (second_factor: optional): not now, the account page adds it; and the
  // first one shows a first set of recovery codes.
  const account = page.locator('gluu-account section').first();
  for (const name of ['Not now', 'I have kept them']) {
    const button = login.getByRole('button', { name });
    await Promise.race([button.waitFor(), account.waitFor()]);
    if (await button.isVisible()) await button.click();
  }
  await page.waitForURL(`${backend.issuer}/account`);
  await account.waitFor();
  return page.locator('gluu-account');
}

describe('<gluu-account> on the hosted /account page', () => {
  it('signs in by itself; a passkey after a step-up, renamed, removed; an app; new codes; password', async () => {
    const w = await openPage(browser, { viewport: { width: 900, height: 1000 } });
    await addPlatformAuthenticator(w);
    const account = await signInHosted(w.page);
    // The code and state are gone from the address bar; the token is in memory only.
    expect(w.page.url()).toBe(`${backend.issuer}/account`);
    expect(
      await w.page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })),
    ).not.toMatch(/gluu-account|Bearer/);
    const names = () => account.locator('[part="factor-name"]').allTextContents();
    expect(await names()).toEqual(['Authenticator 1']);

    // Add a passkey: first a proof (the app's code in the dialog), then the registration, in the same dialog.
    await account.getByRole('button', { name: 'Add a passkey' }).click();
    const dialog = account.locator('dialog');
    await eventually(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await dialog.locator('h2').first().textContent()).toBe('Confirm it’s you');
    expect((await new AxeBuilder({ page: w.page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
    await dialog.locator('gluu-login input').waitFor();
    await w.screenshot('account-dialog-step-up');
    await typeCode(dialog.locator('gluu-login'));
    await eventually(() => dialog.locator('h2').first().textContent()).toBe('Add a sign-in method');
    await dialog.locator('gluu-login').getByRole('button', { name: 'Create a passkey' }).click();
    await eventually(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await eventually(names).toHaveLength(2);
    await eventually(() => account.locator('[role="status"]:not(:empty)').textContent()).toBe(
      'The new sign-in method was added.',
    );

    // Rename it with the keyboard (the proof is still fresh: no dialog).
    const passkey = account.locator('[part="factor"]', { hasText: 'Passkey' });
    await passkey.getByRole('button', { name: 'Rename' }).focus();
    await w.page.keyboard.press('Enter');
    await w.page.keyboard.press('Control+A');
    await w.page.keyboard.type('Laptop key');
    await w.page.keyboard.press('Enter');
    await eventually(names).toContain('Laptop key');

    // Remove it: the question, then Remove.
    await passkey.getByRole('button', { name: 'Remove' }).focus();
    await w.page.keyboard.press('Enter');
    await w.page.keyboard.press('Enter');
    await eventually(names).toEqual(['Authenticator 1']);
    // The last second factor cannot go.
    expect(await account.locator('[part="factor"]').first().getByRole('button', { name: 'Remove' }).count()).toBe(0);

    // An authenticator app: the QR code in the dialog (its step loads from a file of its own), read as a phone
    // would, then the code it shows. The proof is still fresh: no step-up first.
    await account.getByRole('button', { name: 'Add an authenticator app' }).click();
    const qr = dialog.locator('gluu-login img[part="qr"]');
    await qr.waitFor();
    const uri = decodeQr(await qr.screenshot());
    const newSecret = new URL(uri ?? 'otpauth://x').searchParams.get('secret');
    expect(newSecret).toMatch(/^[A-Z2-7]{16,}$/);
    const appCode = dialog.locator('gluu-login input[autocomplete="one-time-code"]');
    await appCode.pressSequentially(await totp(newSecret!, backend.clock.now!));
    await eventually(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await eventually(names).toEqual(['Authenticator 1', 'Authenticator 2']);

    // New recovery codes, shown once; "I have kept them" puts them away.
    const codes = account.locator('section', { hasText: 'Recovery codes' });
    await codes.getByRole('button', { name: 'Get new codes' }).click();
    await eventually(() => codes.locator('[part="codes"] li').count()).toBe(10);
    expect(await codes.textContent()).toContain('your old codes no longer work');
    await codes.getByRole('button', { name: 'I have kept them' }).click();
    expect(await codes.locator('[part="codes"]').count()).toBe(0);
    expect(await codes.textContent()).toContain('You have 10 codes left.');

    // A new password: a common one is refused at the field, a good one taken.
    const form = account.locator('section', { hasText: 'New password' });
    await form.getByLabel('New password').fill('password123');
    await form.getByLabel('New password').press('Enter');
    await eventually(() => form.locator('[role="alert"]').count()).toBe(1);
    expect(await form.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('New password').fill('a much better passphrase 9');
    await form.getByLabel('New password').press('Enter');
    await eventually(() => form.locator('[role="status"]').textContent()).toBe('Your password was changed.');
    password = 'a much better passphrase 9';

    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.screenshot('account-hosted');
    await w.context.close();
  });

  it('signs out everywhere else: another browser then has to sign in again', async () => {
    const laptop = await openPage(browser, { viewport: { width: 900, height: 1000 } });
    const phone = await openPage(browser, { viewport: { width: 400, height: 900 } });
    await signInHosted(phone.page);
    const account = await signInHosted(laptop.page);
    const sessions = account.locator('section', { hasText: 'Where you’re signed in' });
    await eventually(() => sessions.locator('[part="session"]').count()).toBeGreaterThanOrEqual(2);
    expect(await sessions.locator('[part="badge"]').count()).toBe(1);
    // This browser has no "Sign out" of its own; "Sign out everywhere else" ends the others (the earlier test's
    // too), after a step-up in the dialog.
    const others = await sessions.getByRole('button', { name: 'Sign out', exact: true }).count();
    expect(others).toBe((await sessions.locator('[part="session"]').count()) - 1);
    await sessions.getByRole('button', { name: 'Sign out everywhere else' }).click();
    const dialog = account.locator('dialog');
    await typeCode(dialog.locator('gluu-login'));
    await eventually(() => sessions.locator('[role="status"]').textContent()).toBe('Signed out.');
    await eventually(() => sessions.locator('[part="session"]').count()).toBe(1);
    // The phone's account page, opened again, goes back to the provider's sign-in.
    await phone.page.goto(`${backend.issuer}/account`);
    await phone.page.locator('gluu-login input[name="username"]').waitFor();
    expect(laptop.pageErrors).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });

  it('serves the element and its translations from /assets, and nothing else from there', async () => {
    for (const file of ['gluu-account.js', 'account/i18n/de.js', 'account/i18n/pt-BR.js', 'account/i18n/zh-CN.js']) {
      const res = await fetch(`${backend.issuer}/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(/^text\/javascript/);
      expect(res.headers.get('access-control-allow-origin'), file).toBe('*');
    }
    expect(await (await fetch(`${backend.issuer}/assets/account/i18n/de.js`)).text()).toContain('Anmeldemethoden');
    for (const file of ['account/i18n/xx.js', 'account/i18n/..%2F..%2Fgluu-account.js', 'account/i18n/de.ts']) {
      expect((await fetch(`${backend.issuer}/assets/${file}`)).status, file).toBe(404);
    }
  });
});
