// The finish URL of a sign-in is a bearer credential: whoever opens it carries the login in. Two people at
// two browsers (Chromium contexts) on the demo RP: an attacker who sends a victim the continue_url of the
// attacker's own embedded sign-in (login CSRF), a thief who opens a victim's continue_url, and a thief
// with a victim's hosted finish link. None of them may leave the other browser signed in as someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
let alice: string;
let mallory: string;

beforeAll(async () => {
  stack = await startDemoStack();
  alice = await stack.backend.addUser('alice', 'alice password 1');
  mallory = await stack.backend.addUser('mallory', 'mallory password 1');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/**
 * A browser whose <gluu-login> hands over its continue_url instead of going there (a page may cancel
 * gluu-login-success), as an attacker or anyone reading the URL would have it.
 */
async function keepingContinueUrl(): Promise<{ w: WatchedPage; continueUrl: () => Promise<string> }> {
  const w = await openPage(browser);
  let kept: string | undefined;
  await w.context.exposeBinding('__keepContinueUrl', (_source, url: string) => {
    kept = url;
  });
  await w.context.addInitScript(() => {
    document.addEventListener('gluu-login-success', (e) => {
      e.preventDefault();
      (window as unknown as { __keepContinueUrl(u: string): void }).__keepContinueUrl(
        (e as CustomEvent<{ continueUrl: string }>).detail.continueUrl,
      );
    });
  });
  return {
    w,
    continueUrl: async () => {
      await expect.poll(() => kept).toBeDefined();
      return kept!;
    },
  };
}

async function typeCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.keyboard.press('Enter');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
}

/** The continue_url of a sign-in as `username` on the RP's page (embedded), not followed. */
async function embeddedContinueUrl(username: string, password: string): Promise<string> {
  const { w, continueUrl } = await keepingContinueUrl();
  await w.page.goto(`${stack.rpUrl}/embedded`);
  await typeCredentials(w.page, username, password);
  const url = await continueUrl();
  await w.context.close();
  expect(url).toMatch(new RegExp(`^${stack.backend.issuer}/auth\\?.*gluu_ticket=`));
  return url;
}

/** The RP's "Log in" (hosted): where the browser settles, the provider's login form or the RP signed in. */
async function logInAtRp(page: Page): Promise<'login form' | 'signed in'> {
  await page.goto(stack.rpUrl);
  await page.click('#login');
  await page.locator('#id-token-claims, input[name="username"]').first().waitFor();
  return (await page.locator('#id-token-claims').count()) > 0 ? 'signed in' : 'login form';
}

/** After a continue_url that was not its own: the RP's home page with its refusal, nobody signed in. */
async function expectRefusedByRp(page: Page): Promise<void> {
  await page.waitForURL(`${stack.rpUrl}/`);
  expect(await page.locator('#rp-error').textContent()).toContain('does not belong to a sign-in started here');
  expect(await page.locator('#id-token-claims').count()).toBe(0);
}

describe('an embedded continue_url opened in another browser', () => {
  it("does not sign a victim sent to the attacker's continue_url in as the attacker (login CSRF)", async () => {
    const attackers = await embeddedContinueUrl('mallory', 'mallory password 1');

    const victim = await openPage(browser);
    const { page } = victim;
    await page.goto(attackers);
    await expectRefusedByRp(page);

    // The victim's next login at the RP asks who they are instead of silently landing in mallory's account.
    expect(await logInAtRp(page)).toBe('login form');
    expect(page.url()).toMatch(new RegExp(`^${stack.backend.issuer}/interaction/`));
    await victim.screenshot('embedded-finish-victim-asked');
    await typeCredentials(page, 'alice', 'alice password 1');
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.sub).toBe(alice);
    expect(c.sub).not.toBe(mallory);
    expect(await victim.cspViolations()).toEqual([]);
    await victim.context.close();
  });

  it("gives a thief of a victim's continue_url neither the victim's RP session nor a provider session", async () => {
    const victims = await embeddedContinueUrl('alice', 'alice password 1');

    const thief = await openPage(browser);
    const { page } = thief;
    await page.goto(victims);
    await expectRefusedByRp(page);
    expect(await logInAtRp(page)).toBe('login form');
    expect(page.url()).toMatch(new RegExp(`^${stack.backend.issuer}/interaction/`));
    await thief.context.close();
  });

  it('still signs in the browser that started it, and keeps that browser signed out at the provider', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/embedded`);
    await typeCredentials(page, 'alice', 'alice password 1');
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).sub).toBe(alice);
    // Logging out of the RP and in again asks for credentials: the embedded sign-in left no provider session.
    // Nothing to sign out of at the provider: no "Sign out?" question, straight back to the RP.
    await page.click('#logout');
    await page.locator('#login, h1:has-text("Sign out?")').first().waitFor();
    expect(page.url()).toBe(`${stack.rpUrl}/`);
    expect(await logInAtRp(page)).toBe('login form');
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});

describe('a hosted finish link opened in another browser', () => {
  it("gives the thief nothing, and the victim's own browser still finishes with it", async () => {
    const { w: victim, continueUrl } = await keepingContinueUrl();
    await victim.page.goto(`${stack.rpUrl}/login`);
    await typeCredentials(victim.page, 'alice', 'alice password 1');
    const finishUrl = await continueUrl();
    expect(finishUrl).toMatch(new RegExp(`^${stack.backend.issuer}/interaction/[\\w-]+/finish\\?ticket=`));

    const thief = await openPage(browser);
    await thief.page.goto(finishUrl);
    await thief.page.getByRole('heading', { name: 'This sign-in has expired' }).waitFor();
    expect(await logInAtRp(thief.page)).toBe('login form');
    await thief.context.close();

    await victim.page.goto(finishUrl);
    await victim.page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(victim.page)).sub).toBe(alice);
    await victim.context.close();
  });
});
