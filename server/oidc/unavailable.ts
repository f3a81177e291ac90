// oidc-provider turns any error it does not know into "server_error" (500). Storage that cannot be reached
// is not that: the authorization endpoint answers temporarily_unavailable (RFC 6749 4.1.2.1) and the
// others the same code with 503, so clients know to try again.
import { errors } from 'oidc-provider';
import { StoreUnavailableError, translatingErrors } from '../store/unavailable.js';

export function oidcFacing<T extends object>(target: T): T {
  return translatingErrors(target, (err) => {
    if (!(err instanceof StoreUnavailableError)) return err;
    const out = new errors.TemporarilyUnavailable(
      'The sign-in service cannot reach its storage right now. Try again in a moment.',
      { cause: err },
    );
    Object.assign(out, { status: 503, statusCode: 503, expose: true });
    return out;
  });
}
