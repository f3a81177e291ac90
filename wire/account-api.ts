// The wire contract of the account API behind <gluu-account>: names, requests and answers as types and
// constants only, so the element imports it without zod (the server's schemas are in server/account/).
// Every call carries an access token for the account API (`Authorization: Bearer`); every change also needs
// a fresh proof (PROOF_HEADER) won by running a step-up flow through the flow API (wire/flow-api.ts).
import type { ErrorBody, FlowError } from './flow-api.js';

/** Base path of the account API on the backend. */
export const ACCOUNT_API = '/account/api';

/** The hosted page that holds <gluu-account> on the provider's origin. */
export const ACCOUNT_PAGE = '/account';

/** The resource indicator (RFC 8707) is the issuer followed by this path; the access token's scope is ACCOUNT_SCOPE. */
export const ACCOUNT_RESOURCE_PATH = '/account';
export const ACCOUNT_SCOPE = 'account';

/** The header that carries a fresh proof (the answer of POST {ACCOUNT_API}/finish for a step-up flow). */
export const PROOF_HEADER = 'Gluu-Proof';

/** The kinds of second factor an account can hold, list and add. */
export type AccountFactorKind = 'passkey' | 'otp' | 'phone' | 'email';

export interface AccountFactor {
  /** A credential's id; `phone` and `email` for the account's verified number and address. */
  id: string;
  kind: AccountFactorKind;
  /** The name the user gave it, or the one it got when added ("Authenticator 1", "Passkey 2"). */
  name: string;
  /** Masked where it is a number or an address ("+1 ••• ••• •• 34"); absent for apps and passkeys. */
  detail?: string;
  /** Epoch seconds; null where it is not known (a phone set by an administrator). */
  added_at: number | null;
  last_used_at: number | null;
  /** The user may rename it (credentials; not a phone number or an address). */
  renamable: boolean;
  /**
   * The user may remove it: false when it is the account's last second factor and the policy requires one
   * (`removal_refused` then says why).
   */
  removable: boolean;
  removal_refused?: string;
}

/** A browser or app signed in to this account (a provider session). */
export interface AccountSession {
  /** Opaque id, for DELETE {ACCOUNT_API}/sessions/{id}. */
  id: string;
  /** "Chrome on Windows", from the User-Agent of the sign-in. */
  device: string;
  /** An approximate place: the network (e.g. "203.0.113.0/24"), never a precise address. */
  network: string;
  signed_in_at: number;
  /** The applications this session signed in to. */
  apps: string[];
  /** The session the request comes through (hosted placement only; embedded pages cannot know it). */
  current: boolean;
}

/** A browser the user chose to trust: sign-ins there skip the second factor until `expires_at`. */
export interface TrustedBrowser {
  id: string;
  device: string;
  trusted_at: number;
  expires_at: number;
}

export interface AccountOverview {
  user: { username: string; email: string | null; phone: string | null };
  factors: AccountFactor[];
  /** The kinds the user may add here (the methods enabled on this provider). */
  can_add: AccountFactorKind[];
  /** The rules of a new password the form shows; absent: the provider's default (at least 8 characters). */
  password?: { min_length: number };
  /** Absent when recovery codes are off. */
  recovery_codes?: { left: number };
  sessions: AccountSession[];
  /** Browsers trusted to skip the second factor; absent where this provider does not offer that. */
  trusted_browsers?: TrustedBrowser[];
  /** The proof sent with this request: whether it still allows changes, and for how many seconds. */
  proof: { fresh: boolean; expires_in: number; max_age: number };
}

/**
 * POST {ACCOUNT_API}/proof starts a step-up flow; POST {ACCOUNT_API}/factors starts a flow that adds a factor.
 * Both answer the flow's handle: give it to <gluu-login flow="..."> (it drives the flow through the flow API);
 * its `done` step's continue_url is POST {ACCOUNT_API}/finish?ticket=..., which answers AccountFinished.
 */
export interface AccountFlowStarted {
  flow: string;
}

export interface AddFactorRequest {
  kind: AccountFactorKind;
}

export interface AccountFinished {
  /** The fresh proof this flow won, for PROOF_HEADER. */
  proof: string;
  /** Seconds it allows changes. */
  expires_in: number;
  overview: AccountOverview;
}

/** PATCH {ACCOUNT_API}/factors/{id}. */
export interface RenameFactorRequest {
  name: string;
}

/** POST {ACCOUNT_API}/password. */
export interface ChangePasswordRequest {
  password: string;
}

/** POST {ACCOUNT_API}/recovery-codes: a new set (every unused old code stops working); shown once. */
export interface RecoveryCodesIssued {
  codes: string[];
  overview: AccountOverview;
}

/**
 * Error codes particular to the account API (beside the flow API's): `invalid_token` (401, the access token
 * is missing, expired, revoked or not for this API), `insufficient_user_authentication` (401, RFC 9470: a
 * fresh proof is needed; run a step-up flow), `last_factor` (409, the policy requires a second factor),
 * `access_denied` (403, the finished flow failed).
 */
export type AccountErrorCode =
  | FlowError['code']
  | 'invalid_token'
  | 'insufficient_user_authentication'
  | 'last_factor'
  /** The flow the finish names ended without a proof (it failed). */
  | 'access_denied';

export interface AccountError extends Omit<FlowError, 'code'> {
  code: AccountErrorCode;
}

export type AccountErrorBody = { error: AccountError } | ErrorBody;
