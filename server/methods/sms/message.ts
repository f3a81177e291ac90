// The SMS text: from the configured template for the user's language, else a built-in one. Built-in
// texts end with "@host #code" so Chrome's WebOTP can offer the code to the page that asked for it.
import type { SmsSettings } from './settings.js';
import { byLanguage } from '../one-time-codes.js';

const BUILT_IN: Record<string, string> = {
  en: '{code} is your {app} verification code. It expires in {minutes} minutes.\n\n@{host} #{code}',
  'pt-BR': '{code} é o seu código de verificação {app}. Ele expira em {minutes} minutos.\n\n@{host} #{code}',
  es: '{code} es tu código de verificación de {app}. Caduca en {minutes} minutos.\n\n@{host} #{code}',
  fr: '{code} est votre code de vérification {app}. Il expire dans {minutes} minutes.\n\n@{host} #{code}',
  de: '{code} ist dein Bestätigungscode für {app}. Er läuft in {minutes} Minuten ab.\n\n@{host} #{code}',
};

/** The template for `lang`: exact tag, then its base language, then English (configured before built-in). */
export function templateFor(settings: SmsSettings, lang: string | undefined): string {
  return byLanguage([settings.templates, BUILT_IN], lang) ?? BUILT_IN.en!;
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
