// What browsers and people around the widget rely on: a password manager sees and saves the sign-in
// (light DOM, a real form, the identifier kept beside the password, PasswordCredential), and the
// language chosen on the page reaches the texted code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { smsCode } from '../helpers/sms-inbox.js';

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
  await stack.backend.addUser('pia', 'pia password 12', { phone: '+14155552671' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('password managers', () => {
  it('keeps the username beside the password in one light-DOM form, and offers the password to be saved', async () => {
    const w = await openPage(browser);
    const { page } = w;
    // What the page asked the browser to store (Chromium shows its "Save password?" bubble for this),
    // reported to the test as it happens: the page navigates away right after.
    const saved: unknown[] = [];
    await page.exposeFunction('reportStored', (c: unknown) => saved.push(c));
    await page.addInitScript(() => {
      const report = (window as unknown as { reportStored: (c: unknown) => void }).reportStored;
      const store = navigator.credentials.store.bind(navigator.credentials);
      navigator.credentials.store = (credential: Credential) => {
        const c = credential as Credential & { password?: string };
        report({ id: c.id, type: c.type, password: c.password ?? '' });
        return store(credential);
      };
    });
    await page.goto(`${stack.rpUrl}/embedded?light=1&acr=password`);
    await page.getByLabel('Username').fill('pia');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).waitFor();
    const form = await page.evaluate(() => {
      const password = document.querySelector<HTMLInputElement>('gluu-login input[type="password"]')!;
      const f = password.form!;
      const username = f.querySelector<HTMLInputElement>('input[autocomplete="username"]');
      return {
        inLightDom: password.getRootNode() === document,
        passwordAutocomplete: password.autocomplete,
        username: username && {
          value: username.value,
          name: username.name,
          readOnly: username.readOnly,
          tabIndex: username.tabIndex,
        },
        submit: !!f.querySelector('button[type="submit"]'),
      };
    });
    expect(form).toEqual({
      inLightDom: true,
      passwordAutocomplete: 'current-password',
      username: { value: 'pia', name: 'username', readOnly: true, tabIndex: -1 },
      submit: true,
    });
    await page.getByLabel('Password', { exact: true }).fill('pia password 12');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.rpUrl}/`);
    expect(saved).toEqual([{ id: 'pia', type: 'password', password: 'pia password 12' }]);
    await w.context.close();
  });

  it('offers nothing to save after a wrong password', async () => {
    const w = await openPage(browser);
    const { page } = w;
    await page.addInitScript(() => {
      const calls: string[] = [];
      (window as unknown as { calls: string[] }).calls = calls;
      navigator.credentials.store = (c: Credential) => {
        calls.push(c.id);
        return Promise.resolve();
      };
    });
    await page.goto(`${stack.rpUrl}/embedded?light=1&acr=password`);
    await page.getByLabel('Username').fill('pia');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toEqual([]);
    await w.context.close();
  });
});

describe('the language reaches the texted code', () => {
  for (const [where, url, lang, labels, text] of [
    [
      'embedded',
      '/embedded?acr=twilio_sms&lang=pt-BR',
      'pt-BR',
      { username: 'Nome de usuário', password: 'Senha', heading: 'Confira seu celular' },
      /^\d{6} é o seu código de verificação Demo RP\. Ele expira em 5 minutos\./,
    ],
    [
      'hosted (ui_locales)',
      '/login?acr=twilio_sms&lang=es',
      'es',
      { username: 'Nombre de usuario', password: 'Contraseña', heading: 'Revisa tu teléfono' },
      /^\d{6} es tu código de verificación de Demo RP\. Caduca en 5 minutos\./,
    ],
  ] as const) {
    it(`${where}: the widget speaks ${lang}, and so does the SMS`, async () => {
      const w = await openPage(browser);
      const { page } = w;
      const before = stack.standIns!.inbox.list('+14155552671').length;
      await page.goto(`${stack.rpUrl}${url}`);
      expect(await page.locator('gluu-login').getAttribute('lang')).toBe(lang);
      await page.getByLabel(labels.username).fill('pia');
      await page.keyboard.press('Enter');
      await page.getByLabel(labels.password, { exact: true }).fill('pia password 12');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: labels.heading }).waitFor();
      await expect.poll(() => stack.standIns!.inbox.list('+14155552671').length).toBe(before + 1);
      const [sms] = stack.standIns!.inbox.list('+14155552671');
      expect(sms!.body).toMatch(text);
      await page.keyboard.type(smsCode(sms!));
      await page.waitForURL(`${stack.rpUrl}/`);
      expect(await w.cspViolations()).toEqual([]);
      await w.context.close();
    });
  }
});
