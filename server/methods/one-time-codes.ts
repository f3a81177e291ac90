// One-time codes sent to something the user holds (a phone by SMS, a mailbox by e-mail): digits from the
// CSPRNG, stored only as an HMAC bound to the flow and to this one code, so neither a database copy nor
// another flow can use them. The methods that send them share this; each keeps its own key (Sealer.derive).
import { createHmac, randomInt, randomBytes, timingSafeEqual } from 'node:crypto';
import { shippedTag } from '../../wire/language-tags.js';

/** A fresh code of `digits` digits and the id that binds its HMAC to this one code. */
export function newOneTimeCode(digits: number): { code: string; codeId: string } {
  return {
    code: String(randomInt(0, 10 ** digits)).padStart(digits, '0'),
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

/** "5 minutes" or "45 seconds": a wait as the refusals word it. */
export function waitText(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * The entry for `lang` among `tables` (configured texts first, then built-in ones): the exact tag, then its
 * base language, then English; tags compare case-insensitively. Undefined when not even English is there.
 */
export function byLanguage<T>(tables: readonly Record<string, T>[], lang: string | undefined): T | undefined {
  const wanted = lang && shippedTag(lang); // zh-Hans -> zh-CN, as the texts are named
  const candidates = wanted ? [wanted, wanted.split('-')[0]!] : [];
  candidates.push('en');
  for (const tag of candidates) {
    for (const table of tables) {
      const found = Object.entries(table).find(([key]) => key.toLowerCase() === tag.toLowerCase())?.[1];
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
