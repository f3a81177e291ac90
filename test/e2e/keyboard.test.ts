// Every method completed with the keyboard alone (Tab, typing, Enter, Space): no mouse, no fill(), no
// click. Focus has to land where a person expects, and every control must be reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addPlatformAuthenticator, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { decodeQr } from '../helpers/qr.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, refusedSignIn } from '../helpers/rp-pages.js';
import { textedCodes } from '../helpers/sms-inbox.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';

let stack: DemoStack;
let browser: Browser;
const T0 = MID_TOTP_STEP;

beforeAll(async () => {
  // otto, noor and pax have no second factor: each adds a first one (enrollment.first_factor).
  stack = await startDemoStack(
    {
      methods: { otp: { enabled: true, issuer: 'Keys Co' }, passkey: { enabled: true } },
      webauthn: { second_factor: 'optional' },
      sms: { enroll_phone: true },
      enrollment: { first_factor: true },
    },
    { sms: true },
  );
  await stack.backend.addUser('kay', 'kay password 12', { phone: '+14155552671' });
  await stack.backend.addUser('noor', 'noor password 12');
  await stack.backend.addUser('otto', 'otto password 12');
  await stack.backend.addUser('pax', 'pax password 12');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The focused element, through shadow roots: its accessible label or text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return ''; // nothing focused: the body's text would match anything
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused control reads `name` (a person scanning the page with Tab). */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 25; i++) {
    const now = await focused(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(name)} (last: ${await focused(page)})`);
}

/** Presses Tab until `test` holds in the page (for controls whose label is not the thing to match). */
async function tabUntil(page: Page, test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 25; i++) {
    if (await page.evaluate(test)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what} (last: ${await focused(page)})`);
}

