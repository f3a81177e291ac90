// The SMS text: from the configured template for the user's language, else a built-in one. Built-in
// texts end with "@host #code" so Chrome's WebOTP can offer the code to the page that asked for it. Built in
// for the sixteen languages of the widget; a template may count its minutes as `{minutes, plural, ...}`.
import type { SmsSettings } from './settings.js';
import { format } from '../../../wire/message-format.js';
import { shippedTag } from '../../../wire/language-tags.js';
import { byLanguage } from '../one-time-codes.js';

const BUILT_IN: Record<string, string> = {
  en:
    '{code} is your {app} verification code. It expires in {minutes, plural, one {# minute} other {# minutes}}.' +
    '\n\n@{host} #{code}',
  'pt-BR':
    '{code} é o seu código de verificação {app}. Ele expira em {minutes, plural, one {# minuto} other {# minutos}}.' +
    '\n\n@{host} #{code}',
  es:
    '{code} es tu código de verificación de {app}. Caduca en {minutes, plural, one {# minuto} other {# minutos}}.' +
    '\n\n@{host} #{code}',
  fr:
    '{code} est votre code de vérification {app}. Il expire dans ' +
    '{minutes, plural, one {# minute} other {# minutes}}.\n\n@{host} #{code}',
  de:
    '{code} ist dein Bestätigungscode für {app}. Er läuft in {minutes, plural, one {# Minute} other {# Minuten}} ab.' +
    '\n\n@{host} #{code}',
  ar:
    'رمز التحقق الخاص بك في {app} هو {code}. تنتهي صلاحيته خلال {minutes, plural, zero {# دقيقة} ' +
    'one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}.\n\n@{host} #{code}',
  ja: '{app} の確認コードは {code} です。有効期限は {minutes} 分です。\n\n@{host} #{code}',
  'zh-CN': '你的 {app} 验证码是 {code}，{minutes} 分钟内有效。\n\n@{host} #{code}',
  it:
    '{code} è il tuo codice di verifica {app}. Scade tra {minutes, plural, one {# minuto} other {# minuti}}.' +
    '\n\n@{host} #{code}',
  nl:
    '{code} is je verificatiecode voor {app}. Hij verloopt over {minutes, plural, one {# minuut} other {# minuten}}.' +
    '\n\n@{host} #{code}',
  pl:
    '{code} to Twój kod weryfikacyjny {app}. Wygaśnie za ' +
    '{minutes, plural, one {# minutę} few {# minuty} many {# minut} other {# minuty}}.\n\n@{host} #{code}',
  tr: '{app} doğrulama kodunuz: {code}. Kod {minutes} dakika geçerlidir.\n\n@{host} #{code}',
  id: '{code} adalah kode verifikasi {app} Anda. Kode ini berlaku selama {minutes} menit.\n\n@{host} #{code}',
  ru:
    '{code} — ваш код подтверждения {app}. Он действует ' +
    '{minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}.\n\n@{host} #{code}',
  hi: '{code} आपका {app} सत्यापन कोड है। यह {minutes} मिनट में समाप्त हो जाएगा।\n\n@{host} #{code}',
  ko: '{app} 인증 코드는 {code}입니다. {minutes}분 후에 만료됩니다.\n\n@{host} #{code}',
};

/** The texts built in, by language tag (for the test that every language has one). */
export const BUILT_IN_SMS: Readonly<Record<string, string>> = BUILT_IN;

/**
 * The template for `lang`: exact tag, then its base language, then English (configured before built-in).
 * Its count of minutes is put in the form the language needs here, where the language is known: the
 * minutes are the code's lifetime, a setting (smsText then fills in the rest).
 */
export function templateFor(settings: SmsSettings, lang: string | undefined): string {
  const template = byLanguage([settings.templates, BUILT_IN], lang) ?? BUILT_IN.en!;
  return format(template, lang && shippedTag(lang), { minutes: Math.round(settings.code_ttl_seconds / 60) });
}

export interface MessageVars {
  code: string;
  app: string;
  host: string;
  minutes: number;
}

export function smsText(template: string, vars: MessageVars): string {
  return template.replace(/\{(code|app|host|minutes)\}/g, (_, name: keyof MessageVars) => String(vars[name]));
}
