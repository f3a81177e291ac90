// The translations, checked as a reviewer would before reading them: every language has every text of
// the widget, each with the same placeholders as English, and each count in a form for every plural
// category its language has (Intl.PluralRules), so that no user reads "1 seconds" or a raw "{n}".
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';
import { parseConfig } from '../../server/config.js';
import { pageLanguage } from '../../server/http/page-text.js';
import { emailOtpSettings } from '../../server/methods/email/settings.js';
import { BUILT_IN_EMAIL, codeMail, emailTemplateFor } from '../../server/methods/email/message.js';
import { BUILT_IN_RESET, resetMail } from '../../server/methods/reset/message.js';
import { BUILT_IN_SMS, smsText, templateFor } from '../../server/methods/sms/message.js';
import { noticeMail } from '../../server/notifications/mail-text.js';
import { noticeSms } from '../../server/notifications/sms-text.js';
import type { AccountNotice } from '../../server/notifications/types.js';
import { wordingFor } from '../../server/notifications/wording/index.js';
import { en as accountEnglish } from '../../widget/account/messages.js';
import { en, type ServerWorded } from '../../widget/messages.js';
import { LANGUAGES, shippedTag } from '../../wire/language-tags.js';
import { format } from '../../wire/message-format.js';

/** Error codes English leaves to the server's message, which every translation words (ServerWorded). */
const SERVER_WORDED: ServerWorded[] = [
  'sms_not_sent',
  'email_not_sent',
  'rate_limited',
  'weak_password',
  'phonecheck_unavailable',
  'service_unavailable',
];

/** The widget's translation modules, by the tag their file is named after (ar, pt-BR, zh-CN, ...). */
const WIDGET_DIR = path.join(packageRoot, 'widget', 'i18n');
const TAGS = readdirSync(WIDGET_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

async function widgetTexts(tag: string): Promise<Record<string, string>> {
  const module = (await import(path.join(WIDGET_DIR, `${tag}.ts`))) as { default: Record<string, string> };
  return module.default;
}

/** The names a text takes from its caller: `{name}` and `{name, plural, ...}`. */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?:\}|, ?plural,)/g)].map((m) => m[1]!))].sort();
}

/** Each `{name, plural, ...}` block of a text: its variable and the categories it has a form for. */
function pluralBlocks(text: string): { name: string; forms: string[] }[] {
  return [...text.matchAll(/\{(\w+), ?plural,((?: *\w+ ?\{[^{}]*\})+) *\}/g)].map((m) => ({
    name: m[1]!,
    forms: [...m[2]!.matchAll(/(\w+) ?\{/g)].map((f) => f[1]!),
  }));
}

/** The categories `lang` gives the whole numbers a count can be (0 to 1000). */
function integerCategories(lang: string): string[] {
  const rules = new Intl.PluralRules(lang);
  return [...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))].sort();
}

