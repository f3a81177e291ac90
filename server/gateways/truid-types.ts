// What the tru_id method asks of the tru.ID PhoneCheck API (v0.2), in its own terms.
export type PhoneCheckStatus = 'ACCEPTED' | 'PENDING' | 'COMPLETED' | 'EXPIRED' | 'ERROR';

export interface CreatedCheck {
  checkId: string;
  status: PhoneCheckStatus;
  /** The URL the phone must open over mobile data (tru.ID's `_links.check_url.href`). */
  checkUrl: string;
  /** Seconds the check lives (tru.ID's `ttl`). */
  ttlSeconds: number;
}

export interface CheckResult {
  checkId: string;
  status: PhoneCheckStatus;
  /** Only meaningful when COMPLETED: true when the SIM has the number the check was made for. */
  match: boolean | undefined;
  /** With ERROR: not_mobile_ip, mno_not_supported, mno_timeout, ip_mismatch, ... */
  errorCode?: string;
}

/**
 * Why a call failed: bad_request (400: bad number, unsupported country), not_found (404: e.g. PATCH before
 * the phone opened check_url), conflict (409, ip_msisdn_mismatch), not_mobile (412, not_mobile_ip),
 * rate_limited (429, retryAfterSeconds), auth (401/403: our credentials), unavailable (5xx, timeout, network).
 */
export type TruIdFailureKind =
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'not_mobile'
  | 'rate_limited'
  | 'auth'
  | 'unavailable';

export class TruIdError extends Error {
  override name = 'TruIdError';
  constructor(
    readonly kind: TruIdFailureKind,
    message: string,
    /** HTTP status, when there was an answer. */
    readonly status?: number,
    /** From application/problem+json. */
    readonly problem?: { type?: string; title?: string; detail?: string },
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
