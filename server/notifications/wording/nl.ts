// The notices in Dutch (for "nl" and every regional Dutch tag), addressing the user as "je" like the widget.
import type { Wording } from './index.js';

export const nl: Wording = {
  lang: 'nl',
  hello: (name) => `Hallo ${name},`,
  kinds: {
    password_changed: {
      subject: 'Je wachtwoord is gewijzigd',
      lead: 'Het wachtwoord van je account is gewijzigd:',
      threat: 'Als jij dit niet was, kan iemand anders als jou inloggen.',
      sms: 'het wachtwoord van je account is op {when} gewijzigd.',
    },
    factor_added: {
      subject: 'Er is een nieuwe inlogmethode aan je account toegevoegd',
      lead: 'Er is een nieuwe inlogmethode aan je account toegevoegd:',
      threat:
        'Als jij dit niet was, heeft iemand die je wachtwoord kent een manier toegevoegd om als jou in te loggen.',
      sms: '{what} is op {when} aan je account toegevoegd.',
    },
    factor_removed: {
      subject: 'Er is een inlogmethode uit je account verwijderd',
      lead: 'Er is een inlogmethode uit je account verwijderd:',
      threat: 'Als jij dit niet was, heeft iemand die als jou kan inloggen een van je inlogmethoden verwijderd.',
      sms: '{what} is op {when} uit je account verwijderd.',
    },
    phone_changed: {
      subject: 'Het telefoonnummer van je account is gewijzigd',
      lead: 'Het telefoonnummer waarnaar je account sms-codes stuurt, is gewijzigd:',
      threat: 'Als jij dit niet was, probeert iemand die als jou kan inloggen misschien je codes te ontvangen.',
      sms: 'het telefoonnummer van je account is op {when} gewijzigd.',
    },
    email_changed: {
      subject: 'Het e-mailadres van je account is gewijzigd',
      lead: 'Het e-mailadres van je account is gewijzigd:',
      threat:
        'Als jij dit niet was, probeert iemand die als jou kan inloggen misschien te voorkomen dat je hiervan hoort.',
      sms: 'het e-mailadres van je account is op {when} gewijzigd.',
    },
    recovery_code_used: {
      subject: 'Er is met een herstelcode ingelogd op je account',
      lead: 'Een van je herstelcodes is gebruikt om in te loggen op je account:',
      threat: 'Als jij dit niet was, heeft iemand je wachtwoord en een van je herstelcodes.',
      sms: 'er is op {when} met een herstelcode ingelogd op je account.',
    },
    recovery_codes_regenerated: {
      subject: 'Er zijn nieuwe herstelcodes voor je account gemaakt',
      lead: 'Er zijn nieuwe herstelcodes voor je account gemaakt; je eerdere codes werken niet meer:',
      threat: 'Als jij dit niet was, heeft iemand die als jou kan inloggen nu je herstelcodes.',
    },
    new_sign_in: {
      subject: 'Nieuwe inlog op je account',
      lead: 'Er is op je account ingelogd vanuit een browser die daar nog nooit voor is gebruikt:',
      threat: 'Als jij dit niet was, kent iemand je wachtwoord.',
    },
  },
  rows: {
    factor: 'Inlogmethode',
    phone: 'Telefoonnummer',
    previousPhone: 'Vorig nummer',
    email: 'Adres',
    previousEmail: 'Vorig adres',
    codesLeft: 'Resterende codes',
    codes: 'Nieuwe codes',
    when: 'Wanneer',
    by: 'Gewijzigd door',
    browser: 'Browser',
    ip: 'IP-adres',
    application: 'Applicatie',
  },
  factors: {
    otp: { mail: 'authenticator-app', sms: 'Een authenticator-app' },
    passkey: { mail: 'toegangssleutel of beveiligingssleutel', sms: 'Een toegangssleutel' },
    phone: { mail: 'telefoonnummer voor sms-codes', sms: 'Een telefoonnummer' },
    email: { mail: 'e-mailadres voor inlogcodes', sms: 'Een e-mailadres' },
    recovery_code: { mail: 'herstelcode', sms: 'Een herstelcode' },
    other: { mail: 'inlogmethode', sms: 'Een inlogmethode' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} op ${os}` : os ? `een browser op ${os}` : (browser ?? 'een onbekende browser'),
  unknown: 'onbekend',
  administrator: 'een beheerder',
  none: 'geen',
  firstFactor:
    'Het is de eerste tweede factor van je account: vanaf nu wordt er bij het inloggen om gevraagd, ' +
    'naast je wachtwoord.',
  ifYou: 'Als jij dit was, hoef je niets te doen.',
  adminThreat: 'Als je niet om deze wijziging hebt gevraagd, probeert iemand misschien je account over te nemen.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'je beheerder';
    const change = resetUrl ? `Wijzig nu je wachtwoord op ${resetUrl}` : 'Wijzig nu je wachtwoord';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Stel nu een nieuw wachtwoord in op ${resetUrl} en neem contact op met ${who}.`
          : `Neem nu contact op met ${who}: die kan een nieuw wachtwoord voor je instellen.`;
      case 'factor_added':
        return `${change} en neem contact op met ${who}, die de inlogmethode kan verwijderen.`;
      default:
        return `${change} en neem contact op met ${who}.`;
    }
  },
  footer: (issuer) =>
    `Automatisch verzonden door de inlogservice op ${issuer}. ` +
    'Die vraagt je nooit om je wachtwoord of een code te sturen.',
  smsNotYou: 'Was jij dit niet? Wijzig je wachtwoord en neem contact op met support.',
};
