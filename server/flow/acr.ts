// Which method (acr) a flow completes, and which methods that takes. Gluu's rule: the requested acr if
// enabled, else the client's default, else the configured default, else the enabled method with the
// highest level. Then the client's floor (`minimum_acr`): the request is the user's to edit, so anything
// weaker than the floor is raised to it. An essential acr in the `claims` parameter (OIDC Core 5.5.1.1)
// narrows the choice to its values at or above the floor, and fails when none can be met.
import { z } from 'zod';
import type { ClientConfig, Config } from '../config.js';
import { enabledMethodNames } from '../config.js';
import { FlowApiError } from './errors.js';

/** The acr of a recovery code (server/methods/recovery/). */
export const RECOVERY_CODE_METHOD = 'recovery_code';

export interface AcrInfo {
  acr: string;
  level: number;
  /** Methods run in order; the id_token's amr is the union of what they add. */
  chain: string[];
}

/** What an authorization request says about the acr it wants. */
export interface AcrRequest {
  /** `acr_values`: space-separated, in preference order. */
  acrValues?: string | undefined;
  /** The `claims` parameter (JSON text); only its `id_token.acr` member matters here. */
  claims?: string | undefined;
  /** The embedded widget's `acr` attribute: used when the request names no acr. */
  fallback?: string | undefined;
}

/** An essential acr claim none of whose values this provider can meet for this client (OIDC's error name). */
export class UnmetAcrError extends FlowApiError {
  constructor(message: string) {
    super(
      'unmet_authentication_requirements',
      `The sign-in cannot meet the request: ${message}.`,
      'authorization_request.claims',
    );
    this.name = 'UnmetAcrError';
  }
}

/** The claims parameter, as far as the acr is concerned (OIDC Core 5.5.1: `value` or `values`, `essential`). */
const acrMember = z.looseObject({
  essential: z.boolean().optional(),
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
});
export const claimsParameter = z.looseObject({
  id_token: z.looseObject({ acr: acrMember.nullable().optional() }).optional(),
  userinfo: z.looseObject({}).optional(),
});

interface AcrClaim {
  essential: boolean;
  values: string[];
}

/** The id_token acr the claims parameter asks for, if it names values; malformed text counts as none. */
function acrClaimOf(claims: string | undefined): AcrClaim | undefined {
  if (!claims) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(claims);
  } catch {
    return undefined;
  }
  const member = claimsParameter.safeParse(json).data?.id_token?.acr;
  const values = member?.values ?? (member?.value !== undefined ? [member.value] : []);
  return values.length ? { essential: member?.essential === true, values } : undefined;
}

/**
 * The methods an acr runs: the password first for every second factor; passkey on its own (passwordless);
 * and the password followed by a security key when webauthn.second_factor asks for one.
 */
function chainOf(name: string, config: Config): string[] {
  if (name === 'passkey') return ['passkey'];
  if (name === 'password') return config.webauthn.second_factor === 'off' ? ['password'] : ['password', 'webauthn'];
  // An optional passkey offer also follows the other second factors: once one of those is proven, a passkey
  // may bind (after the password alone it may not, for an account that has a second factor).
  return config.webauthn.second_factor === 'optional' ? ['password', name, 'webauthn'] : ['password', name];
}

export class AcrCatalog {
  private readonly byName = new Map<string, AcrInfo>();

  constructor(private readonly config: Config) {
    for (const name of enabledMethodNames(config.methods)) {
      const method = config.methods[name as keyof Config['methods']];
      this.byName.set(name, { acr: name, level: method.level, chain: chainOf(name, config) });
    }
  }

  /** For discovery's acr_values_supported, highest level first (RPs rank the acr they get by this order). */
  supported(): string[] {
    return [...this.byName.values()].sort((a, b) => b.level - a.level).map((a) => a.acr);
  }

  /**
   * Each enabled acr's level, for discovery (`gluu_acr_levels`): an RP that asks for one acr accepts any at
   * that level or above, and acrs of equal level (otp and recovery_code) are equally strong.
   */
  levels(): Record<string, number> {
    return Object.fromEntries([...this.byName.values()].map((a) => [a.acr, a.level]));
  }

  get(acr: string): AcrInfo | undefined {
    return this.byName.get(acr);
  }

