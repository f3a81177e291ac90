// The code's e-mail: the configured subject and text for the user's language, else built-in ones. The
// code is in the body only (a subject shows on lock screens and in notification previews), with what it is
// for, how long it lasts and what to do when the reader did not ask for it. Nothing in it signs anyone in.
import { html } from '../../http/html.js';
import type { MailContent } from '../../notifications/factor-bound-text.js';
import { format } from '../../../wire/message-format.js';
import { direction, shippedTag } from '../../../wire/language-tags.js';
import { byLanguage } from '../one-time-codes.js';
import type { EmailOtpSettings } from './settings.js';

interface Template {
  subject: string;
  text: string;
}

const BUILT_IN: Record<string, Template> = {
  en: {
    subject: 'Your {app} verification code',
    text:
      'Your {app} verification code is:\n\n    {code}\n\nIt expires in ' +
      '{minutes, plural, one {# minute} other {# minutes}}. Enter it where you are signing in; never give it to ' +
      'anyone.\n\nIf you did not try to sign in, someone may know your password: change it, and ignore this message.',
  },
  'pt-BR': {
    subject: 'Seu código de verificação {app}',
    text:
      'Seu código de verificação {app} é:\n\n    {code}\n\nEle expira em ' +
      '{minutes, plural, one {# minuto} other {# minutos}}. Digite-o onde você está entrando; nunca o informe a ' +
      'ninguém.\n\nSe não foi você que tentou entrar, alguém pode saber sua senha: troque-a e ignore esta mensagem.',
  },
  es: {
    subject: 'Tu código de verificación de {app}',
    text:
      'Tu código de verificación de {app} es:\n\n    {code}\n\nCaduca en ' +
      '{minutes, plural, one {# minuto} other {# minutos}}. Introdúcelo donde estás iniciando sesión; no se lo ' +
      'des a nadie.\n\nSi no intentaste iniciar sesión, alguien puede conocer tu contraseña: cámbiala e ignora ' +
      'este mensaje.',
  },
  fr: {
    subject: 'Votre code de vérification {app}',
    text:
      'Votre code de vérification {app} est :\n\n    {code}\n\nIl expire dans ' +
      '{minutes, plural, one {# minute} other {# minutes}}. Saisissez-le là où vous vous connectez ; ne le ' +
      'donnez à personne.\n\nSi vous n’avez pas essayé de vous connecter, quelqu’un connaît peut-être votre mot ' +
      'de passe : changez-le et ignorez ce message.',
  },
  de: {
    subject: 'Dein Bestätigungscode für {app}',
    text:
      'Dein Bestätigungscode für {app} lautet:\n\n    {code}\n\nEr läuft in ' +
      '{minutes, plural, one {# Minute} other {# Minuten}} ab. Gib ihn dort ein, wo du dich anmeldest; gib ihn ' +
      'niemandem weiter.\n\nWenn du dich nicht anmelden wolltest, kennt jemand vielleicht dein Passwort: Ändere ' +
      'es und ignoriere diese Nachricht.',
  },
  ar: {
    subject: 'رمز التحقق الخاص بك في {app}',
    text:
      'رمز التحقق الخاص بك في {app} هو:\n\n    {code}\n\nتنتهي صلاحيته خلال {minutes, plural, zero {# دقيقة} ' +
      'one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}. أدخله حيث تسجّل الدخول، ' +
      'ولا تعطه لأي أحد أبدًا.\n\nإذا لم تحاول تسجيل الدخول، فربما يعرف شخص ما كلمة مرورك: غيّرها وتجاهل هذه ' +
      'الرسالة.',
  },
  ja: {
    subject: '{app} の確認コード',
    text:
      '{app} の確認コードは次のとおりです。\n\n    {code}\n\n有効期限は {minutes} 分です。ログイン中の画面で入力し、' +
      '誰にも教えないでください。\n\nログインしようとしていない場合は、第三者があなたのパスワードを知っている可能性があります。' +
      'パスワードを変更し、このメッセージは無視してください。',
  },
  'zh-CN': {
    subject: '你的 {app} 验证码',
    text:
      '你的 {app} 验证码是：\n\n    {code}\n\n验证码 {minutes} 分钟内有效。请在你正在登录的页面输入，切勿告诉任何人。\n\n' +
      '如果你没有尝试登录，可能有人知道你的密码：请更改密码，并忽略此邮件。',
  },
  it: {
    subject: 'Il tuo codice di verifica {app}',
    text:
      'Il tuo codice di verifica {app} è:\n\n    {code}\n\nScade tra ' +
      '{minutes, plural, one {# minuto} other {# minuti}}. Inseriscilo dove stai accedendo; non darlo mai a ' +
      'nessuno.\n\nSe non hai provato ad accedere, qualcuno potrebbe conoscere la tua password: cambiala e ' +
      'ignora questo messaggio.',
  },
  nl: {
    subject: 'Je verificatiecode voor {app}',
    text:
      'Je verificatiecode voor {app} is:\n\n    {code}\n\nHij verloopt over ' +
      '{minutes, plural, one {# minuut} other {# minuten}}. Voer hem in waar je aan het inloggen bent; geef hem ' +
      'nooit aan iemand.\n\nAls jij niet probeerde in te loggen, kent iemand misschien je wachtwoord: wijzig het ' +
      'en negeer dit bericht.',
  },
  pl: {
    subject: 'Twój kod weryfikacyjny {app}',
    text:
      'Twój kod weryfikacyjny {app} to:\n\n    {code}\n\nWygaśnie za ' +
      '{minutes, plural, one {# minutę} few {# minuty} many {# minut} other {# minuty}}. Wpisz go tam, gdzie się ' +
      'logujesz; nigdy nikomu go nie podawaj.\n\nJeśli to nie Ty próbujesz się zalogować, ktoś może znać Twoje ' +
      'hasło: zmień je i zignoruj tę wiadomość.',
  },
  tr: {
    subject: '{app} doğrulama kodunuz',
    text:
      '{app} doğrulama kodunuz:\n\n    {code}\n\nKod {minutes} dakika geçerlidir. Giriş yaptığınız yere girin; ' +
      'kodu asla kimseyle paylaşmayın.\n\nGiriş yapmayı siz denemediyseniz biri şifrenizi biliyor olabilir: ' +
      'şifrenizi değiştirin ve bu mesajı dikkate almayın.',
  },
  id: {
    subject: 'Kode verifikasi {app} Anda',
    text:
      'Kode verifikasi {app} Anda adalah:\n\n    {code}\n\nKode ini berlaku selama {minutes} menit. Masukkan di ' +
      'tempat Anda sedang masuk; jangan pernah memberikannya kepada siapa pun.\n\nJika Anda tidak mencoba masuk, ' +
      'seseorang mungkin mengetahui sandi Anda: ubah sandi Anda dan abaikan pesan ini.',
  },
  ru: {
    subject: 'Ваш код подтверждения {app}',
    text:
      'Ваш код подтверждения {app}:\n\n    {code}\n\nОн действует ' +
      '{minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}. Введите его там, где ' +
      'выполняете вход, и никому его не сообщайте.\n\nЕсли вы не пытались войти, возможно, кто-то знает ваш ' +
      'пароль: смените его и не обращайте внимания на это письмо.',
  },
  hi: {
    subject: 'आपका {app} सत्यापन कोड',
    text:
      'आपका {app} सत्यापन कोड है:\n\n    {code}\n\nयह {minutes} मिनट में समाप्त हो जाएगा। इसे वहीं डालें जहां ' +
      'आप साइन इन कर रहे हैं; इसे कभी किसी को न बताएं।\n\nअगर आपने साइन इन करने की कोशिश नहीं की, तो शायद ' +
      'कोई आपका पासवर्ड जानता है: उसे बदलें और इस संदेश को अनदेखा करें।',
  },
  ko: {
    subject: '{app} 인증 코드',
    text:
      '{app} 인증 코드:\n\n    {code}\n\n{minutes}분 후에 만료됩니다. 로그인 중인 화면에 입력하고, 누구에게도 ' +
      '알려 주지 마세요.\n\n로그인을 시도하지 않았다면 누군가 비밀번호를 알고 있을 수 있습니다. 비밀번호를 변경하고 ' +
      '이 메시지는 무시하세요.',
  },
};

