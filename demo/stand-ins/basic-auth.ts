// HTTP Basic auth as the stand-ins' real counterparts check it: Twilio authenticates API calls with the
// account SID and auth token, tru.ID its token requests with the client ID and secret.
import { timingSafeEqual } from 'node:crypto';

/** Equal, compared in constant time so the answer's timing does not tell how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The user and password of an `Authorization: Basic …` header; undefined when it is absent or malformed. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
