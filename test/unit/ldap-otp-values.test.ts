// The oxExternalUid values of Gluu's OTP script: "totp:" + Guava's base64Url() of the key (padded), and
// "hotp:<key>;<moving factor>"; anything else in the attribute is another system's and is not a device.
import { ScureBase32Plugin } from 'otplib';
import { describe, expect, it } from 'vitest';
import { formatOtpValue, fromBase32, parseOtpValue, toBase32 } from '../../server/store/ldap/otp-values.js';

// A 20-byte key and its encodings, worked out by hand: base64url "AAECAwQFBgcICQoLDA0ODxAREhM" + "=".
const key = Buffer.from([...Array(20).keys()]);
const GUAVA = 'AAECAwQFBgcICQoLDA0ODxAREhM=';

describe("Gluu's OTP values", () => {
  it('writes TOTP and HOTP devices as the script does (base64url with = padding)', () => {
    expect(formatOtpValue({ kind: 'totp', key, movingFactor: 0 })).toBe(`totp:${GUAVA}`);
    expect(formatOtpValue({ kind: 'hotp', key, movingFactor: 12 })).toBe(`hotp:${GUAVA};12`);
  });

  it('reads them back, with or without padding', () => {
    expect(parseOtpValue(`totp:${GUAVA}`)).toEqual({ kind: 'totp', key, movingFactor: 0 });
    expect(parseOtpValue(`hotp:${GUAVA.slice(0, -1)};7`)).toEqual({ kind: 'hotp', key, movingFactor: 7 });
  });

  it('takes no other value for a device', () => {
    for (const text of [
      'passport-google:alice@example.com',
      `x-totp:${GUAVA}`,
      `totp:${GUAVA};3`, // TOTP has no moving factor
      `hotp:${GUAVA}`, // HOTP needs one
      'totp:AAEC', // a key of 3 bytes
      `totp:${GUAVA.replace('A', '+')}`, // not the URL-safe alphabet
      `hotp:${GUAVA};-1`,
    ])
      expect(parseOtpValue(text), text).toBeUndefined();
  });

  it('converts keys to and from the base32 apps are given, as otplib does', () => {
    const otplib = new ScureBase32Plugin();
    expect(toBase32(key)).toBe(otplib.encode(key).replace(/=+$/, ''));
    expect(fromBase32(otplib.encode(key))).toEqual(key);
    expect(fromBase32(toBase32(Buffer.from('12345678901234567890')))).toEqual(Buffer.from('12345678901234567890'));
  });
});
