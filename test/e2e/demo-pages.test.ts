// The demo as a newcomer meets it, in Chromium: the home page names the demo user and where its password is,
// and the ?lang= and ?light= switches (which reach the Log in buttons); the banner's provider URL opens a page;
// the Phone page and the signed-in page fit a phone's screen without scrolling sideways; the RP's buttons are
// drawn as the widget's; Back after a finished sign-in offers the way back to the application. In the widget
// (its previews on the Theming page): link-style buttons in line with the form's edge, the OTP key in balanced lines.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRp, type RunningRp } from '../../demo/rp/app.js';
import { PhoneInbox } from '../../demo/stand-ins/inbox.js';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { freePort } from '../helpers/ports.js';
import { claims, logInWithPassword } from '../helpers/rp-pages.js';
import { compareWithReference } from '../helpers/screenshots.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const PASSWORD_AT = 'in /srv/demo/data/demo-password, and printed by npm start';

let backend: TestBackend;
let rp: RunningRp;
let rpUrl: string;
let browser: Browser;
const inbox = new PhoneInbox();

beforeAll(async () => {
  const rpPort = await freePort();
  rpUrl = `http://localhost:${rpPort}`;
  const secret = randomBytes(32).toString('base64url');
  backend = await startTestBackend({
    rpOrigin: rpUrl,
    config: {
      clients: [
        {
          client_id: 'demo-rp',
          client_secret: secret,
          client_name: 'Demo RP',
          redirect_uris: [`${rpUrl}/callback`],
          post_logout_redirect_uris: [`${rpUrl}/`],
          allowed_origins: [rpUrl],
        },
      ],
    },
  });
  await backend.addUser('demo', 'demo password 1');
  rp = await startRp({
    port: rpPort,
    url: rpUrl,
    issuer: backend.issuer,
    clientId: 'demo-rp',
    clientSecret: secret,
    inbox,
    demoUser: { username: 'demo', passwordAt: PASSWORD_AT },
  });
  // What the stand-ins would have received: codes with their WebOTP line, and a long notice.
  // A fixed host, so the recorded image does not depend on the test port.
  const host = 'localhost:4000';
  for (const [i, to, body] of [
    [1, '+15555550123', `Your Demo RP sign-in code is 482913. It expires in 5 minutes.\n\n@${host} #482913`],
    [2, '+14155552671', 'A new phone number was added to your Demo RP account. If this was not you, contact support.'],
    [3, '+15555550123', `Your Demo RP sign-in code is 105728. It expires in 5 minutes.\n\n@${host} #105728`],
  ] as const)
    inbox.add({
      id: `SM${i}`,
      via: i === 2 ? 'smpp' : 'twilio',
      to,
      from: 'Demo',
      body,
      receivedAt: `2026-11-24T12:0${i}:00.000Z`,
      raw: {},
    });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rp?.close();
  await backend?.close();
});

