// The hosted sign-in page branded by configuration, in the Theming page's three themes, as a person sees
// it: the logo, the product name, the colours and the stylesheet, with no CSP violation and no axe finding;
// pixels compared with docs/images/branding-<theme>.png, which are the pictures docs/branding.md shows (so
// the docs cannot drift from the page). And the card stays put when an error appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { HOSTED_THEMES, hostedScreenshot, hostedThemeYaml } from '../../demo/rp/theming-hosted.js';
import { startRp } from '../../demo/rp/app.js';
import { THEMES } from '../../demo/rp/theming.js';
import { freePort } from '../helpers/ports.js';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { authorizationRequest, discover } from '../helpers/oidc-client.js';
import { compareWithReference } from '../helpers/screenshots.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The hosted page of a new authorization request, its username step shown. */
async function hostedPage(backend: TestBackend, extra: Record<string, string> = {}): Promise<WatchedPage> {
  const config = await discover(backend.issuer, 'test-rp');
  const w = await openPage(browser, { viewport: { width: 720, height: 640 } });
  await w.page.goto((await authorizationRequest(config, extra)).url.href);
  await w.page.waitForURL(`${backend.issuer}/interaction/**`);
  await w.page.locator('gluu-login input[name="username"]').waitFor();
  await w.page.evaluate(() => document.fonts.ready);
  return w;
}

