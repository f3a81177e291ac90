// Signing keys and cookie keys are made on the first start and kept (sealed) in the database, so every
// instance and every restart signs with the same keys and tokens issued before a restart still verify.
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { SecretStore } from '../store/types.js';
import type { Sealer } from '../security/seal.js';

const JWKS = 'oidc.jwks';
const COOKIE_KEYS = 'oidc.cookie_keys';

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomBytes(12).toString('base64url'), alg: 'RS256', use: 'sig' };
}

async function sealedOnce(
  secrets: SecretStore,
  sealer: Sealer,
  name: string,
  make: () => Promise<string>,
): Promise<string> {
  const existing = await secrets.get(name);
  if (existing !== undefined) return sealer.open(existing, name);
  const stored = await secrets.putIfAbsent(name, sealer.seal(await make(), name));
  return sealer.open(stored, name);
}

export async function loadSigningKeys(secrets: SecretStore, sealer: Sealer): Promise<{ keys: JWK[] }> {
  const text = await sealedOnce(secrets, sealer, JWKS, async () => JSON.stringify({ keys: [await newSigningKey()] }));
  return JSON.parse(text) as { keys: JWK[] };
}

export async function loadCookieKeys(secrets: SecretStore, sealer: Sealer): Promise<string[]> {
  const text = await sealedOnce(secrets, sealer, COOKIE_KEYS, async () =>
    JSON.stringify([randomBytes(32).toString('base64url')]),
  );
  return JSON.parse(text) as string[];
}
