// The account API's own refusals (beside the flow API's codes, which it answers as the flow API does): a
// missing or unusable access token, a proof that is too old (RFC 9470), and a last factor kept.
import type { AccountErrorCode } from '../../wire/account-api.js';

export class AccountApiError extends Error {
  override name = 'AccountApiError';
  constructor(
    readonly status: 401 | 403 | 404 | 409 | 429,
    readonly code: AccountErrorCode,
    message: string,
    /** The WWW-Authenticate challenge, for 401s. */
    readonly challenge?: string,
    /** Seconds to wait (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  toBody() {
    const wait = this.retryAfter !== undefined ? { retry_after: this.retryAfter } : {};
    return { error: { code: this.code, message: this.message, ...wait } };
  }
}

/** RFC 6750 §3: the token is missing, expired, revoked or not for this API. */
export function invalidToken(message: string): AccountApiError {
  return new AccountApiError(
    401,
    'invalid_token',
    message,
    `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  );
}

/** RFC 9470 §3: a fresh proof at the account's strongest level is needed, at most `maxAge` seconds old. */
export function insufficientAuthentication(maxAge: number): AccountApiError {
  const message = 'This change needs you to confirm it is you first.';
  return new AccountApiError(
    401,
    'insufficient_user_authentication',
    message,
    `Bearer error="insufficient_user_authentication", error_description="${message}", max_age=${maxAge}`,
  );
}
