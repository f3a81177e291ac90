// Gluu's OTP enrollments as its script writes them in `oxExternalUid` (GluuFederation/oxAuth,
// Server/integrations/otp/OtpExternalAuthenticator.py):
//   otp_user_external_uid = "totp:%s" % otp_secret_key_encoded
//   otp_user_external_uid = "hotp:%s;%s" % ( otp_secret_key_encoded, validation_result["movingFactor"] )
// where the key is encoded with Guava's BaseEncoding.base64Url() (RFC 4648 section 5, with "=" padding) and the
// moving factor is the next HOTP counter value the device is expected to use (the matched one plus 1).
// Other values of the attribute (Passport's, Casa's) are left alone.

export type OtpKind = 'totp' | 'hotp';

export interface OtpValue {
  kind: OtpKind;
  /** The key as raw bytes. */
  key: Buffer;
  /** HOTP: the next counter value; TOTP: 0. */
  movingFactor: number;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: what otpauth URIs and the OTP method use. */
export function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** base64url with "=" padding, as Guava's BaseEncoding.base64Url().encode writes it. */
function toBase64UrlPadded(bytes: Buffer): string {
  const bare = bytes.toString('base64url');
  return bare + '='.repeat((4 - (bare.length % 4)) % 4);
}

/** The value Gluu's script writes for this device. */
export function formatOtpValue(value: OtpValue): string {
  const key = toBase64UrlPadded(value.key);
  return value.kind === 'totp' ? `totp:${key}` : `hotp:${key};${value.movingFactor}`;
}

/**
 * One attribute value as an OTP enrollment, or undefined when it is not one (another system's value, or a
 * broken one: a key that is not base64url, or shorter than 10 bytes, or an HOTP value without a whole
 * moving factor).
 */
export function parseOtpValue(text: string): OtpValue | undefined {
  const m = /^(totp|hotp):([A-Za-z0-9_-]+={0,2})(?:;(\d{1,15}))?$/.exec(text);
  if (!m) return undefined;
  const kind = m[1] as OtpKind;
  if ((kind === 'hotp') !== (m[3] !== undefined)) return undefined;
  const key = Buffer.from(m[2]!.replace(/=+$/, ''), 'base64url');
  if (key.length < 10) return undefined;
  return { kind, key, movingFactor: kind === 'hotp' ? Number(m[3]) : 0 };
}
