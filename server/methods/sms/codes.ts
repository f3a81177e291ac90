// SMS codes: six digits (server/methods/one-time-codes.ts: from the CSPRNG, stored only as an HMAC bound to
// the flow and to this one code).
import { newOneTimeCode } from '../one-time-codes.js';

export { CodeHasher } from '../one-time-codes.js';

export const CODE_DIGITS = 6;

export function newCode(): { code: string; codeId: string } {
  return newOneTimeCode(CODE_DIGITS);
}
