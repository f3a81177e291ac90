// The code's e-mail: the configured subject and text for the user's language, else built-in ones. The
// code is in the body only (a subject shows on lock screens and in notification previews), with what it is
// for, how long it lasts and what to do when the reader did not ask for it. Nothing in it signs anyone in.
import { html } from '../../http/html.js';
import type { MailContent } from '../../notifications/factor-bound-text.js';
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
      'Your {app} verification code is:\n\n    {code}\n\nIt expires in {minutes} minutes. Enter it where you are ' +
      'signing in; never give it to anyone.\n\nIf you did not try to sign in, someone may know your password: ' +
      'change it, and ignore this message.',
  },
  'pt-BR': {
    subject: 'Seu código de verificação {app}',
    text:
      'Seu código de verificação {app} é:\n\n    {code}\n\nEle expira em {minutes} minutos. Digite-o onde você ' +
      'está entrando; nunca o informe a ninguém.\n\nSe não foi você que tentou entrar, alguém pode saber sua ' +
      'senha: troque-a e ignore esta mensagem.',
  },
  es: {
    subject: 'Tu código de verificación de {app}',
    text:
      'Tu código de verificación de {app} es:\n\n    {code}\n\nCaduca en {minutes} minutos. Introdúcelo donde ' +
      'estás iniciando sesión; no se lo des a nadie.\n\nSi no intentaste iniciar sesión, alguien puede conocer ' +
      'tu contraseña: cámbiala e ignora este mensaje.',
  },
  fr: {
    subject: 'Votre code de vérification {app}',
    text:
      'Votre code de vérification {app} est :\n\n    {code}\n\nIl expire dans {minutes} minutes. Saisissez-le ' +
      'là où vous vous connectez ; ne le donnez à personne.\n\nSi vous n’avez pas essayé de vous connecter, ' +
      'quelqu’un connaît peut-être votre mot de passe : changez-le et ignorez ce message.',
  },
  de: {
    subject: 'Dein Bestätigungscode für {app}',
    text:
      'Dein Bestätigungscode für {app} lautet:\n\n    {code}\n\nEr läuft in {minutes} Minuten ab. Gib ihn dort ' +
      'ein, wo du dich anmeldest; gib ihn niemandem weiter.\n\nWenn du dich nicht anmelden wolltest, kennt ' +
      'jemand vielleicht dein Passwort: Ändere es und ignoriere diese Nachricht.',
  },
};

/** The template for `lang`: exact tag, then its base language, then English (configured before built-in). */
export function emailTemplateFor(settings: EmailOtpSettings, lang: string | undefined): Template {
  return byLanguage<Template>([settings.templates, BUILT_IN], lang) ?? BUILT_IN.en!;
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
  const body = html`<!doctype html><html><body>${paragraphs.map((p) =>
    p.trim() === vars.code
      ? html`<p style="font-size:1.5em;letter-spacing:.2em"><strong>${vars.code}</strong></p>`
      : html`<p>${p}</p>`,
  )}</body></html>`;
  return { subject: fill(template.subject, vars, app).replace(/\s+/g, ' ').trim(), text, html: body.value };
}
