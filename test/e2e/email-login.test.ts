// A person signing in with a code by e-mail, in Chromium, through the demo RP; the mailbox is the demo's
// Mailbox page, fed by the SMTP stand-in through real nodemailer. Then a person without an address adds
// one (the account has no second factor and enrollment.first_factor allows it), confirmed by its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword, refusedSignIn } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
let lea: string;

beforeAll(async () => {
  stack = await startDemoStack(
    { methods: { email_otp: { enabled: true } }, enrollment: { first_factor: true } },
    { mail: true },
  );
  const id = await stack.backend.addUser('eve', 'eve password 12', { email: 'eve@example.com' });
  await stack.backend.server.store.users.update(id, { emailVerified: true });
  lea = await stack.backend.addUser('lea', 'lea password 12');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/**
 * The newest code on the Mailbox page for `to` (read in a tab of its own, as a person would), once more than
 * `seen` code mails are there.
 */
async function codeFromMailbox(mailbox: Page, to: string, seen: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    await mailbox.goto(`${stack.rpUrl}/mailbox?to=${encodeURIComponent(to)}`);
    const texts = await mailbox.locator('#messages pre').allTextContents();
    const codes = texts.flatMap((t) => /^ {4}(\d{6})$/m.exec(t)?.[1] ?? []);
    if (codes.length > seen) return codes[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new code mail to ${to}`);
}

const codeMails = (to: string) =>
  (stack.smtp?.inbox.list(to) ?? []).filter((m) => m.subject.endsWith('verification code')).length;

describe('e-mail codes through the demo RP', () => {
  it('the code from the Mailbox page signs in with acr email_otp', async () => {
    const seen = codeMails('eve@example.com');
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'email_otp', 'eve', 'eve password 12');
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    expect(await page.locator('[part~="identity"]').textContent()).toBe('e•••@example.com');
    expect(await page.locator('[part~="text"]').first().textContent()).toBe(
      'We sent a code by e-mail to e•••@example.com.',
    );
    const input = page.getByLabel('Code', { exact: true });
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    await w.screenshot('email-code');

    const mailbox = await w.context.newPage();
    const code = await codeFromMailbox(mailbox, 'eve@example.com', seen);
    await mailbox.close();
    await input.fill(code); // six digits submit by themselves
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('email_otp');
    expect(JSON.parse(c.amr!)).toEqual(expect.arrayContaining(['pwd', 'otp']));
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('a user without an address adds one, confirmed by the code mailed to it', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await logInWithPassword(page, stack.rpUrl, 'email_otp', 'lea', 'lea password 12');
    await page.getByRole('heading', { name: 'Add your e-mail address' }).waitFor();
    const address = page.getByLabel('E-mail address');
    expect(await address.getAttribute('type')).toBe('email');
    expect(await address.getAttribute('autocomplete')).toBe('email');
    await address.fill('lea@example.com');
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    expect(await page.getByRole('button', { name: 'Use another address' }).count()).toBe(1);

    const mailbox = await w.context.newPage();
    const code = await codeFromMailbox(mailbox, 'lea@example.com', 0);
    await mailbox.close();
    await page.getByLabel('Code', { exact: true }).fill(code);
    // The code proved the new address is at hand, not who holds the account: the id_token says password,
    // and the RP, which asked for email_otp, does not take it.
    expect(await refusedSignIn(page, stack.rpUrl)).toBe(
      'This sign-in proved password, weaker than the email_otp this page asks for. Sign in again.',
    );
    expect(await stack.backend.server.store.users.findById(lea)).toMatchObject({
      email: 'lea@example.com',
      emailVerified: true,
    });

    // Signing in again proves the address just added.
    await page.click('#sign-in-again');
    await page.getByLabel('Username').fill('lea');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('lea password 12');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const again = await w.context.newPage();
    const second = await codeFromMailbox(again, 'lea@example.com', 1);
    await again.close();
    await page.getByLabel('Code', { exact: true }).fill(second);
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('email_otp');
    expect(JSON.parse(c.amr!)).toEqual(expect.arrayContaining(['pwd', 'otp']));
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });
});
