// tru.ID phone check in Chromium with two browsers: a desktop signing in through the demo RP, and a phone
// (a second context sized like one) that scans the QR, picks the number the desktop shows, and plays the
// mobile network on the simulator's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { decodeQr } from '../helpers/qr.js';
import { claims, logInWithPassword } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
  await stack.backend.addUser('paz', 'paz password 12', { phone: '+14155552671' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const toPhoneCheck = (page: Page) => logInWithPassword(page, stack.rpUrl, 'tru_id', 'paz', 'paz password 12');

/** Signs in on the desktop up to the QR, and reads the link from the QR as a phone camera would. */
async function desktopToQr(desktop: WatchedPage): Promise<string> {
  const { page } = desktop;
  await toPhoneCheck(page);
  await page.getByRole('heading', { name: 'Confirm with your phone' }).waitFor();
  const qr = page.locator('[part~="qr"]');
  await qr.waitFor();
  const link = decodeQr(await qr.screenshot());
  expect(link).toMatch(new RegExp(`^${stack.backend.issuer}/pc/[\\w-]{22}$`));
  return link!;
}

/** The number the desktop shows, to pick on the phone. */
async function shownNumber(desktop: WatchedPage): Promise<string> {
  const text = await desktop.page.getByText(/^On your phone, choose the number \d\d\.$/).textContent();
  return /\d\d/.exec(text!)![0];
}

async function phone(): Promise<WatchedPage> {
  return openPage(browser, { viewport: { width: 390, height: 844 } });
}

/** The phone opens the link, picks the desktop's number, and picks an outcome on the simulated mobile network. */
async function phoneWalk(w: WatchedPage, desktop: WatchedPage, link: string, outcome: RegExp): Promise<string> {
  const { page } = w;
  await page.goto(link);
  await page.getByRole('heading', { name: 'Approve a sign-in to Demo RP on another device' }).waitFor();
  expect(await page.locator('strong[dir="ltr"]').textContent()).toBe('+• ••• ••• •• 71');
  await w.screenshot('phonecheck-phone-consent');
  await page.getByRole('button', { name: await shownNumber(desktop), exact: true }).click();
  await page.getByRole('button', { name: outcome }).click();
  await page.waitForURL(/\/pc\/[\w-]{22}\/done\?/);
  return (await page.locator('main').textContent())!;
}

describe('tru.ID phone check through the demo RP', () => {
  it('desktop QR -> phone on mobile data -> the desktop lands on the RP with acr tru_id', async () => {
    const desktop = await openPage(browser);
    const link = await desktopToQr(desktop);
    expect(
      await desktop.page.getByText('Turn off WiFi on your phone so the check runs over mobile data.').count(),
    ).toBe(1);
    await desktop.screenshot('phonecheck-desktop-qr');
    const handset = await phone();
    const shown = await phoneWalk(handset, desktop, link, /On mobile data, this SIM/);
    expect(shown).toContain('Verified — you can close this page');
    await handset.screenshot('phonecheck-phone-verified');
    await desktop.page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(desktop.page);
    expect(c.acr).toBe('tru_id');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'mca', 'mfa']);
    expect(await desktop.cspViolations()).toEqual([]);
    expect(await handset.cspViolations()).toEqual([]);
    expect(desktop.pageErrors).toEqual([]);
    await desktop.context.close();
    await handset.context.close();
  });

  it('on WiFi: both screens say so, and the desktop offers the SMS fallback', async () => {
    const desktop = await openPage(browser);
    const link = await desktopToQr(desktop);
    const handset = await phone();
    expect(await phoneWalk(handset, desktop, link, /On WiFi/)).toContain('Your phone was on WiFi');
    await desktop.page
      .getByText(/Your phone was on WiFi/)
      .first()
      .waitFor();
    const fallback = desktop.page.getByRole('button', { name: 'Use a text message instead' });
    await fallback.waitFor();
    await desktop.screenshot('phonecheck-desktop-wifi');
    await fallback.click();
    await desktop.page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await desktop.context.close();
    await handset.context.close();
  });

  it('with another SIM: both screens say the SIM does not have the number', async () => {
    const desktop = await openPage(browser);
    const link = await desktopToQr(desktop);
    const handset = await phone();
    expect(await phoneWalk(handset, desktop, link, /Another SIM/)).toContain(
      'SIM does not have the number on your account',
    );
    await desktop.page.getByText('This phone’s SIM does not have the number on your account.').first().waitFor();
    await desktop.context.close();
    await handset.context.close();
  });

  it('Deny on the phone stops the desktop sign-in', async () => {
    const desktop = await openPage(browser);
    const link = await desktopToQr(desktop);
    const handset = await phone();
    await handset.page.goto(link);
    await handset.page.getByRole('button', { name: 'Deny' }).click();
    await handset.page.getByText('You denied the request').waitFor();
    await desktop.page.getByText('The request was denied on the phone.').first().waitFor();
    // Stopped, not waiting on: the sign-in failed, and only starting again is offered.
    await desktop.page.getByRole('heading', { name: 'Sign-in failed' }).waitFor();
    expect((await desktop.page.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual(['Start again']);
    await desktop.screenshot('phonecheck-desktop-denied');
    await desktop.context.close();
    await handset.context.close();
  });

  it('offers a new code once the check expired, with a new link in the QR', async () => {
    const desktop = await openPage(browser);
    const start = Date.now();
    await desktop.page.clock.install({ time: start });
    stack.backend.clock.now = start;
    try {
      const first = await desktopToQr(desktop);
      stack.backend.clock.now = start + 121_000;
      await desktop.page.clock.fastForward('02:01');
      const renew = desktop.page.getByRole('button', { name: 'Show a new code' });
      await renew.waitFor();
      await renew.click();
      const qr = desktop.page.locator('[part~="qr"]');
      await qr.waitFor();
      const second = decodeQr(await qr.screenshot());
      expect(second).toMatch(/\/pc\/[\w-]{22}$/);
      expect(second).not.toBe(first);
    } finally {
      stack.backend.clock.now = undefined;
    }
    await desktop.context.close();
  });
});
