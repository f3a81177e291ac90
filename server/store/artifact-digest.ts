// oidc-provider's artifacts are stored under a digest of their id, never the id itself (RFC 9700 §4.14):
// the id of an access token, refresh token, code or session IS the bearer value (the token, the cookie), so a
// copy of the database must not hold one. Plain SHA-256 is enough: every id is 126+ random bits, nothing
// to guess, and a key would only make the stores depend on the sealer. Payloads lose the raw id too: `jti`
// (put back from the id a lookup was made with) and an Interaction's copy of the session cookie.
import { createHash } from 'node:crypto';

export function artifactDigest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** What is written: the payload without any raw bearer value. */
export function storablePayload(payload: Record<string, unknown>): Record<string, unknown> {
  const { jti: _jti, ...rest } = payload;
  const session = rest.session;
  // oidc-provider keeps the session's cookie value in an Interaction (`session.cookie`) and never reads it.
  if (session && typeof session === 'object' && 'cookie' in session) {
    const { cookie: _cookie, ...kept } = session as Record<string, unknown>;
    rest.session = kept;
  }
  return rest;
}

/** What is read: `jti` again when the lookup was by id (a lookup by uid or user code has no id to give back). */
export function restoredPayload(payload: Record<string, unknown>, id?: string): Record<string, unknown> {
  return id === undefined ? payload : { ...payload, jti: id };
}
