// Passkeys in Chromium with a CDP virtual authenticator (CTAP2, internal transport, resident keys, user
// verification): register one during a login, log out, use it as the second factor, then sign in
// passwordless through the button and through autofill, hosted and embedded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { addPlatformAuthenticator, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { claims, logInWithPassword, logOut as logOutOf } from '../helpers/rp-pages.js';

let stack: DemoStack;
let browser: Browser;
let w: WatchedPage;
let cdp: CDPSession;
let authenticatorId: string;
let userId: string;

beforeAll(async () => {
  // vera has no second factor: the passkey offer after her password is that of a first one (enrollment.first_factor).
  stack = await startDemoStack({
    webauthn: { second_factor: 'optional' },
    methods: { passkey: { enabled: true } },
    enrollment: { first_factor: true },
  });
  userId = await stack.backend.addUser('vera', 'vera password 1');
  browser = await launchBrowser();
  // One page for the whole story: the virtual authenticator lives with it across navigations.
  w = await openPage(browser);
  ({ cdp, authenticatorId } = await addPlatformAuthenticator(w));
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const logOut = (page: Page) => logOutOf(page, stack.rpUrl);
const passwordStep = (page: Page, acr: string) => logInWithPassword(page, stack.rpUrl, acr, 'vera', 'vera password 1');

describe('passkeys with a virtual authenticator', () => {
  it('registers a passkey during a login; that login proved the password only', async () => {
    const { page } = w;
    await passwordStep(page, 'password');
    await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
    await w.screenshot('webauthn-register');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('password');
    // Registering binds the passkey; using it (next) is what proves it.
    expect(JSON.parse(c.amr!)).toEqual(['pwd']);
    const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
      credentials: { isResidentCredential: boolean }[];
    };
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    expect(await stack.backend.server.store.credentials.listForUser(userId, 'webauthn')).toHaveLength(1);
    await logOut(page);
  });

  it('uses it as the second factor on the next login', async () => {
    const { page } = w;
    await passwordStep(page, 'password');
    // The ceremony starts by itself; the virtual authenticator answers.
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c.acr).toBe('password');
    expect(JSON.parse(c.amr!)).toEqual(['pwd', 'swk', 'mfa']);
    await logOut(page);
  });

  it('signs in passwordless with the "Sign in with a passkey" button', async () => {
    const { page } = w;
    // Hold autofill back so the button is what answers.
    await page.addInitScript(() => {
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) =>
        (options as { mediation?: string } | undefined)?.mediation === 'conditional'
          ? new Promise((_, reject) =>
              options!.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
            )
          : get(options);
    });
    await page.goto(stack.rpUrl);
    await page.selectOption('#acr', 'passkey');
    await page.click('#login');
    const username = page.getByLabel('Username');
    await username.waitFor();
    expect(await username.getAttribute('autocomplete')).toBe('username webauthn');
    await w.screenshot('passkey-username');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${stack.rpUrl}/`);
    const c = await claims(page);
    expect(c).toMatchObject({ acr: 'passkey', sub: userId });
    expect(JSON.parse(c.amr!)).toEqual(['swk']);
    await logOut(page);
  });

  it('signs in passwordless through autofill (conditional mediation), embedded on the RP page', async () => {
    // Another browser (the embedded finish leaves this one with no provider session to sign out of).
    const other = await openPage(browser);
    const { page } = other;
    const { cdp: session, authenticatorId: second } = await addPlatformAuthenticator(other);
    // The same passkey, copied into this page's authenticator (as a synced passkey would be).
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    await session.send('WebAuthn.addCredential', { authenticatorId: second, credential: credentials[0]! });
    const requested: string[] = [];
    await page.exposeFunction('__sawMediation', (m: string) => requested.push(m));
    await page.addInitScript(() => {
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options?: CredentialRequestOptions) => {
        (window as unknown as { __sawMediation(m: string): void }).__sawMediation(
          String((options as { mediation?: string }).mediation ?? 'modal'),
        );
        return get(options);
      };
    });
    await page.goto(`${stack.rpUrl}/embedded?acr=passkey`);
    await page.waitForURL(`${stack.rpUrl}/`);
    expect(requested).toEqual(['conditional']); // autofill answered: no modal request was needed
    const c = await claims(page);
    expect(c).toMatchObject({ acr: 'passkey', sub: userId });
    expect(await other.cspViolations()).toEqual([]);
    await other.context.close();
  });

  it('shows a clear message when the passkey request is cancelled', async () => {
    const { page } = w;
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    try {
      await page.goto(stack.rpUrl);
      await page.selectOption('#acr', 'passkey');
      await page.click('#login');
      await page.getByLabel('Username').waitFor();
      await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
        .toBe('Sign-in with a passkey was cancelled.');
      await w.screenshot('passkey-cancelled');
    } finally {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    }
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
