// How long a provider session lives (NIST 800-63B 4.2.3, AAL2): at most `session_ttl_seconds` after the
// sign-in (12 h by default) and `session_idle_seconds` after its last use (30 min). oidc-provider saves the
// session with this ttl on every request that uses it, so the expiry slides with use up to the absolute
// end. A session from an embedded finish (transient) keeps sessionTtl's short life.
import type { Session } from 'oidc-provider';
import type { Config } from '../config.js';
import { sessionTtl } from './embedded-finish.js';

export function sessionLifetime(
  config: Config,
  now: () => number = Date.now,
): (ctx: unknown, session: Session) => number {
  const transient = sessionTtl(config);
  const { session_ttl_seconds: absolute, session_idle_seconds: idle } = config.tokens;
  return (ctx, session) => {
    if (session.transient) return transient(ctx, session);
    const signedInAt = typeof session.loginTs === 'number' ? session.loginTs : Math.floor(now() / 1000);
    const left = signedInAt + absolute - Math.floor(now() / 1000);
    // At least a second: oidc-provider refuses a ttl below 1, and the store hides the session once it expires.
    return Math.max(1, Math.min(idle, left));
  };
}
