// The notices in Italian (for "it" and every regional Italian tag), addressing the user as "tu" like the
// widget does.
import type { Wording } from './index.js';

export const it: Wording = {
  lang: 'it',
  hello: (name) => `Ciao ${name},`,
  kinds: {
    password_changed: {
      subject: 'La tua password è stata cambiata',
      lead: 'La password del tuo account è stata cambiata:',
      threat: 'Se non sei stato tu, qualcun altro può accedere al tuo posto.',
      sms: 'la password del tuo account è stata cambiata il {when}.',
    },
    factor_added: {
      subject: 'Al tuo account è stato aggiunto un nuovo metodo di accesso',
      lead: 'Al tuo account è stato aggiunto un nuovo metodo di accesso:',
      threat:
        'Se non sei stato tu, qualcuno che conosce la tua password ha aggiunto un modo per accedere al tuo posto.',
      sms: 'nuovo metodo di accesso sul tuo account il {when}: {what}.',
    },
    factor_removed: {
      subject: 'Dal tuo account è stato rimosso un metodo di accesso',
      lead: 'Dal tuo account è stato rimosso un metodo di accesso:',
      threat: 'Se non sei stato tu, qualcuno che può accedere al tuo posto ha rimosso uno dei tuoi metodi di accesso.',
      sms: 'metodo di accesso rimosso dal tuo account il {when}: {what}.',
    },
    phone_changed: {
      subject: 'Il numero di telefono del tuo account è stato cambiato',
      lead: 'Il numero di telefono a cui il tuo account invia i codici via SMS è stato cambiato:',
      threat: 'Se non sei stato tu, qualcuno che può accedere al tuo posto potrebbe voler ricevere i tuoi codici.',
      sms: 'il numero di telefono del tuo account è stato cambiato il {when}.',
    },
    email_changed: {
      subject: 'L’indirizzo e-mail del tuo account è stato cambiato',
      lead: 'L’indirizzo e-mail del tuo account è stato cambiato:',
      threat: 'Se non sei stato tu, qualcuno che può accedere al tuo posto potrebbe voler impedirti di saperlo.',
      sms: 'l’indirizzo e-mail del tuo account è stato cambiato il {when}.',
    },
    recovery_code_used: {
      subject: 'È stato usato un codice di recupero per accedere al tuo account',
      lead: 'Uno dei tuoi codici di recupero è stato usato per accedere al tuo account:',
      threat: 'Se non sei stato tu, qualcuno ha la tua password e uno dei tuoi codici di recupero.',
      sms: 'il {when} è stato usato un codice di recupero per accedere al tuo account.',
    },
    recovery_codes_regenerated: {
      subject: 'Sono stati creati nuovi codici di recupero per il tuo account',
      lead: 'Sono stati creati nuovi codici di recupero per il tuo account; quelli che avevi non funzionano più:',
      threat: 'Se non sei stato tu, qualcuno che può accedere al tuo posto ora ha i tuoi codici di recupero.',
    },
    new_sign_in: {
      subject: 'Nuovo accesso al tuo account',
      lead: 'È stato effettuato un accesso al tuo account da un browser mai usato prima:',
      threat: 'Se non sei stato tu, qualcuno conosce la tua password.',
    },
  },
  rows: {
    factor: 'Metodo di accesso',
    phone: 'Numero di telefono',
    previousPhone: 'Numero precedente',
    email: 'Indirizzo',
    previousEmail: 'Indirizzo precedente',
    codesLeft: 'Codici rimasti',
    codes: 'Nuovi codici',
    when: 'Quando',
    by: 'Modificato da',
    browser: 'Browser',
    ip: 'Indirizzo IP',
    application: 'Applicazione',
  },
  factors: {
    otp: { mail: 'app di autenticazione', sms: 'app di autenticazione' },
    passkey: { mail: 'passkey o chiave di sicurezza', sms: 'passkey' },
    phone: { mail: 'numero di telefono per i codici via SMS', sms: 'numero di telefono' },
    email: { mail: 'indirizzo e-mail per i codici di accesso', sms: 'indirizzo e-mail' },
    recovery_code: { mail: 'codice di recupero', sms: 'codice di recupero' },
    other: { mail: 'metodo di accesso', sms: 'altro' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} su ${os}` : os ? `un browser su ${os}` : (browser ?? 'un browser sconosciuto'),
  unknown: 'sconosciuto',
  administrator: 'un amministratore',
  none: 'nessuno',
  firstFactor:
    'È il primo secondo fattore del tuo account: d’ora in poi l’accesso lo chiederà oltre alla tua password.',
  ifYou: 'Se sei stato tu, non devi fare nulla.',
  adminThreat: 'Se non hai chiesto questa modifica, qualcuno potrebbe cercare di impossessarsi del tuo account.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'il tuo amministratore';
    const change = resetUrl ? `Cambia subito la password su ${resetUrl}` : 'Cambia subito la password';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Imposta subito una nuova password su ${resetUrl} e contatta ${who}.`
          : `Contatta subito ${who}: può impostare una nuova password per te.`;
      case 'factor_added':
        return `${change} e contatta ${who}, che può rimuovere il metodo di accesso.`;
      default:
        return `${change} e contatta ${who}.`;
    }
  },
  footer: (issuer) =>
    `Inviato automaticamente dal servizio di accesso di ${issuer}. ` +
    'Non ti chiede mai di inviare la password o un codice.',
  smsNotYou: 'Non sei tu? Cambia la password e contatta il supporto.',
};
