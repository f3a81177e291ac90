// A person signing in with a code by text message, in Chromium, through the demo RP; the "phone" is the
// demo's Phone page (its JSON), fed by the Twilio and SMSC stand-ins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword, refusedSignIn } from '../helpers/rp-pages.js';
import { smsCode } from '../helpers/sms-inbox.js';

let stack: DemoStack;
let browser: Browser;
let sue: string;

beforeAll(async () => {
  // sue has no second factor: she may add her phone as the first one (enrollment.first_factor).
  stack = await startDemoStack({ sms: { enroll_phone: true }, enrollment: { first_factor: true } }, { sms: true });
  await stack.backend.addUser('sam', 'sam password 12', { phone: '+14155552671' });
  sue = await stack.backend.addUser('sue', 'sue password 12');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface PhoneMessage {
  to: string;
  via: string;
  body: string;
}

/** What the Phone page says arrived for `to`, newest first. */
async function phone(to: string): Promise<PhoneMessage[]> {
  const response = await fetch(`${stack.rpUrl}/phone/messages?to=${encodeURIComponent(to)}`);
  return (await response.json()) as PhoneMessage[];
}

/** The newest code texted to `to`, once more than `seen` codes were (a notice that a factor was added carries none). */
async function nextCode(to: string, seen: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const texts = (await phone(to)).filter((m) => /#\d{6}$/.test(m.body));
    if (texts.length > seen) return smsCode(texts[0]!);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no new SMS to ${to}`);
}

describe('SMS sign-in through the demo RP', () => {
  for (const [acr, via] of [
    ['twilio_sms', 'twilio'],
    ['smpp', 'smpp'],
  ] as const) {
    it(`${acr}: the code from the Phone page signs in with amr sms`, async () => {
      const seen = (await phone('+14155552671')).length;
      const w = await openPage(browser);
      const { page } = w;
      await logInWithPassword(page, stack.rpUrl, acr, 'sam', 'sam password 12');
      await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
      expect(await page.locator('[part~="identity"]').textContent()).toBe('+1 ••• ••• •• 71');
      const input = page.getByLabel('Code', { exact: true });
      expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
      expect(await input.getAttribute('inputmode')).toBe('numeric');
      await w.screenshot(`sms-code-${acr}`);
      const code = await nextCode('+14155552671', seen);
      const [latest] = await phone('+14155552671'); // read once the new text is there, not the previous test's
      expect(latest!.via).toBe(via);
      await input.fill(code); // six digits submit by themselves
      await page.waitForURL(`${stack.rpUrl}/`);
      const c = await claims(page);
      expect(c.acr).toBe(acr);
      expect(JSON.parse(c.amr!)).toEqual(['pwd', 'sms', 'mfa']);
      expect(await w.cspViolations()).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      await w.context.close();
    });
  }

  it('refuses a wrong code, an expired code and a replaced code; the resent one works', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const start = Date.now();
    stack.backend.clock.now = start;
    await page.clock.install({ time: start });
    const seen = (await phone('+14155552671')).length;
    await logInWithPassword(page, stack.rpUrl, 'twilio_sms', 'sam', 'sam password 12');
    const first = await nextCode('+14155552671', seen);
    const input = page.getByLabel('Code', { exact: true });
    const alert = page.getByRole('alert');

    const actions: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/flow/action')) actions.push(r.postData() ?? '');
    });
    await input.fill(first === '000000' ? '111111' : '000000');
    await expect.poll(() => alert.textContent()).toBe('That code is not right. Try again.');
    // The code sent itself once complete; Enter on the same wrong code sends nothing more (no second failure).
    expect(actions).toHaveLength(1);
    await input.press('Enter');
    await page.waitForTimeout(300);
    expect(actions).toHaveLength(1);

    // Five minutes later the code is dead; a resend brings a new one and retires the old.
    stack.backend.clock.now = start + 301_000;
    await page.clock.fastForward('05:01');
    await input.fill(first);
    await expect.poll(() => alert.textContent()).toBe('This code expired. Send a new one.');
    // Said once, by the error: the countdown under the input does not say it again.
    expect(await page.getByText(/expired/).allTextContents()).toEqual(['This code expired. Send a new one.']);
    await w.screenshot('sms-code-expired');
    const resend = page.getByRole('button', { name: /^Resend code/ });
    await expect.poll(() => resend.isEnabled()).toBe(true);
    // With the code dead, "Resend code" is the main button, and there is no Verify to press.
    expect(await resend.getAttribute('part')).toBe('button primary-button');
    expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
    await resend.click();
    await expect.poll(() => page.getByText('A new code was sent.').count()).toBe(1);
    const second = await nextCode('+14155552671', seen + 1);
    expect(await resend.isDisabled()).toBe(true); // the cooldown
    if (second !== first) {
      await input.fill(first);
      await expect.poll(() => alert.textContent()).toBe('That code is not right. Try again.');
    }
    await input.fill(second);
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).acr).toBe('twilio_sms');
    stack.backend.clock.now = undefined;
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('lets a user without a phone add one, confirmed by the code sent to it; the next sign-in proves it', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'smpp', 'sue', 'sue password 12');
    await page.getByRole('heading', { name: 'Add your phone number' }).waitFor();
    const number = page.getByLabel('Phone number');
    expect(await number.getAttribute('autocomplete')).toBe('tel');
    await number.fill('0612345678');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('international format');
    await w.screenshot('phone-enroll-invalid');
    await number.fill('+33 6 12 34 56 78');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    expect(await page.locator('[part~="identity"]').textContent()).toBe('+33 • •• •• •• 78');
    await page.getByLabel('Code', { exact: true }).fill(await nextCode('+33612345678', 0));
    // The code proved the new number is at hand, not who holds the account: the id_token says password,
    // and the RP, which asked for smpp, does not take it.
    expect(await refusedSignIn(page, stack.rpUrl)).toBe(
      'This sign-in proved password, weaker than the smpp this page asks for. Sign in again.',
    );
    expect(await stack.backend.server.store.users.findById(sue)).toMatchObject({
      phone: '+33612345678',
      phoneVerified: true,
    });
    await w.screenshot('phone-enrolled-rp-refuses');

    // Signing in again proves the phone just added.
    await page.click('#sign-in-again');
    await page.getByLabel('Username').fill('sue');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('sue password 12');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(await nextCode('+33612345678', 1));
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('smpp');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'sms', 'mfa']);
    const userinfo = JSON.parse((await page.locator('#userinfo').textContent())!) as Record<string, unknown>;
    expect(userinfo).toMatchObject({ phone_number: '+33612345678', phone_number_verified: true });
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('shows every message on the Phone page, newest first', async () => {
    const w = await openPage(browser);
    await w.page.goto(`${stack.rpUrl}/phone?to=${encodeURIComponent('+14155552671')}`);
    const rows = w.page.locator('#messages tr');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await rows.nth(1).textContent()).toContain('+14155552671');
    // All the texts the stand-ins received for the number (the earlier tests' codes), newest first.
    const received = stack.standIns!.inbox.list('+14155552671').map((m) => m.body);
    expect(await w.page.locator('#messages pre').allTextContents()).toEqual(received);
    await w.screenshot('demo-phone-page');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});
