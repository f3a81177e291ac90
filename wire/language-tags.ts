// The languages this package has texts in (the widget, the SMS and e-mail codes, the account notices), and
// how a requested language tag finds one of them.

/** English and the fifteen translations, by the tag each is shipped under. */
export const LANGUAGES = [
  'en',
  'ar',
  'de',
  'es',
  'fr',
  'hi',
  'id',
  'it',
  'ja',
  'ko',
  'nl',
  'pl',
  'pt-BR',
  'ru',
  'tr',
  'zh-CN',
] as const;

/**
 * A requested tag under the name we ship its language by: Simplified Chinese under any of its names ("zh",
 * "zh-Hans", "zh-SG", "zh-Hans-CN") is "zh-CN", while traditional Chinese ("zh-TW", "zh-Hant", "zh-HK",
 * "zh-MO") is left as it is, to find no translation rather than the wrong script; "in", Java's old tag for
 * Indonesian, is "id". Any other tag is returned unchanged.
 */
export function shippedTag(lang: string): string {
  const tag = lang.trim().toLowerCase().replace(/_/g, '-');
  if (/^zh(-|$)/.test(tag)) return /^zh-(hant|tw|hk|mo)(-|$)/.test(tag) ? lang : 'zh-CN';
  if (/^in(-|$)/.test(tag)) return `id${tag.slice(2)}`;
  return lang;
}

/** Whether `lang` is written right to left, for the languages we have texts in (Arabic). */
export function isRightToLeft(lang: string | undefined): boolean {
  return /^(ar|ckb|dv|fa|he|iw|ps|sd|ug|ur|yi)(-|$)/i.test(lang ?? '');
}

/** The direction of a text by its first letter: "rtl" when it is Arabic or Hebrew script, else "ltr". */
export function direction(text: string): 'rtl' | 'ltr' {
  return /^[^\p{L}]*[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(text) ? 'rtl' : 'ltr';
}
