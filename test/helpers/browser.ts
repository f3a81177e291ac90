// Debian's Chromium driven by playwright-core (no browser download), with CSP violations and page errors
// recorded on every page so tests can assert there were none.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { packageRoot } from '../../server/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(packageRoot, 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: ` +
        'install it with "apt-get install -y chromium" (as root) or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** CSP violations seen on any document of this page, as "directive blocked-uri @ document". */
  cspViolations(): Promise<string[]>;
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1000, height: 800 } });
  const violations: string[] = [];
  await context.exposeBinding('__reportCsp', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI} @ ${e.documentURI}`,
      );
    });
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    pageErrors,
    cspViolations: async () => violations,
    screenshot: async (name) => {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

/**
 * A virtual platform authenticator (a phone's or laptop's: resident keys, user verification) in `w`'s page,
 * answering every ceremony without a gesture, and the DevTools session that controls it.
 */
export async function addPlatformAuthenticator(w: WatchedPage): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await w.context.newCDPSession(w.page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })) as { authenticatorId: string };
  return { cdp, authenticatorId };
}
