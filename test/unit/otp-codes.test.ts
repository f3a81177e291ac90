// RFC 4226 and RFC 6238 test vectors through our own verification code, and the otpauth URI it shows.
import { describe, expect, it } from 'vitest';
import { hotpCounter, newSecret, totpStep } from '../../server/methods/otp/codes.js';
import { otpauthUri } from '../../server/methods/otp/otpauth-uri.js';

function base32(ascii: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of Buffer.from(ascii, 'ascii')) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

const SHA1_KEY = '12345678901234567890';

describe('HOTP (RFC 4226 appendix D)', () => {
  const codes = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it('accepts each code at its counter', async () => {
    for (const [counter, code] of codes.entries()) {
      expect(
        await hotpCounter({ secret: base32(SHA1_KEY), code, algorithm: 'sha1', digits: 6, counter, lookAhead: 0 }),
      ).toBe(counter);
    }
  });

  it('finds a code ahead of the counter within the look-ahead window, and not beyond it', async () => {
    expect(
      await hotpCounter({
        secret: base32(SHA1_KEY),
        code: codes[7]!,
        algorithm: 'sha1',
        digits: 6,
        counter: 2,
        lookAhead: 5,
      }),
    ).toBe(7);
    expect(
      await hotpCounter({
        secret: base32(SHA1_KEY),
        code: codes[8]!,
        algorithm: 'sha1',
        digits: 6,
        counter: 2,
        lookAhead: 5,
      }),
    ).toBeUndefined();
    // Never behind the counter: a used code stays used.
    expect(
      await hotpCounter({
        secret: base32(SHA1_KEY),
        code: codes[1]!,
        algorithm: 'sha1',
        digits: 6,
        counter: 2,
        lookAhead: 5,
      }),
    ).toBeUndefined();
  });
});

describe('TOTP (RFC 6238 appendix B), 8 digits, all three algorithms', () => {
  const keys = {
    sha1: SHA1_KEY,
    sha256: '12345678901234567890123456789012',
    sha512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const;
  const vectors: [number, Record<keyof typeof keys, string>][] = [
    [59, { sha1: '94287082', sha256: '46119246', sha512: '90693936' }],
    [1111111109, { sha1: '07081804', sha256: '68084774', sha512: '25091201' }],
    [1111111111, { sha1: '14050471', sha256: '67062674', sha512: '99943326' }],
    [1234567890, { sha1: '89005924', sha256: '91819424', sha512: '93441116' }],
    [2000000000, { sha1: '69279037', sha256: '90698825', sha512: '38618901' }],
    [20000000000, { sha1: '65353130', sha256: '77737706', sha512: '47863826' }],
  ];
  for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
    it(`matches every vector with ${algorithm}`, async () => {
      for (const [time, codes] of vectors) {
        const step = await totpStep({
          secret: base32(keys[algorithm]),
          code: codes[algorithm],
          algorithm,
          digits: 8,
          period: 30,
          window: 0,
          now: time,
        });
        expect(step, `${algorithm} at ${time}`).toBe(Math.floor(time / 30));
      }
    });
  }

  it('accepts the neighbouring steps within the window only', async () => {
    const secret = base32(SHA1_KEY);
    const code = '89005924'; // step of 1234567890
    const step = Math.floor(1234567890 / 30);
    expect(
      await totpStep({ secret, code, algorithm: 'sha1', digits: 8, period: 30, window: 1, now: 1234567890 + 30 }),
    ).toBe(step);
    expect(
      await totpStep({ secret, code, algorithm: 'sha1', digits: 8, period: 30, window: 1, now: 1234567890 - 30 }),
    ).toBe(step);
    expect(
      await totpStep({ secret, code, algorithm: 'sha1', digits: 8, period: 30, window: 1, now: 1234567890 + 60 }),
    ).toBeUndefined();
    expect(
      await totpStep({ secret, code, algorithm: 'sha1', digits: 8, period: 30, window: 0, now: 1234567890 + 30 }),
    ).toBeUndefined();
    expect(
      await totpStep({
        secret,
        code: '89005925',
        algorithm: 'sha1',
        digits: 8,
        period: 30,
        window: 2,
        now: 1234567890,
      }),
    ).toBeUndefined();
  });
});

describe('secrets and the otpauth URI', () => {
  it('makes secrets of the configured length from the CSPRNG', () => {
    const a = newSecret(20);
    expect(a).toMatch(/^[A-Z2-7]{32}$/); // 160 bits
    expect(newSecret(20)).not.toBe(a);
    expect(newSecret(32)).toMatch(/^[A-Z2-7]{52}$/);
  });

  it('writes every parameter, algorithm included (seed 004 dropped it)', () => {
    const uri = otpauthUri({
      type: 'totp',
      issuer: 'Gluu Inc',
      account: 'alice@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'sha256',
      digits: 8,
      period: 60,
    });
    expect(uri).toBe(
      'otpauth://totp/Gluu%20Inc:alice%40example.com?secret=JBSWY3DPEHPK3PXP' +
        '&issuer=Gluu%20Inc&algorithm=SHA256&digits=8&period=60',
    );
    expect(
      otpauthUri({
        type: 'hotp',
        issuer: 'Acme',
        account: 'bob',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'sha1',
        digits: 6,
        counter: 0,
      }),
    ).toBe('otpauth://hotp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&counter=0');
  });
});
