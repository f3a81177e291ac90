// Fresh proofs: what a finished step-up flow gives the account page. A sealed note of who proved what, when,
// for which access token; sent back in the Gluu-Proof header with every change. Sealed (AES-GCM), so it cannot
// be forged or edited; bound to the token, so another page's token cannot use it; short-lived by its time.
import { z } from 'zod';
import type { Sealer } from '../security/seal.js';

const CONTEXT = 'gluu-login account proof';

const payload = z.strictObject({
  u: z.string(),
  k: z.string(),
  t: z.number(),
  a: z.array(z.string()),
  l: z.number(),
});

export interface Proof {
  userId: string;
  /** The hash of the access token it was made with. */
  authKey: string;
  /** When it was made (ms). */
  at: number;
  amr: string[];
  /** The level of the method that made it (its acr's). */
  level: number;
}

export class Proofs {
  constructor(
    private readonly sealer: Sealer,
    private readonly clock: () => number,
    /** How long a proof allows changes (account.proof_max_age_seconds), in ms. */
    readonly maxAgeMs: number,
  ) {}

  issue(proof: Proof): string {
    const { userId: u, authKey: k, at: t, amr: a, level: l } = proof;
    return this.sealer.seal(JSON.stringify({ u, k, t, a, l }), CONTEXT);
  }

  /** The proof `sealed` holds when it is one of this user's, for this token (undefined: none, forged, another's). */
  open(sealed: string | undefined, userId: string, authKey: string): Proof | undefined {
    if (!sealed || sealed.length > 1024) return undefined;
    let opened: z.infer<typeof payload>;
    try {
      opened = payload.parse(JSON.parse(this.sealer.open(sealed, CONTEXT)));
    } catch {
      return undefined;
    }
    if (opened.u !== userId || opened.k !== authKey) return undefined;
    return { userId: opened.u, authKey: opened.k, at: opened.t, amr: opened.a, level: opened.l };
  }

  /** Seconds `proof` still allows changes at `needed` level (0: none, too old, or too weak). */
  secondsLeft(proof: Proof | undefined, needed: number): number {
    if (!proof || proof.level < needed) return 0;
    const left = proof.at + this.maxAgeMs - this.clock();
    // A proof from the future (a clock moved back) is not trusted for longer than its whole age.
    if (left > this.maxAgeMs) return 0;
    return Math.max(0, Math.floor(left / 1000));
  }
}
