// The embedded placement hands us the authorization request the RP's OIDC library built. We check the
// parts a flow depends on now (client, exact redirect_uri, code + PKCE S256, origin) so a mistake shows
// in the widget at once instead of after the user typed a password; oidc-provider checks all of it again
// when the finished flow passes through /auth. A pushed request (request_uri) is read here and its
// parameters take the place of the URL's.
import { z } from 'zod';
import type { ClientConfig, Config } from '../config.js';
import type { ArtifactStore } from '../store/types.js';
import { claimsParameter } from './acr.js';
import { FlowApiError } from './errors.js';
import { takePushedRequest } from './pushed-request.js';

/** The parameter that carries a finished embedded flow's ticket through /auth; never accepted from the RP. */
export const TICKET_PARAM = 'gluu_ticket';

const params = z.looseObject({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  response_type: z.literal('code', { error: 'only response_type=code is supported' }),
  scope: z.string().refine((s) => s.split(' ').includes('openid'), 'must include "openid"'),
  code_challenge: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be a PKCE S256 challenge (43 base64url characters)'),
  code_challenge_method: z.literal('S256', { error: 'must be "S256" (PKCE with plain is refused)' }),
  prompt: z
    .string()
    .refine((p) => !p.split(' ').includes('none'), 'prompt=none cannot show a login form')
    .optional(),
  claims: z
    .string()
    .refine((text) => {
      try {
        return claimsParameter.safeParse(JSON.parse(text)).success;
      } catch {
        return false;
      }
    }, 'must be a JSON object as OIDC Core 5.5 describes (id_token.acr: { essential, value or values })')
    .optional(),
});

// Signed request objects are not supported (README, "Security model"); the ticket is ours to add.
const forbidden = [TICKET_PARAM, 'request'];

export interface EmbeddedRequest {
  client: ClientConfig;
  params: Record<string, string>;
}

const invalid = (message: string, name: string) =>
  new FlowApiError('invalid_authorization_request', message, `authorization_request.${name}`);

export async function parseAuthorizationRequest(
  raw: string,
  config: Config,
  origin: string | undefined,
  artifacts: ArtifactStore,
): Promise<EmbeddedRequest> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FlowApiError(
      'invalid_authorization_request',
      'authorization_request must be an absolute URL.',
      'authorization_request',
    );
  }
  const expected = `${config.issuer}/auth`;
  if (`${url.origin}${url.pathname}` !== expected) {
    throw new FlowApiError(
      'invalid_authorization_request',
      `authorization_request must be a URL of this provider's authorization endpoint (${expected}).`,
      'authorization_request',
    );
  }
  // A Map, not `key in {}`: "constructor" or "__proto__" are parameter names like any other here.
  const seen = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (seen.has(key))
      throw new FlowApiError(
        'invalid_authorization_request',
        `The parameter "${key}" appears more than once.`,
        `authorization_request.${key}`,
      );
    if (forbidden.includes(key))
      throw new FlowApiError(
        'invalid_authorization_request',
        `The parameter "${key}" is not supported here.`,
        `authorization_request.${key}`,
      );
    seen.set(key, value);
  }
  let flat: Record<string, string> = Object.fromEntries(seen);
  const requestUri = flat.request_uri;
  if (requestUri !== undefined) {
    // RFC 9126: everything but client_id was pushed; a parameter beside request_uri would be ignored at /auth.
    const beside = Object.keys(flat).find((k) => k !== 'client_id' && k !== 'request_uri');
    if (beside)
      throw invalid(
        `The parameter "${beside}" cannot be sent beside request_uri: push it with the rest of the request.`,
        beside,
      );
    if (flat.client_id === undefined) throw invalid('The parameter "client_id" is required.', 'client_id');
  }
  const client = flat.client_id === undefined ? undefined : config.clients.find((c) => c.client_id === flat.client_id);
  if (requestUri !== undefined) {
    // Checked before the pushed request is taken, so a page that may not use it cannot spend it either.
    checkOrigin(client, origin);
    flat = await takePushedRequest(artifacts, flat.client_id!, requestUri);
    for (const key of [...forbidden, 'request_uri']) {
      if (flat[key] !== undefined)
        throw invalid(`The pushed request carries "${key}", which is not supported here.`, 'request_uri');
    }
  }
  const parsed = params.safeParse(flat);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '');
    const message =
      issue.code === 'invalid_type'
        ? `The parameter "${name}" is required.`
        : `The parameter "${name}" ${issue.message}.`;
    throw invalid(message, name);
  }
  checkOrigin(client, origin);
  if (!client.redirect_uris.includes(parsed.data.redirect_uri)) {
    throw invalid('redirect_uri is not registered for this client (it must match exactly).', 'redirect_uri');
  }
  return { client, params: flat };
}

function checkOrigin(client: ClientConfig | undefined, origin: string | undefined): asserts client is ClientConfig {
  if (!client) throw new FlowApiError('invalid_client', 'Unknown client_id.', 'authorization_request.client_id');
  if (origin !== undefined && !client.allowed_origins.includes(origin)) {
    throw new FlowApiError('origin_not_allowed', `The origin ${origin} may not embed sign-in for this client.`);
  }
}

// Parameters that decide what the code is for and who may redeem it; unknown extras are not compared
// because oidc-provider drops parameters it does not recognise before we see them.
const BINDING_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'acr_values',
  'claims',
  'max_age',
  'prompt',
  'login_hint',
  'ui_locales',
  'resource',
  'authorization_details',
  'dpop_jkt',
];

/** True when the request that reached /auth is the one the flow was started with. */
export function sameRequest(started: Record<string, string>, arrived: Record<string, unknown>): boolean {
  return BINDING_PARAMS.every((k) => (arrived[k] ?? undefined) === (started[k] ?? undefined));
}
