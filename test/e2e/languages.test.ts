// The sixteen languages as a visitor meets them: a browser set to a language gets the embedded widget in
// it with no ?lang= (the demo RP follows Accept-Language as the provider's hosted page does), the password
// step of each compared with a reference image, and Arabic laid out right to left where it should be (the
// layout mirrored, "Not you؟" read the Arabic way) and left to right where it must stay (the phone number,
// the code's digits), on the provider's page too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MessageId, Translation } from '../../widget/messages.js';
import { en } from '../../widget/messages.js';
import { LANGUAGES } from '../../wire/language-tags.js';
import { launchBrowser } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { compareWithReference } from '../helpers/screenshots.js';

let stack: DemoStack;
let browser: Browser;
const opened: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
  await stack.backend.addUser('pia', 'pia password 12', { phone: '+14155552671' });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of opened) await context.close().catch(() => {});
  await browser?.close();
  await stack?.close();
});

/** A language's widget texts (English has no texts of its own for the errors the server words). */
async function texts(tag: string): Promise<Record<MessageId, string>> {
  if (tag === 'en') return en;
  return ((await import(`../../widget/i18n/${tag}.ts`)) as { default: Translation }).default;
}

/** A page in a browser whose language is `locale` (its Accept-Language and navigator.languages). */
async function browserIn(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 800, height: 700 } });
  opened.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

/** What the widget's root element says of its language and direction. */
const rootOf = (page: Page) =>
  page.locator('gluu-login').evaluate((el) => {
    const root = el.shadowRoot!.querySelector('.gl')!;
    return { lang: root.getAttribute('lang'), dir: root.getAttribute('dir') };
  });

describe('a browser in each of the sixteen languages', () => {
  for (const tag of LANGUAGES) {
    it(`${tag}: the embedded widget speaks it without ?lang=, and its password step looks as recorded`, async () => {
      const t = await texts(tag);
      const { page, errors } = await browserIn(tag);
      expect(await page.evaluate(() => navigator.language)).toBe(tag);
      await page.goto(`${stack.rpUrl}/embedded?acr=password`);
      await page.getByLabel(t.username).fill('pia');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: t.password_heading }).waitFor();
      await page.getByRole('button', { name: t.not_you }).waitFor();
      expect(await rootOf(page)).toEqual({ lang: tag, dir: tag === 'ar' ? 'rtl' : 'ltr' });

      const shot = await page.locator('gluu-login').screenshot({ animations: 'disabled', caret: 'hide' });
      const result = compareWithReference(`languages/${tag}-password`, shot);
      expect(result.differing, `see test-results/screenshots/diff/languages__${tag}-password.*`).toBeLessThanOrEqual(
        0.005,
      );
      expect(errors).toEqual([]);
    });
  }

  it('a language we have no texts for gets English, left to right', async () => {
    const { page } = await browserIn('sv-SE');
    await page.goto(`${stack.rpUrl}/embedded?acr=password`);
    await page.getByLabel('Username').waitFor();
    expect(await page.locator('gluu-login').getAttribute('lang')).toBe('en');
  });

  it('Simplified Chinese under its other names, and not for traditional Chinese', async () => {
    for (const [locale, label] of [
      ['zh', '用户名'],
      ['zh-Hans', '用户名'],
      ['zh-TW', 'Username'],
    ] as const) {
      const { page } = await browserIn(locale);
      await page.goto(`${stack.rpUrl}/embedded?acr=password`);
      // The element shows its first step once its translation module is loaded: on a busy machine, seconds.
      await expect.poll(() => page.locator('gluu-login label').first().textContent(), { timeout: 15_000 }).toBe(label);
    }
  });
});

