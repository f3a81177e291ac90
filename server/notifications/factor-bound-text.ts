// The words of a factor-bound notice (factor_added from a sign-in), for e-mail and for SMS: the general
// notice's text (mail-text.ts, sms-text.ts) for the shape the binding code passes.
import type { AccountNotice, FactorBoundNotice } from './types.js';
import { noticeMail, type MailContent } from './mail-text.js';
import { noticeSms } from './sms-text.js';
import { wordingFor } from './wording/index.js';
import { en } from './wording/en.js';

export { oneLine, utcMinute } from './shown-facts.js';
export type { MailContent } from './mail-text.js';

export const FACTOR_BOUND_SUBJECT = en.kinds.factor_added.subject;

/** The general notice a factor-bound one is: factor_added, by a sign-in. */
export function factorAdded(notice: FactorBoundNotice): AccountNotice {
  return {
    kind: 'factor_added',
    userId: notice.userId,
    factor: notice.factor,
    ...(notice.label === undefined ? {} : { label: notice.label }),
    firstFactor: notice.firstFactor,
    by: {
      type: 'sign_in',
      clientName: notice.clientName,
      ip: notice.ip,
      ...(notice.userAgent === undefined ? {} : { userAgent: notice.userAgent }),
    },
    at: notice.at,
    lang: notice.lang,
  };
}

/** The e-mail. `contact`: who to turn to (notifications.contact); `issuer`: named in the last line. */
export function factorBoundMail(
  notice: FactorBoundNotice,
  username: string,
  contact: string | undefined,
  issuer = '',
): MailContent {
  return noticeMail(factorAdded(notice), { username, email: null, phone: null }, wordingFor(notice.lang), {
    contact,
    resetUrl: undefined,
    issuer,
  });
}

/**
 * One SMS: "Demo RP: an authenticator app was added to your account on 2025-01-02 03:04 UTC. Not you?
 * Change your password and contact support." The application's name is cut so that the whole stays within
 * 160 GSM characters; no label (it may be an attacker's text, and the number is the one being told).
 */
export function factorBoundSms(notice: FactorBoundNotice): string {
  return noticeSms(factorAdded(notice), wordingFor(notice.lang), '')!;
}
