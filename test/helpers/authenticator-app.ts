// The codes an authenticator app shows (RFC 6238 TOTP, RFC 4226 HOTP), made with otplib independently of
// the server's own code, and the moment tests pin their clocks to.
import { randomBytes } from 'node:crypto';
import { generate, generateSecret } from 'otplib';
import type { Sealer } from '../../server/security/seal.js';
import type { Store } from '../../server/store/types.js';

/**
 * The middle of the current 30 s TOTP step (in ms): with a backend clock set here, a code one step either
 * side is unambiguous.
 */
export const MID_TOTP_STEP = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;

export interface CodeOptions {
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  digits?: 6 | 7 | 8;
}

/** The TOTP code (30 s period) an app shows at `atMs`; SHA-1 and 6 digits unless told. */
export function totp(secret: string, atMs: number, options: CodeOptions = {}): Promise<string> {
  return generate({
    strategy: 'totp',
    secret,
    epoch: Math.floor(atMs / 1000),
    period: 30,
    algorithm: options.algorithm ?? 'sha1',
    digits: options.digits ?? 6,
  });
}

/** The HOTP code (SHA-1, 6 digits) for `counter`. */
export function hotp(secret: string, counter: number): Promise<string> {
  return generate({ strategy: 'hotp', secret, counter, algorithm: 'sha1', digits: 6 });
}

/**
 * An authenticator app already enrolled on an account, written as a confirmed enrollment writes it (the seed
 * sealed to `credential:<id>`, counter 0): for tests whose subject is what comes after enrollment.
 */
export async function enrolledApp(
  server: { store: Store; sealer: Sealer },
  userId: string,
  name = 'Authenticator 1',
): Promise<{ id: string; secret: string }> {
  const secret = generateSecret({ length: 20 });
  const id = randomBytes(16).toString('base64url');
  await server.store.credentials.add({
    id,
    userId,
    type: 'totp',
    sealedData: server.sealer.seal(JSON.stringify({ secret }), `credential:${id}`),
    metadata: { algorithm: 'sha1', digits: 6, period: 30, device: name },
    counter: 0,
  });
  return { id, secret };
}
