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

/** Checks a number a user typed to enroll it. */
export function checkNewPhone(input: string, allowed: string[] | undefined): PhoneCheck {
  const value = input.replace(/[\s().-]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(value)) {
    return { ok: false, code: 'invalid_phone', message: 'Enter the number in international format, starting with + and the country code, e.g. +1 415 555 2671.' };
  }
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed?.isValid()) return { ok: false, code: 'invalid_phone', message: 'That is not a valid phone number.' };
  if (parsed.getType() === 'FIXED_LINE') return { ok: false, code: 'invalid_phone', message: 'That looks like a landline: text messages need a mobile number.' };
  if (!countryAllowed(parsed.number, allowed)) {
    return { ok: false, code: 'phone_not_allowed', message: `Text messages cannot be sent to numbers from ${parsed.country ?? 'that country'}.` };
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
