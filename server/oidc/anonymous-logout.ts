// RP-initiated logout (GET or POST /session/end) for a browser that has no session. oidc-provider would create and
// store a session only to hold the logout form's xsrf value, for anyone who asks (one row per anonymous
// request, kept for the session lifetime). With no session there is nothing to end: the browser goes straight
// where oidc-provider would have sent it after the form, and nothing is stored. A GET this does not
// validate completely is left to oidc-provider, which answers errors without saving a session; such a
// POST is refused here (its body is read).
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';

const END_SESSION = '/session/end';
const PARAMS = ['id_token_hint', 'client_id', 'post_logout_redirect_uri', 'state'] as const;
const MAX_FORM_BYTES = 64 * 1024;

/** The audience of an id_token_hint, read without trusting it (IdToken.validate checks it after). */
function audience(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud?: unknown };
    return typeof payload.aud === 'string' ? payload.aud : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where an anonymous logout ends, or undefined when oidc-provider must answer (an error, or a case not
 * handled here).
 */
async function destination(provider: Provider, given: URLSearchParams): Promise<string | undefined> {
  const params: Partial<Record<(typeof PARAMS)[number], string>> = {};
  for (const name of PARAMS) {
    const values = given.getAll(name);
    if (values.length > 1) return undefined;
    const value = values[0];
    if (value !== undefined && value !== '') params[name] = value;
  }
  let client: Awaited<ReturnType<typeof provider.Client.find>>;
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

/** A form body, read here so that its parameters can be checked; undefined when it is too large to be a logout form. */
async function formBody(ctx: KoaContextWithOIDC): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function anonymousLogout(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    if (ctx.path !== END_SESSION) return next();
    const form = ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded');
    if (ctx.method !== 'GET' && !form) return next();
    // The raw cookie (its signature is checked by oidc-provider when it is a real session's).
    const id = ctx.cookies.get(provider.cookieName('session'), { signed: false });
    if (id && (await provider.Session.find(id))) return next();
    let params = new URLSearchParams(ctx.querystring);
    if (form) {
      const body = await formBody(ctx);
      if (body === undefined) {
        ctx.status = 413;
        ctx.body = { error: 'invalid_request', error_description: 'the request body is too large' };
        return;
      }
      params = new URLSearchParams(body);
    }
    const to = await destination(provider, params);
    if (!to && form) {
      // The body is read: oidc-provider cannot read it again. Every case left here is a request it refuses.
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 400;
      ctx.body = {
        error: 'invalid_request',
        error_description:
          'the logout request names an unknown client, an invalid id_token_hint ' +
          'or an unregistered post_logout_redirect_uri',
      };
      return;
    }
    if (!to) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 303;
    ctx.redirect(to);
  };
}
