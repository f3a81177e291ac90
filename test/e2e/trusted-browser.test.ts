// "Remember this browser" in Chromium through the demo RP's hosted sign-in: after the authenticator app the
// user trusts the browser; signed out and in again there, the app is not asked (the id_token's amr says so);
// in a fresh browser context (no device token) it is.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { enrolledApp, totp } from '../helpers/authenticator-app.js';

const PASSWORD = 'tess password 123';

describe('trusted browser', () => {
  let stack: DemoStack;
  let browser: Browser;
  let secret = '';

  const code = async () => {
    const clock = stack.backend.clock;
    clock.now = (clock.now ?? Date.now()) + 30_000;
    return totp(secret, clock.now);
  };

  const page = async () => {
    const w = await openPage(browser);
    onTestFailed(async () => {
      await w.screenshot('trusted-browser-failed').catch(() => {});
    });
    return w;
  };

  /** From the RP's start page to the password answered (hosted page, acr otp). */
  const throughPassword = async ({ page }: WatchedPage) => {
    await page.goto(`${stack.rpUrl}/`);
    await page.selectOption('#acr', 'otp');
    await page.click('#login');
    await page.locator('gluu-login input[name="username"]').fill('tess');
    await page.keyboard.press('Enter');
    await page.locator('gluu-login input[type="password"]').fill(PASSWORD);
    await page.keyboard.press('Enter');
  };

  const amrShown = async ({ page }: WatchedPage) =>
    JSON.parse((await page.locator('[data-claim="amr"] code').textContent()) ?? 'null') as string[];

  beforeAll(async () => {
    stack = await startDemoStack({
      methods: { otp: { enabled: true, issuer: 'Trusted Browser Test' } },
      lockout: { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } },
    });
    // The demo's own client lets the user choose (demo/start.ts); this stack's is set the same way.
    const demo = stack.backend.server.config.clients.find((c) => c.client_id === 'demo-rp')!;
    demo.trust_browser = 'user_choice';
    const tess = await stack.backend.addUser('tess', PASSWORD);
    ({ secret } = await enrolledApp(stack.backend.server, tess));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('trust a browser and skip the second factor there but not in a fresh context', async () => {
    const w = await page();
    await throughPassword(w);
    await w.page.locator('gluu-login input[autocomplete="one-time-code"]').fill(await code());
    await w.page.getByRole('heading', { name: 'Trust this browser?' }).waitFor();
    expect(await w.page.getByText('for 30 days').count()).toBe(1);
    await w.screenshot('trusted-browser-offer');
    await w.page.getByRole('button', { name: 'Trust this browser' }).click();
    await w.page.waitForURL(`${stack.rpUrl}/`);
    expect(await amrShown(w)).toEqual(['pwd', 'otp', 'mfa']);

    // Signed out (the provider's session too), then in again in the same browser: no app asked.
    await w.page.click('#logout');
    await w.page.getByRole('button', { name: 'Sign out' }).click();
    await w.page.locator('#login').waitFor();
    await throughPassword(w);
    await w.page.waitForURL(`${stack.rpUrl}/`);
    expect(await amrShown(w)).toEqual(['pwd']);
    expect(await w.page.locator('[data-claim="acr"] code').textContent()).toBe('otp');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();

    // A fresh context holds no device token: the app is asked.
    const fresh = await page();
    await throughPassword(fresh);
    await fresh.page.locator('gluu-login input[autocomplete="one-time-code"]').waitFor();
    await fresh.context.close();
  });
});
