// The notices in Polish (for "pl"), addressing the user as "Ty" like the widget. The SMS sentences use
// impersonal verbs ("dodano", "usunięto") so that they agree with whatever kind of factor they name.
import type { Wording } from './index.js';

export const pl: Wording = {
  lang: 'pl',
  hello: (name) => `Cześć ${name},`,
  kinds: {
    password_changed: {
      subject: 'Twoje hasło zostało zmienione',
      lead: 'Hasło do Twojego konta zostało zmienione:',
      threat: 'Jeśli to nie Ty, ktoś inny może się zalogować jako Ty.',
      sms: 'hasło do Twojego konta zostało zmienione {when}.',
    },
    factor_added: {
      subject: 'Do Twojego konta dodano nową metodę logowania',
      lead: 'Do Twojego konta dodano nową metodę logowania:',
      threat: 'Jeśli to nie Ty, ktoś, kto zna Twoje hasło, dodał sposób logowania się jako Ty.',
      sms: 'do Twojego konta dodano {what} ({when}).',
    },
    factor_removed: {
      subject: 'Z Twojego konta usunięto metodę logowania',
      lead: 'Z Twojego konta usunięto metodę logowania:',
      threat: 'Jeśli to nie Ty, ktoś, kto może zalogować się jako Ty, usunął jeden z Twoich sposobów logowania.',
      sms: 'z Twojego konta usunięto {what} ({when}).',
    },
    phone_changed: {
      subject: 'Numer telefonu Twojego konta został zmieniony',
      lead: 'Numer telefonu, na który Twoje konto wysyła kody SMS, został zmieniony:',
      threat: 'Jeśli to nie Ty, ktoś, kto może zalogować się jako Ty, być może próbuje odbierać Twoje kody.',
      sms: 'numer telefonu Twojego konta został zmieniony {when}.',
    },
    email_changed: {
      subject: 'Adres e-mail Twojego konta został zmieniony',
      lead: 'Adres e-mail Twojego konta został zmieniony:',
      threat: 'Jeśli to nie Ty, ktoś, kto może zalogować się jako Ty, być może chce to przed Tobą ukryć.',
      sms: 'adres e-mail Twojego konta został zmieniony {when}.',
    },
    recovery_code_used: {
      subject: 'Do logowania na Twoje konto użyto kodu odzyskiwania',
      lead: 'Jednego z Twoich kodów odzyskiwania użyto do zalogowania się na Twoje konto:',
      threat: 'Jeśli to nie Ty, ktoś ma Twoje hasło i jeden z Twoich kodów odzyskiwania.',
      sms: 'do logowania na Twoje konto użyto kodu odzyskiwania ({when}).',
    },
    recovery_codes_regenerated: {
      subject: 'Utworzono nowe kody odzyskiwania dla Twojego konta',
      lead: 'Utworzono nowe kody odzyskiwania dla Twojego konta; poprzednie już nie działają:',
      threat: 'Jeśli to nie Ty, ktoś, kto może zalogować się jako Ty, ma teraz Twoje kody odzyskiwania.',
    },
    new_sign_in: {
      subject: 'Nowe logowanie na Twoje konto',
      lead: 'Zalogowano się na Twoje konto z przeglądarki, której wcześniej do tego nie używano:',
      threat: 'Jeśli to nie Ty, ktoś zna Twoje hasło.',
    },
  },
  rows: {
    factor: 'Metoda logowania',
    phone: 'Numer telefonu',
    previousPhone: 'Poprzedni numer',
    email: 'Adres',
    previousEmail: 'Poprzedni adres',
    codesLeft: 'Pozostałe kody',
    codes: 'Nowe kody',
    when: 'Kiedy',
    by: 'Zmienione przez',
    browser: 'Przeglądarka',
    ip: 'Adres IP',
    application: 'Aplikacja',
  },
  factors: {
    otp: { mail: 'aplikacja uwierzytelniająca', sms: 'aplikację uwierzytelniającą' },
    passkey: { mail: 'klucz dostępu lub klucz bezpieczeństwa', sms: 'klucz dostępu' },
    phone: { mail: 'numer telefonu do kodów SMS', sms: 'numer telefonu' },
    email: { mail: 'adres e-mail do kodów logowania', sms: 'adres e-mail' },
    recovery_code: { mail: 'kod odzyskiwania', sms: 'kod odzyskiwania' },
    other: { mail: 'metoda logowania', sms: 'metodę logowania' },
  },
  browser: ({ browser, os }) =>
    browser && os
      ? `${browser} w systemie ${os}`
      : os
        ? `przeglądarka w systemie ${os}`
        : (browser ?? 'nieznana przeglądarka'),
  unknown: 'nieznane',
  administrator: 'administrator',
  none: 'brak',
  firstFactor: 'To pierwszy drugi składnik Twojego konta: od teraz logowanie będzie go wymagać oprócz hasła.',
  ifYou: 'Jeśli to Ty, nie musisz nic robić.',
  adminThreat: 'Jeśli ta zmiana nie była na Twoją prośbę, ktoś może próbować przejąć Twoje konto.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    // "z" takes the instrumental: a configured contact follows a colon, undeclined.
    const who = contact ? `z: ${contact}` : 'z administratorem';
    const change = resetUrl ? `Zmień teraz hasło na ${resetUrl}` : 'Zmień teraz hasło';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Ustaw teraz nowe hasło na ${resetUrl} i skontaktuj się ${who}.`
          : `Skontaktuj się teraz ${who}: można ustawić dla Ciebie nowe hasło.`;
      case 'factor_added':
        return `${change} i skontaktuj się ${who}, aby usunąć tę metodę logowania.`;
      default:
        return `${change} i skontaktuj się ${who}.`;
    }
  },
  footer: (issuer) =>
    `Wysłane automatycznie przez usługę logowania ${issuer}. Nigdy nie prosi o przesłanie hasła ani kodu.`,
  smsNotYou: 'To nie Ty? Zmień hasło i skontaktuj się z pomocą techniczną.',
};
