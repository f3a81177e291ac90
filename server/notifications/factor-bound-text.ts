// The words of a factor-bound notice, for e-mail and for SMS. What the user reads must let them recognise
// the change (which factor, when, from which browser and address, for which application) and say what to
// do when it was not them. Nothing secret goes in: no code, no seed, no link that signs in.
// Labels and the browser's name come from the person who added the factor, who may be an attacker: they
// are reduced to one short line of plain characters, and escaped in HTML.
import { describeUserAgent } from '../user-agents.js';
import { html } from '../http/html.js';
import type { BoundFactor, FactorBoundNotice } from './types.js';

export const FACTOR_BOUND_SUBJECT = 'A new sign-in method was added to your account';

const FACTOR_NAMES: Record<BoundFactor, string> = {
  otp: 'authenticator app',
  passkey: 'passkey or security key',
  phone: 'phone number for text-message codes',
};

/** One line of at most `max` characters without control or formatting characters (bidi overrides, zero-width). */
export function oneLine(value: string, max: number): string {
  const flat = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "..." rather than "…": the ellipsis character is not in the GSM alphabet and would make an SMS UCS-2.
  return flat.length > max ? `${flat.slice(0, max - 3).trimEnd()}...` : flat;
}

/** "2025-01-02 03:04 UTC". */
export function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface FactorBoundFacts {
  username: string;
  factor: string;
  when: string;
  browser: string;
  ip: string;
  application: string;
}

function facts(notice: FactorBoundNotice, username: string): FactorBoundFacts {
  const label = notice.label ? oneLine(notice.label, 64) : '';
  return {
    username: oneLine(username, 64),
    factor: label ? `${FACTOR_NAMES[notice.factor]} "${label}"` : FACTOR_NAMES[notice.factor],
    when: utcMinute(notice.at),
    browser: describeUserAgent(notice.userAgent),
    ip: oneLine(notice.ip, 64) || 'unknown',
    application: oneLine(notice.clientName, 100),
  };
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The e-mail: plain text, and the same in simple HTML. `contact`: who to turn to (notifications.contact). */
export function factorBoundMail(notice: FactorBoundNotice, username: string, contact: string | undefined): MailContent {
  const f = facts(notice, username);
  const turnTo = contact ? oneLine(contact, 200) : 'your administrator';
  const rows: [string, string][] = [
    ['Sign-in method', f.factor],
    ['When', f.when],
    ['Browser', f.browser],
    ['IP address', f.ip],
    ['Application', f.application],
  ];
  const first = notice.firstFactor
    ? 'It is the first second factor on your account: from now on, signing in asks for it as well as your password.'
    : undefined;
  const ifYou = 'If this was you, there is nothing to do.';
  const ifNot =
    'If it was not you, someone who knows your password added a way to sign in as you. ' +
    `Change your password now and contact ${turnTo}, who can remove the sign-in method.`;
  const automatic = 'This message was sent automatically to every address and phone on the account.';

  const text = [
    `Hello ${f.username},`,
    '',
    'A new sign-in method was added to your account:',
    '',
    ...rows.map(([name, value]) => `  ${`${name}:`.padEnd(16)}${value}`),
    '',
    ...(first ? [first, ''] : []),
    ifYou,
    '',
    ifNot,
    '',
    '-- ',
    automatic,
    '',
  ].join('\n');

  const body = html`<!doctype html><html><body>
<p>Hello ${f.username},</p>
<p>A new sign-in method was added to your account:</p>
<table>${rows.map(([name, value]) => html`<tr><th align="left">${name}</th><td>${value}</td></tr>`)}</table>
${first ? html`<p>${first}</p>` : ''}
<p>${ifYou}</p>
<p><strong>${ifNot}</strong></p>
<p><small>${automatic}</small></p>
</body></html>`;
  return { subject: FACTOR_BOUND_SUBJECT, text, html: body.value };
}

const SMS_FACTOR_NAMES: Record<BoundFactor, string> = {
  otp: 'an authenticator app',
  passkey: 'a passkey',
  phone: 'a phone number',
};

/**
 * One SMS: "Demo RP: an authenticator app was added to your account on 2025-01-02 03:04 UTC. Not you?
 * Change your password and contact support." The application's name is cut so that the whole stays within
 * 160 GSM characters; no label (it may be an attacker's text, and the number is the one being told).
 */
export function factorBoundSms(notice: FactorBoundNotice): string {
  const added = `: ${SMS_FACTOR_NAMES[notice.factor]} was added to your account on ${utcMinute(notice.at)}.`;
  const rest = `${added} Not you? Change your password and contact support.`;
  return `${oneLine(notice.clientName, Math.max(8, 160 - rest.length))}${rest}`;
}
