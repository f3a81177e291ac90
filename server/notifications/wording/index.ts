// The words of the notices, one module per language (the sixteen of wire/language-tags.ts), all answering
// this one shape so that no language can leave a kind out. Which one a notice uses comes from the flow's
// language tag: the exact tag, then its base language, then English.
import type { LANGUAGES } from '../../../wire/language-tags.js';
import type { UserAgentSummary } from '../../user-agents.js';
import type { NoticeFactor, NoticeKind } from '../types.js';
import { shippedTag } from '../../../wire/language-tags.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { hi } from './hi.js';
import { id } from './id.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { ptBR } from './pt-br.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { zhCN } from './zh-cn.js';

export type NoticeLanguage = (typeof LANGUAGES)[number];

export interface KindWords {
  subject: string;
  /** The sentence above the facts, ending with a colon. */
  lead: string;
  /** What the change means when the owner did not make it (a sign-in did it). */
  threat: string;
  /** The SMS's sentence, with {what} (the factor) and {when}; absent: this kind never goes by SMS. */
  sms?: string;
}

/** The facts' names in the mail's table. */
export interface RowNames {
  factor: string;
  phone: string;
  previousPhone: string;
  email: string;
  previousEmail: string;
  codesLeft: string;
  codes: string;
  when: string;
  by: string;
  browser: string;
  ip: string;
  application: string;
}

/** What to do when it was not the owner: where to set a new password (when there is a page), who to ask. */
export interface NextSteps {
  kind: NoticeKind;
  /** notifications.contact, reduced to one line; undefined: the language's "your administrator". */
  contact: string | undefined;
  /** notifications.reset_url, the forgotten-password page. */
  resetUrl: string | undefined;
}

export interface Wording {
  lang: NoticeLanguage;
  /** The mail's writing direction, when right to left. */
  dir?: 'rtl';
  hello(name: string): string;
  kinds: Record<NoticeKind, KindWords>;
  rows: RowNames;
  /** A factor in the mail ("authenticator app") and in an SMS sentence ("an authenticator app"). */
  factors: Record<NoticeFactor | 'other', { mail: string; sms: string }>;
  /** "Firefox on Windows", "a browser on Linux", "an unknown browser". */
  browser(summary: UserAgentSummary): string;
  unknown: string;
  administrator: string;
  /** A phone or address that is no more. */
  none: string;
  firstFactor: string;
  ifYou: string;
  /** Instead of `threat` when an administrator made the change. */
  adminThreat: string;
  nextSteps(steps: NextSteps): string;
  /** The mail's last line: who sent it (the provider's address), and what it never asks for. */
  footer(issuer: string): string;
  /** The SMS's last words. */
  smsNotYou: string;
}

/** By lower-case tag; Chinese only under "zh-cn", which shippedTag makes of every Simplified Chinese tag. */
const BY_TAG: Record<string, Wording> = {
  en,
  'pt-br': ptBR,
  pt: ptBR,
  es,
  fr,
  de,
  ar,
  ja,
  'zh-cn': zhCN,
  it,
  nl,
  pl,
  tr,
  id,
  ru,
  hi,
  ko,
};

/**
 * The wording for a BCP 47 tag: "pt-BR" and "pt" -> Brazilian Portuguese, "de-AT" -> German, "zh-Hans" ->
 * Simplified Chinese, "zh-TW" and "sv" -> English.
 */
export function wordingFor(lang: string | undefined): Wording {
  const tag = shippedTag((lang ?? '').trim().split(/[\s,]+/)[0]!).toLowerCase();
  return BY_TAG[tag] ?? BY_TAG[tag.split('-')[0]!] ?? en;
}
