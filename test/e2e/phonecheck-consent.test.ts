// The phone-check consent page in Chromium, attacked as the reviewer did: someone who holds the victim's
// password starts a sign-in on their own desktop, so they know the link in its QR code (and the number it
// shows), and fetch the consent page themselves for a token. A page on another origin, opened by the
// victim's phone, then submits a form to the link's Allow. It must not count: the desktop keeps waiting,
// and the real consent page still works afterwards. Plus: the page passes axe.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { freePort } from '../helpers/ports.js';
import { decodeQr } from '../helpers/qr.js';
import { logInWithPassword } from '../helpers/rp-pages.js';
import { UserAgent } from '../helpers/user-agent.js';
import { openConsent } from '../helpers/phone-consent.js';
import { sha256 } from '../../server/security/random.js';

let stack: DemoStack;
let browser: Browser;
let evil: Server;
let evilOrigin: string;
/** What the attacker's page submits, by path: a form that posts itself to the victim flow's Allow. */
const evilPages = new Map<string, { action: string; fields: Record<string, string> }>();

beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
  await stack.backend.addUser('paz', 'paz password 12', { phone: '+14155552671' });
  browser = await launchBrowser();
  // Another origin than the issuer's (http://localhost:<port>): 127.0.0.1 is another site, too.
  const port = await freePort();
  evilOrigin = `http://127.0.0.1:${port}`;
  evil = createServer((req, res) => {
    const form = evilPages.get(req.url ?? '');
    if (!form) return res.writeHead(404).end();
    const inputs = Object.entries(form.fields)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><html lang="en"><title>Free prize</title>' +
        `<form method="post" action="${form.action}">${inputs}</form>` +
        '<script>document.forms[0].submit()</script></html>',
    );
  });
  await new Promise<void>((resolve) => evil.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
  await browser?.close();
  await stack?.close();
});

/** The attacker's desktop at the QR: the link it encodes and the number it shows. */
async function attackerAtQr(desktop: WatchedPage): Promise<{ link: string; number: string }> {
  const { page } = desktop;
  await logInWithPassword(page, stack.rpUrl, 'tru_id', 'paz', 'paz password 12');
  const qr = page.locator('[part~="qr"]');
  await qr.waitFor();
  const link = decodeQr(await qr.screenshot())!;
  expect(link).toMatch(new RegExp(`^${stack.backend.issuer}/pc/[\\w-]{22}$`));
  const number = /\d\d/.exec((await page.getByText(/^On your phone, choose the number \d\d\.$/).textContent())!)![0];
  return { link, number };
}

/** The flow the link reaches, as stored (version included). */
const storedFlow = (link: string) => stack.backend.server.store.flows.findByLink(sha256(link.split('/').at(-1)!));

describe('the phone-check consent page in a browser', () => {
  it('a page on another origin that posts to Allow from the victim’s phone changes nothing', async () => {
    const desktop = await openPage(browser);
    const { link, number } = await attackerAtQr(desktop);
    // The attacker's own copy of the page, for a token (bound to the attacker's cookie, not the victim's).
    const theirs = await openConsent(new UserAgent(), link);
    expect(theirs.token).toBeDefined();
    evilPages.set('/prize', { action: `${link}/allow`, fields: { token: theirs.token!, number } });
    const before = await storedFlow(link);
    expect(before).toBeDefined();

    const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
    // A phone that never opened the link, then one that has the consent page open in another tab.
    for (const opened of [false, true]) {
      const tab = opened ? await phone.context.newPage() : phone.page;
      if (opened) {
        await phone.page.goto(link);
        await phone.page.getByRole('heading', { name: 'Approve a sign-in to Demo RP on another device' }).waitFor();
      }
      await tab.goto(`${evilOrigin}/prize`);
      await tab.waitForURL(`${link}/allow`);
      await tab.getByRole('heading', { name: 'This answer was not accepted' }).waitFor();
      expect(await tab.locator('main').textContent()).toContain('nothing was approved or denied');
      expect(await storedFlow(link)).toEqual(before);
      // Nothing reached the desktop: it still waits for the phone, its number unchanged.
      await desktop.page.getByText('Waiting for your phone…').waitFor();
      await desktop.page.getByText(`On your phone, choose the number ${number}.`).waitFor();
    }
    const refusals = stack.backend.logs.filter(
      (l) =>
        l.event === 'auth.attempt' && l.method === 'tru_id' && l.outcome === 'refused' && l.reason === 'consent_forged',
    );
    expect(refusals).toHaveLength(2);

    // The real page, in the victim's own tab, still answers: the right number goes on to the mobile network.
    await phone.page.getByRole('button', { name: number, exact: true }).click();
    await phone.page.getByRole('button', { name: /On mobile data, this SIM/ }).waitFor();
    await desktop.page.getByText('Checking with your mobile network…').waitFor();
    expect(await phone.cspViolations()).toEqual([]);
    await desktop.context.close();
    await phone.context.close();
  });

  it('is accessible: no axe violation, real buttons; a wrong number stops the sign-in on both screens', async () => {
    const desktop = await openPage(browser);
    const { link, number } = await attackerAtQr(desktop);
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
    await phone.page.goto(link);
    await phone.page.getByRole('heading', { name: 'Approve a sign-in to Demo RP on another device' }).waitFor();
    const axe = await new AxeBuilder({ page: phone.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(await phone.page.locator('html').getAttribute('lang')).toBe('en');
    const group = phone.page.getByRole('group', { name: 'To approve, choose the number the other device shows' });
    const numbers = (await group.getByRole('button').allTextContents()).map((t) => t.trim());
    expect(numbers).toHaveLength(3);
    expect(numbers).toContain(number);
    expect(await phone.page.getByRole('button', { name: 'Deny' }).count()).toBe(1);
    expect(await phone.page.getByRole('term').allTextContents()).toEqual(['Device', 'Started', 'Network']);
    await phone.screenshot('phonecheck-consent');

    await phone.page.getByRole('button', { name: numbers.find((n) => n !== number)!, exact: true }).click();
    await phone.page.getByRole('heading', { name: 'That was not the number' }).waitFor();
    await desktop.page.getByText('The request was denied on the phone.').first().waitFor();
    await desktop.page.getByRole('heading', { name: 'Sign-in failed' }).waitFor();
    expect(await phone.cspViolations()).toEqual([]);
    await desktop.context.close();
    await phone.context.close();
  });
});
