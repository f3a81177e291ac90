// The translations, checked as a reviewer would before reading them: every language has every text of
// the widget, each with the same placeholders as English, and each count in a form for every plural
// category its language has (Intl.PluralRules), so that no user reads "1 seconds" or a raw "{n}".
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';
import { en } from '../../widget/messages.js';
import { format } from '../../wire/message-format.js';

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
export function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?:\}|, ?plural,)/g)].map((m) => m[1]!))].sort();
}

/** Each `{name, plural, ...}` block of a text: its variable and the categories it has a form for. */
export function pluralBlocks(text: string): { name: string; forms: string[] }[] {
  return [...text.matchAll(/\{(\w+), ?plural,((?: *\w+ ?\{[^{}]*\})+) *\}/g)].map((m) => ({
    name: m[1]!,
    forms: [...m[2]!.matchAll(/(\w+) ?\{/g)].map((f) => f[1]!),
  }));
}

/** The categories `lang` gives the whole numbers a count can be (0 to 1000). */
export function integerCategories(lang: string): string[] {
  const rules = new Intl.PluralRules(lang);
  return [...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))].sort();
}

/** Every count a text can hold, from 0 to 1000, in the form `lang` chooses: no placeholder left over. */
export function expectEveryCountFilled(text: string, lang: string, label: string): void {
  for (const { name, forms } of pluralBlocks(text)) {
    expect(forms, `${label}: {${name}, plural} has an "other" form`).toContain('other');
    for (const category of integerCategories(lang))
      expect(forms, `${label}: {${name}, plural} has a "${category}" form (Intl.PluralRules("${lang}"))`).toContain(
        category,
      );
  }
  const vars = Object.fromEntries(variables(text).map((v) => [v, 7]));
  expect(format(text, lang, vars), label).not.toMatch(/[{}#]/);
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
      expect(Object.keys(texts).sort()).toEqual(Object.keys(en).sort());
      for (const [id, english] of Object.entries(en)) {
        const text = texts[id]!;
        expect(text.trim(), `${tag}.${id} is not empty`).not.toBe('');
        expect(variables(text), `${tag}.${id} placeholders`).toEqual(variables(english));
      }
    });

    it(`${tag}: has a form for every plural category of its language in each count`, async () => {
      for (const [id, text] of Object.entries(await widgetTexts(tag))) expectEveryCountFilled(text, tag, `${tag}.${id}`);
    });
  }

  it('English counts its seconds, digits and characters in the plural too', () => {
    for (const id of ['retry_in', 'otp_digits', 'otp_period', 'new_pw_hint'] as const)
      expect(pluralBlocks(en[id]).length, id).toBe(1);
    expectEveryCountFilled(en.new_pw_hint, 'en', 'en.new_pw_hint');
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
