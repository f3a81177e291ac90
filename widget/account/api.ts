// A tiny fetch client for the account API (wire/account-api.ts). The access token and the proof live in the
// element's memory only and travel in headers, never in a cookie or in storage.
import { ACCOUNT_API, type AccountError, PROOF_HEADER } from '../../wire/account-api.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface AccountAnswer {
  status: number;
  /** The JSON body; an answer that is not JSON, or an error body not shaped as one, reads as `server_error`. */
  body: { error: AccountError } | Record<string, unknown>;
}

/** The error an answer carries, if it is one. */
export const errorOf = (a: AccountAnswer): AccountError | undefined =>
  a.status >= 400 || 'error' in a.body ? ((a.body as { error?: AccountError }).error ?? serverError(a)) : undefined;

const serverError = (a: AccountAnswer): AccountError => ({ code: 'server_error', message: `HTTP ${a.status}` });

/**
 * Sends one request to `path` (under {issuer}{ACCOUNT_API}, or the finish URL a flow ended with) and reads the
 * JSON answer. `lang` goes along as `?lang=` (the language of the step-up's texted codes and of the notices
 * a change sends). Throws only when the service cannot be reached (fetch rejects).
 */
export async function callAccount(
  issuer: string,
  token: string,
  proof: string | undefined,
  method: Method,
  path: string,
  body?: unknown,
  lang?: string,
): Promise<AccountAnswer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (proof) headers[PROOF_HEADER] = proof;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const url = new URL(/^https?:/.test(path) ? path : apiUrl(issuer, path), location.href);
  if (lang) url.searchParams.set('lang', lang);
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    // The bearer token authorizes; no cookie is needed (and none goes to another origin).
    credentials: 'omit',
    cache: 'no-store',
  });
  let json: AccountAnswer['body'];
  try {
    json = (await res.json()) as AccountAnswer['body'];
    if (!json || typeof json !== 'object') throw 0;
  } catch {
    json = { error: serverError({ status: res.status, body: {} }) };
  }
  return { status: res.status, body: json };
}

/** {issuer}{ACCOUNT_API}{path}. */
export const apiUrl = (issuer: string, path = '') => `${issuer.replace(/\/+$/, '')}${ACCOUNT_API}${path}`;

/**
 * The URL a flow's `done` step continues to, if it is this issuer's finish endpoint; else undefined (the
 * bearer token goes nowhere else).
 */
export function finishUrl(continueUrl: string, issuer: string): string | undefined {
  try {
    const u = new URL(continueUrl, new URL(issuer || '.', location.href));
    const api = new URL(apiUrl(issuer, '/finish'), location.href);
    return u.origin === api.origin && u.pathname === api.pathname ? u.href : undefined;
  } catch {
    return undefined;
  }
}
