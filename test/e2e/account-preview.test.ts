// <gluu-account> alone, in Chromium, from the built bundle under a strict CSP: a preview (no network) in the
// light and dark themes and right to left has no axe violation and looks as recorded; rename and remove are
// done with the keyboard alone; and against a stubbed account API a change that needs a fresh proof runs the
// step-up in the dialog (<gluu-login> driving a flow), then the change again with the proof.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { AccountOverview } from '../../wire/account-api.js';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.js';
import { ACCOUNT_NOW, type AccountPage, OVERVIEW, startAccountPage } from '../helpers/account-page.js';
import { compareWithReference } from '../helpers/screenshots.js';

/** Polls until `fn`'s value matches, for up to 15 s: two cores run six agents' tests, so answers can lag. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

let site: AccountPage;
let browser: Browser;

beforeAll(async () => {
  site = await startAccountPage();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(query: string): Promise<WatchedPage> {
  const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
  await w.page.clock.install({ time: ACCOUNT_NOW * 1000 });
  await w.page.goto(`${site.url}/${query}`);
  await w.page.locator('gluu-account section').first().waitFor();
  return w;
}

/** The focused element through shadow roots: its label, or its text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (labelled ?? el.textContent ?? '').trim();
  });
}

async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if ((await focused(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name} (last: ${await focused(page)})`);
}

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function looksAsRecorded(w: WatchedPage, name: string): Promise<void> {
  const shot = await w.page.locator('gluu-account').screenshot({ animations: 'disabled', caret: 'hide' });
  const { differing } = compareWithReference(`account/${name}`, shot);
  expect(differing, `${name}: see test-results/screenshots/diff`).toBeLessThanOrEqual(0.005);
}

describe('<gluu-account> preview', () => {
  for (const theme of ['light', 'dark']) {
    it(`${theme}: every section, no axe or CSP violation, looks as recorded`, async () => {
      const requests: string[] = [];
      const w = await open(`?preview=1${theme === 'dark' ? '&theme=dark' : ''}`);
      w.page.on('request', (r) => requests.push(r.url()));
      const root = w.page.locator('gluu-account');
      await eventually(() => root.locator('section h2').allTextContents()).toEqual([
        'Sign-in methods',
        'Recovery codes',
        'Password',
        'Where you’re signed in',
        'Trusted browsers',
      ]);
      expect(await root.locator('[part="factor-name"]').allTextContents()).toEqual([
        'YubiKey 5C',
        'Authenticator 1',
        'Phone',
      ]);
      const first = root.locator('[part="factor"]').first();
      await eventually(() => first.textContent()).toMatch(/Added Oct 15, 2026 · Last used 2 days ago/);
      expect(await root.locator('[part="factor"]').nth(2).textContent()).toContain(
        'Your phone number is managed by your administrator.',
      );
      expect(await root.locator('[part="badge"]').allTextContents()).toEqual(['This browser']);
      expect(await root.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1); // not this one
      expect(await root.locator('input[type="password"]').getAttribute('autocomplete')).toBe('new-password');
      expect(await root.getByText('You have 7 codes left.').count()).toBe(1);
      expect(await axeViolations(w.page)).toEqual([]);
      expect(await w.cspViolations()).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      await looksAsRecorded(w, theme);
      expect(requests).toEqual([]); // a preview talks to no one
      await w.context.close();
    });
  }

  it('lays out right to left for Arabic, in Arabic', async () => {
    const w = await open('?preview=1&lang=ar');
    const dir = await w.page
      .locator('gluu-account')
      .evaluate((el) => el.shadowRoot!.querySelector<HTMLElement>('.gl')!.dir);
    expect(dir).toBe('rtl');
    // its own Arabic texts (widget/account/i18n/ar.ts), the Arabic plural of 7
    const root = w.page.locator('gluu-account');
    await eventually(() => root.locator('section h2').first().textContent()).toBe('طرق تسجيل الدخول');
    expect(await root.getByText('يتبقى لديك 7 رموز.').count()).toBe(1);
    expect(await axeViolations(w.page)).toEqual([]);
    expect(await w.cspViolations()).toEqual([]);
    await looksAsRecorded(w, 'rtl');
    await w.context.close();
  });

  it('translates with its language module (German, plural forms included)', async () => {
    const w = await open('?preview=1&lang=de');
    const root = w.page.locator('gluu-account');
    await eventually(() => root.locator('h2').first().textContent()).toBe('Anmeldemethoden');
    expect(await root.getByText('Sie haben noch 7 Codes.').count()).toBe(1);
    expect(await root.locator('[part="factor"]').first().textContent()).toContain('Zuletzt verwendet vorgestern');
    await w.context.close();
  });

  it('opens and closes the rename form and the removal question with the keyboard alone', async () => {
    const w = await open('?preview=1');
    const { page } = w;
    await tabTo(page, 'Rename');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('New name for YubiKey 5C');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('Rename');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Remove');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('Remove'); // the confirming one, described by the question
    const question = page.locator('gluu-account [part="confirm"]');
    expect(await question.textContent()).toContain('Remove “YubiKey 5C”? You will no longer be able to sign in');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await question.count()).toBe(0);
    expect(await focused(page)).toBe('Rename');
    expect(await axeViolations(page)).toEqual([]);
    await w.context.close();
  });
});

/** A stubbed account API and flow API on the page's origin, recording what the element sends. */
function stubApi(page: Page, overview: AccountOverview) {
  const sent: { method: string; path: string; body: unknown; proof: string | null; auth: string | null }[] = [];
  let state = structuredClone(overview);
  let proof: string | undefined;
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  const api = {
    sent,
    /** Changes need the proof the last finish handed out. */
    requireProof: false,
    /** Only this bearer token is taken (any when undefined); others get invalid_token. */
    token: undefined as string | undefined,
  };
  page.route(/\/account\/api/, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const path = url.pathname.replace('/account/api', '');
    const headers = await req.allHeaders();
    sent.push({
      method: req.method(),
      path,
      body: req.postData() ? JSON.parse(req.postData()!) : undefined,
      proof: headers['gluu-proof'] ?? null,
      auth: headers.authorization ?? null,
    });
    if (api.token && headers.authorization !== `Bearer ${api.token}`) {
      return json(route, 401, { error: { code: 'invalid_token', message: 'The access token is expired.' } });
    }
    if (path === '' && req.method() === 'GET') return json(route, 200, state);
    if (path === '/proof') return json(route, 200, { flow: 'step-up-flow' });
    if (path === '/finish') {
      proof = 'proof-1';
      state = { ...state, proof: { fresh: true, expires_in: 300, max_age: 300 } };
      return json(route, 200, { proof, expires_in: 300, overview: state });
    }
    if (api.requireProof && (!proof || headers['gluu-proof'] !== proof)) {
      return route.fulfill({
        status: 401,
        contentType: 'application/json',
        headers: { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", max_age=300' },
        body: JSON.stringify({ error: { code: 'insufficient_user_authentication', message: 'A fresh proof.' } }),
      });
    }
    const id = path.split('/')[2];
    if (req.method() === 'PATCH') {
      const { name } = JSON.parse(req.postData()!) as { name: string };
      state = { ...state, factors: state.factors.map((f) => (f.id === id ? { ...f, name } : f)) };
    } else if (req.method() === 'DELETE' && path.startsWith('/factors/')) {
      state = { ...state, factors: state.factors.filter((f) => f.id !== id) };
    }
    return json(route, 200, state);
  });
  // The step-up flow: already done (its continue_url is the account API's finish).
  page.route(/\/flow$/, (route) =>
    json(route, 200, {
      flow: 'step-up-flow',
      expires_in: 300,
      acr: 'otp',
      client: { id: 'account', name: 'Account' },
      step: { kind: 'done', continue_url: `${new URL(page.url()).origin}/account/api/finish?ticket=t1` },
      actions: {},
    }),
  );
  return api;
}

