// "Use another way", recovery codes and a forgotten password, in Chromium, through the demo RP, with the demo's
// Phone and Mailbox pages as the user's phone and mailbox (fed by the Twilio and SMTP stand-ins):
// - rosa has an authenticator app; her first sign-in that proves it shows her recovery codes; she then loses
//   the app, signs in with a recovery code, and enrolls a new app, which replaces the lost one;
// - rosa forgets her password: the code from the Mailbox page, then her app, then a new password;
// - tom's SMS quota is spent: the SMS step says so and offers his app instead;
// - every change is told on the Mailbox page, with no code, key or full number in the notices.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';
import { launchBrowser, openPage, SCREENSHOTS, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { decodeQr } from '../helpers/qr.js';
import { claims, logInWithPassword, refusedSignIn } from '../helpers/rp-pages.js';
import { smsCode } from '../helpers/sms-inbox.js';

let stack: DemoStack;
let browser: Browser;
let rosa: string;
let tom: string;

const ROSA_MAIL = 'rosa@example.com';
const TOM_MAIL = 'tom@example.com';
const TOM_PHONE = '+14155550123';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The backend's clock, one TOTP step further for every code typed (an app's code is good once). */
let steps = 0;
function nextTotpStep(): number {
  steps += 2;
  stack.backend.clock.now = MID_TOTP_STEP + steps * 30_000;
  return stack.backend.clock.now;
}

