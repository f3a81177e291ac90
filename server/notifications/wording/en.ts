// The notices in English, the language every other one falls back to.
import type { Wording } from './index.js';

export const en: Wording = {
  lang: 'en',
  hello: (name) => `Hello ${name},`,
  kinds: {
    password_changed: {
      subject: 'Your password was changed',
      lead: 'The password of your account was changed:',
      threat: 'If it was not you, someone else can sign in as you.',
      sms: 'your password was changed on {when}.',
    },
    factor_added: {
      subject: 'A new sign-in method was added to your account',
      lead: 'A new sign-in method was added to your account:',
      threat: 'If it was not you, someone who knows your password added a way to sign in as you.',
      sms: '{what} was added to your account on {when}.',
    },
    factor_removed: {
      subject: 'A sign-in method was removed from your account',
      lead: 'A sign-in method was removed from your account:',
      threat: 'If it was not you, someone who can sign in as you removed one of your ways to sign in.',
      sms: '{what} was removed from your account on {when}.',
    },
    phone_changed: {
      subject: 'The phone number of your account was changed',
      lead: 'The phone number your account sends text-message codes to was changed:',
      threat: 'If it was not you, someone who can sign in as you may be trying to receive your codes.',
      sms: 'the phone number of your account was changed on {when}.',
    },
    email_changed: {
      subject: 'The e-mail address of your account was changed',
      lead: 'The e-mail address of your account was changed:',
      threat: 'If it was not you, someone who can sign in as you may be trying to keep you from hearing of it.',
      sms: 'the e-mail address of your account was changed on {when}.',
    },
    recovery_code_used: {
      subject: 'A recovery code was used to sign in to your account',
      lead: 'One of your recovery codes was used to sign in to your account:',
      threat: 'If it was not you, someone has your password and one of your recovery codes.',
      sms: 'a recovery code was used to sign in to your account on {when}.',
    },
    recovery_codes_regenerated: {
      subject: 'New recovery codes were made for your account',
      lead: 'New recovery codes were made for your account; the ones you had before no longer work:',
      threat: 'If it was not you, someone who can sign in as you now holds your recovery codes.',
    },
    new_sign_in: {
      subject: 'New sign-in to your account',
      lead: 'Your account was signed in to from a browser it had not been used from before:',
      threat: 'If it was not you, someone knows your password.',
    },
  },
  rows: {
    factor: 'Sign-in method',
    phone: 'Phone number',
    previousPhone: 'Previous number',
    email: 'Address',
    previousEmail: 'Previous address',
    codesLeft: 'Codes left',
    codes: 'New codes',
    when: 'When',
    by: 'Changed by',
    browser: 'Browser',
    ip: 'IP address',
    application: 'Application',
  },
  factors: {
    otp: { mail: 'authenticator app', sms: 'an authenticator app' },
    passkey: { mail: 'passkey or security key', sms: 'a passkey' },
    phone: { mail: 'phone number for text-message codes', sms: 'a phone number' },
    email: { mail: 'e-mail address for sign-in codes', sms: 'an e-mail address' },
    recovery_code: { mail: 'recovery code', sms: 'a recovery code' },
    other: { mail: 'sign-in method', sms: 'a sign-in method' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} on ${os}` : os ? `a browser on ${os}` : (browser ?? 'an unknown browser'),
  unknown: 'unknown',
  administrator: 'an administrator',
  none: 'none',
  firstFactor:
    'It is the first second factor on your account: from now on, signing in asks for it as well as your password.',
  ifYou: 'If this was you, there is nothing to do.',
  adminThreat: 'If you did not ask for this change, someone may be trying to take over your account.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'your administrator';
    const change = resetUrl ? `Change your password now at ${resetUrl}` : 'Change your password now';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Set a new password now at ${resetUrl} and contact ${who}.`
          : `Contact ${who} now: they can set a new password for you.`;
      case 'factor_added':
        return `${change} and contact ${who}, who can remove the sign-in method.`;
      default:
        return `${change} and contact ${who}.`;
    }
  },
  footer: (issuer) =>
    `Sent automatically by the sign-in service at ${issuer}. It never asks you to send your password or a code.`,
  smsNotYou: 'Not you? Change your password and contact support.',
};
