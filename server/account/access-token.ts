// Who calls the account API: the holder of an access token oidc-provider issued for it (resource
// `{issuer}/account`, scope `account`) to a client allowed to ask (account_api), read from the provider's own
// store, so an ended session or a revoked grant ends its tokens at once. The page must be one of that client's
// origins: a token leaked to another site is refused there even before CORS would hide the answer.
import type Provider from 'oidc-provider';
import type { ClientConfig, Config } from '../config.js';
import { ACCOUNT_RESOURCE_PATH, ACCOUNT_SCOPE } from '../../wire/account-api.js';
import { sha256 } from '../security/random.js';
import type { UserRecord, UserStore } from '../store/types.js';
import { AccountApiError, invalidToken } from './errors.js';

export interface AccountCaller {
  user: UserRecord;
  client: ClientConfig;
  /** The hash of the access token: what the caller's flows and proofs are bound to. */
  authKey: string;
  /** The provider session the token was issued through (it is the caller's "this browser"). */
  sessionUid: string | undefined;
  /** The page origin the request came from, when it sent one. */
  origin: string | undefined;
}

/** The account API's resource indicator (RFC 8707). */
export function accountResource(config: Pick<Config, 'issuer'>): string {
  return `${config.issuer}${ACCOUNT_RESOURCE_PATH}`;
}

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]{16,512}=*)$/;

export async function accountCaller(
  provider: Provider,
  config: Config,
  users: UserStore,
  request: { authorization: string | undefined; origin: string | undefined },
): Promise<AccountCaller> {
  const value = BEARER.exec(request.authorization ?? '')?.[1];
  if (!value) throw invalidToken('An access token for the account API is required (Authorization: Bearer).');
  const token = await provider.AccessToken.find(value);
  if (!token || token.isExpired) throw invalidToken('The access token is expired or not valid. Sign in again.');
  const audiences = ([] as unknown[]).concat(token.aud ?? []);
  const scopes = String(token.scope ?? '').split(' ');
  if (!audiences.includes(accountResource(config)) || !scopes.includes(ACCOUNT_SCOPE)) {
    throw invalidToken('The access token is not for the account API.');
  }
  const client = config.clients.find((c) => c.client_id === token.clientId && c.account_api);
  if (!client) throw invalidToken('The application this token was issued to may not use the account API.');
  // Sender-constrained tokens need a DPoP proof of their key with every call, which this API does not check yet:
  // refused rather than accepted as bearer tokens.
  if (token.isSenderConstrained()) throw invalidToken('DPoP-bound tokens are not accepted by the account API.');
  if (request.origin !== undefined && !client.allowed_origins.includes(request.origin)) {
    throw new AccountApiError(
      403,
      'origin_not_allowed',
      `The account API cannot be used from ${request.origin} with this application's token.`,
    );
  }
  const user = token.accountId ? await users.findById(token.accountId) : undefined;
  if (!user) throw invalidToken('The account of this token no longer exists.');
  return {
    user,
    client,
    authKey: sha256(value),
    sessionUid: typeof token.sessionUid === 'string' ? token.sessionUid : undefined,
    origin: request.origin,
  };
}