beforeAll(async () => {
  stack = await startDemoStack(
    {
      methods: { otp: { enabled: true, issuer: 'Demo Co' }, recovery_code: { enabled: true } },
      // rosa has no second factor yet: her app is her first one.
      enrollment: { first_factor: true },
      // Two texts per user in 15 minutes: tom's second sign-in by SMS spends his quota.
      sms: { limits: { per_user: { max: 2, window_seconds: 900 } } },
      password_reset: { enabled: true },
    },
    { sms: true, mail: true },
  );
  rosa = await stack.backend.addUser('rosa', 'rosa password 12', { email: ROSA_MAIL });
  await stack.backend.server.store.users.update(rosa, { emailVerified: true });
  tom = await stack.backend.addUser('tom', 'tom password 123', { email: TOM_MAIL, phone: TOM_PHONE });
  await stack.backend.server.store.users.update(tom, { emailVerified: true });
  nextTotpStep();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Mail {
  subject: string;
  text: string;
}

/** What the Mailbox page shows for `to`, newest first (read in a tab of its own, as a person would). */
async function mailboxPage(context: WatchedPage['context'], to: string): Promise<Mail[]> {
  const tab = await context.newPage();
  try {
    await tab.goto(`${stack.rpUrl}/mailbox?to=${encodeURIComponent(to)}`);
    const rows = await tab.locator('#messages tr').evaluateAll((trs) =>
      trs.slice(1).map((tr) => ({
        subject: tr.querySelector('strong')?.textContent ?? '',
        text: tr.querySelector('pre')?.textContent ?? '',
      })),
    );
    return rows;
  } finally {
    await tab.close();
  }
}

/** Waits until the Mailbox page shows a mail to `to` whose subject matches, more of them than `seen`. */
async function awaitMail(context: WatchedPage['context'], to: string, subject: RegExp, seen = 0): Promise<Mail> {
  for (let i = 0; i < 50; i++) {
    const mails = (await mailboxPage(context, to)).filter((m) => subject.test(m.subject));
    if (mails.length > seen) return mails[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subject}" to ${to}`);
}

const mailsTo = (to: string, subject: RegExp) =>
  (stack.smtp?.inbox.list(to) ?? []).filter((m) => subject.test(m.subject)).length;

/** The texts the Phone page shows for `to` that carry a code, newest first. */
async function textedCodes(to: string): Promise<string[]> {
  const response = await fetch(`${stack.rpUrl}/phone/messages?to=${encodeURIComponent(to)}`);
  const messages = (await response.json()) as { to: string; body: string }[];
  return messages.filter((m) => /#\d{6}$/.test(m.body)).map((m) => smsCode(m));
}

async function nextSmsCode(to: string, seen: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const codes = await textedCodes(to);
    if (codes.length > seen) return codes[0]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no new SMS to ${to}`);
}

/** The key of the authenticator app QR on screen, as a phone camera reads it. */
async function scanQr(page: Page): Promise<string> {
  const qr = page.locator('[part~="qr"]');
  await qr.waitFor();
  const uri = decodeQr(await qr.screenshot());
  if (!uri) throw new Error('the QR code could not be read');
  return new URL(uri).searchParams.get('secret')!;
}

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const anotherWay = (page: Page) => page.getByRole('group', { name: 'Use another way' });

/** rosa's lost app's key, the new app's, her recovery codes, and tom's app's key, as the tests learn them. */
let appKey = '';
let newAppKey = '';
let codes: string[] = [];
let tomKey = '';

describe('a lost authenticator app, through the demo RP', () => {
  it('rosa adds an app; the next sign-in that proves it shows ten recovery codes once', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'otp', 'rosa', 'rosa password 12');
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    appKey = await scanQr(page);
    await page.getByLabel('Code from the app').fill(await totp(appKey, stack.backend.clock.now!));
    // Adding the app proved only the password: no recovery codes yet, and the RP (which asked for otp) refuses.
    expect(await refusedSignIn(page, stack.rpUrl)).toMatch(/^This sign-in proved password, weaker than the otp/);

    await page.click('#sign-in-again');
    await page.getByLabel('Username').fill('rosa');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('rosa password 12');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await totp(appKey, nextTotpStep()));

    await page.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
    const list = page.locator('[part~="codes"] li');
    codes = (await list.allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await page.getByRole('button', { name: 'Copy codes' }).isVisible()).toBe(true);
    const download = page.getByRole('link', { name: 'Download' });
    expect(await download.getAttribute('download')).toBe('recovery-codes.txt');
    const href = (await download.getAttribute('href'))!;
    expect(href.startsWith('data:text/plain;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(href.slice(href.indexOf(',') + 1))).toBe(`${codes.join('\n')}\n`);
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot('recovery-codes');

    await page.getByRole('button', { name: 'I have kept them' }).click();
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();

    // Shown once: the next sign-in with the app goes straight to the RP.
    const again = await openPage(browser);
    await logInWithPassword(again.page, stack.rpUrl, 'otp', 'rosa', 'rosa password 12');
    await again.page.getByLabel('Code', { exact: true }).fill(await totp(appKey, nextTotpStep()));
    await again.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(again.page)).acr).toBe('otp');
    await again.context.close();
  });

  it('without the app: "Recovery code" under "Use another way", then a new app replaces the lost one', async () => {
    const usedNotices = mailsTo(ROSA_MAIL, /recovery code was used/);
    const w = await openPage(browser);
    const { page } = w;
    // The RP asks for the app; a recovery code is as strong (both level 50 in discovery's gluu_acr_levels), so the
    // RP accepts the recovery_code sign-in in its place.
    await page.goto(`${stack.rpUrl}/login?acr=otp`);
    await page.getByLabel('Username').fill('rosa');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('rosa password 12');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    const group = anotherWay(page);
    await group.waitFor();
    // At acr otp only what is as strong as the app stands in for it: a recovery code (rosa has no phone).
    expect((await group.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual(['Recovery code']);
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot('another-way-otp');
    await group.screenshot({ path: path.join(SCREENSHOTS, 'another-way-otp-group.png') });

    await group.getByRole('button', { name: 'Recovery code' }).click();
    await page.getByRole('heading', { name: 'Enter a recovery code' }).waitFor();
    const input = page.getByLabel('Recovery code');
    await input.fill('AAAAA-AAAAA');
    await page.keyboard.press('Enter');
    // The widget's own words for the server's invalid_code.
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That code is not right. Try again.');
    await input.fill(codes[0]!);
    await page.keyboard.press('Enter');

    // The code stood in for the app: a new app may take the lost one's place now ("Not now" keeps the old).
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    expect(await page.getByRole('button', { name: 'Not now' }).isVisible()).toBe(true);
    newAppKey = await scanQr(page);
    expect(newAppKey).not.toBe(appKey);
    await page.getByLabel('Code from the app').fill(await totp(newAppKey, stack.backend.clock.now!));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('recovery_code');
    expect(JSON.parse(c.amr!)).toEqual(expect.arrayContaining(['pwd', 'recovery_code']));
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);

    const notice = await awaitMail(w.context, ROSA_MAIL, /recovery code was used/, usedNotices);
    expect(notice.subject).toBe('A recovery code was used to sign in to your account');
    expect(notice.text).toMatch(/Codes left:\s+9/);
    await w.context.close();
  });

  it('the lost app no longer signs in; the new one does; a used recovery code is refused', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'otp', 'rosa', 'rosa password 12');
    const input = page.getByLabel('Code', { exact: true });
    await input.fill(await totp(appKey, nextTotpStep()));
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That code is not right. Try again.');

    await anotherWay(page).getByRole('button', { name: 'Recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That code is not right. Try again.');
    // Back to the app, which turned up.
    await anotherWay(page).getByRole('button', { name: 'Authenticator app' }).click();
    await page.getByLabel('Code', { exact: true }).fill(await totp(newAppKey, stack.backend.clock.now!));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
    const kinds = (await stack.backend.server.store.credentials.listForUser(rosa)).map((k) => k.type).sort();
    expect(kinds).toEqual([...Array(9).fill('recovery_code'), 'totp']);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('a forgotten password: the code from the Mailbox page, then the app, then the new password', async () => {
    const resets = mailsTo(ROSA_MAIL, /^Reset your/);
    const changed = mailsTo(ROSA_MAIL, /password was changed/);
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    await page.selectOption('#acr', 'otp');
    await page.click('#login');
    await page.getByLabel('Username').fill('rosa');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByText('If this account has a verified e-mail address, we sent a code to it.').waitFor();
    // Nothing about the account is offered to whoever typed its name.
    expect(await anotherWay(page).count()).toBe(0);

    const mail = await awaitMail(w.context, ROSA_MAIL, /^Reset your/, resets);
    const code = /^ {4}(\d{8})$/m.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    const input = page.getByLabel('Code', { exact: true });
    await input.fill(code === '00000000' ? '11111111' : '00000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not right/);
    await input.fill(code!);
    await page.keyboard.press('Enter');

    // The address alone does not change a password on an account with a second factor (ASVS 5.0 6.4.3).
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await page.getByText('Before your password is changed, confirm it’s you').waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await totp(newAppKey, nextTotpStep()));

    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('rosa found a new passphrase');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Your password was changed. Sign in with the new one.').waitFor();
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('rosa password 12');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Incorrect username or password.');
    await password.fill('rosa found a new passphrase');
    await page.keyboard.press('Enter');
    await page.getByLabel('Code', { exact: true }).fill(await totp(newAppKey, nextTotpStep()));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);

    const notice = await awaitMail(w.context, ROSA_MAIL, /password was changed/, changed);
    expect(notice.subject).toBe('Your password was changed');
    expect(notice.text).not.toContain('rosa found a new passphrase');
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
});

describe('a spent SMS quota, through the demo RP', () => {
  it('tom adds an app after proving his phone (one text), then signs in by SMS (the second)', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'otp', 'tom', 'tom password 123');
    // His phone is his second factor: he proves it before an app may bind, by the phone check the stand-ins
    // offer or, as he picks here, a text message.
    await page.getByRole('heading', { name: 'Confirm with your phone' }).waitFor();
    await anotherWay(page).getByRole('button', { name: 'Text message' }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await nextSmsCode(TOM_PHONE, 0));
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    tomKey = await scanQr(page);
    await page.getByLabel('Code from the app').fill(await totp(tomKey, nextTotpStep()));
    await page.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have kept them' }).click();
    // The phone was what this sign-in proved; the RP asked for otp.
    expect(await refusedSignIn(page, stack.rpUrl)).toMatch(/^This sign-in proved twilio_sms, weaker than the otp/);
    await w.context.close();

    const second = await openPage(browser);
    await logInWithPassword(second.page, stack.rpUrl, 'twilio_sms', 'tom', 'tom password 123');
    await second.page.getByLabel('Code', { exact: true }).fill(await nextSmsCode(TOM_PHONE, 1));
    await second.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(second.page)).acr).toBe('twilio_sms');
    await second.context.close();
  });

  it('the SMS step says the quota is spent and offers the app, which signs in', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'twilio_sms', 'tom', 'tom password 123');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())!.trim()).toBe(
      'Too many codes were sent. You can ask for a new one in 15 minutes.',
    );
    expect(await page.getByRole('button', { name: /^Resend code in \d+ s$/ }).isDisabled()).toBe(true);
    // No code went out, so none is said to have been sent, nor to have expired, and there is none to type.
    expect(await page.getByText('We sent a code').count()).toBe(0);
    expect(await page.getByText('The code expired').count()).toBe(0);
    expect(await page.getByLabel('Code', { exact: true }).count()).toBe(0);
    const group = anotherWay(page);
    await group.waitFor();
    // Strongest first: the app and a recovery code (level 50), the phone check (45); not SMS, whose quota is spent.
    expect((await group.getByRole('button').allTextContents()).map((t) => t.trim())).toEqual([
      'Authenticator app',
      'Recovery code',
      'Phone check',
    ]);
    expect(await textedCodes(TOM_PHONE)).toHaveLength(2); // no third text went out
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot('another-way-sms-quota');

    await group.getByRole('button', { name: 'Authenticator app' }).click();
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await totp(tomKey, nextTotpStep()));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    // The RP asked for twilio_sms; the app is what ran, and it is at least as strong.
    expect(c.acr).toBe('otp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'otp', 'mfa']);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
});

describe('notices on the Mailbox page', () => {
  it('tell rosa and tom of every change, with no code, key, password or full phone number', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/mailbox?to=${encodeURIComponent(ROSA_MAIL)}`);
    const subjects = await page.locator('#messages strong').allTextContents();
    // Newest first: the password changed; the new app added, the lost one removed and the recovery code used (told
    // within a second or two of each other, so in any order); the codes made; the first app added.
    const notices = subjects.filter((s) => !/^Reset your/.test(s));
    expect(notices[0]).toBe('Your password was changed');
    expect(notices.slice(1, 4).sort()).toEqual([
      'A new sign-in method was added to your account',
      'A recovery code was used to sign in to your account',
      'A sign-in method was removed from your account',
    ]);
    expect(notices.slice(4)).toEqual([
      'New recovery codes were made for your account',
      'A new sign-in method was added to your account',
    ]);
    await w.screenshot('mailbox-notices');
    expect(await w.cspViolations()).toEqual([]);

    const secrets = [
      appKey,
      newAppKey,
      tomKey,
      ...codes,
      ...codes.map((c) => c.replace('-', '')),
      'rosa password 12',
      'rosa found a new passphrase',
      'tom password 123',
      TOM_PHONE,
      TOM_PHONE.slice(1),
    ];
    const mails = [...(await mailboxPage(w.context, ROSA_MAIL)), ...(await mailboxPage(w.context, TOM_MAIL))].filter(
      (m) => !/^Reset your/.test(m.subject),
    );
    expect(mails.length).toBeGreaterThanOrEqual(8);
    for (const notice of mails) {
      for (const secret of secrets) expect(notice.text, notice.subject).not.toContain(secret);
      // No one-time code either (the notices' times are like 2026-12-03 23:40 UTC).
      expect(notice.text, notice.subject).not.toMatch(/(?<![\d-])\d{6,8}(?![\d-])/);
    }
    const tomSubjects = (await mailboxPage(w.context, TOM_MAIL)).map((m) => m.subject);
    expect(tomSubjects).toEqual(
      expect.arrayContaining([
        'A new sign-in method was added to your account',
        'New recovery codes were made for your account',
      ]),
    );
    await w.context.close();
  });
});
