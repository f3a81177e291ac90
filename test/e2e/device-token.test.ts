// A browser that signed in before keeps signing in while a stranger's wrong passwords hold the account's
// shared counter in a wait: embedded, <gluu-login> keeps the device token in the RP page's localStorage and
// sends it back; hosted, the provider's HttpOnly cookie does the same. A browser without either waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims } from '../helpers/rp-pages.js';
import { loginCounter, Throttle } from '../../server/security/lockout.js';

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack();
  await stack.backend.addUser('walt', 'walt password 12');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signIn(w: WatchedPage, path: '/embedded' | '/login'): Promise<void> {
  const { page } = w;
  await page.goto(`${stack.rpUrl}${path}`);
  await page.getByLabel('Username').fill('walt');
  await page.keyboard.press('Enter');
  await page.getByLabel('Password', { exact: true }).fill('walt password 12');
  await page.keyboard.press('Enter');
}

/**
 * What an attacker's flood of wrong passwords from the browsers' own network (behind the same NAT, another
 * machine) leaves: the login's counter for that network waiting.
 */
async function flood(): Promise<void> {
  const throttle = new Throttle(stack.backend.server.store.counters, stack.backend.server.config.lockout);
  const { account } = throttle.keysFor('pwd', { login: 'walt' }, '127.0.0.99');
  for (let i = 0; i < 8; i++) await throttle.reserve([account]);
}

describe('device tokens in the browser', () => {
  it('embedded: the widget keeps the token; the same browser signs in during a flood, another one waits', async () => {
    const w = await openPage(browser);
    await signIn(w, '/embedded');
    await w.page.waitForURL(`${stack.rpUrl}/`);
    const stored = await w.page.evaluate(
      (issuer) => localStorage.getItem(`gluu-device:${issuer}`),
      stack.backend.issuer,
    );
    expect(stored).toMatch(/^v1\./);

    await flood();
    await signIn(w, '/embedded');
    await w.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(w.page)).acr).toBe('password');
    expect(w.pageErrors).toEqual([]);

    const stranger = await openPage(browser);
    await signIn(stranger, '/embedded');
    await expect
      .poll(() => stranger.page.getByRole('alert').textContent())
      .toBe('Too many failed attempts. Wait a moment before trying again.');
    await Promise.all([w.context.close(), stranger.context.close()]);
  });

  it('hosted: the provider sets an HttpOnly device cookie on the flow API; it signs in during a flood', async () => {
    // the first test's flood
    await stack.backend.server.store.counters.deletePrefix(`acct:pwd:${loginCounter('walt')}`);
    const w = await openPage(browser);
    await signIn(w, '/login');
    await w.page.waitForURL(`${stack.rpUrl}/`);
    const device = (await w.context.cookies(`${stack.backend.issuer}/flow`)).find((c) => c.name === 'gluu-device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/flow' });

    await flood();
    // A browser holding only that cookie (the provider session of the first sign-in would skip the page).
    const again = await openPage(browser);
    await again.context.addCookies([device!]);
    await signIn(again, '/login');
    await again.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(again.page)).acr).toBe('password');
    await Promise.all([w.context.close(), again.context.close()]);
  });
});