/** How far the page reaches past the window's width (0: no sideways scroll). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the demo RP home page', () => {
  it('names the demo user and where its password is; documents ?lang= and ?light=, which reach Log in', async () => {
    const w = await openPage(browser, { viewport: DESKTOP });
    const { page } = w;
    await page.goto(rpUrl);
    expect(await page.locator('#demo-user').textContent()).toBe(`Demo user: demo. Its password: ${PASSWORD_AT}.`);
    const switches = page.locator('#switches');
    expect(await switches.textContent()).toContain('?lang=de');
    expect(await switches.textContent()).toContain('?light=1');
    // The provider's address on the page is a link, to a page.
    expect(await page.getByRole('link', { name: backend.issuer }).getAttribute('href')).toBe(backend.issuer);

    // Followed, the switches show what is on, and the embedded sign-in gets them.
    await switches.getByRole('link', { name: '?light=1' }).click();
    await page.waitForURL(`${rpUrl}/?light=1`);
    expect(await page.locator('#switches strong').textContent()).toBe('light=1');
    await page.goto(`${rpUrl}/?lang=de&light=1`);
    expect(await page.locator('#switches strong').textContent()).toBe('lang=de, light=1');
    await page.click('#embedded');
    const widget = page.locator('gluu-login');
    await widget.waitFor();
    expect(await widget.getAttribute('lang')).toBe('de');
    expect(await widget.getAttribute('no-shadow')).toBe('');
    // The German heading, in the light DOM (no shadow root).
    await expect.poll(() => page.locator('gluu-login h2').textContent()).toBe('Bei Demo RP anmelden');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it("draws its buttons as the widget's primary button (height, padding, weight, radius, focus ring)", async () => {
    const w = await openPage(browser, { viewport: DESKTOP });
    const { page } = w;
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return {
        height: s.height,
        padding: s.padding,
        fontWeight: s.fontWeight,
        radius: s.borderRadius,
        background: s.backgroundColor,
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        offset: s.outlineOffset,
      };
    };
    await page.goto(rpUrl);
    await page.locator('#acr').focus();
    await page.keyboard.press('Tab'); // focus-visible, as a keyboard user sees it
    const rpButton = await page.locator('#login').evaluate(look);
    await page.goto(`${rpUrl}/embedded?acr=password`);
    const submit = page.locator('gluu-login').getByRole('button', { name: 'Continue' });
    await page.locator('gluu-login').getByLabel('Username').focus();
    await page.keyboard.press('Tab');
    const widgetButton = await submit.evaluate(look);
    expect(rpButton).toEqual(widgetButton);
    await w.context.close();
  });
});

describe("the provider at the banner's URL", () => {
  it('answers / with a page that says what it is and links the discovery document and the health check', async () => {
    const response = await fetch(`${backend.issuer}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await response.text();
    expect(body).toContain('<h1>OpenID Provider</h1>');
    expect(body).toContain('href="/.well-known/openid-configuration"');
    expect(body).toContain('href="/healthz"');
    // Only the root: what lies under it is still oidc-provider's (its JSON 404 for an unknown path).
    const under = await fetch(`${backend.issuer}/nothing-here`);
    expect(under.status).toBe(404);
    expect(under.headers.get('content-type')).not.toContain('text/html');

    const w = await openPage(browser, { viewport: PHONE });
    await w.page.goto(backend.issuer);
    await w.page.getByRole('link', { name: 'Discovery document' }).click();
    expect(JSON.parse((await w.page.locator('body').textContent())!).issuer).toBe(backend.issuer);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});

describe('on a phone-sized screen (390 × 844)', () => {
  it('the Phone page lists the messages as cards: a sane height, no sideways scroll, as recorded', async () => {
    const w = await openPage(browser, { viewport: PHONE });
    const { page } = w;
    await page.goto(`${rpUrl}/phone`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(2 * PHONE.height);
    expect(await overflow(page)).toBe(0);
    // The text keeps its lines: the code's line is one line, not one character per line.
    const line = await page
      .locator('#messages pre')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(line).toBeGreaterThan(250);
    const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
    expect(compareWithReference('demo/phone-390', shot).differing).toBeLessThanOrEqual(0.005);
    await w.context.close();
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`the signed-in page (claims, UserInfo) does not scroll sideways at ${viewport.width} px`, async () => {
      const w = await openPage(browser, { viewport });
      const { page } = w;
      await logInWithPassword(page, rpUrl, 'password', 'demo', 'demo password 1');
      await page.waitForURL(`${rpUrl}/`);
      expect((await claims(page)).acr).toBe('password');
      expect(await overflow(page)).toBe(0);
      // Nor does anything inside it (a token in a box that scrolls on its own).
      const inner = await page
        .locator('main *')
        .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.tagName));
      expect(inner).toEqual([]);
      await w.screenshot(`demo-signed-in-${viewport.width}`);
      await w.context.close();
    });
});

describe('Back after a finished sign-in', () => {
  it('offers the way back to the application, not "expired"', async () => {
    const w = await openPage(browser, { viewport: DESKTOP });
    const { page } = w;
    await logInWithPassword(page, rpUrl, 'password', 'demo', 'demo password 1');
    await page.waitForURL(`${rpUrl}/`);
    await page.goBack();
    expect(page.url()).toMatch(new RegExp(`^${backend.issuer}/interaction/`));
    await page.getByRole('heading', { name: 'This sign-in is complete' }).waitFor();
    const back = page.getByRole('link', { name: 'Continue to Demo RP' });
    expect(await back.getAttribute('href')).toBe(`${rpUrl}/`);
    await back.click();
    await page.waitForURL(`${rpUrl}/`);
    expect((await claims(page)).acr).toBe('password');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});

describe('the widget on the Theming page', () => {
  it("puts link-style buttons' text on the form's edge, not 4 px in from it", async () => {
    const w = await openPage(browser, { viewport: DESKTOP });
    await w.page.goto(`${rpUrl}/theming`);
    await w.page.waitForFunction(() =>
      [...document.querySelectorAll('gluu-login')].every((el) => el.shadowRoot?.querySelector('.gl h2')),
    );
    // Each link-style button that starts a line ("Resend code", "Use a text message instead", ...), by preview.
    const offsets = await w.page.locator('gluu-login').evaluateAll((els) =>
      els.flatMap((el) => {
        const form = el.shadowRoot!.querySelector('form');
        if (!form) return [];
        const edge = form.getBoundingClientRect().left;
        return [...form.querySelectorAll<HTMLElement>('button.sb')]
          .filter((b) => !b.closest('.id, .er, p'))
          .map((b) => {
            const range = document.createRange();
            range.selectNodeContents(b);
            const left = range.getBoundingClientRect().left - edge;
            return `${el.closest('article')!.id} ${b.textContent!.trim()}: ${left}`;
          });
      }),
    );
    expect(offsets.length).toBeGreaterThanOrEqual(4);
    for (const offset of offsets) expect(offset).toMatch(/: 0$/);
    await w.context.close();
  });

  for (const viewport of [PHONE, DESKTOP])
    it(`breaks the OTP key into balanced lines at ${viewport.width} px, never its last group alone`, async () => {
      const w = await openPage(browser, { viewport });
      await w.page.goto(`${rpUrl}/theming`);
      const widget = w.page.locator('#preview-otp_enroll gluu-login');
      await widget.locator('summary').click();
      const key = widget.locator('[part~="secret"]');
      await key.waitFor();
      // How many groups of four sit on each line.
      const perLine = await key.evaluate((code) => {
        // The key's own text node (Lit's markers are comments beside it).
        const text = [...code.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
        const lines = new Map<number, number>();
        for (const match of text.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const top = Math.round(range.getBoundingClientRect().top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
        return [...lines.values()];
      });
      expect(perLine.reduce((a, b) => a + b)).toBe(8);
      expect(Math.max(...perLine) - Math.min(...perLine)).toBeLessThanOrEqual(1);
      const shot = await key.screenshot({ animations: 'disabled' });
      expect(compareWithReference(`demo/otp-key-${viewport.width}`, shot).differing).toBeLessThanOrEqual(0.005);
      await w.context.close();
    });
});
