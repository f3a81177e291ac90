// Which device gets the tru.ID QR code: every one but the phone itself, told apart by what the browser says it
// is, not by the window's width. A desktop window 600 px wide gets the QR (and the link beside it) and finishes
// the check; a phone gets "Continue on this phone" instead; a failed check shows in the error box of every
// other error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { decodeQr } from '../helpers/qr.js';
import { claims, logInWithPassword } from '../helpers/rp-pages.js';

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/18.0 Mobile/15E148 Safari/604.1';

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
  await stack.backend.addUser('pia', 'pia password 12', { phone: '+14155552671' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** From the RP, through the password, to the phone check's step. */
async function toPhoneCheck(w: WatchedPage) {
  await logInWithPassword(w.page, stack.rpUrl, 'tru_id', 'pia', 'pia password 12');
  await w.page.getByRole('heading', { name: 'Confirm with your phone' }).waitFor();
}

/** The phone (another browser context) opens `link`, picks the desktop's number, and plays the network. */
async function phoneApproves(desktop: WatchedPage, link: string, outcome: RegExp): Promise<void> {
  const handset = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await handset.page.goto(link);
  const text = await desktop.page.getByText(/^On your phone, choose the number \d\d\.$/).textContent();
  await handset.page.getByRole('button', { name: /\d\d/.exec(text!)![0], exact: true }).click();
  await handset.page.getByRole('button', { name: outcome }).click();
  await handset.page.waitForURL(/\/pc\/[\w-]{22}\/done\?/);
  await handset.context.close();
}

describe('the tru.ID step on each device', () => {
  it('a desktop window 600 px wide shows the QR and its link, and the check finishes', async () => {
    const desktop = await openPage(browser, { viewport: { width: 600, height: 800 } });
    await toPhoneCheck(desktop);
    const qr = desktop.page.locator('gluu-login [part~="qr"]');
    await qr.waitFor();
    const link = decodeQr(await qr.screenshot());
    expect(link).toMatch(new RegExp(`^${stack.backend.issuer}/pc/[\\w-]{22}$`));
    // The same link, to copy or to open, for a phone in desktop mode or the demo's simulator in another tab.
    const open = desktop.page.getByRole('link', { name: 'Continue on this phone' });
    expect(await open.getAttribute('href')).toBe(link);
    expect(await open.getAttribute('part')).toBe('link');
    await desktop.screenshot('phonecheck-desktop-600');
    await phoneApproves(desktop, link!, /On mobile data, this SIM/);
    await desktop.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(desktop.page)).acr).toBe('tru_id');
    expect(await desktop.cspViolations()).toEqual([]);
    expect(desktop.pageErrors).toEqual([]);
    await desktop.context.close();
  });

  it('a phone (by its user agent) gets "Continue on this phone" and no QR', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      userAgent: IPHONE_UA,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await logInWithPassword(page, stack.rpUrl, 'tru_id', 'pia', 'pia password 12');
    const cont = page.getByRole('link', { name: 'Continue on this phone' });
    await cont.waitFor();
    expect(await cont.getAttribute('part')).toBe('button primary-button');
    expect(await cont.getAttribute('href')).toMatch(/\/pc\/[\w-]{22}$/);
    expect(await page.locator('gluu-login [part~="qr"]').count()).toBe(0);
    await context.close();
  });

  it('a failed check (the phone on WiFi) shows in the error box, as an alert, once', async () => {
    const desktop = await openPage(browser, { viewport: { width: 1000, height: 800 } });
    await toPhoneCheck(desktop);
    const qr = desktop.page.locator('gluu-login [part~="qr"]');
    await qr.waitFor();
    await phoneApproves(desktop, decodeQr(await qr.screenshot())!, /On WiFi/);
    const alert = desktop.page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/Your phone was on WiFi/);
    expect(await alert.count()).toBe(1);
    // The box of every other error: the error colour on its tinted background.
    const box = await alert.evaluate((el) => {
      const box = el.closest('.er') ?? el;
      const s = getComputedStyle(box);
      return { className: box.className, color: s.color, background: s.backgroundColor };
    });
    expect(box.className).toBe('er');
    expect(box.color).toBe('rgb(180, 35, 24)');
    expect(box.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(await desktop.page.getByText(/Your phone was on WiFi/).count()).toBe(1);
    await desktop.screenshot('phonecheck-desktop-wifi-alert');
    await desktop.context.close();
  });
});