describe('the hosted page, branded by configuration', () => {
  for (const [theme, branding] of Object.entries(HOSTED_THEMES)) {
    it(`${theme}: shows the configured brand, under the CSP, and looks as recorded`, async () => {
      const backend = await startTestBackend({ config: { branding } });
      try {
        const w = await hostedPage(backend);
        const { page } = w;
        if (branding.product_name)
          await expect.poll(() => page.locator('.product-header').textContent()).toBe(branding.product_name);
        else expect(await page.locator('.product-header').count()).toBe(0);
        if (branding.logo) {
          const logo = page.locator('.product-header img');
          await expect.poll(() => logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        }
        const primary = branding.colors?.[theme === 'dark' ? 'dark' : 'light']?.primary;
        if (primary) {
          // The widget's own button takes the configured colour through its custom property.
          const button = page.getByRole('button', { name: 'Continue' });
          const expected = await page.evaluate((c) => {
            const probe = document.createElement('i');
            probe.style.color = c;
            document.body.append(probe);
            const rgb = getComputedStyle(probe).color;
            probe.remove();
            return rgb;
          }, primary);
          expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(expected);
        }
        if (theme === 'brand') {
          // The operator's texts: the page's title and the widget's heading.
          expect(await page.title()).toBe('Sign in to Test RP with Acme');
          await page.getByRole('heading', { name: 'Sign in to Test RP with your Acme ID' }).waitFor();
        }
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        expect(await w.cspViolations()).toEqual([]);
        expect(w.pageErrors).toEqual([]);
        const shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
        // The reference is the docs' own picture (test/e2e/__screenshots__/../../../docs/images/).
        const result = compareWithReference(`../../../docs/images/branding-${theme}`, shot);
        expect(result.differing, result.reference).toBeLessThanOrEqual(0.005);
        if (theme === 'brand') {
          // Every provider page wears it: a used finish link's page, with its "Start again" button.
          await page.goto(`${page.url()}/finish`);
          await page.getByRole('link', { name: 'Start again' }).waitFor();
          expect(await w.cspViolations()).toEqual([]);
          const error = await page.screenshot({ animations: 'disabled', caret: 'hide' });
          const errorResult = compareWithReference('../../../docs/images/branding-brand-error', error);
          expect(errorResult.differing, errorResult.reference).toBeLessThanOrEqual(0.005);
        }
        await w.context.close();
      } finally {
        await backend.close();
      }
    });
  }

  it('brand, in German: the operator’s German texts and the catalog’s', async () => {
    const backend = await startTestBackend({ config: { branding: HOSTED_THEMES.brand } });
    try {
      const w = await hostedPage(backend, { ui_locales: 'de' });
      expect(await w.page.title()).toBe('Mit Acme bei Test RP anmelden');
      await w.page.getByRole('heading', { name: 'Mit Ihrer Acme-ID bei Test RP anmelden' }).waitFor();
      expect(await w.cspViolations()).toEqual([]);
      await w.context.close();
    } finally {
      await backend.close();
    }
  });

  it('brand: the sign-out question, its buttons drawn like the widget’s', async () => {
    const backend = await startTestBackend({ config: { branding: HOSTED_THEMES.brand } });
    try {
      await backend.addUser('ada', 'ada password 12');
      const w = await hostedPage(backend);
      const signIn = w.page;
      await signIn.getByLabel('Username').fill('ada');
      await signIn.keyboard.press('Enter');
      await signIn.getByLabel('Password', { exact: true }).fill('ada password 12');
      await signIn.keyboard.press('Enter');
      // No RP answers its callback here: the session at the provider is what matters.
      await expect
        .poll(async () => (await w.context.cookies(backend.issuer)).some((c) => c.name === '_session'))
        .toBe(true);
      const page = await w.context.newPage();
      await page.goto(`${backend.issuer}/session/end?client_id=test-rp`);
      const signOut = page.getByRole('button', { name: 'Sign out' });
      const stay = page.getByRole('button', { name: 'Stay signed in' });
      await signOut.waitFor();
      // The primary filled and as tall as the widget's (48 px in this theme), the other link-like.
      const look = (b: typeof signOut) =>
        b.evaluate((el) => {
          const s = getComputedStyle(el);
          return { background: s.backgroundColor, height: el.getBoundingClientRect().height, radius: s.borderRadius };
        });
      expect(await look(signOut)).toEqual({ background: 'rgb(107, 33, 168)', height: 48, radius: '999px' });
      expect((await look(stay)).background).toBe('rgba(0, 0, 0, 0)');
      expect(await w.cspViolations()).toEqual([]);
      const shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      const result = compareWithReference('../../../docs/images/branding-brand-signout', shot);
      expect(result.differing, result.reference).toBeLessThanOrEqual(0.005);
      await w.context.close();
    } finally {
      await backend.close();
    }
  });

  it('keeps the card where it is when an error appears', async () => {
    const backend = await startTestBackend();
    try {
      const w = await hostedPage(backend);
      const { page } = w;
      const card = page.locator('main.card');
      await page.getByLabel('Username').fill('nobody');
      await page.keyboard.press('Enter');
      await page.getByLabel('Password', { exact: true }).waitFor();
      const before = (await card.boundingBox())!;
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.keyboard.press('Enter');
      await page.getByText('Incorrect username or password.').waitFor();
      const after = (await card.boundingBox())!;
      expect(after.height).toBeGreaterThan(before.height); // the error is in the card
      expect(after.y).toBe(before.y);
      expect(after.x).toBe(before.x);
      await w.context.close();
    } finally {
      await backend.close();
    }
  });
});

describe("the demo's Theming page", () => {
  it('shows the hosted page in each theme, beside the branding section that makes it', async () => {
    const port = await freePort();
    const rp = await startRp({
      port,
      url: `http://localhost:${port}`,
      issuer: 'http://localhost:9',
      clientId: 'unused',
      clientSecret: 'unused',
    });
    try {
      for (const { name } of THEMES) {
        const w = await openPage(browser, { viewport: { width: 390, height: 800 } });
        await w.page.goto(`${rp.url}/theming${name === 'default' ? '' : `?theme=${name}`}`);
        const img = w.page.locator('#hosted-screenshot');
        // Loaded (naturalWidth is the srcset's size for this screen, not the file's 720 px).
        await img.evaluate((i) => (i as HTMLImageElement).decode());
        expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
        // Sized to a phone's screen without a stylesheet rule: the page does not scroll sideways.
        expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
        const served = await w.page.request.get(`${rp.url}/assets/hosted/${name}.png`);
        expect(Buffer.from(await served.body()).equals(readFileSync(hostedScreenshot(name)))).toBe(true);
        expect(await w.page.locator('#hosted-config').textContent()).toBe(hostedThemeYaml(name));
        expect(await w.cspViolations()).toEqual([]);
        await w.context.close();
      }
    } finally {
      await rp.close();
    }
  });
});