/** The texts built in, by language tag (for the test that every language has one). */
export const BUILT_IN_EMAIL: Readonly<Record<string, Template>> = BUILT_IN;

/**
 * The template for `lang`: exact tag, then its base language, then English (configured before built-in),
 * its count of minutes (the code's lifetime, a setting) already in the form the language needs.
 */
export function emailTemplateFor(settings: EmailOtpSettings, lang: string | undefined): Template {
  const template = byLanguage<Template>([settings.templates, BUILT_IN], lang) ?? BUILT_IN.en!;
  const count = (t: string) =>
    format(t, lang && shippedTag(lang), { minutes: Math.round(settings.code_ttl_seconds / 60) });
  return { subject: count(template.subject), text: count(template.text) };
}

export interface EmailVars {
  code: string;
  app: string;
  minutes: number;
}

const fill = (template: string, vars: EmailVars, app: string) =>
  template.replace(/\{(code|app|minutes)\}/g, (_, name: keyof EmailVars) =>
    name === 'app' ? app : String(vars[name]),
  );

/** The mail: plain text, and the same as simple HTML (each paragraph escaped). */
export function codeMail(template: Template, vars: EmailVars): MailContent {
  // The application's name comes from configuration, but a subject is one line whatever it holds.
  const app = vars.app.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').slice(0, 100);
  const text = fill(template.text, vars, app);
  const paragraphs = text.split(/\n{2,}/);
  const body = html`<!doctype html><html dir="${direction(text)}"><body>${paragraphs.map((p) =>
    p.trim() === vars.code
      ? html`<p style="font-size:1.5em;letter-spacing:.2em"><strong>${vars.code}</strong></p>`
      : html`<p>${p}</p>`,
  )}</body></html>`;
  return { subject: fill(template.subject, vars, app).replace(/\s+/g, ' ').trim(), text, html: body.value };
}
