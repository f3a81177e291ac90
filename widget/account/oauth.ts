// Hosted mode of <gluu-account> (a `client-id` and no token): an OAuth authorization-code round trip with
// PKCE (S256) for an access token to the account API. The state and the verifier wait in sessionStorage for
// the return (this tab only); the token is kept in memory by the element, never stored.
import { ACCOUNT_RESOURCE_PATH, ACCOUNT_SCOPE } from '../../wire/account-api.js';

const KEY = 'gluu-account:oauth';

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => B64[c]!);
const B64: Record<string, string> = { '+': '-', '/': '_', '=': '' };
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const base = (issuer: string) => issuer.replace(/\/+$/, '');

/** This page's URL without its query and fragment: where the provider sends the browser back. */
const here = () => location.origin + location.pathname;

/** Goes to the provider's /auth for a code (the browser leaves the page). */
export async function signIn(issuer: string, clientId: string): Promise<void> {
  const state = random();
  const verifier = random();
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(KEY, JSON.stringify({ state, verifier }));
  const q = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: `openid ${ACCOUNT_SCOPE}`,
    resource: base(issuer) + ACCOUNT_RESOURCE_PATH,
    redirect_uri: here(),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${base(issuer)}/auth?${q}`);
}

/**
 * Back from /auth: trades `?code` for an access token when `?state` is the one this tab sent, and drops
 * the query from the address bar. Undefined when the page was not opened by that return; throws (with the
 * provider's error code, or "state") when the return carries an error or another state.
 */
export async function completeSignIn(issuer: string, clientId: string): Promise<string | undefined> {
  const q = new URLSearchParams(location.search);
  const code = q.get('code');
  const error = q.get('error');
  if (!code && !error) return undefined;
  let saved: { state?: string; verifier?: string } = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
  } catch {}
  sessionStorage.removeItem(KEY);
  history.replaceState(history.state, '', here() + location.hash);
  if (!saved.state || q.get('state') !== saved.state) throw new Error('state');
  if (error || !code) throw new Error(error ?? 'state');
  const res = await fetch(`${base(issuer)}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: here(),
      client_id: clientId,
      code_verifier: saved.verifier ?? '',
      resource: base(issuer) + ACCOUNT_RESOURCE_PATH,
    }),
    credentials: 'omit',
    cache: 'no-store',
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.access_token !== 'string') throw new Error(String(body.error ?? 'server_error'));
  return body.access_token;
}
