// <gluu-account> through the real provider, in Chromium: embedded in the demo RP's Account page (its token from
// the RP's code flow) and hosted at the provider's /account. Every change runs the step-up in the element's
// dialog first (the account's strongest factor: the authenticator app), then the change itself.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { addPlatformAuthenticator, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { enrolledApp, totp } from '../helpers/authenticator-app.js';
import { decodeQr } from '../helpers/qr.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';

const PASSWORD = 'kay password 123';
const PHONE = '+14155550123';
const NEW_PHONE = '+14155550188';

describe('<gluu-account> against the provider', () => {
  let stack: DemoStack;
  let browser: Browser;
  let kay = '';
  let secret = '';

  const server = () => stack.backend.server;
  /** The app's next code, in a time step of its own (each code works once). */
  const code = async (key = secret) => {
    const clock = stack.backend.clock;
    clock.now = (clock.now ?? Date.now()) + 30_000;
    return totp(key, clock.now);
  };
  const factorsOf = async (userId: string) =>
    (await server().store.credentials.listForUser(userId)).filter((c) => c.type !== 'recovery_code');

  /** Signs kay in at the demo RP (hosted page, acr otp) in `w`; ends on the RP's signed-in page. */
  const signIn = async (w: WatchedPage, useRecoveryCode?: string) => {
    const { page } = w;
    await page.goto(`${stack.rpUrl}/`);
    await page.selectOption('#acr', 'otp');
    await page.click('#login');
    await page.locator('gluu-login input[name="username"]').fill('kay');
    await page.keyboard.press('Enter');
    await page.locator('gluu-login input[type="password"]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    if (useRecoveryCode) {
      await page.locator('gluu-login button', { hasText: 'Recovery code' }).click();
      // The recovery code's own input (autocomplete off), not the app's code input it replaces.
      await page.locator('gluu-login input[name="code"][autocomplete="off"]').fill(useRecoveryCode);
      await page.keyboard.press('Enter');
      // The code stood in for the app: a new app may replace it, or not now.
      await page.locator('gluu-login button', { hasText: 'Not now' }).click();
    } else await page.locator('gluu-login input[autocomplete="one-time-code"]').fill(await code());
    // An account without recovery codes is shown a set at the end of the sign-in.
    const kept = page.locator('gluu-login button', { hasText: 'I have kept them' });
    const shown = await Promise.race([
      page.waitForURL(`${stack.rpUrl}/`).then(
        () => false,
        () => false,
      ),
      kept.waitFor().then(
        () => true,
        () => false,
      ),
    ]);
    if (shown) await kept.click();
    await page.waitForURL(`${stack.rpUrl}/`);
  };

  /** A page of this test, screenshot (test-results/screenshots/) if the test fails. */
  const page = async () => {
    const w = await openPage(browser);
    onTestFailed(async ({ task }) => {
      await w.screenshot(`account-page-failed-${task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => {});
    });
    return w;
  };

  const openAccount = async (w: WatchedPage) => {
    await w.page.click('#account');
    await w.page.waitForURL(/\/account/);
    await w.page.locator('gluu-account [part~="factor"]').first().waitFor();
  };

  /** Answers the step-up in the element's dialog with the app's code (a whole code sends itself). */
  const confirmWithApp = async (w: WatchedPage) => {
    await w.page.locator('gluu-account dialog gluu-login input[autocomplete="one-time-code"]').fill(await code());
  };

  /** Waits for what the page shows after an answer (up to 15 s: the machine may be busy). */
  const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

  const factorNames = (w: WatchedPage) => w.page.locator('gluu-account [part~="factor-name"]').allInnerTexts();

  beforeAll(async () => {
    stack = await startDemoStack(
      {
        methods: {
          otp: { enabled: true, issuer: 'Account Test' },
          passkey: { enabled: true },
          recovery_code: { enabled: true },
        },
        webauthn: { second_factor: 'off' },
        // What the hosted /account page signs in with too (each change asks for a proof of its own).
        default_acr: 'otp',
        sms: { enroll_phone: true },
      },
      { sms: true },
    );
    kay = await stack.backend.addUser('kay', PASSWORD, { phone: PHONE });
    ({ secret } = await enrolledApp(server(), kay));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('adds a passkey after a step-up in the dialog, renames it and removes it', async () => {
    const w = await page();
    await addPlatformAuthenticator(w);
    await signIn(w);
    await openAccount(w);
    expect(await factorNames(w)).toEqual(['Authenticator 1', '+1 ••• ••• •• 23']);

    await w.page.locator('gluu-account button', { hasText: 'Add a passkey' }).click();
    // The dialog asks for the strongest factor first, not the password.
    await poll(() => w.page.locator('gluu-account dialog').getAttribute('open')).not.toBeNull();
    await confirmWithApp(w);
    // Then the passkey ceremony (the virtual authenticator answers it).
    await w.page.locator('gluu-account dialog gluu-login button', { hasText: 'Create a passkey' }).click();
    await poll(() => factorNames(w)).toContain('Passkey 1');
    expect((await factorsOf(kay)).map((c) => c.type).sort()).toEqual(['totp', 'webauthn']);

    const passkey = w.page.locator('gluu-account [part~="factor"]', { hasText: 'Passkey 1' });
    await passkey.locator('button', { hasText: 'Rename' }).click();
    await passkey.locator('input').fill('Laptop');
    await passkey.locator('input').press('Enter');
    await poll(() => factorNames(w)).toContain('Laptop');
    expect((await factorsOf(kay)).find((c) => c.type === 'webauthn')?.metadata.name).toBe('Laptop');

    const laptop = w.page.locator('gluu-account [part~="factor"]', { hasText: 'Laptop' });
    await laptop.locator('button', { hasText: 'Remove' }).click();
    await laptop.locator('[part~="confirm"] button', { hasText: 'Remove' }).click();
    await poll(() => factorNames(w)).not.toContain('Laptop');
    expect((await factorsOf(kay)).map((c) => c.type)).toEqual(['totp']);
    expect(w.pageErrors).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('adds an authenticator app by decoding the QR code, and replaces the phone', async () => {
    const w = await page();
    await signIn(w);
    await openAccount(w);
    await w.page.locator('gluu-account button', { hasText: 'Add an authenticator app' }).click();
    await confirmWithApp(w);
    const qr = w.page.locator('gluu-account dialog gluu-login [part~="qr"]');
    await qr.waitFor();
    const uri = decodeQr(await qr.screenshot());
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const second = new URL(uri!).searchParams.get('secret')!;
    const input = w.page.locator('gluu-account dialog gluu-login input[autocomplete="one-time-code"]');
    await input.fill(await code(second));
    await poll(() => factorNames(w)).toEqual(['Authenticator 1', 'Authenticator 2', '+1 ••• ••• •• 23']);

    // The proof is still fresh: the phone is replaced without another step-up.
    await w.page.locator('gluu-account button', { hasText: 'Add a phone' }).click();
    const phone = w.page.locator('gluu-account dialog gluu-login input[type="tel"]');
    await phone.fill(NEW_PHONE);
    await phone.press('Enter');
    const sms = w.page.locator('gluu-account dialog gluu-login input[autocomplete="one-time-code"]');
    await sms.waitFor();
    await sms.fill(newestSmsCode(stack.standIns!.inbox, NEW_PHONE));
    await poll(() => factorNames(w)).toContain('+1 ••• ••• •• 88');
    expect((await server().store.users.findById(kay))?.phone).toBe(NEW_PHONE);
    // The number replaced is told, in case whoever replaced it was not its owner.
    await poll(() => stack.standIns!.inbox.list(PHONE).map((m) => m.body)).toContainEqual(
      expect.stringContaining('the phone number of your account was changed'),
    );
    await w.context.close();
  });

  it('new recovery codes are shown once, and one of them signs in', async () => {
    const w = await page();
    await signIn(w);
    await openAccount(w);
    await w.page.locator('gluu-account button', { hasText: 'Get new codes' }).click();
    await confirmWithApp(w);
    const shown = w.page.locator('gluu-account [part~="codes"]');
    await shown.waitFor();
    const codes = ((await shown.textContent()) ?? '').match(/[0-9A-Z]{5}-[0-9A-Z]{5}/g) ?? [];
    expect(codes).toHaveLength(10);
    await w.context.close();

    const again = await page();
    await signIn(again, codes[3]);
    expect(await again.page.locator('#username').textContent()).toBe('kay');
    await again.context.close();
  });

  it("ends another browser's session there: its next visit must sign in again", async () => {
    const other = await page();
    await signIn(other);
    await openAccount(other);
    const w = await page();
    await signIn(w);
    await openAccount(w);
    const sessions = w.page.locator('gluu-account [part~="session"]');
    expect(await sessions.count()).toBeGreaterThanOrEqual(2);
    await w.page.locator('gluu-account button', { hasText: 'Sign out everywhere else' }).click();
    await confirmWithApp(w);
    await poll(() => sessions.count()).toBe(1);
    expect(await sessions.first().textContent()).toContain('This browser');

    // The other browser's account token died with its session: the RP asks for a new one, and the provider,
    // with no session there any more, asks for a sign-in.
    await other.page.reload();
    await other.page.waitForURL(/\/interaction\//);
    await other.page.locator('gluu-login input[name="username"]').waitFor();
    await other.context.close();
    await w.context.close();
  });

  it('the hosted /account page signs in through the provider and lists the account', async () => {
    const w = await page();
    await w.page.goto(`${stack.backend.issuer}/account`);
    await w.page.locator('gluu-login input[name="username"]').fill('kay');
    await w.page.keyboard.press('Enter');
    await w.page.locator('gluu-login input[type="password"]').fill(PASSWORD);
    await w.page.keyboard.press('Enter');
    await w.page.locator('gluu-login input[autocomplete="one-time-code"]').fill(await code());
    await w.page.keyboard.press('Enter');
    await w.page.waitForURL(`${stack.backend.issuer}/account`);
    await w.page.locator('gluu-account [part~="factor"]').first().waitFor();
    expect(await factorNames(w)).toContain('Authenticator 1');
    expect(await w.page.locator('gluu-account [part~="session"]', { hasText: 'This browser' }).count()).toBe(1);
    expect(w.pageErrors).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});
