// The SMS of a notice: who it is from (the application of the sign-in, or the provider's host for an
// administrator's change), what changed and when, and "Not you? ...". It names the kind of factor only,
// never its label (attacker-typed text, sent to the number being told) nor a number or address; the
// application's name is cut so that an English text stays within 160 GSM characters.
import type { AccountNotice } from './types.js';
import type { Wording } from './wording/index.js';
import { oneLine, serviceName, utcMinute } from './shown-facts.js';

/** The text, or undefined when the notice's kind never goes by SMS. */
export function noticeSms(notice: AccountNotice, w: Wording, issuer: string): string | undefined {
  const template = w.kinds[notice.kind].sms;
  if (!template) return undefined;
  const factor = notice.kind === 'factor_added' || notice.kind === 'factor_removed' ? notice.factor : undefined;
  const sentence = template.replace('{what}', w.factors[factor ?? 'other'].sms).replace('{when}', utcMinute(notice.at));
  const source = notice.by.type === 'sign_in' ? notice.by.clientName : serviceName(issuer);
  const rest = `: ${sentence} ${w.smsNotYou}`;
  return `${oneLine(source, Math.max(8, 160 - rest.length))}${rest}`;
}
