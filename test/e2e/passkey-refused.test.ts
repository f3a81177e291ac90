// A passkey the provider does not know, offered by an authenticator that answers autofill (conditional
// mediation) without a user gesture: each refusal must not re-arm autofill at once (that sent about 75
// requests a second, 401 then 429 for ever). The widget backs off, honours retry_after, and shows the
// server's own message.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addPlatformAuthenticator, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';

let stack: DemoStack;
let browser: Browser;
let w: WatchedPage;

beforeAll(async () => {
  stack = await startDemoStack({ methods: { passkey: { enabled: true } } });
  await stack.backend.addUser('vera', 'vera password 1');
  browser = await launchBrowser();
  w = await openPage(browser);
  const { cdp, authenticatorId } = await addPlatformAuthenticator(w);
  // A discoverable passkey for the provider's RP id that was never registered there (or was removed).
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: randomBytes(16).toString('base64'),
      isResidentCredential: true,
      rpId: new URL(stack.backend.issuer).hostname,
      privateKey: key.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      userHandle: randomBytes(16).toString('base64'),
      signCount: 0,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a refused autofill passkey', () => {
  it('is not offered again at once: a few requests, and the server’s message', async () => {
    const { page } = w;
    const actions: number[] = [];
    const answers: { status: number; message?: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/flow/action') actions.push(Date.now());
    });
    page.on('response', async (r) => {
      if (r.request().method() !== 'POST' || new URL(r.url()).pathname !== '/flow/action') return;
      const body = (await r.json().catch(() => ({}))) as { error?: { message?: string } };
      answers.push({ status: r.status(), message: body.error?.message });
    });
    await page.goto(stack.rpUrl);
    await page.selectOption('#acr', 'passkey');
    await page.click('#login');
    await page.getByLabel('Username').waitFor();
    // Autofill answers by itself; the first refusal comes at once.
    await expect.poll(() => answers.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = actions[0]!;
    await page.waitForTimeout(5000);
    const within = actions.filter((t) => t - first <= 5000);
    expect(within.length).toBeGreaterThanOrEqual(1);
    expect(within.length).toBeLessThanOrEqual(5);
    // The alert says what the server said last (its wording, not a generic text).
    const last = answers.at(-1)!;
    expect(last.status).toBeGreaterThanOrEqual(400);
    expect(last.message).toBeTruthy();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(last.message);
    expect(await w.cspViolations()).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  }, 60_000);
});
