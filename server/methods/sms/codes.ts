// SMS codes: six digits from the CSPRNG, stored only as an HMAC bound to the flow and to this one code,
// so neither a database copy nor another flow can use them.
import { createHmac, randomInt, randomBytes, timingSafeEqual } from 'node:crypto';

export const CODE_DIGITS = 6;

export function newCode(): { code: string; codeId: string } {
  return {
    code: String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0'),
    codeId: randomBytes(9).toString('base64url'),
  };
}

export class CodeHasher {
  constructor(private readonly key: Buffer) {}

  hash(flowId: string, codeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${flowId}\n${codeId}\n${code}`).digest('base64url');
  }

  matches(stored: string, flowId: string, codeId: string, code: string): boolean {
    const a = Buffer.from(stored, 'base64url');
    const b = Buffer.from(this.hash(flowId, codeId, code), 'base64url');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
