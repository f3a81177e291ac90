// The notices in German (for "de" and every regional German tag), addressing the user as "du" like the
// SMS codes do.
import type { Wording } from './index.js';

export const de: Wording = {
  lang: 'de',
  hello: (name) => `Hallo ${name},`,
  kinds: {
    password_changed: {
      subject: 'Dein Passwort wurde geändert',
      lead: 'Das Passwort deines Kontos wurde geändert:',
      threat: 'Wenn du das nicht warst, kann sich jemand anderes als du anmelden.',
      sms: 'dein Passwort wurde am {when} geändert.',
    },
    factor_added: {
      subject: 'Deinem Konto wurde eine neue Anmeldemethode hinzugefügt',
      lead: 'Deinem Konto wurde eine neue Anmeldemethode hinzugefügt:',
      threat:
        'Wenn du das nicht warst, hat jemand, der dein Passwort kennt, eine Möglichkeit hinzugefügt, sich als du ' +
        'anzumelden.',
      sms: '{what} wurde am {when} zu deinem Konto hinzugefügt.',
    },
    factor_removed: {
      subject: 'Aus deinem Konto wurde eine Anmeldemethode entfernt',
      lead: 'Aus deinem Konto wurde eine Anmeldemethode entfernt:',
      threat:
        'Wenn du das nicht warst, hat jemand, der sich als du anmelden kann, eine deiner Anmeldemöglichkeiten ' +
        'entfernt.',
      sms: '{what} wurde am {when} aus deinem Konto entfernt.',
    },
    phone_changed: {
      subject: 'Die Telefonnummer deines Kontos wurde geändert',
      lead: 'Die Telefonnummer, an die dein Konto SMS-Codes sendet, wurde geändert:',
      threat:
        'Wenn du das nicht warst, versucht vielleicht jemand, der sich als du anmelden kann, deine Codes zu ' +
        'empfangen.',
      sms: 'die Telefonnummer deines Kontos wurde am {when} geändert.',
    },
    email_changed: {
      subject: 'Die E-Mail-Adresse deines Kontos wurde geändert',
      lead: 'Die E-Mail-Adresse deines Kontos wurde geändert:',
      threat:
        'Wenn du das nicht warst, will vielleicht jemand, der sich als du anmelden kann, verhindern, dass du ' +
        'davon erfährst.',
      sms: 'die E-Mail-Adresse deines Kontos wurde am {when} geändert.',
    },
    recovery_code_used: {
      subject: 'Ein Wiederherstellungscode wurde zur Anmeldung bei deinem Konto verwendet',
      lead: 'Einer deiner Wiederherstellungscodes wurde zur Anmeldung bei deinem Konto verwendet:',
      threat: 'Wenn du das nicht warst, hat jemand dein Passwort und einen deiner Wiederherstellungscodes.',
      sms: 'ein Wiederherstellungscode wurde am {when} zur Anmeldung verwendet.',
    },
    recovery_codes_regenerated: {
      subject: 'Für dein Konto wurden neue Wiederherstellungscodes erstellt',
      lead: 'Für dein Konto wurden neue Wiederherstellungscodes erstellt; die bisherigen gelten nicht mehr:',
      threat:
        'Wenn du das nicht warst, hat jemand, der sich als du anmelden kann, jetzt deine Wiederherstellungscodes.',
    },
    new_sign_in: {
      subject: 'Neue Anmeldung bei deinem Konto',
      lead: 'Jemand hat sich bei deinem Konto von einem Browser aus angemeldet, der dafür noch nie verwendet wurde:',
      threat: 'Wenn du das nicht warst, kennt jemand dein Passwort.',
    },
  },
  rows: {
    factor: 'Anmeldemethode',
    phone: 'Telefonnummer',
    previousPhone: 'Bisherige Nummer',
    email: 'Adresse',
    previousEmail: 'Bisherige Adresse',
    codesLeft: 'Verbleibende Codes',
    codes: 'Neue Codes',
    when: 'Zeitpunkt',
    by: 'Geändert von',
    browser: 'Browser',
    ip: 'IP-Adresse',
    application: 'Anwendung',
  },
  factors: {
    otp: { mail: 'Authenticator-App', sms: 'eine Authenticator-App' },
    passkey: { mail: 'Passkey oder Sicherheitsschlüssel', sms: 'ein Passkey' },
    phone: { mail: 'Telefonnummer für SMS-Codes', sms: 'eine Telefonnummer' },
    email: { mail: 'E-Mail-Adresse für Codes', sms: 'eine E-Mail-Adresse' },
    recovery_code: { mail: 'Wiederherstellungscode', sms: 'ein Wiederherstellungscode' },
    other: { mail: 'Anmeldemethode', sms: 'eine Anmeldemethode' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} unter ${os}` : os ? `ein Browser unter ${os}` : (browser ?? 'ein unbekannter Browser'),
  unknown: 'unbekannt',
  administrator: 'ein Administrator',
  none: 'keine',
  firstFactor:
    'Es ist der erste zweite Faktor deines Kontos: Ab jetzt wird bei der Anmeldung zusätzlich zu deinem ' +
    'Passwort danach gefragt.',
  ifYou: 'Wenn du das warst, musst du nichts tun.',
  adminThreat: 'Wenn du diese Änderung nicht erbeten hast, versucht vielleicht jemand, dein Konto zu übernehmen.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'deinen Administrator';
    const change = resetUrl ? `Ändere jetzt dein Passwort unter ${resetUrl}` : 'Ändere jetzt dein Passwort';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Lege jetzt unter ${resetUrl} ein neues Passwort fest und wende dich an ${who}.`
          : `Wende dich jetzt an ${who}, um ein neues Passwort zu bekommen.`;
      case 'factor_added':
        return `${change} und wende dich an ${who}, um die Anmeldemethode entfernen zu lassen.`;
      default:
        return `${change} und wende dich an ${who}.`;
    }
  },
  footer: (issuer) =>
    `Automatisch gesendet vom Anmeldedienst unter ${issuer}. ` +
    'Er fordert dich nie auf, dein Passwort oder einen Code zu senden.',
  smsNotYou: 'Nicht du? Ändere dein Passwort und wende dich an den Support.',
};
