// The reset code's e-mail, in the flow's language (English, pt-BR, es, fr, de). The code is in the body
// only; the text says what it is for and that nothing changes unless the reader uses it.
import { html } from '../../http/html.js';
import type { MailContent } from '../../notifications/factor-bound-text.js';
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
      '{minutes} minutes. If it was not you, ignore this message: your password stays as it is.',
  },
  'pt-BR': {
    subject: 'Redefinir sua senha de {app}',
    text:
      'Alguém pediu para redefinir a senha da sua conta {app}. O código é:\n\n    {code}\n\nEle expira em ' +
      '{minutes} minutos. Se não foi você, ignore esta mensagem: sua senha continua a mesma.',
  },
  es: {
    subject: 'Restablece tu contraseña de {app}',
    text:
      'Alguien pidió restablecer la contraseña de tu cuenta de {app}. El código es:\n\n    {code}\n\nCaduca en ' +
      '{minutes} minutos. Si no fuiste tú, ignora este mensaje: tu contraseña no cambia.',
  },
  fr: {
    subject: 'Réinitialiser votre mot de passe {app}',
    text:
      'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte {app}. Le code est :\n\n    {code}\n\n' +
      'Il expire dans {minutes} minutes. Si ce n’était pas vous, ignorez ce message : ' +
      'votre mot de passe ne change pas.',
  },
  de: {
    subject: 'Passwort für {app} zurücksetzen',
    text:
      'Jemand hat angefordert, das Passwort deines {app}-Kontos zurückzusetzen. Der Code lautet:\n\n    {code}\n\n' +
      'Er läuft in {minutes} Minuten ab. Wenn du das nicht warst, ignoriere diese Nachricht: Dein Passwort bleibt.',
  },
};

export function resetMail(lang: string | undefined, vars: { code: string; app: string; minutes: number }): MailContent {
  const template = byLanguage([BUILT_IN], lang) ?? BUILT_IN.en!;
  const app = vars.app.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').slice(0, 100);
  const fill = (t: string) =>
    t.replace(/\{(code|app|minutes)\}/g, (_, k: string) => (k === 'app' ? app : String(vars[k as 'code' | 'minutes'])));
  const text = fill(template.text);
  const body = html`<!doctype html><html><body>${text
    .split(/\n{2,}/)
    .map((p) =>
      p.trim() === vars.code
        ? html`<p style="font-size:1.5em;letter-spacing:.2em"><strong>${vars.code}</strong></p>`
        : html`<p>${p}</p>`,
    )}</body></html>`;
  return { subject: fill(template.subject).replace(/\s+/g, ' ').trim(), text, html: body.value };
}