  defaultAcr(client?: ClientConfig): string {
    if (client?.default_acr && this.byName.has(client.default_acr)) return client.default_acr;
    if (this.config.default_acr && this.byName.has(this.config.default_acr)) return this.config.default_acr;
    // A recovery code stands in for another factor: it is never what a sign-in asks for by itself.
    return this.supported().find((acr) => acr !== RECOVERY_CODE_METHOD)!;
  }

  /** The weakest acr this client accepts (config validation makes sure it is enabled). */
  floor(client?: ClientConfig): AcrInfo | undefined {
    return client?.minimum_acr ? this.byName.get(client.minimum_acr) : undefined;
  }

  /**
   * The first enabled acr among `requested` (space-separated, in preference order), else the default; raised
   * to the client's floor.
   */
  resolve(requested: string | undefined, client?: ClientConfig, fallback?: string): AcrInfo {
    return this.forRequest({ acrValues: requested, fallback }, client);
  }

  /**
   * The acr a flow for this request completes. An essential acr claim wins over acr_values: its first
   * enabled value at or above the floor, else UnmetAcrError. Otherwise acr_values (or, without them, the
   * claim's voluntary values), the widget's fallback, the defaults, in that order, raised to the floor.
   */
  forRequest(request: AcrRequest, client?: ClientConfig): AcrInfo {
    const claim = acrClaimOf(request.claims);
    if (claim?.essential) {
      const met = this.essentialChoices(claim.values, client)[0];
      if (!met) throw new UnmetAcrError(this.unmetMessage(claim.values, client));
      return met;
    }
    const raise = (info: AcrInfo) => {
      const floor = this.floor(client);
      return floor && info.level < floor.level ? floor : info;
    };
    const requested = request.acrValues ?? claim?.values.join(' ') ?? '';
    for (const candidate of requested.split(' ')) {
      const info = candidate && this.byName.get(candidate);
      if (info) return raise(info);
    }
    const chosen = request.fallback && this.byName.has(request.fallback) ? request.fallback : this.defaultAcr(client);
    return raise(this.byName.get(chosen)!);
  }

  /** Why a request's essential acr cannot be met, or undefined when it can (or names none). */
  unmet(request: AcrRequest, client?: ClientConfig): string | undefined {
    const claim = acrClaimOf(request.claims);
    if (!claim?.essential || this.essentialChoices(claim.values, client).length) return undefined;
    return this.unmetMessage(claim.values, client);
  }

  /**
   * Whether a session made with `sessionAcr` may answer this request without a new login: its method is
   * one of the essential values (when the claims parameter names some), else at least as strong as the
   * acr the request resolves to (which is never below the client's floor).
   */
  satisfiedBy(sessionAcr: string | undefined, request: AcrRequest, client?: ClientConfig): boolean {
    const session = sessionAcr ? this.byName.get(sessionAcr) : undefined;
    if (!session) return false;
    const claim = acrClaimOf(request.claims);
    if (claim?.essential) return this.essentialChoices(claim.values, client).includes(session);
    return this.satisfies(sessionAcr, this.forRequest(request, client));
  }

  /** A session satisfies a target acr when it was made with a method of at least the target's level. */
  satisfies(sessionAcr: string | undefined, target: AcrInfo): boolean {
    const session = sessionAcr ? this.byName.get(sessionAcr) : undefined;
    return session !== undefined && session.level >= target.level;
  }

  /** Whether a login made with `acr` meets the client's floor. */
  meetsFloor(acr: string | undefined, client?: ClientConfig): boolean {
    const floor = this.floor(client);
    if (!floor) return true;
    const info = acr ? this.byName.get(acr) : undefined;
    return info !== undefined && info.level >= floor.level;
  }

  /**
   * The essential values this provider can meet for the client: enabled and at or above its floor, in the
   * RP's order.
   */
  private essentialChoices(values: string[], client?: ClientConfig): AcrInfo[] {
    const floor = this.floor(client);
    return values.flatMap((v) => {
      const info = this.byName.get(v);
      return info && (!floor || info.level >= floor.level) ? [info] : [];
    });
  }

  private unmetMessage(values: string[], client?: ClientConfig): string {
    const floor = this.floor(client);
    const below = floor ? `, and this client accepts nothing below ${floor.acr}` : '';
    const enabled = this.supported().join(', ');
    return `none of the essential acr values (${values.join(', ')}) can be met: enabled are ${enabled}${below}`;
  }
}