/** On the RP's home page: the method chosen with the arrow keys (as in a closed select), then "Log in". */
async function chooseAndLogIn(page: Page, acr: string): Promise<void> {
  await tabUntil(page, () => document.activeElement?.id === 'acr', 'the method select');
  const value = () => page.$eval('#acr', (e) => (e as HTMLSelectElement).value);
  for (let i = 0; i < 10 && (await value()) !== acr; i++) await page.keyboard.press('ArrowDown');
  expect(await value()).toBe(acr);
  await tabTo(page, 'Log in');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.backend.issuer}/interaction/**`);
}

async function startWith(w: WatchedPage, acr: string, who = 'kay', password = 'kay password 12'): Promise<void> {
  const { page } = w;
  await page.goto(stack.rpUrl);
  await chooseAndLogIn(page, acr);
  await typeCredentials(page, who, password);
}

/** On the provider's page (focus in Username): the username and the password, each sent with Enter. */
async function typeCredentials(page: Page, who: string, password: string): Promise<void> {
  await expect.poll(() => focused(page)).toBe('Username');
  await page.keyboard.type(who);
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('Password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/**
 * On "Check your phone" (focus in the code input): types the code the phone received after `before` codes
 * (texts that carry none, such as the notice that a phone number was added, are not counted).
 */
async function typeTextedCode(page: Page, phone: string, before: number): Promise<void> {
  await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
  await expect.poll(() => focused(page)).toBe('Code');
  await expect.poll(() => textedCodes(stack.standIns!.inbox, phone).length).toBe(before + 1);
  await page.keyboard.type(textedCodes(stack.standIns!.inbox, phone)[0]!);
}

async function skipPasskeyOffer(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
  await tabTo(page, 'Not now');
  await page.keyboard.press('Enter');
}

/**
 * The RP refused the sign-in, whose id_token's acr is weaker than the one it asked for (the login only
 * added a factor): "Sign in again" with Tab + Enter, back to the provider's page.
 */
async function signInAgain(page: Page, proved: string, asked: string): Promise<void> {
  expect(await refusedSignIn(page, stack.rpUrl)).toBe(
    `This sign-in proved ${proved}, weaker than the ${asked} this page asks for. Sign in again.`,
  );
  await tabTo(page, 'Sign in again');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.backend.issuer}/interaction/**`);
}

async function landed(page: Page, acr: string): Promise<void> {
  await page.waitForURL(`${stack.rpUrl}/`);
  expect((await claims(page)).acr).toBe(acr);
  await tabTo(page, 'Log out');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sign out?' }).waitFor();
  await expect.poll(() => focused(page)).toBe('Sign out');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${stack.rpUrl}/`);
}

describe('with the keyboard alone', () => {
  it('enrolls an authenticator app (reading the key from "Can’t scan it?"), then signs in with otp', async () => {
    const w = await openPage(browser);
    const { page } = w;
    stack.backend.clock.now = T0;
    try {
      await startWith(w, 'otp', 'otto', 'otto password 12');
      await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
      await tabTo(page, 'Can’t scan it?');
      await page.keyboard.press('Enter'); // opens the disclosure
      const secret = (await page.locator('[part~="secret"]').textContent())!.replace(/\s/g, '');
      await tabTo(page, 'Code from the app');
      await page.keyboard.type(await totp(secret, T0)); // submits at six digits
      // Adding the app proved nothing but the password: the RP asks for a sign-in with it.
      await signInAgain(page, 'password', 'otp');
      await typeCredentials(page, 'otto', 'otto password 12');
      await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
      await expect.poll(() => focused(page)).toBe('Code');
      stack.backend.clock.now = T0 + 30_000; // the next code: the one that enrolled is spent
      await page.keyboard.type(await totp(secret, T0 + 30_000));
      await skipPasskeyOffer(page);
      await landed(page, 'otp');
    } finally {
      stack.backend.clock.now = undefined;
    }
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('signs in with an SMS code', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const before = textedCodes(stack.standIns!.inbox, '+14155552671').length;
    await startWith(w, 'twilio_sms');
    await typeTextedCode(page, '+14155552671', before);
    await skipPasskeyOffer(page);
    await landed(page, 'twilio_sms');
    await w.context.close();
  });

  /**
   * The phone opens the check link from the desktop's QR, picks the number the desktop shows, and picks how it is
   * connected.
   */
  async function phoneAnswers(desktop: WatchedPage, outcome: RegExp): Promise<WatchedPage> {
    const qr = desktop.page.locator('[part~="qr"]');
    await qr.waitFor();
    const link = decodeQr(await qr.screenshot())!;
    expect(link).toMatch(/\/pc\/[\w-]{22}$/);
    const shown = /\d\d/.exec(
      (await desktop.page.getByText(/^On your phone, choose the number \d\d\.$/).textContent())!,
    )![0];
    const handset = await openPage(browser, { viewport: { width: 390, height: 844 } });
    await handset.page.goto(link);
    await handset.page.getByRole('heading', { name: /^Approve a sign-in to .+ on another device$/ }).waitFor();
    await tabTo(handset.page, shown);
    await handset.page.keyboard.press('Enter');
    await handset.page.getByRole('button', { name: outcome }).waitFor();
    await tabTo(handset.page, outcome);
    await handset.page.keyboard.press('Enter');
    await handset.page.waitForURL(/\/pc\/[\w-]{22}\/done\?/);
    return handset;
  }

  it('adds a phone number, then signs in with the code texted to it', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await startWith(w, 'twilio_sms', 'noor', 'noor password 12');
    await page.getByRole('heading', { name: 'Add your phone number' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Phone number');
    await page.keyboard.type('+1 (415) 555-0199');
    await page.keyboard.press('Enter');
    await typeTextedCode(page, '+14155550199', 0);
    // That code confirmed the number, not who holds the account: the next sign-in proves it.
    await signInAgain(page, 'password', 'twilio_sms');
    await typeCredentials(page, 'noor', 'noor password 12');
    await typeTextedCode(page, '+14155550199', 1);
    await skipPasskeyOffer(page);
    await landed(page, 'twilio_sms');
    await w.context.close();
  });

  it('checks the phone with tru.ID: the desktop waits on its QR, the phone answers by keyboard', async () => {
    const desktop = await openPage(browser);
    await startWith(desktop, 'tru_id');
    const handset = await phoneAnswers(desktop, /On mobile data, this SIM/);
    // kay has no passkey: the optional offer follows the proven phone check.
    await skipPasskeyOffer(desktop.page);
    await landed(desktop.page, 'tru_id');
    expect(await desktop.cspViolations()).toEqual([]);
    expect(await handset.cspViolations()).toEqual([]);
    await desktop.context.close();
    await handset.context.close();
  });

  it('falls back from tru.ID to a text message with Tab + Enter when the phone was on WiFi', async () => {
    const w = await openPage(browser);
    const { page } = w;
    // The RP accepts the text message tru.ID falls back to: it asks for both.
    await startWith(w, 'tru_id twilio_sms');
    const handset = await phoneAnswers(w, /On WiFi/);
    const before = stack.standIns!.inbox.list('+14155552671').length;
    await page.getByRole('button', { name: 'Use a text message instead' }).waitFor();
    await tabTo(page, 'Use a text message instead');
    await page.keyboard.press('Enter');
    await typeTextedCode(page, '+14155552671', before);
    await skipPasskeyOffer(page);
    await landed(page, 'twilio_sms');
    await w.context.close();
    await handset.context.close();
  });

  it('registers a passkey with Enter, then signs in passwordless with it', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await addPlatformAuthenticator(w);
    await startWith(w, 'password', 'pax', 'pax password 12');
    await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Create a passkey');
    await page.keyboard.press('Enter');
    await landed(page, 'password');

    // Passwordless with the passkey just made: Tab to "Sign in with a passkey", Enter. The virtual
    // authenticator would answer autofill (conditional mediation) by itself, so that is held back.
    await page.addInitScript(() => {
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) =>
        (options as { mediation?: string } | undefined)?.mediation === 'conditional'
          ? new Promise(() => {})
          : get(options);
    });
    await page.goto(stack.rpUrl);
    await chooseAndLogIn(page, 'passkey');
    await tabTo(page, 'Sign in with a passkey');
    await page.keyboard.press('Enter');
    await landed(page, 'passkey');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('skips the optional passkey offer', async () => {
    const w = await openPage(browser);
    // pax without the passkey made above: no second factor again, so the offer is that of a first one.
    await stack.backend.server.store.credentials.removeAllOfType(
      (await stack.backend.server.store.users.findByLogin('pax'))!.id,
      'webauthn',
    );
    await startWith(w, 'password', 'pax', 'pax password 12');
    await skipPasskeyOffer(w.page);
    await landed(w.page, 'password');
    await w.context.close();
  });
});

describe('what a keyboard and screen reader user notices', () => {
  it('shows a visible focus ring on every control reached with Tab', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    await chooseAndLogIn(page, 'password');
    await expect.poll(() => focused(page)).toBe('Username');
    const rings: string[] = [];
    for (let i = 0; i < 4; i++) {
      rings.push(
        await page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          const s = getComputedStyle(el!);
          return `${el!.tagName}:${s.outlineStyle}:${parseFloat(s.outlineWidth) >= 2 ? 'wide' : 'thin'}`;
        }),
      );
      await page.keyboard.press('Tab');
      if ((await focused(page)) === '') break;
    }
    // The username input, then the buttons after it: each drawn with a 2px solid outline.
    expect(rings.length).toBeGreaterThanOrEqual(2);
    for (const r of rings) expect(r).toMatch(/^(INPUT|BUTTON):solid:wide$/);
    await w.context.close();
  });

  it('announces the SMS countdown only when it runs out, not every second', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.clock.install();
    await startWith(w, 'twilio_sms');
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    // Every text a screen reader would be told: the contents of live regions, whenever they change.
    await page.evaluate(() => {
      const root = document.querySelector('gluu-login')!.shadowRoot!;
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const live = () =>
        [...root.querySelectorAll('[aria-live], [role="alert"], [role="status"]')]
          .map((e) => e.textContent!.trim())
          .filter(Boolean)
          .join(' | ');
      let last = live();
      new MutationObserver(() => {
        const now = live();
        if (now !== last) said.push(now);
        last = now;
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    const countdown = page.locator('[part~="countdown"]');
    const first = await countdown.textContent();
    await page.clock.runFor(10_000);
    expect(await countdown.textContent()).not.toBe(first); // it does tick on screen
    expect(await page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual([]);
    await page.clock.runFor(5 * 60_000);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said))
      .toEqual(['The code expired. Send a new one.']);
    await w.context.close();
  });
});
