// The notices in French (for "fr" and every regional French tag), addressing the user as "vous". The SMS
// names a factor after a colon ("nouvelle méthode de connexion ... : clé d'accès"), so no participle has to
// agree with it.
import type { Wording } from './index.js';

export const fr: Wording = {
  lang: 'fr',
  hello: (name) => `Bonjour ${name},`,
  kinds: {
    password_changed: {
      subject: 'Votre mot de passe a été modifié',
      lead: 'Le mot de passe de votre compte a été modifié :',
      threat: "Si ce n'était pas vous, quelqu'un d'autre peut se connecter à votre place.",
      sms: 'votre mot de passe a été modifié le {when}.',
    },
    factor_added: {
      subject: 'Une nouvelle méthode de connexion a été ajoutée à votre compte',
      lead: 'Une nouvelle méthode de connexion a été ajoutée à votre compte :',
      threat:
        "Si ce n'était pas vous, quelqu'un qui connaît votre mot de passe a ajouté un moyen de se connecter " +
        'à votre place.',
      sms: 'méthode de connexion ajoutée le {when} : {what}.',
    },
    factor_removed: {
      subject: 'Une méthode de connexion a été retirée de votre compte',
      lead: 'Une méthode de connexion a été retirée de votre compte :',
      threat:
        "Si ce n'était pas vous, quelqu'un qui peut se connecter à votre place a retiré l'un de vos moyens " +
        'de connexion.',
      sms: 'méthode de connexion retirée le {when} : {what}.',
    },
    phone_changed: {
      subject: 'Le numéro de téléphone de votre compte a été modifié',
      lead: 'Le numéro auquel votre compte envoie les codes par SMS a été modifié :',
      threat:
        "Si ce n'était pas vous, quelqu'un qui peut se connecter à votre place cherche peut-être à recevoir vos codes.",
      sms: 'le numéro de téléphone de votre compte a été modifié le {when}.',
    },
    email_changed: {
      subject: "L'adresse e-mail de votre compte a été modifiée",
      lead: "L'adresse e-mail de votre compte a été modifiée :",
      threat:
        "Si ce n'était pas vous, quelqu'un qui peut se connecter à votre place cherche peut-être à vous " +
        "empêcher d'en être informé.",
      sms: "l'adresse e-mail de votre compte a été modifiée le {when}.",
    },
    recovery_code_used: {
      subject: 'Un code de récupération a servi à se connecter à votre compte',
      lead: "L'un de vos codes de récupération a servi à se connecter à votre compte :",
      threat: "Si ce n'était pas vous, quelqu'un possède votre mot de passe et l'un de vos codes de récupération.",
      sms: 'un code de récupération a servi à se connecter à votre compte le {when}.',
    },
    recovery_codes_regenerated: {
      subject: 'De nouveaux codes de récupération ont été créés pour votre compte',
      lead: 'De nouveaux codes de récupération ont été créés pour votre compte ; les précédents ne fonctionnent plus :',
      threat:
        "Si ce n'était pas vous, quelqu'un qui peut se connecter à votre place détient maintenant vos codes " +
        'de récupération.',
    },
    new_sign_in: {
      subject: 'Nouvelle connexion à votre compte',
      lead: "Quelqu'un s'est connecté à votre compte depuis un navigateur qui n'avait jamais servi avec lui :",
      threat: "Si ce n'était pas vous, quelqu'un connaît votre mot de passe.",
    },
  },
  rows: {
    factor: 'Méthode de connexion',
    phone: 'Téléphone',
    previousPhone: 'Numéro précédent',
    email: 'Adresse',
    previousEmail: 'Adresse précédente',
    codesLeft: 'Codes restants',
    codes: 'Nouveaux codes',
    when: 'Date',
    by: 'Modifié par',
    browser: 'Navigateur',
    ip: 'Adresse IP',
    application: 'Application',
  },
  factors: {
    otp: { mail: "application d'authentification", sms: "application d'authentification" },
    passkey: { mail: "clé d'accès ou clé de sécurité", sms: "clé d'accès" },
    phone: { mail: 'numéro de téléphone pour les codes par SMS', sms: 'numéro de téléphone' },
    email: { mail: 'adresse e-mail pour les codes', sms: 'adresse e-mail' },
    recovery_code: { mail: 'code de récupération', sms: 'code de récupération' },
    other: { mail: 'méthode de connexion', sms: 'méthode de connexion' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} sur ${os}` : os ? `un navigateur sur ${os}` : (browser ?? 'un navigateur inconnu'),
  unknown: 'inconnue',
  administrator: 'un administrateur',
  none: 'aucun',
  firstFactor:
    "C'est le premier second facteur de votre compte : désormais, la connexion le demandera en plus de " +
    'votre mot de passe.',
  ifYou: "Si c'était vous, vous n'avez rien à faire.",
  adminThreat:
    "Si vous n'avez pas demandé ce changement, quelqu'un cherche peut-être à prendre le contrôle de votre compte.",
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'votre administrateur';
    const change = resetUrl
      ? `Changez votre mot de passe dès maintenant sur ${resetUrl}`
      : 'Changez votre mot de passe dès maintenant';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Définissez dès maintenant un nouveau mot de passe sur ${resetUrl} et contactez ${who}.`
          : `Contactez dès maintenant ${who}, qui peut vous définir un nouveau mot de passe.`;
      case 'factor_added':
        return `${change} et contactez ${who}, qui peut retirer la méthode de connexion.`;
      default:
        return `${change} et contactez ${who}.`;
    }
  },
  footer: (issuer) =>
    `Envoyé automatiquement par le service de connexion ${issuer}. ` +
    "Il ne vous demande jamais d'envoyer votre mot de passe ni un code.",
  smsNotYou: 'Pas vous ? Changez votre mot de passe et contactez le support.',
};
