// Every step kind in every theme of the demo's Theming page: no accessibility violation (axe-core), no CSP
// violation, and pixels that match the committed reference images; plus a right-to-left rendering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startRp, type RunningRp } from '../../demo/rp/app.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { freePort } from '../helpers/ports.js';
import { compareWithReference } from '../helpers/screenshots.js';

const THEMES = ['default', 'dark', 'brand'] as const;
// A fixed moment, where the page's clock stands still: countdowns read the same in every run.
const FROZEN = Date.parse('2026-11-24T12:00:00Z');

let rp: RunningRp;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  // The previews need no provider: preview mode never talks to it.
  rp = await startRp({
    port,
    url: `http://localhost:${port}`,
    issuer: 'http://localhost:9',
    clientId: 'unused',
    clientSecret: 'unused',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rp?.close();
});

async function themingPage(query: string): Promise<WatchedPage> {
  const w = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  // Date.now() stays there (timers still run), so countdowns read the same however long a busy machine takes.
  await w.page.clock.setFixedTime(FROZEN);
  const requests: string[] = [];
  w.page.on('request', (r) => requests.push(r.url()));
  await w.page.goto(`${rp.url}/theming${query}`);
  await w.page.waitForFunction(() =>
    [...document.querySelectorAll('gluu-login')].every((el) => el.shadowRoot?.querySelector('.gl h2')),
  );
  // The issuer's origin exactly (a bare prefix would also take an RP port that starts with 9).
  expect(requests.filter((u) => new URL(u).origin === 'http://localhost:9')).toEqual([]);
  return w;
}

describe('the Theming page', () => {
  for (const theme of THEMES) {
    it(`${theme}: every step kind has no axe violation, no CSP violation, and looks as recorded`, async () => {
      const w = await themingPage(theme === 'default' ? '' : `?theme=${theme}`);
      const axe = await new AxeBuilder({ page: w.page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(await w.cspViolations()).toEqual([]);
      expect(w.pageErrors).toEqual([]);

      const ids = await w.page.locator('article.preview').evaluateAll((cards) => cards.map((c) => c.id));
      expect(ids.length).toBeGreaterThanOrEqual(15);
      const kinds = new Set(
        await w.page
          .locator('article.preview')
          .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.kind)),
      );
      for (const kind of [
        'username',
        'password',
        'otp_enroll',
        'otp',
        'sms_code',
        'phone_enroll',
        'email_code',
        'email_enroll',
        'phonecheck',
        'webauthn',
        'done',
        'failed',
      ])
        expect(kinds.has(kind), kind).toBe(true);
      const mismatched: string[] = [];
      for (const id of ids) {
        const shot = await w.page.locator(`#${id} gluu-login`).screenshot({ animations: 'disabled', caret: 'hide' });
        const result = compareWithReference(`theming/${theme}/${id}`, shot);
        if (result.differing > 0.005)
          mismatched.push(
            `${id}: ${(result.differing * 100).toFixed(2)}% of pixels differ (see test-results/screenshots/diff)`,
          );
      }
      expect(mismatched).toEqual([]);
      await w.screenshot(`theming-${theme}`);
      await w.context.close();
    });
  }

  it('lays out right-to-left for Arabic, and translates with a language module', async () => {
    const rtl = await themingPage('?lang=ar');
    const dirs = await rtl.page
      .locator('gluu-login')
      .evaluateAll((els) => els.map((el) => el.shadowRoot!.querySelector('.gl')!.getAttribute('dir')));
    expect(new Set(dirs)).toEqual(new Set(['rtl']));
    const axe = await new AxeBuilder({ page: rtl.page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    const shot = await rtl.page
      .locator('#preview-password-error gluu-login')
      .screenshot({ animations: 'disabled', caret: 'hide' });
    expect(compareWithReference('theming/rtl/preview-password-error', shot).differing).toBeLessThanOrEqual(0.005);
    await rtl.context.close();

    const pt = await themingPage('?lang=pt-BR');
    const heading = await pt.page
      .locator('#preview-password gluu-login')
      .evaluate((el) => el.shadowRoot!.querySelector('h2')!.textContent);
    expect(heading).toBe('Digite sua senha');
    expect(await pt.cspViolations()).toEqual([]);
    await pt.context.close();
  });
});
