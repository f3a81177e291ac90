// A passkey on another device, in Chromium, through the demo RP: pia adds a passkey in one browser (a CDP
// virtual authenticator) after proving her phone; in another browser, which has no authenticator, the
// password login (webauthn.second_factor optional, as in the demo) asks for that passkey, and she picks
// "Text message" under "Use another way". The Phone and Mailbox pages are her phone and mailbox.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { addPlatformAuthenticator, launchBrowser, openPage, SCREENSHOTS } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword } from '../helpers/rp-pages.js';
import { smsCode } from '../helpers/sms-inbox.js';

let stack: DemoStack;
let browser: Browser;
let pia: string;

const PIA_PHONE = '+14155550145';
const PIA_MAIL = 'pia@example.com';

beforeAll(async () => {
  stack = await startDemoStack(
    {
      methods: { passkey: { enabled: true }, recovery_code: { enabled: true } },
      webauthn: { second_factor: 'optional' },
    },
    { sms: true, mail: true },
  );
  pia = await stack.backend.addUser('pia', 'pia password 123', { email: PIA_MAIL, phone: PIA_PHONE });
  await stack.backend.server.store.users.update(pia, { emailVerified: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The newest code texted to `to` (as the Phone page's JSON shows it), once more than `seen` codes were. */
async function nextSmsCode(to: string, seen: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${stack.rpUrl}/phone/messages?to=${encodeURIComponent(to)}`);
    const texts = ((await response.json()) as { to: string; body: string }[]).filter((m) => /#\d{6}$/.test(m.body));
    if (texts.length > seen) return smsCode(texts[0]!);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no new SMS to ${to}`);
}

/** The subjects the Mailbox page shows for `to`, newest first, once one matches `subject`. */
async function mailboxSubjects(page: Page, to: string, subject: string): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    await page.goto(`${stack.rpUrl}/mailbox?to=${encodeURIComponent(to)}`);
    const subjects = await page.locator('#messages strong').allTextContents();
    if (subjects.includes(subject)) return subjects;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subject}" to ${to}`);
}

const anotherWay = (page: Page) => page.getByRole('group', { name: 'Use another way' });

describe('a passkey on another device, through the demo RP', () => {
  it('pia adds a passkey in one browser once her phone is proven', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const { cdp, authenticatorId } = await addPlatformAuthenticator(w);
    await logInWithPassword(page, stack.rpUrl, 'twilio_sms', 'pia', 'pia password 123');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await nextSmsCode(PIA_PHONE, 0));
    await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    // The phone proven, the account gets its recovery codes.
    await page.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have kept them' }).click();
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('twilio_sms');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'sms', 'mfa']);
    const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
      credentials: unknown[];
    };
    expect(credentials).toHaveLength(1);
    expect(await stack.backend.server.store.credentials.listForUser(pia, 'webauthn')).toHaveLength(1);

    const subjects = await mailboxSubjects(page, PIA_MAIL, 'A new sign-in method was added to your account');
    expect(subjects).toContain('New recovery codes were made for your account');
    const texts = await page.locator('#messages pre').allTextContents();
    const added = texts.find((t) => t.includes('passkey or security key'));
    expect(added).toBeDefined();
    expect(added).not.toContain(PIA_PHONE);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('in a browser without it, the password login asks for the passkey; "Text message" signs in', async () => {
    const seen = stack.standIns!.inbox.list(PIA_PHONE).filter((m) => /#\d{6}$/.test(m.body)).length;
    const w = await openPage(browser);
    const { page } = w;
    // This laptop's own authenticator, which does not hold pia's passkey (that one is on her other device).
    await addPlatformAuthenticator(w);
    await logInWithPassword(page, stack.rpUrl, 'password', 'pia', 'pia password 123');
    await page.getByRole('heading', { name: 'Use your passkey or security key' }).waitFor();
    // The ceremony started by itself; this device has no passkey for pia, so it waits for another try.
    await page.getByText('Press Continue to use your passkey.').waitFor();
    const group = anotherWay(page);
    await group.waitFor();
    // Every factor pia has meets acr password; strongest first.
    expect((await group.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual([
      'Recovery code',
      'Phone check',
      'Text message',
    ]);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await w.screenshot('another-way-passkey');
    await group.screenshot({ path: path.join(SCREENSHOTS, 'another-way-passkey-group.png') });

    await group.getByRole('button', { name: 'Text message' }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    // The passkey stays offered, should the other device be at hand after all.
    expect((await group.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual([
      'Passkey or security key',
      'Recovery code',
      'Phone check',
    ]);
    await page.getByLabel('Code', { exact: true }).fill(await nextSmsCode(PIA_PHONE, seen));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    // The RP asked for password; the text message is what ran, and the id_token says so.
    expect(c.acr).toBe('twilio_sms');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'sms', 'mfa']);
    expect(c.sub).toBe(pia);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
});
