// RP-initiated logout (GET /session/end) for a browser that has no session. oidc-provider would create and
// store a session only to hold the logout form's xsrf value, for anyone who asks (one row per anonymous
// GET, kept for the session lifetime). With no session there is nothing to end: the browser goes straight
// where oidc-provider would have sent it after the form, and nothing is stored. Anything this does not
// validate completely is left to oidc-provider, which answers errors without saving a session.
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';

const END_SESSION = '/session/end';
const PARAMS = ['id_token_hint', 'client_id', 'post_logout_redirect_uri', 'state'] as const;

/** The audience of an id_token_hint, read without trusting it (IdToken.validate checks it after). */
function audience(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown };
    return typeof payload.aud === 'string' ? payload.aud : undefined;
  } catch {
    return undefined;
  }
}

/** Where an anonymous logout ends, or undefined when oidc-provider must answer (an error, or a case not handled here). */
async function destination(provider: Provider, ctx: KoaContextWithOIDC): Promise<string | undefined> {
  const params: Partial<Record<(typeof PARAMS)[number], string>> = {};
  for (const name of PARAMS) {
    const value = ctx.query[name];
    if (Array.isArray(value)) return undefined;
    if (value !== undefined && value !== '') params[name] = value;
  }
  let client;
  if (params.id_token_hint) {
    const aud = audience(params.id_token_hint);
    if (!aud || (params.client_id && params.client_id !== aud)) return undefined;
    client = await provider.Client.find(aud);
    if (!client) return undefined;
    try {
      await provider.IdToken.validate(params.id_token_hint, client);
    } catch {
      return undefined;
    }
  } else if (params.client_id) {
    client = await provider.Client.find(params.client_id);
    if (!client) return undefined;
  }
  if (client && params.post_logout_redirect_uri !== undefined) {
    if (!client.postLogoutRedirectUriAllowed(params.post_logout_redirect_uri)) return undefined;
    const to = new URL(params.post_logout_redirect_uri);
    if (params.state !== undefined) to.searchParams.set('state', params.state);
    return to.href;
  }
  const success = new URL(`${provider.issuer}${END_SESSION}/success`);
  if (client) success.searchParams.set('client_id', client.clientId);
  return success.href;
}

export function anonymousLogout(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.method !== 'GET' || ctx.path !== END_SESSION) return next();
    // The raw cookie (its signature is checked by oidc-provider when it is a real session's).
    const id = ctx.cookies.get(provider.cookieName('session'), { signed: false });
    if (id && (await provider.Session.find(id))) return next();
    const to = await destination(provider, ctx);
    if (!to) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(to);
  };
}
