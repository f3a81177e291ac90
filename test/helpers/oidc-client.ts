// The RP side of integration tests: openid-client v6, exactly as an application would use it.
import * as oidc from 'openid-client';
import { CLIENT_SECRET } from './backend.js';
import { basicAuth } from './basic-auth.js';

/** The test RP's origin (allowed for the flow API) and its registered callback. */
export const RP_ORIGIN = 'http://localhost:3999';
export const RP_CALLBACK = `${RP_ORIGIN}/callback`;

export async function discover(
  issuer: string,
  clientId = 'test-rp',
  secret: string | undefined = CLIENT_SECRET,
): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

export interface AuthRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  extra: Record<string, string> = {},
  redirectUri = RP_CALLBACK,
): Promise<AuthRequest> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email phone',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

export async function exchange(config: oidc.Configuration, callbackUrl: string, request: AuthRequest) {
  return oidc.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
}

/** A form POST to the token endpoint, authenticated as the test RP (client_secret_basic) unless told otherwise. */
export function postToken(
  issuer: string,
  params: Record<string, string>,
  authorization: string | undefined = basicAuth('test-rp', CLIENT_SECRET),
): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(params),
  });
}

export { oidc };