describe('<gluu-account> against a stubbed account API', () => {
  it('renames and removes with the keyboard, with the bearer token (no step-up: the proof is fresh)', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    const api = stubApi(w.page, { ...OVERVIEW, proof: { fresh: true, expires_in: 300, max_age: 300 } });
    await w.page.goto(`${site.url}/?token=tok-1`);
    const root = w.page.locator('gluu-account');
    await root.locator('section').first().waitFor();
    await tabTo(w.page, 'Rename');
    await w.page.keyboard.press('Enter');
    await w.page.keyboard.press('Control+A');
    await w.page.keyboard.type('Blue key');
    await w.page.keyboard.press('Enter');
    await eventually(() => root.locator('[part="factor-name"]').first().textContent()).toBe('Blue key');
    await eventually(() => root.locator('[role="status"]:not(:empty)').textContent()).toBe('Renamed to “Blue key”.');
    await eventually(() => focused(w.page)).toBe('Rename');
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Enter'); // Remove
    await w.page.keyboard.press('Enter'); // the confirming Remove
    await eventually(() => root.locator('[part="factor-name"]').allTextContents()).toEqual([
      'Authenticator 1',
      'Phone',
    ]);
    await eventually(() => focused(w.page)).toBe('Sign-in methods');
    expect(api.sent.map((s) => [s.method, s.path, s.body, s.auth])).toEqual([
      ['GET', '', undefined, 'Bearer tok-1'],
      ['PATCH', '/factors/cred-pk-1', { name: 'Blue key' }, 'Bearer tok-1'],
      ['DELETE', '/factors/cred-pk-1', undefined, 'Bearer tok-1'],
    ]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('asked for a fresh proof (RFC 9470), runs the step-up in a dialog, then the change again with it', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    const api = stubApi(w.page, { ...OVERVIEW, proof: { fresh: true, expires_in: 300, max_age: 300 } });
    api.requireProof = true;
    const events: string[] = [];
    await w.page.exposeFunction('__changed', (what: string) => events.push(what));
    await w.page.goto(`${site.url}/?token=tok-1`);
    await w.page.evaluate(() => {
      const report = (window as unknown as { __changed(w: string): void }).__changed;
      document.addEventListener('gluu-account-changed', (e: Event) =>
        report((e as CustomEvent<{ what: string }>).detail.what),
      );
      // the dialog's sign-in is the element's business, not the page's
      document.addEventListener('gluu-login-success', (e) => report(e.type));
    });
    const root = w.page.locator('gluu-account');
    await root.getByRole('button', { name: 'Sign out', exact: true }).click();
    await eventually(() => events).toEqual(['session_ended']);
    await eventually(() => root.locator('dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(api.sent.map((s) => [s.method, s.path, s.proof])).toEqual([
      ['GET', '', null],
      ['DELETE', '/sessions/s2', null],
      ['POST', '/proof', null],
      ['POST', '/finish', null],
      ['DELETE', '/sessions/s2', 'proof-1'],
    ]);
    await eventually(() => root.locator('[role="status"]:not(:empty)').textContent()).toBe('Signed out.');
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('with a stale proof, asks first; Escape in the dialog cancels and changes nothing', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    const api = stubApi(w.page, OVERVIEW);
    await w.page.unroute(/\/flow$/);
    // A step-up that waits for the user: the password step.
    await w.page.route(/\/flow$/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          flow: 'step-up-flow',
          expires_in: 300,
          acr: 'otp',
          client: { id: 'account', name: 'Account' },
          step: { kind: 'password', username: 'kay' },
          actions: { submit: { inputs: { password: { type: 'password', required: true, max_length: 256 } } } },
        }),
      }),
    );
    await w.page.goto(`${site.url}/?token=tok-1`);
    const root = w.page.locator('gluu-account');
    await tabTo(w.page, 'Stop trusting');
    await w.page.keyboard.press('Enter');
    const dialog = root.locator('dialog');
    await eventually(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await eventually(() => focused(w.page)).toBe('Password');
    expect(await axeViolations(w.page)).toEqual([]);
    await w.page.keyboard.press('Escape');
    await eventually(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await eventually(() => root.locator('[role="status"]:not(:empty)').textContent()).toBe('Nothing was changed.');
    await eventually(() => focused(w.page)).toBe('Stop trusting');
    expect(api.sent.map((s) => [s.method, s.path])).toEqual([
      ['GET', ''],
      ['POST', '/proof'],
    ]);
    await w.context.close();
  });

  // Its "Start again" would reload the page: the dialog closes, the reason shows as <gluu-login> would word it.
  it('a step-up flow that fails closes the dialog and says why in the section', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    const api = stubApi(w.page, OVERVIEW);
    await w.page.unroute(/\/flow$/);
    await w.page.route(/\/flow$/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          flow: 'step-up-flow',
          expires_in: 300,
          acr: 'otp',
          client: { id: 'account', name: 'Account' },
          step: { kind: 'failed', reason: 'access_denied', message: 'Refused by the server.' },
          actions: {},
        }),
      }),
    );
    await w.page.goto(`${site.url}/?token=tok-1`);
    const root = w.page.locator('gluu-account');
    await root.getByRole('button', { name: 'Sign out everywhere else' }).click();
    const sessions = root.locator('section', { hasText: 'Where you’re signed in' });
    await eventually(() => sessions.locator('[role="alert"]').textContent()).toBe('Refused by the server.');
    await eventually(() => root.locator('dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(api.sent.map((s) => [s.method, s.path])).toEqual([
      ['GET', ''],
      ['POST', '/proof'],
    ]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('an expired token: the page hears gluu-account-token-expired; a new token loads the account', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    const api = stubApi(w.page, OVERVIEW);
    api.token = 'tok-2';
    const heard: string[] = [];
    await w.page.exposeFunction('__heard', (type: string) => heard.push(type));
    // The page's own handler, there before the element: it hears the event and gives a new token.
    await w.page.addInitScript(() =>
      document.addEventListener('gluu-account-token-expired', (e) => {
        (window as unknown as { __heard(t: string): void }).__heard(e.type);
        (e.target as HTMLElement & { accessToken: string }).accessToken = 'tok-2';
      }),
    );
    await w.page.goto(`${site.url}/?token=tok-1`);
    const root = w.page.locator('gluu-account');
    await root.locator('section').first().waitFor();
    expect(heard).toEqual(['gluu-account-token-expired']);
    expect(api.sent.map((s) => s.auth)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(await root.locator('[role="alert"]').count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  });

  it('a change that cannot reach the service says so in its section, and changes nothing', async () => {
    const w = await openPage(browser, { viewport: { width: 800, height: 1000 } });
    stubApi(w.page, { ...OVERVIEW, proof: { fresh: true, expires_in: 300, max_age: 300 } });
    await w.page.goto(`${site.url}/?token=tok-1`);
    const root = w.page.locator('gluu-account');
    await root.locator('section').first().waitFor();
    await w.page.route(/\/account\/api\/trusted-browsers\//, (route) => route.abort('connectionrefused'));
    await root.getByRole('button', { name: 'Stop trusting' }).click();
    const trusted = root.locator('section', { hasText: 'Trusted browsers' });
    await eventually(() => trusted.locator('[role="alert"]').textContent()).toBe('Cannot reach the account service.');
    expect(await trusted.locator('[part="session"]').count()).toBe(1);
    await w.context.close();
  });
});
