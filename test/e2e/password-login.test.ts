// A person at a real browser: the demo RP's "Log in", the hosted page and the embedded widget, typing and
// pressing keys, ending on the RP's signed-in page with the claims openid-client verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
let userId: string;

beforeAll(async () => {
  stack = await startDemoStack();
  userId = await stack.backend.addUser('demo', 'demo password 42', {
    email: 'demo@example.com',
    phone: '+14155552671',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function typeCredentials(w: WatchedPage, username: string, password: string): Promise<void> {
  const { page } = w;
  const user = page.getByLabel('Username');
  // focus is on it
  await expect.poll(() => user.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  const pass = page.getByLabel('Password', { exact: true });
  await pass.waitFor();
  await expect.poll(() => pass.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** The same as typeCredentials, for light DOM: focus is checked on the document. */
async function typeCredentialsLight(w: WatchedPage, username: string, password: string): Promise<void> {
  const { page } = w;
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
  await page.keyboard.type(username);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

describe('hosted login through the demo RP', () => {
  it('ends on the RP signed in with acr, amr, auth_time and userinfo, with no CSP violation', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    await page.selectOption('#acr', 'password');
    await page.click('#login');
    await page.waitForURL(`${stack.backend.issuer}/interaction/**`);
    await page.getByRole('heading', { name: 'Sign in to Demo RP' }).waitFor();
    await w.screenshot('hosted-username');
    await typeCredentials(w, 'demo', 'demo password 42');
    await page.waitForURL(`${stack.rpUrl}/`);
    await page.locator('#id-token-claims').waitFor();
    await w.screenshot('rp-signed-in');

    const c = await claims(page);
    expect(c.sub).toBe(userId);
    expect(c.acr).toBe('password');
    expect(JSON.parse(c.amr!)).toEqual(['pwd']);
    expect(Number(c.auth_time)).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(c.iss).toBe(stack.backend.issuer);
    const userinfo = JSON.parse((await page.locator('#userinfo').textContent())!) as Record<string, unknown>;
    expect(userinfo).toMatchObject({ sub: userId, preferred_username: 'demo', email: 'demo@example.com' });
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('shows "Incorrect username or password." on a wrong password and keeps the user on the step', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    await page.click('#login');
    await page.waitForURL(`${stack.backend.issuer}/interaction/**`);
    await typeCredentials(w, 'demo', 'not my password');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('Incorrect username or password.');
    const pass = page.getByLabel('Password', { exact: true });
    expect(await pass.getAttribute('aria-invalid')).toBe('true');
    expect(await pass.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    await w.screenshot('hosted-wrong-password');
    // ...and then the right one works from the same page.
    await page.keyboard.type('demo password 42');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).sub).toBe(userId);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('shows the lockout wait with a countdown and keeps the button disabled meanwhile', async () => {
    await stack.backend.addUser('mallory', 'mallory password 1');
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/login`);
    await typeCredentials(w, 'mallory', 'guess 0');
    const alert = page.getByRole('alert');
    for (let i = 1; i <= 6; i++) {
      // The alert of the answer to the guess before (each is inserted afresh: the old one goes when a guess is sent).
      await expect.poll(() => alert.textContent()).toBe('Incorrect username or password.');
      const answered = page.waitForResponse((r) => r.url().endsWith('/flow/action'));
      await page.keyboard.type(`guess ${i}`); // the errored input is focused and selected: typing replaces it
      await page.keyboard.press('Enter');
      await answered; // one guess at a time: the next is typed only once this one was refused
    }
    await expect.poll(() => alert.textContent()).toBe('Too many failed attempts. Wait a moment before trying again.');
    const hint = page.getByText(/Try again in \d+ seconds\./);
    await expect.poll(() => hint.textContent()).toMatch(/Try again in (29|30) seconds\./);
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await w.screenshot('hosted-locked');
    await w.context.close();
  });

  it('logs out at the provider and comes back to the RP signed out', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/login`);
    await typeCredentials(w, 'demo', 'demo password 42');
    await page.waitForURL(`${stack.rpUrl}/`);
    await page.click('#logout');
    await page.getByRole('heading', { name: 'Sign out?' }).waitFor();
    await w.screenshot('provider-logout');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.rpUrl}/`);
    await page.locator('#login').waitFor();
    // The provider session is gone too: logging in asks for the username again.
    await page.click('#login');
    await page.waitForURL(`${stack.backend.issuer}/interaction/**`);
    await page.getByLabel('Username').waitFor();
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });
});

describe('embedded login on the RP page', () => {
  it('runs inline on the RP origin and lands on the same callback, with no CSP violation', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    await page.selectOption('#acr', 'password');
    await page.click('#embedded');
    await page.waitForURL(`${stack.rpUrl}/embedded?**`);
    await page.getByRole('heading', { name: 'Sign in to Demo RP' }).waitFor();
    await w.screenshot('embedded-username');
    await typeCredentials(w, 'demo', 'demo password 42');
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c).toMatchObject({ sub: userId, acr: 'password' });
    expect(JSON.parse(c.amr!)).toEqual(['pwd']);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('can be completed with the keyboard alone, Tab included', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(stack.rpUrl);
    // Tab through the RP's page (links, the method select, the hosted "Log in") to the embedded button.
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'embedded'; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('embedded');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.rpUrl}/embedded?**`);
    await typeCredentials(w, 'demo', 'demo password 42');
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).sub).toBe(userId);
    await w.context.close();
  });

  it('renders in light DOM with no-shadow, where password managers can see the inputs', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/embedded?light=1`);
    await page.getByLabel('Username').waitFor();
    const light = await page.evaluate(() => {
      const host = document.querySelector('gluu-login')!;
      const input = document.querySelector<HTMLInputElement>('gluu-login input[name="username"]');
      return {
        shadow: host.shadowRoot !== null,
        input: input?.autocomplete,
        styled: input ? getComputedStyle(input).borderRadius : '',
      };
    });
    expect(light).toEqual({ shadow: false, input: 'username webauthn', styled: '8px' });
    await w.screenshot('embedded-light-dom');
    await typeCredentialsLight(w, 'demo', 'demo password 42');
    await page.waitForURL(`${stack.rpUrl}/`);
    expect((await claims(page)).sub).toBe(userId);
    expect(await w.cspViolations()).toEqual([]);
    await w.context.close();
  });

  it('fires bubbling, composed events for each step, the error and the success, which a page may cancel', async () => {
    const w = await openPage(browser);
    const { page } = w;
    const seen: string[] = [];
    await w.context.exposeBinding('__gluuEvent', (_source, text: string) => {
      seen.push(text);
    });
    await page.addInitScript(() => {
      const report = (window as unknown as { __gluuEvent(t: string): void }).__gluuEvent;
      for (const type of ['gluu-login-step', 'gluu-login-error', 'gluu-login-success']) {
        document.addEventListener(type, (e) => {
          const detail = (e as CustomEvent<Record<string, unknown>>).detail;
          const what =
            type === 'gluu-login-step'
              ? detail.kind
              : type === 'gluu-login-error'
                ? (detail.error as { code: string }).code
                : `${String(detail.acr)}:${String(detail.continueUrl).includes('/auth?')}`;
          report(`${type.slice(11)} ${String(what)} ${e.bubbles && e.composed}`);
          if (type === 'gluu-login-success') e.preventDefault(); // this page takes over the redirect
        });
      }
    });
    await page.goto(`${stack.rpUrl}/embedded`);
    await typeCredentials(w, 'demo', 'wrong password!');
    await page.getByRole('alert').waitFor();
    await page.keyboard.type('demo password 42');
    await page.keyboard.press('Enter');
    await expect.poll(() => seen.includes('success password:true true')).toBe(true);
    // The refused password comes back as the same step with its error: a step event, then the error event.
    expect(seen).toEqual([
      'step username true',
      'step password true',
      'step password true',
      'error invalid_credentials true',
      'step done true',
      'success password:true true',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(page.url()).toContain('/embedded'); // cancelled: no navigation
    await w.context.close();
  });

  it('says the sign-in expired and starts again with one click', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.goto(`${stack.rpUrl}/embedded`);
    await page.getByLabel('Username').waitFor();
    stack.backend.clock.now = Date.now() + 601_000;
    try {
      await page.getByLabel('Username').fill('demo');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('This sign-in has expired. Please start again.');
      await w.screenshot('embedded-expired');
      const again = page.getByRole('button', { name: 'Start again' });
      stack.backend.clock.now = undefined;
      await again.click();
      await page.getByLabel('Username').waitFor();
      await typeCredentials(w, 'demo', 'demo password 42');
      await page.waitForURL(`${stack.rpUrl}/`);
      expect((await claims(page)).sub).toBe(userId);
    } finally {
      stack.backend.clock.now = undefined;
    }
    await w.context.close();
  });
});
