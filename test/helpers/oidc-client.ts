// The RP side of integration tests: openid-client v6, exactly as an application would use it.
import * as oidc from 'openid-client';
import { CLIENT_SECRET } from './backend.js';

export const RP_CALLBACK = 'http://localhost:3999/callback';

export async function discover(issuer: string, clientId = 'test-rp', secret: string | undefined = CLIENT_SECRET): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

export interface AuthRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(config: oidc.Configuration, extra: Record<string, string> = {}, redirectUri = RP_CALLBACK): Promise<AuthRequest> {
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

export { oidc };
