// Recovery codes: ten characters of Crockford's base32 from the CSPRNG (50 bits), shown as "ABCDE-FGHJK".
// Stored one credential per code, holding a keyed hash (HMAC-SHA256) sealed like every credential: a copy of
// the database yields no code. A code is used up by removing its credential, so of two requests racing with
// one code exactly one succeeds.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EngineDeps } from '../../flow/types.js';
import { RECOVERY_CODE_TYPE } from '../../flow/binding.js';
import type { CredentialRecord } from '../../store/types.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** What a typed code looks like to the input's pattern: letters, digits, spaces and hyphens. */
export const CODE_PATTERN = '^[0-9A-Za-z -]{10,16}$';

export function newCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as typed, in canonical form: case, spaces and hyphens ignored; O read as 0, I and L as 1. */
export function canonical(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const context = (id: string) => `credential:${id}`;

function hashOf(deps: Pick<EngineDeps, 'sealer'>, code: string): Buffer {
  return createHmac('sha256', deps.sealer.derive('recovery codes')).update(canonical(code)).digest();
}

type CodeDeps = Pick<EngineDeps, 'sealer' | 'store'>;

async function store(deps: CodeDeps, userId: string, code: string, metadata: Record<string, unknown>): Promise<void> {
  const id = randomUUID();
  await deps.store.credentials.add({
    id,
    userId,
    type: RECOVERY_CODE_TYPE,
    sealedData: deps.sealer.seal(hashOf(deps, code).toString('base64'), context(id)),
    metadata,
    counter: 0,
  });
}

/** Replaces the account's codes with `count` new ones; returns them (the only time they exist in clear). */
export async function issueCodes(deps: CodeDeps, userId: string, count: number): Promise<string[]> {
  await deps.store.credentials.removeAllOfType(userId, RECOVERY_CODE_TYPE);
  const codes = Array.from({ length: count }, newCode);
  for (const code of codes) await store(deps, userId, code, {});
  return codes;
}

/**
 * A helpdesk's recovery ticket: one more code, beside the account's own, that works once until `expiresAt`
 * (ms since the epoch), so a user who lost every factor can sign in and add a new one.
 */
export async function issueTicket(deps: CodeDeps, userId: string, expiresAt: number): Promise<string> {
  const code = newCode();
  await store(deps, userId, code, { ticket: true, expires_at: new Date(expiresAt).toISOString() });
  return code;
}

/** The codes that still work at `now`: all but expired tickets. */
export function usable(credentials: CredentialRecord[], now: number): CredentialRecord[] {
  return credentials.filter((c) => {
    const expires = c.metadata.expires_at;
    return typeof expires !== 'string' || Date.parse(expires) > now;
  });
}

/** The unused code `typed` matches, if any. */
export function matching(
  deps: EngineDeps,
  credentials: CredentialRecord[],
  typed: string,
): CredentialRecord | undefined {
  if (canonical(typed).length !== LENGTH) return undefined;
  const hash = hashOf(deps, typed);
  return credentials.find((c) =>
    timingSafeEqual(Buffer.from(deps.sealer.open(c.sealedData, context(c.id)), 'base64'), hash),
  );
}