/** Every count a text can hold, from 0 to 1000, in the form `lang` chooses: no placeholder left over. */
function expectEveryCountFilled(text: string, lang: string, label: string): void {
  for (const { name, forms } of pluralBlocks(text)) {
    expect(forms, `${label}: {${name}, plural} has an "other" form`).toContain('other');
    for (const category of integerCategories(lang))
      expect(forms, `${label}: {${name}, plural} has a "${category}" form (Intl.PluralRules("${lang}"))`).toContain(
        category,
      );
  }
  const vars = Object.fromEntries(variables(text).map((v) => [v, 7]));
  expect(format(text, lang, vars), label).not.toMatch(/[{}]|#(?!7)/); // "#7": the WebOTP line
}

describe('the widget translations', () => {
  it('are the sixteen languages promised (English built in, fifteen modules)', () => {
    expect(TAGS).toEqual(
      ['ar', 'de', 'es', 'fr', 'hi', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'ru', 'tr', 'zh-CN'].sort(),
    );
  });

  for (const tag of TAGS) {
    it(`${tag}: has every text of English and no other, each with English's placeholders`, async () => {
      const texts = await widgetTexts(tag);
      expect(Object.keys(texts).sort()).toEqual([...Object.keys(en), ...SERVER_WORDED].sort());
      for (const code of SERVER_WORDED) expect(variables(texts[code]!), `${tag}.${code}`).toEqual([]);
      for (const [id, english] of Object.entries(en)) {
        const text = texts[id]!;
        expect(text.trim(), `${tag}.${id} is not empty`).not.toBe('');
        expect(variables(text), `${tag}.${id} placeholders`).toEqual(variables(english));
      }
    });

    it(`${tag}: has a form for every plural category of its language in each count`, async () => {
      for (const [id, text] of Object.entries(await widgetTexts(tag))) {
        expectEveryCountFilled(text, tag, `${tag}.${id}`);
      }
    });
  }

  it('English counts its seconds, digits and characters in the plural too', () => {
    for (const id of ['retry_in', 'otp_digits', 'otp_period', 'new_pw_hint'] as const)
      expect(pluralBlocks(en[id]).length, id).toBe(1);
    expectEveryCountFilled(en.new_pw_hint, 'en', 'en.new_pw_hint');
  });
});

describe('the account element translations', () => {
  const ACCOUNT_DIR = path.join(packageRoot, 'widget', 'account', 'i18n');
  const accountTexts = async (tag: string) =>
    ((await import(path.join(ACCOUNT_DIR, `${tag}.ts`))) as { default: Record<string, string> }).default;

  it('are in every language of the sign-in widget', () => {
    const accountTags = readdirSync(ACCOUNT_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(accountTags).toEqual(TAGS);
  });

  for (const tag of TAGS) {
    it(`${tag}: has every text of the account's English and no other, with its placeholders and plurals`, async () => {
      const texts = await accountTexts(tag);
      expect(Object.keys(texts).sort()).toEqual(Object.keys(accountEnglish).sort());
      for (const [id, english] of Object.entries(accountEnglish)) {
        const text = texts[id]!;
        expect(text.trim(), `account ${tag}.${id} is not empty`).not.toBe('');
        expect(variables(text), `account ${tag}.${id} placeholders`).toEqual(variables(english));
        expect(pluralBlocks(text).length, `account ${tag}.${id} counts`).toBe(pluralBlocks(english).length);
        expectEveryCountFilled(text, tag, `account ${tag}.${id}`);
      }
      if (tag !== 'pt-BR') expect(texts.codes).not.toBe(accountEnglish.codes);
    });
  }

  it('count the recovery codes left in each language’s own forms', async () => {
    const ar = (await accountTexts('ar')).codes_left!;
    const ru = (await accountTexts('ru')).codes_left!;
    const pl = (await accountTexts('pl')).codes_left!;
    const ja = (await accountTexts('ja')).codes_left!;
    expect(format(accountEnglish.codes_left, 'en', { n: 1 })).toBe('You have 1 code left.');
    expect([1, 2, 7, 11, 100].map((n) => format(ar, 'ar', { n }))).toEqual([
      'يتبقى لديك رمز واحد.',
      'يتبقى لديك رمزان.',
      'يتبقى لديك 7 رموز.',
      'يتبقى لديك 11 رمزًا.',
      'يتبقى لديك 100 رمز.',
    ]);
    expect([1, 3, 5, 21].map((n) => format(ru, 'ru', { n }))).toEqual([
      'У вас остался 1 код.',
      'У вас осталось 3 кода.',
      'У вас осталось 5 кодов.',
      'У вас остался 21 код.',
    ]);
    expect([1, 22, 25].map((n) => format(pl, 'pl', { n }))).toEqual([
      'Został Ci 1 kod.',
      'Zostały Ci 22 kody.',
      'Zostało Ci 25 kodów.',
    ]);
    expect(format(ja, 'ja', { n: 1 })).toBe('残りのコードは 1 個です。');
  });
});

describe('the message format', () => {
  it('picks the form by the language’s own rules', async () => {
    const ar = await widgetTexts('ar');
    const ru = await widgetTexts('ru');
    const pl = await widgetTexts('pl');
    const count = (text: string, lang: string, n: number) => format(text, lang, { n });
    expect(count(en.retry_in, 'en', 1)).toBe('Try again in 1 second.');
    expect(count(en.retry_in, 'en', 30)).toBe('Try again in 30 seconds.');
    expect(count(ar.retry_in!, 'ar', 1)).toBe('أعد المحاولة بعد ثانية واحدة.');
    expect(count(ar.retry_in!, 'ar', 2)).toBe('أعد المحاولة بعد ثانيتين.');
    expect(count(ar.retry_in!, 'ar', 5)).toBe('أعد المحاولة بعد 5 ثوانٍ.');
    expect(count(ar.retry_in!, 'ar', 30)).toBe('أعد المحاولة بعد 30 ثانية.');
    expect(count(ru.retry_in!, 'ru', 1)).toContain('1 секунду');
    expect(count(ru.retry_in!, 'ru', 3)).toContain('3 секунды');
    expect(count(ru.retry_in!, 'ru', 11)).toContain('11 секунд');
    expect(count(ru.retry_in!, 'ru', 21)).toContain('21 секунду');
    expect(count(pl.retry_in!, 'pl', 22)).toContain('22 sekundy');
    expect(count(pl.retry_in!, 'pl', 25)).toContain('25 sekund');
  });

  it('keeps what it cannot fill, and reads any language tag', () => {
    expect(format('We sent a code to {phone}.', 'en', {})).toBe('We sent a code to {phone}.');
    expect(format('{n, plural, one {# try} other {# tries}}', 'not a tag!', { n: 1 })).toBe('1 tries');
    expect(format('{n, plural, one {# try} other {# tries}}', undefined, { n: 1 })).toBe('1 try');
  });
});

describe('the texts the server sends', () => {
  const sms = parseConfig({}).sms;
  const email = emailOtpSettings.parse({});

  it('are built in for the same sixteen languages, with English’s placeholders and every plural form', () => {
    expect(['en', ...TAGS].sort()).toEqual([...LANGUAGES].sort());
    for (const table of [BUILT_IN_SMS, BUILT_IN_EMAIL, BUILT_IN_RESET])
      expect(Object.keys(table).sort()).toEqual([...LANGUAGES].sort());
    const texts = (tag: string) => ({
      sms: BUILT_IN_SMS[tag]!,
      email_subject: BUILT_IN_EMAIL[tag]!.subject,
      email_text: BUILT_IN_EMAIL[tag]!.text,
      reset_subject: BUILT_IN_RESET[tag]!.subject,
      reset_text: BUILT_IN_RESET[tag]!.text,
    });
    for (const tag of LANGUAGES) {
      for (const [name, text] of Object.entries(texts(tag))) {
        expect(variables(text), `${tag} ${name}`).toEqual(variables(texts('en')[name as 'sms']));
        expectEveryCountFilled(text, tag, `${tag} ${name}`);
      }
    }
  });

  for (const tag of LANGUAGES) {
    it(`${tag}: the SMS code, the code mail and the reset mail read whole, in ${tag}`, () => {
      const minutes = [1, 2, 5, 11, 21];
      for (const m of minutes) {
        const ttl = { ...sms!, code_ttl_seconds: m * 60 };
        const text = smsText(templateFor(ttl, tag), { code: '042137', app: 'Demo RP', host: 'rp.example', minutes: m });
        expect(text, `${tag} SMS, ${m} min`).not.toMatch(/[{}]/);
        expect(text.split('\n').at(-1), 'the WebOTP line, last').toBe('@rp.example #042137');
        expect(text).toContain('Demo RP');
        expect(text).toContain(String(m));
      }
      if (tag !== 'en') expect(templateFor(sms!, tag)).not.toBe(templateFor(sms!, 'en'));

      const mail = codeMail(emailTemplateFor(email!, tag), { code: '042137', app: 'Demo RP', minutes: 5 });
      const reset = resetMail(tag, { code: '042137', app: 'Demo RP', minutes: 5 });
      for (const m of [mail, reset]) {
        expect(m.subject + m.text, tag).not.toMatch(/[{}#]/);
        expect(m.subject).toContain('Demo RP');
        expect(m.text).toContain('042137');
        expect(m.subject).not.toContain('042137'); // lock screens show subjects
        expect(m.html).toContain(tag === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
      }
    });

    it(`${tag}: every account notice, by mail and by SMS`, () => {
      const w = wordingFor(tag);
      expect(w.lang).toBe(tag);
      const english = wordingFor('en');
      const by = {
        type: 'sign_in',
        clientName: 'Demo RP',
        ip: '198.51.100.7',
        userAgent: 'Firefox/140 (Windows)',
      } as const;
      const at = Date.UTC(2026, 11, 4, 3, 15);
      const notices: AccountNotice[] = [
        { kind: 'password_changed', userId: 'u', by, at, lang: tag },
        { kind: 'factor_added', factor: 'otp', userId: 'u', by, at, lang: tag, firstFactor: true },
        { kind: 'factor_removed', factor: 'passkey', userId: 'u', by, at, lang: tag },
        { kind: 'recovery_code_used', userId: 'u', by, at, lang: tag } as AccountNotice,
        { kind: 'new_sign_in', userId: 'u', by: { type: 'administrator' }, at, lang: tag } as AccountNotice,
      ];
      for (const notice of notices) {
        const todo = {
          contact: 'help@example.com',
          resetUrl: 'https://id.example/reset',
          issuer: 'https://id.example',
        };
        const mail = noticeMail(notice, { username: 'alice', email: 'alice@example.com', phone: null }, w, todo);
        expect(mail.text, `${tag} ${notice.kind}`).toContain('alice');
        expect(mail.text).toContain('help@example.com');
        expect(mail.text).toContain('https://id.example/reset');
        expect(mail.html).toContain(`lang="${tag}"`);
        expect(mail.html).toContain(tag === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
        expect(mail.subject).toBe(w.kinds[notice.kind].subject);
        const text = noticeSms(notice, w, 'https://id.example');
        expect(text === undefined, `${tag} ${notice.kind} goes by SMS as in English`).toBe(
          noticeSms(notice, english, 'https://id.example') === undefined,
        );
        if (text) {
          expect(text).not.toMatch(/[{}]/);
          expect(text).toContain('2026-12-04 03:15 UTC');
          expect(text.endsWith(w.smsNotYou)).toBe(true);
        }
      }
      // An SMS is cut to 160 characters by shortening the application's name: leave it 8 at least.
      for (const words of Object.values(w.kinds)) {
        for (const factor of Object.values(w.factors)) {
          const sentence = words.sms?.replace('{what}', factor.sms).replace('{when}', '2026-12-04 03:15 UTC');
          if (sentence) expect(`: ${sentence} ${w.smsNotYou}`.length, `${tag}: ${sentence}`).toBeLessThanOrEqual(152);
        }
      }
      for (const kind of Object.keys(english.kinds) as (keyof typeof english.kinds)[]) {
        expect(variables(w.kinds[kind].sms ?? ''), `${tag} ${kind} SMS`).toEqual(
          variables(english.kinds[kind].sms ?? ''),
        );
        if (tag !== 'en') expect(w.kinds[kind].subject).not.toBe(english.kinds[kind].subject);
      }
    });
  }

  it('find Simplified Chinese under its names, and nothing for traditional Chinese', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-SG']) {
      expect(shippedTag(tag), tag).toBe('zh-CN');
      expect(wordingFor(tag).lang, tag).toBe('zh-CN');
      expect(templateFor(sms!, tag), tag).toBe(templateFor(sms!, 'zh-CN'));
      expect(resetMail(tag, { code: '1', app: 'A', minutes: 5 }).subject, tag).toBe('重置你的 A 密码');
    }
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK', 'zh-Hant-TW']) {
      expect(wordingFor(tag).lang, tag).toBe('en');
      expect(templateFor(sms!, tag), tag).toBe(templateFor(sms!, 'en'));
    }
    expect(pageLanguage(['zh-Hans'])).toBe('zh-CN');
    expect(pageLanguage(['zh-TW'])).toBe('en');
    expect(pageLanguage(['zh-TW', 'ja'])).toBe('ja');
    expect(wordingFor('in').lang).toBe('id');
    expect(wordingFor('ar-EG').lang).toBe('ar');
    expect(wordingFor('pt').lang).toBe('pt-BR');
  });
});
