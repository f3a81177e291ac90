// The texts of the pages the provider renders itself, in the visitor's language: the catalog (one module
// per language in page-text/, each a whole translation of en.ts), the operator's overrides from
// `branding.messages` on top, and the choice of language from ui_locales or Accept-Language.
import { Html, escapeHtml } from './html.js';
import { de } from './page-text/de.js';
import { en, type PageTextId, type PageTexts } from './page-text/en.js';
import { es } from './page-text/es.js';
import { fr } from './page-text/fr.js';
import { ptBR } from './page-text/pt-BR.js';
import { ar } from './page-text/ar.js';
import { hi } from './page-text/hi.js';
import { id } from './page-text/id.js';
import { it } from './page-text/it.js';
import { ja } from './page-text/ja.js';
import { ko } from './page-text/ko.js';
import { nl } from './page-text/nl.js';
import { pl } from './page-text/pl.js';
import { ru } from './page-text/ru.js';
import { tr } from './page-text/tr.js';
import { zhCN } from './page-text/zh-CN.js';
import { shippedTag } from '../../wire/language-tags.js';

export { en as PAGE_TEXT_BASE, type PageTextId, type PageTexts };

/** Every language of the pages, by BCP 47 tag. A new language: its module in page-text/ and one line here. */
export const PAGE_TEXTS: Readonly<Record<string, PageTexts>> = {
  en,
  de,
  es,
  fr,
  'pt-BR': ptBR,
  ar,
  ja,
  'zh-CN': zhCN,
  it,
  nl,
  pl,
  tr,
  id,
  ru,
  hi,
  ko,
};

/** An operator's texts by language tag, then by id (validated against the ids when the config is read). */
export type TextOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The `{name}` placeholders of a text, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

/**
 * The languages a visitor asks for, most wanted first: the request's ui_locales (space-separated, OIDC
 * Core 3.1.2.1) when it has one, else the browser's Accept-Language (its q-values are in order in practice).
 */
export function wantedLanguages(uiLocales: unknown, acceptLanguage: string | undefined): string[] {
  const listed =
    typeof uiLocales === 'string' && uiLocales.trim()
      ? uiLocales.split(' ')
      : (acceptLanguage ?? '').split(',').map((l) => l.split(';')[0]!);
  return listed.map((l) => l.trim()).filter((l) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(l));
}

/** The tag among `known` for a wanted one: the exact tag, else its base language, else a regional one. */
function match(tag: string, known: readonly string[]): string | undefined {
  const lower = shippedTag(tag).toLowerCase(); // zh, zh-Hans -> zh-CN
  const base = lower.split('-')[0]!;
  const exact = known.find((k) => k.toLowerCase() === lower);
  // Traditional Chinese (all that shippedTag leaves as zh-*) is not Simplified in another region.
  if (base === 'zh' && lower !== 'zh-cn') return exact;
  return (
    exact ?? known.find((k) => k.toLowerCase() === base) ?? known.find((k) => k.toLowerCase().split('-')[0] === base)
  );
}

/** The pages' language for what the visitor wants: a catalog language or one the operator wrote texts for. */
export function pageLanguage(wanted: readonly string[], overrides: TextOverrides = {}): string {
  const known = [...new Set([...Object.keys(PAGE_TEXTS), ...Object.keys(overrides)])];
  for (const tag of wanted) {
    const found = match(tag, known);
    if (found) return found;
  }
  return 'en';
}

/** The texts of one language: English, under the catalog's base and exact language, under the overrides. */
function textsFor(lang: string, overrides: TextOverrides): Record<string, string> {
  const base = lang.split('-')[0]!;
  const layers = [PAGE_TEXTS[base], PAGE_TEXTS[lang], overrides[base], lang === base ? undefined : overrides[lang]];
  return Object.assign({}, en, ...layers.filter(Boolean));
}

export interface PageText {
  /** The language of these texts (the page's `lang`). */
  lang: string;
  /** A text with its placeholders filled: values are escaped unless they are `Html` already. */
  t(id: PageTextId, values?: Record<string, string | number | Html>): Html;
  /** The same as plain text (a `<title>`, an attribute; escaped where it is used). */
  s(id: PageTextId, values?: Record<string, string | number>): string;
}

export function pageText(lang: string, overrides: TextOverrides = {}): PageText {
  const texts = textsFor(lang, overrides);
  const fill = (id: PageTextId, values: Record<string, unknown>, quote: (v: unknown) => string) =>
    texts[id]!.split(/(\{[a-z_]+\})/).map((piece, i) => {
      if (i % 2 === 0) return quote(piece);
      const name = piece.slice(1, -1);
      if (!(name in values)) return quote(piece);
      const value = values[name];
      return value instanceof Html ? value.value : quote(value);
    });
  return {
    lang,
    t: (id, values = {}) => new Html(fill(id, values, escapeHtml).join('')),
    s: (id, values = {}) => fill(id, values, String).join(''),
  };
}

/** "just now", "3 minutes ago", "over an hour ago": how long ago a sign-in started, in the pages' language. */
export function startedAgo(text: PageText, startedAt: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - startedAt) / 60_000);
  if (minutes < 1) return text.s('started_just_now');
  if (minutes >= 60) return text.s('started_over_an_hour');
  return new Intl.RelativeTimeFormat(text.lang, { numeric: 'always' }).format(-minutes, 'minute');
}
