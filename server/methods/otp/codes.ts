// TOTP (RFC 6238) and HOTP (RFC 4226) checks through otplib: a drift window for
// TOTP and a moving factor that only goes forward for HOTP.
import { generateSecret, verify } from 'otplib';

export type Algorithm = 'sha1' | 'sha256' | 'sha512';
type Digits = 6 | 7 | 8;

/** A new secret from the CSPRNG, base32 (RFC 4648, no padding). */
export function newSecret(bytes: number): string {
  return generateSecret({ length: bytes });
}

export interface TotpCheck {
  secret: string;
  code: string;
  algorithm: Algorithm;
  digits: number;
  period: number;
  /** Steps accepted either side of the current one. */
  window: number;
  /** Unix seconds. */
  now: number;
}

/** The time step the code belongs to, or undefined when it matches none within the window. */
export async function totpStep(check: TotpCheck): Promise<number | undefined> {
  const result = await verify({
    strategy: 'totp',
    secret: check.secret,
    token: check.code,
    algorithm: check.algorithm,
    digits: check.digits as Digits,
    period: check.period,
    epoch: check.now,
    epochTolerance: check.window * check.period,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

export interface HotpCheck {
  secret: string;
  code: string;
  algorithm: Algorithm;
  digits: number;
  /** The next counter value the credential expects. */
  counter: number;
  lookAhead: number;
}

/** The counter value the code was made with (counter .. counter + lookAhead), or undefined. */
export async function hotpCounter(check: HotpCheck): Promise<number | undefined> {
  const result = await verify({
    strategy: 'hotp',
    secret: check.secret,
    token: check.code,
    algorithm: check.algorithm,
    digits: check.digits as Digits,
    counter: check.counter,
    counterTolerance: [0, check.lookAhead],
  });
  return result.valid ? check.counter + result.delta : undefined;
}
