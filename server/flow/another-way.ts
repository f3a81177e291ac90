// "Use another way": at a second-factor step, the account's other enrolled factors that meet the sign-in's
// acr, so a lost phone, a passkey on another device or a spent SMS quota is never a dead end. Offered only
// after the password was proven (whoever knows just a username learns nothing about the account), and only
// until a second factor is proven (after that nothing is left to stand in for).
import type { ActionSpec, Factor } from '../../wire/flow-api.js';
import type { FlowRecord } from '../store/types.js';
import type { AcrCatalog } from './acr.js';
import { accountFactors, provedSecondFactor } from './binding.js';
import type { AuthMethod, EngineDeps } from './types.js';

/** The action that switches the current step to another factor. */
export const ANOTHER_WAY = 'another_way';

/** One factor the user may switch to, and the method that proves it. */
export interface Alternative {
  factor: Factor;
  method: string;
}

/**
 * The acr a method's proof stands for: its own for an acr method; a passkey after the password stands for the
 * passkey acr (both prove a phishing-resistant authenticator), when that acr is enabled.
 */
export function acrProvenBy(method: string, acrs: AcrCatalog): string | undefined {
  if (method === 'webauthn') return acrs.get('passkey') ? 'passkey' : undefined;
  return acrs.get(method) ? method : undefined;
}

/** How strong a method's proof is: its acr's level (a method that stands for no acr counts as the password). */
export function proofLevel(method: string, acrs: AcrCatalog): number {
  const acr = acrProvenBy(method, acrs);
  return (acr === undefined ? undefined : acrs.get(acr)?.level) ?? acrs.get('password')?.level ?? 0;
}

export class AnotherWay {
  constructor(
    private readonly deps: EngineDeps,
    private readonly methods: ReadonlyMap<string, AuthMethod>,
    private readonly acrs: AcrCatalog,
    private readonly factorOf: (method: string) => Factor | undefined,
  ) {}

  /**
   * The alternatives at the flow's current step, one per factor (the strongest method for each), strongest
   * first; none before the password is proven, once a second factor is, or in the password grant.
   */
  async for(flow: FlowRecord, chain: readonly string[]): Promise<Alternative[]> {
    const current = chain[flow.methodIndex];
    if (
      current === undefined ||
      flow.placement === 'api' ||
      flow.userId === undefined ||
      // The password proven, or (a forgotten password) the address while a second factor is asked for.
      !((flow.proven ?? []).includes('password') || flow.binding === 'password') ||
      provedSecondFactor(flow.amr) ||
      flow.replacing !== undefined
    )
      return [];
    const factors = await accountFactors(this.deps.store, flow.userId);
    // While a factor is proven so that another may bind, any existing factor will do; otherwise the proof must
    // be at least as strong as the acr the sign-in completes (which is never below the client's floor).
    const needed = flow.binding ? 0 : (this.acrs.get(flow.acr)?.level ?? 0);
    const ownFactor = this.factorOf(current);
    const ran = chain.slice(0, flow.methodIndex);
    const byFactor = new Map<Factor, { method: string; level: number }>();
    for (const method of this.methods.values()) {
      const factor = this.factorOf(method.name);
      if (!factor || factor === ownFactor || ran.includes(method.name) || !method.proves?.(factors)) continue;
      // A reset proved the address: the second factor it asks for must be another one.
      if (flow.binding === 'password' && factor === 'email') continue;
      const level = proofLevel(method.name, this.acrs);
      if (level < needed) continue;
      const best = byFactor.get(factor);
      if (!best || level > best.level) byFactor.set(factor, { method: method.name, level });
    }
    return [...byFactor].sort(([, a], [, b]) => b.level - a.level).map(([factor, { method }]) => ({ factor, method }));
  }

  /** The action's spec: one input naming one of the factors offered. */
  static action(alternatives: readonly Alternative[]): ActionSpec {
    return {
      inputs: {
        factor: {
          type: 'text',
          required: true,
          max_length: 20,
          pattern: `^(${alternatives.map((a) => a.factor).join('|')})$`,
        },
      },
    };
  }

  /**
   * The chain with `method` in the current slot instead of the method there; a later run of the same method
   * (the optional passkey offer after a passkey proof) is dropped.
   */
  static chainWith(chain: readonly string[], index: number, method: string): string[] {
    return [...chain.slice(0, index), method, ...chain.slice(index + 1).filter((m) => m !== method)];
  }
}
