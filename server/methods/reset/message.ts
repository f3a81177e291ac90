// The reset code's e-mail, in the flow's language (the sixteen of wire/language-tags.ts). The code is in the body
// only; the text says what it is for and that nothing changes unless the reader uses it.
import { html } from '../../http/html.js';
import type { MailContent } from '../../notifications/factor-bound-text.js';
import { format } from '../../../wire/message-format.js';
import { direction, shippedTag } from '../../../wire/language-tags.js';
import { byLanguage } from '../one-time-codes.js';

interface Template {
  subject: string;
  text: string;
}

const BUILT_IN: Record<string, Template> = {
  en: {
    subject: 'Reset your {app} password',
    text:
      'Someone asked to reset the password of your {app} account. The code is:\n\n    {code}\n\nIt expires in ' +
      '{minutes, plural, one {# minute} other {# minutes}}. If it was not you, ignore this message: your password ' +
      'stays as it is.',
  },
  'pt-BR': {
    subject: 'Redefinir sua senha de {app}',
    text:
      'Alguém pediu para redefinir a senha da sua conta {app}. O código é:\n\n    {code}\n\nEle expira em ' +
      '{minutes, plural, one {# minuto} other {# minutos}}. Se não foi você, ignore esta mensagem: sua senha ' +
      'continua a mesma.',
  },
  es: {
    subject: 'Restablece tu contraseña de {app}',
    text:
      'Alguien pidió restablecer la contraseña de tu cuenta de {app}. El código es:\n\n    {code}\n\nCaduca en ' +
      '{minutes, plural, one {# minuto} other {# minutos}}. Si no fuiste tú, ignora este mensaje: tu contraseña ' +
      'no cambia.',
  },
  fr: {
    subject: 'Réinitialiser votre mot de passe {app}',
    text:
      'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte {app}. Le code est :\n\n    {code}\n\n' +
      'Il expire dans {minutes, plural, one {# minute} other {# minutes}}. Si ce n’était pas vous, ignorez ce ' +
      'message : votre mot de passe ne change pas.',
  },
  de: {
    subject: 'Passwort für {app} zurücksetzen',
    text:
      'Jemand hat angefordert, das Passwort deines {app}-Kontos zurückzusetzen. Der Code lautet:\n\n    {code}\n\n' +
      'Er läuft in {minutes, plural, one {# Minute} other {# Minuten}} ab. Wenn du das nicht warst, ignoriere ' +
      'diese Nachricht: Dein Passwort bleibt.',
  },
  ar: {
    subject: 'إعادة تعيين كلمة مرورك في {app}',
    text:
      'طلب شخص ما إعادة تعيين كلمة مرور حسابك في {app}. الرمز هو:\n\n    {code}\n\nتنتهي صلاحيته خلال ' +
      '{minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} ' +
      'other {# دقيقة}}. إذا لم تكن أنت، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
  },
  ja: {
    subject: '{app} のパスワードをリセット',
    text:
      '{app} アカウントのパスワードのリセットがリクエストされました。コードは次のとおりです。\n\n    {code}\n\n' +
      '有効期限は {minutes} 分です。お心当たりがない場合は、このメッセージを無視してください。パスワードは変更されません。',
  },
  'zh-CN': {
    subject: '重置你的 {app} 密码',
    text:
      '有人请求重置你的 {app} 账号密码。验证码是：\n\n    {code}\n\n验证码 {minutes} 分钟内有效。如果不是你本人操作，' +
      '请忽略此邮件：你的密码不会改变。',
  },
  it: {
    subject: 'Reimposta la password di {app}',
    text:
      'Qualcuno ha chiesto di reimpostare la password del tuo account {app}. Il codice è:\n\n    {code}\n\n' +
      'Scade tra {minutes, plural, one {# minuto} other {# minuti}}. Se non sei stato tu, ignora questo ' +
      'messaggio: la tua password resta invariata.',
  },
  nl: {
    subject: 'Je wachtwoord voor {app} opnieuw instellen',
    text:
      'Iemand heeft gevraagd het wachtwoord van je {app}-account opnieuw in te stellen. De code is:\n\n    {code}\n\n' +
      'Hij verloopt over {minutes, plural, one {# minuut} other {# minuten}}. Was jij dit niet, negeer dan dit ' +
      'bericht: je wachtwoord blijft zoals het is.',
  },
  pl: {
    subject: 'Zresetuj hasło do {app}',
    text:
      'Ktoś poprosił o zresetowanie hasła do Twojego konta {app}. Kod to:\n\n    {code}\n\nWygaśnie za ' +
      '{minutes, plural, one {# minutę} few {# minuty} many {# minut} other {# minuty}}. Jeśli to nie Ty, ' +
      'zignoruj tę wiadomość: Twoje hasło się nie zmieni.',
  },
  tr: {
    subject: '{app} şifrenizi sıfırlayın',
    text:
      'Biri {app} hesabınızın şifresini sıfırlamak istedi. Kod:\n\n    {code}\n\nKod {minutes} dakika ' +
      'geçerlidir. Bu siz değilseniz bu mesajı dikkate almayın: şifreniz olduğu gibi kalır.',
  },
  id: {
    subject: 'Atur ulang sandi {app} Anda',
    text:
      'Seseorang meminta untuk mengatur ulang sandi akun {app} Anda. Kodenya:\n\n    {code}\n\nKode ini ' +
      'berlaku selama {minutes} menit. Jika itu bukan Anda, abaikan pesan ini: sandi Anda tetap seperti semula.',
  },
  ru: {
    subject: 'Сброс пароля {app}',
    text:
      'Кто-то запросил сброс пароля вашего аккаунта {app}. Код:\n\n    {code}\n\nОн действует ' +
      '{minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}. Если это были не вы, ' +
      'не обращайте внимания на это письмо: ваш пароль останется прежним.',
  },
  hi: {
    subject: 'अपना {app} पासवर्ड रीसेट करें',
    text:
      'किसी ने आपके {app} खाते का पासवर्ड रीसेट करने का अनुरोध किया है। कोड है:\n\n    {code}\n\nयह ' +
      '{minutes} मिनट में समाप्त हो जाएगा। अगर यह आप नहीं थे, तो इस संदेश को अनदेखा करें: आपका पासवर्ड नहीं बदलेगा।',
  },
  ko: {
    subject: '{app} 비밀번호 재설정',
    text:
      '누군가 {app} 계정의 비밀번호 재설정을 요청했습니다. 코드:\n\n    {code}\n\n{minutes}분 후에 만료됩니다. ' +
      '본인이 요청하지 않았다면 이 메시지를 무시하세요. 비밀번호는 그대로 유지됩니다.',
  },
};

/** The texts built in, by language tag (for the test that every language has one). */
export const BUILT_IN_RESET: Readonly<Record<string, Template>> = BUILT_IN;

export function resetMail(lang: string | undefined, vars: { code: string; app: string; minutes: number }): MailContent {
  const template = byLanguage([BUILT_IN], lang) ?? BUILT_IN.en!;
  const tag = lang && shippedTag(lang);
  const app = vars.app.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').slice(0, 100);
  // The count of minutes in the language's form first; then the code and the name, which hold no braces
  // the format could take for its own.
  const fill = (t: string) =>
    format(t, tag, { minutes: vars.minutes }).replace(/\{(code|app)\}/g, (_, k: string) =>
      k === 'app' ? app : vars.code,
    );
  const text = fill(template.text);
  const body = html`<!doctype html><html dir="${direction(text)}"><body>${text
    .split(/\n{2,}/)
    .map((p) =>
      p.trim() === vars.code
        ? html`<p style="font-size:1.5em;letter-spacing:.2em"><strong>${vars.code}</strong></p>`
        : html`<p>${p}</p>`,
    )}</body></html>`;
  return { subject: fill(template.subject).replace(/\s+/g, ' ').trim(), text, html: body.value };
}
