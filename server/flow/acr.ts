// Which method (acr) a flow completes, and which methods that takes. Gluu's rule: the requested acr if
// enabled, else the client's default, else the configured default, else the enabled method with the
// highest level.
import type { ClientConfig, Config } from '../config.js';
import { enabledMethodNames } from '../config.js';

export interface AcrInfo {
  acr: string;
  level: number;
  /** Methods run in order; the id_token's amr is the union of what they add. */
  chain: string[];
}

/**
 * The methods an acr runs: the password first for every second factor; passkey on its own (passwordless);
 * and the password followed by a security key when webauthn.second_factor asks for one.
 */
function chainOf(name: string, config: Config): string[] {
  if (name === 'passkey') return ['passkey'];
  if (name === 'password') return config.webauthn.second_factor === 'off' ? ['password'] : ['password', 'webauthn'];
  return ['password', name];
}

export class AcrCatalog {
  private readonly byName = new Map<string, AcrInfo>();

  constructor(private readonly config: Config) {
    for (const name of enabledMethodNames(config.methods)) {
      const method = config.methods[name as keyof Config['methods']];
      this.byName.set(name, { acr: name, level: method.level, chain: chainOf(name, config) });
    }
  }

  /** For discovery's acr_values_supported, highest level first. */
  supported(): string[] {
    return [...this.byName.values()].sort((a, b) => b.level - a.level).map((a) => a.acr);
  }

  get(acr: string): AcrInfo | undefined {
    return this.byName.get(acr);
  }

  defaultAcr(client?: ClientConfig): string {
    if (client?.default_acr && this.byName.has(client.default_acr)) return client.default_acr;
    if (this.config.default_acr && this.byName.has(this.config.default_acr)) return this.config.default_acr;
    return this.supported()[0]!;
  }

  /** The first enabled acr among `requested` (space-separated acr_values, in preference order), else the default. */
  resolve(requested: string | undefined, client?: ClientConfig, fallback?: string): AcrInfo {
    for (const candidate of (requested ?? '').split(' ')) {
      const info = candidate && this.byName.get(candidate);
      if (info) return info;
    }
    const chosen = fallback && this.byName.has(fallback) ? fallback : this.defaultAcr(client);
    return this.byName.get(chosen)!;
  }

  /** An existing session satisfies a request when it was made with a method of at least the requested level. */
  satisfies(sessionAcr: string | undefined, target: AcrInfo): boolean {
    const session = sessionAcr ? this.byName.get(sessionAcr) : undefined;
    return session !== undefined && session.level >= target.level;
  }
}
