// <gluu-account> in the user's language on both account pages, through the real provider in Chromium: a browser
// that asks for Arabic gets the demo RP's Account page and the provider's hosted /account page right to left,
// in the element's own Arabic texts (each page loads widget/account/i18n/ar.js beside the sign-in's ar.js).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { enrolledApp, totp } from '../helpers/authenticator-app.js';

const PASSWORD = 'noor password 123';

let stack: DemoStack;
let browser: Browser;
let secret = '';

beforeAll(async () => {
  stack = await startDemoStack({
    methods: { otp: { enabled: true, issuer: 'Account Test' } },
    webauthn: { second_factor: 'off' },
    default_acr: 'otp',
  });
  const noor = await stack.backend.addUser('noor', PASSWORD);
  ({ secret } = await enrolledApp(stack.backend.server, noor));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The app's next code, in a time step of its own (each code works once). */
async function code(): Promise<string> {
  const clock = stack.backend.clock;
  clock.now = (clock.now ?? Date.now()) + 30_000;
  return totp(secret, clock.now);
}

/** What a user who reads Arabic sees of the element: its direction, first heading and the scripts loaded. */
async function seenInArabic(page: Page) {
  const account = page.locator('gluu-account');
  await account.locator('section').first().waitFor();
  return {
    dir: await account.evaluate((el) => el.shadowRoot!.querySelector<HTMLElement>('.gl')!.dir),
    heading: await account.locator('section h2').first().textContent(),
    add: await account.getByRole('button', { name: 'إضافة تطبيق مصادقة' }).count(),
    scripts: await page.locator('script[src*="i18n"]').evaluateAll((s) => s.map((e) => e.getAttribute('src'))),
  };
}

describe('<gluu-account> in Arabic', () => {
  let w: WatchedPage;

  it('on the demo RP’s Account page, after a sign-in in Arabic', async () => {
    w = await openPage(browser, { viewport: { width: 900, height: 1000 } });
    await w.context.setExtraHTTPHeaders({ 'Accept-Language': 'ar' });
    const { page } = w;
    await page.goto(`${stack.rpUrl}/`);
    await page.selectOption('#acr', 'otp');
    await page.click('#login');
    const login = page.locator('gluu-login');
    await login.locator('input[name="username"]').fill('noor');
    await page.keyboard.press('Enter');
    await login.locator('input[type="password"]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await login.locator('input[autocomplete="one-time-code"]').fill(await code());
    await page.waitForURL(`${stack.rpUrl}/`);

    await page.click('#account');
    await page.waitForURL(/\/account/);
    expect(await seenInArabic(page)).toEqual({
      dir: 'rtl',
      heading: 'طرق تسجيل الدخول',
      add: 1,
      scripts: ['/assets/i18n/ar.js', '/assets/account/i18n/ar.js'],
    });
    expect(w.pageErrors).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
  });

  it('on the provider’s hosted /account page (the provider’s session signs it in)', async () => {
    const { page } = w;
    await page.goto(`${stack.backend.issuer}/account`);
    expect(await seenInArabic(page)).toEqual({
      dir: 'rtl',
      heading: 'طرق تسجيل الدخول',
      add: 1,
      scripts: ['/assets/i18n/ar.js', '/assets/account/i18n/ar.js'],
    });
    expect(w.pageErrors).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('loads the account texts of the language found, and none where there is none', async () => {
    const scriptsOf = async (url: string) =>
      [...(await (await fetch(url)).text()).matchAll(/src="([^"]*i18n[^"]*)"/g)].map((m) => m[1]);
    expect(await scriptsOf(`${stack.backend.issuer}/account?lang=zh`)).toEqual([
      '/assets/i18n/zh-CN.js',
      '/assets/account/i18n/zh-CN.js',
    ]);
    expect(await scriptsOf(`${stack.backend.issuer}/account?lang=sv`)).toEqual([]);
    // The RP serves them from its own origin, the widget's translations only.
    const rp = await fetch(`${stack.rpUrl}/assets/account/i18n/ar.js`);
    expect(rp.status).toBe(200);
    expect(await rp.text()).toContain('طرق تسجيل الدخول');
    for (const file of ['xx.js', 'ar.ts', '..%2Fi18n%2Far.js'])
      expect((await fetch(`${stack.rpUrl}/assets/account/i18n/${file}`)).status, file).toBe(404);
  });
});
