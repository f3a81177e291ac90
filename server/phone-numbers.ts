// Phone numbers as the SMS and phone-check methods need them: strictly E.164, a real mobile-capable number for
// enrollment, the country for allowed_countries, and masked for display and for the providers' logs.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck =
  | { ok: true; e164: string; country: string | undefined }
  | { ok: false; code: 'invalid_phone' | 'phone_not_allowed'; message: string };

/** True when SMS may go to `e164` under `allowed` (ISO alpha-2 list); numbers of no known country are refused then. */
export function countryAllowed(e164: string, allowed: string[] | undefined): boolean {
  if (!allowed) return true;
  const country = parsePhoneNumberFromString(e164)?.country;
  return country !== undefined && allowed.includes(country);
}

type NumberType = ReturnType<NonNullable<ReturnType<typeof parsePhoneNumberFromString>>['getType']>;

/**
 * Only numbers that reach a phone in someone's hand are enrolled. Premium-rate, shared-cost and other
 * special ranges are what SMS pumping sends to (the operator shares the fee); VoIP numbers prove no
 * device (NIST 800-63B 5.1.3.3); landlines, pagers and voicemail cannot read a code. North American
 * numbers are all FIXED_LINE_OR_MOBILE, since the plan does not tell them apart.
 */
function refusedType(type: NumberType): string | undefined {
  switch (type) {
    case 'MOBILE':
    case 'FIXED_LINE_OR_MOBILE':
      return undefined;
    case 'FIXED_LINE':
      return 'That looks like a landline: text messages need a mobile number.';
    case 'PREMIUM_RATE':
    case 'TOLL_FREE':
    case 'SHARED_COST':
    case 'UAN':
      return 'That is a premium-rate, toll-free or service number: text messages need a mobile number.';
    case 'VOIP':
      return 'That is an internet (VoIP) number: a code must go to a mobile phone.';
    default:
      // PERSONAL_NUMBER, PAGER, VOICEMAIL, or a type the metadata does not know.
      return 'That number cannot receive text messages here: enter a mobile number.';
  }
}

/** Checks a number a user typed to enroll it. */
export function checkNewPhone(input: string, allowed: string[] | undefined): PhoneCheck {
  const value = input.replace(/[\s().-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(value)) {
    return {
      ok: false,
      code: 'invalid_phone',
      message: 'Enter the number in international format, starting with + and the country code, e.g. +1 415 555 2671.',
    };
  }
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed?.isValid()) return { ok: false, code: 'invalid_phone', message: 'That is not a valid phone number.' };
  const refused = refusedType(parsed.getType());
  if (refused) return { ok: false, code: 'invalid_phone', message: refused };
  if (!countryAllowed(parsed.number, allowed)) {
    return {
      ok: false,
      code: 'phone_not_allowed',
      message: `Text messages cannot be sent to numbers from ${parsed.country ?? 'that country'}.`,
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/**
 * "+1 415 555 2671" -> "+1 ••• ••• •• 71": the country code and the last two digits stay readable.
 * With `country: false` the country code is masked too (for pages anyone holding the phone can see).
 */
export function maskPhone(e164: string, options: { country?: boolean } = {}): string {
  const parsed = parsePhoneNumberFromString(e164);
  const formatted = parsed?.formatInternational() ?? e164;
  const cc = parsed ? `+${parsed.countryCallingCode}` : e164.slice(0, 2);
  const rest = formatted.slice(cc.length);
  const digits = rest.replace(/\D/g, '').length;
  let seen = 0;
  const masked = rest.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '•'));
  // Set the two visible digits apart, so they read as "ends in 71".
  const shown = masked.replace(/•(\d\d)$/, '• $1');
  return (options.country === false ? cc.replace(/\d/g, '•') : cc) + shown;
}

/** "+…0123": enough for a provider's log lines to tell numbers apart without keeping them. */
export function maskForLogs(e164: string): string {
  return `+…${e164.slice(-4)}`;
}
