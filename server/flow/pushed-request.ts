// Pushed authorization requests (RFC 9126) in the embedded placement. The RP pushes its parameters to the
// provider's PAR endpoint (oidc-provider stores them as a PushedAuthorizationRequest through our artifact
// store) and hands the widget `/auth?client_id=...&request_uri=urn:ietf:params:oauth:request_uri:...`.
// The flow takes the pushed request once, as oidc-provider does with its own request_uri, and runs with its
// parameters. The finish then passes through /auth with those parameters in the URL, as a plain request:
// a request_uri lives 60 s, a sign-in usually longer, and the ticket binds the finish to exactly them.
import { decodeJwt } from 'jose';
import type { ArtifactStore } from '../store/types.js';
import { FlowApiError } from './errors.js';

export const PUSHED_REQUEST_URN = 'urn:ietf:params:oauth:request_uri:';

/** oidc-provider's model name, under which our adapter stores pushed requests. */
const MODEL = 'PushedAuthorizationRequest';

/** The request object's own claims, not authorization parameters. */
const JWT_CLAIMS = new Set(['iss', 'aud', 'exp', 'nbf', 'iat', 'jti']);

function refused(message: string): FlowApiError {
  return new FlowApiError('invalid_authorization_request', message, 'authorization_request.request_uri');
}

/**
 * The parameters `clientId` pushed under `requestUri`, taken: a second take (here or at /auth) is refused.
 * Expiry is oidc-provider's own clock (the wall clock), like the rest of its artifacts.
 */
export async function takePushedRequest(
  artifacts: ArtifactStore,
  clientId: string,
  requestUri: string,
): Promise<Record<string, string>> {
  if (!requestUri.startsWith(PUSHED_REQUEST_URN)) {
    throw refused(
      "request_uri must be one this provider's pushed authorization request endpoint issued " +
        `(${PUSHED_REQUEST_URN}...).`,
    );
  }
  const id = requestUri.slice(PUSHED_REQUEST_URN.length);
  const stored = id ? await artifacts.find(MODEL, id) : undefined;
  const live =
    stored &&
    !stored.consumed &&
    typeof stored.exp === 'number' &&
    stored.exp * 1000 > Date.now() &&
    typeof stored.request === 'string';
  if (!live) throw refused('request_uri is invalid, expired, or was already used: push the request again.');
  let pushed: Record<string, unknown>;
  try {
    pushed = decodeJwt(stored.request as string);
  } catch {
    throw refused('request_uri does not hold a readable request.');
  }
  // oidc-provider signs for the authenticated client as `iss`: another client's request_uri is not yours.
  if (pushed.iss !== clientId) throw refused('request_uri was pushed by another client.');
  await artifacts.consume(MODEL, id, Date.now());

  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(pushed)) {
    if (JWT_CLAIMS.has(key) || value === undefined || value === null) continue;
    // claims (and authorization_details) were parsed when pushed; the finish URL carries them as JSON text.
    params[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  // A DPoP proof sent with the push binds the code to that key: the finish asks for the same binding.
  if (typeof stored.dpopJkt === 'string' && params.dpop_jkt === undefined) params.dpop_jkt = stored.dpopJkt;
  return params;
}
