// Which numbers phone enrollment takes: those that reach a phone in someone's hand, not the premium-rate
// and other special ranges SMS pumping sends to (libphonenumber's number types).
import { describe, expect, it } from 'vitest';
import { checkNewPhone } from '../../server/phone-numbers.js';

describe('checkNewPhone by number type', () => {
  it.each([
    ['+33612345678', 'MOBILE (FR)'],
    ['+4915123456789', 'MOBILE (DE)'],
    ['+5511987654321', 'MOBILE (BR)'],
    ['+14155552671', 'FIXED_LINE_OR_MOBILE (US, the tests’ number)'],
    ['+14155550199', 'FIXED_LINE_OR_MOBILE (US 555-01xx, fictional)'],
    ['+12025550143', 'FIXED_LINE_OR_MOBILE (US 555-01xx, fictional)'],
  ])('accepts %s, %s', (phone) => {
    expect(checkNewPhone(phone, undefined)).toMatchObject({ ok: true, e164: phone });
  });

  it.each([
    ['+19005550123', 'PREMIUM_RATE', 'premium-rate'],
    ['+448712345678', 'PREMIUM_RATE', 'premium-rate'],
    ['+18005550123', 'TOLL_FREE', 'premium-rate'],
    ['+443001234567', 'UAN', 'premium-rate'],
    ['+445612345678', 'VOIP', 'VoIP'],
    ['+33912345678', 'VOIP', 'VoIP'],
    ['+447012345678', 'PERSONAL_NUMBER', 'enter a mobile number'],
    ['+15005550006', 'PERSONAL_NUMBER (Twilio’s test sender)', 'enter a mobile number'],
    ['+447640123456', 'PAGER', 'enter a mobile number'],
    ['+4930123456', 'FIXED_LINE', 'landline'],
  ])('refuses %s, %s', (phone, _type, says) => {
    const checked = checkNewPhone(phone, undefined);
    expect(checked).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(checked.ok === false && checked.message).toContain(says);
  });

  it('leaves the demo’s fictional +1 555 555 0123 to the administrator: not a number anyone can enroll', () => {
    expect(checkNewPhone('+15555550123', undefined)).toMatchObject({
      ok: false,
      message: 'That is not a valid phone number.',
    });
  });
});