describe('Arabic, right to left', () => {
  it('mirrors the password step: the question reads "لست أنت؟", its button on the left of the name', async () => {
    const ar = await texts('ar');
    const { page } = await browserIn('ar');
    await page.goto(`${stack.rpUrl}/embedded?acr=password`);
    await page.getByLabel(ar.username).fill('pia');
    await page.keyboard.press('Enter');
    const notYou = page.getByRole('button', { name: ar.not_you });
    await notYou.waitFor();
    expect(await notYou.textContent()).toBe('لست أنت؟');
    const name = await page.locator('gluu-login [part~="identity"]').boundingBox();
    const button = await notYou.boundingBox();
    // Right to left: the name starts on the right, the button after it on its left.
    expect(button!.x + button!.width).toBeLessThan(name!.x + 1);
    // The heading's words hang from the right edge.
    const heading = await page.locator('gluu-login h2').evaluate((h2) => {
      const range = document.createRange();
      range.selectNodeContents(h2);
      const words = range.getBoundingClientRect();
      const box = h2.getBoundingClientRect();
      return { left: words.left - box.left, right: box.right - words.right };
    });
    expect(heading.right).toBeLessThan(1);
    expect(heading.left).toBeGreaterThan(50);
  });

  it('keeps the phone number and the code left to right on the SMS step, and texts the code in Arabic', async () => {
    const ar = await texts('ar');
    const { page } = await browserIn('ar');
    const before = stack.standIns!.inbox.list('+14155552671').length;
    await page.goto(`${stack.rpUrl}/embedded?acr=twilio_sms`);
    await page.getByLabel(ar.username).fill('pia');
    await page.keyboard.press('Enter');
    await page.getByLabel(ar.password, { exact: true }).fill('pia password 12');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: ar.sms_heading }).waitFor();
    const phone = page.locator('gluu-login [part~="identity"]');
    expect(await phone.getAttribute('dir')).toBe('ltr');
    expect((await phone.textContent())!.trim()).toMatch(/^\+1 .*71$/); // "+1 ••• ••• •• 71"
    // ... and drawn in that order, "+" leftmost, "1" of "71" rightmost, inside the Arabic sentence.
    const xs = await phone.evaluate((span) => {
      const text = [...span.childNodes].find((n): n is Text => n instanceof Text && n.data.includes('+'))!;
      const at = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().x;
      };
      const s = text.data;
      return { plus: at(s.indexOf('+')), last: at(s.length - 1), seven: at(s.lastIndexOf('7')) };
    });
    expect(xs.plus).toBeLessThan(xs.seven);
    expect(xs.seven).toBeLessThan(xs.last);
    const code = page.getByLabel(ar.code, { exact: true });
    expect(await code.getAttribute('dir')).toBe('ltr');
    await code.pressSequentially('12');
    expect(await code.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');

    await expect.poll(() => stack.standIns!.inbox.list('+14155552671').length, { timeout: 15_000 }).toBe(before + 1);
    const [sms] = stack.standIns!.inbox.list('+14155552671');
    expect(sms!.body).toMatch(/^رمز التحقق الخاص بك في Demo RP هو \d{6}\. تنتهي صلاحيته خلال 5 دقائق\.\n\n@/);

    const shot = await page.locator('gluu-login').screenshot({
      animations: 'disabled',
      caret: 'hide',
      // What changes from second to second: the countdown and the resend button's wait.
      mask: [page.locator('gluu-login [part~="countdown"]'), page.locator('gluu-login [part~="secondary-button"]')],
    });
    expect(compareWithReference('languages/ar-sms-code', shot).differing).toBeLessThanOrEqual(0.005);
  });

  it('never mirrors English: lang="ar" without Arabic texts stays left to right until some come', async () => {
    const { page } = await browserIn('en-US');
    await page.goto(`${stack.rpUrl}/embedded?acr=password`);
    await page.getByLabel('Username').waitFor();
    await page.locator('gluu-login').evaluate((el) => el.setAttribute('lang', 'ar'));
    await expect.poll(() => rootOf(page), { timeout: 15_000 }).toEqual({ lang: 'ar', dir: 'ltr' });
    await page.evaluate(() =>
      (customElements.get('gluu-login') as unknown as { addMessages(l: string, m: object): void }).addMessages('ar', {
        username: 'اسم المستخدم',
      }),
    );
    await expect.poll(() => rootOf(page), { timeout: 15_000 }).toEqual({ lang: 'ar', dir: 'rtl' });
    await page.getByLabel('اسم المستخدم').waitFor();
  });

  it('the provider’s hosted page is <html lang="ar" dir="rtl"> for a browser in Arabic', async () => {
    const ar = await texts('ar');
    const { page } = await browserIn('ar');
    await page.goto(`${stack.rpUrl}/login?acr=password`);
    await page.getByLabel(ar.username).waitFor();
    const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    expect(html).toEqual(['ar', 'rtl']);
    expect(await rootOf(page)).toEqual({ lang: 'ar', dir: 'rtl' });
  });

  it('ui_locales=ar wins over an English browser on the hosted page', async () => {
    const ar = await texts('ar');
    const { page } = await browserIn('en-US');
    let uiLocales: string | null = null;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/authorize') || url.searchParams.has('ui_locales'))
        uiLocales ??= url.searchParams.get('ui_locales');
    });
    await page.goto(`${stack.rpUrl}/login?acr=password&lang=ar`);
    await page.getByLabel(ar.username).waitFor();
    expect(uiLocales).toBe('ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await page.locator('title').textContent()).toBe('تسجيل الدخول إلى Demo RP');
  });
});
