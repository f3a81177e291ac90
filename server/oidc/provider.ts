// The OpenID Provider: panva's oidc-provider, configured from our one validated Config. It serves
// discovery, /auth, /token, /me, /jwks and end_session; the login itself happens in our interaction pages.
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
  type ClientMetadata,
} from 'oidc-provider';
import type { Logger } from 'pino';
import type { ClientConfig, Config } from '../config.js';
import type { Store } from '../store/types.js';
import type { AcrCatalog, AcrRequest } from '../flow/acr.js';
import { TICKET_PARAM } from '../flow/authorization-request.js';
import { artifactAdapter } from './adapter.js';
import { accountFinder, CLAIMS_BY_SCOPE } from './account.js';
import { Html, html } from '../http/html.js';
import { providerPages } from '../branding.js';
import { seeClientsThroughProxies } from '../http/client-ip.js';
import type { FlowEngine } from '../flow/engine.js';
import type { Audit } from '../security/audit.js';
import { registerPasswordGrant } from './password-grant.js';
import { oidcFacing } from './unavailable.js';
import { embeddedFinishOffTheBrowser, interactionUrl } from './embedded-finish.js';
import { sessionLifetime } from './session-lifetime.js';
import { protectiveHeaders } from '../http/security-headers.js';
import { anonymousLogout } from './anonymous-logout.js';
import { accountResource } from '../account/access-token.js';
import { recordSignIn } from '../account/sessions.js';
import { ACCOUNT_SCOPE } from '../../wire/account-api.js';

const { Check, base } = interactionPolicy;

function clientMetadata(client: ClientConfig, ropc: boolean): ClientMetadata {
  return {
    client_id: client.client_id,
    ...(client.client_secret ? { client_secret: client.client_secret } : {}),
    ...(client.client_name ? { client_name: client.client_name } : {}),
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    response_types: client.grant_types.includes('authorization_code') ? ['code'] : [],
    // With the password grant on, every client may ask for it, so the ones without it hear unauthorized_client
    // from our handler rather than oidc-provider's invalid_request.
    grant_types: [...new Set([...client.grant_types, ...(ropc ? ['password'] : [])])],
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.backchannel_logout_uri
      ? { backchannel_logout_uri: client.backchannel_logout_uri, backchannel_logout_session_required: true }
      : {}),
    // No default_acr_values: AcrCatalog applies the client's default_acr itself. oidc-provider would copy it
    // into acr_values, so an embedded flow's request would no longer match the one it finishes through /auth.
  };
}

/** What an authorization request asks about the acr, as AcrCatalog reads it. */
function acrRequest(ctx: KoaContextWithOIDC): AcrRequest {
  const params = ctx.oidc.params;
  return { acrValues: params?.acr_values as string | undefined, claims: params?.claims as string | undefined };
}

/** Whether the request asks for the account API: its resource and its scope, from a client allowed to. */
function accountScopeRequested(ctx: KoaContextWithOIDC, config: Config): boolean {
  const resources = ([] as unknown[]).concat(ctx.oidc.params?.resource ?? []);
  const scopes = String(ctx.oidc.params?.scope ?? '').split(' ');
  return (
    config.account.enabled &&
    resources.includes(accountResource(config)) &&
    scopes.includes(ACCOUNT_SCOPE) &&
    clientOf(config, ctx)?.account_api === true
  );
}

/** What picks the language of a page the provider renders: the request's ui_locales, else the browser's. */
function visitorOf(ctx: KoaContextWithOIDC | Parameters<NonNullable<Configuration['renderError']>>[0]) {
  const params = 'oidc' in ctx ? (ctx.oidc?.params as { ui_locales?: unknown } | undefined) : undefined;
  return { uiLocales: params?.ui_locales, acceptLanguage: ctx.get('accept-language') || undefined };
}

function clientOf(config: Config, ctx: KoaContextWithOIDC): ClientConfig | undefined {
  return config.clients.find((c) => c.client_id === ctx.oidc.client?.clientId);
}

/**
 * Two reasons to show the login prompt that oidc-provider cannot know: a finished embedded flow is being
 * carried in (its ticket must be redeemed even if a session exists), and the session's method is weaker
 * than the acr this request resolves to (step-up) or than the client's floor.
 */
function loginPolicy(acrs: AcrCatalog, config: Config) {
  const policy = base();
  const login = policy.get('login')!;
  login.checks.add(
    new Check('gluu_ticket', 'a finished embedded sign-in is being carried in', (ctx: KoaContextWithOIDC) =>
      ctx.oidc.params?.[TICKET_PARAM] !== undefined && !ctx.oidc.result?.login
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT,
    ),
  );
  login.checks.add(
    new Check(
      'acr_not_satisfied',
      'the session was authenticated with a weaker method than requested',
      (ctx: KoaContextWithOIDC) => {
        if (!ctx.oidc.session?.accountId) return Check.NO_NEED_TO_PROMPT;
        // A login just made reports what it proved; the RP checks that against what it asked for, but the
        // client's floor is the provider's to keep: below it, sign in again.
        const fresh = ctx.oidc.result?.login;
        if (fresh)
          return acrs.meetsFloor(fresh.acr, clientOf(config, ctx)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
        return acrs.satisfiedBy(ctx.oidc.acr, acrRequest(ctx), clientOf(config, ctx))
          ? Check.NO_NEED_TO_PROMPT
          : Check.REQUEST_PROMPT;
      },
    ),
  );
  return policy;
}

export interface ProviderDeps {
  engine?: FlowEngine;
  audit?: Audit;
  config: Config;
  store: Store;
  acrs: AcrCatalog;
  jwks: { keys: Record<string, unknown>[] };
  cookieKeys: string[];
  logger: Logger;
}

export function createProvider({
  config,
  store,
  acrs,
  jwks,
  cookieKeys,
  logger,
  engine,
  audit,
}: ProviderDeps): Provider {
  const secure = config.issuer.startsWith('https:');
  // The logout form redirects to the RP afterwards, and CSP's form-action also governs that redirect.
  const logoutTargets = [
    ...new Set(config.clients.flatMap((c) => c.post_logout_redirect_uris.map((u) => new URL(u).origin))),
  ];
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure };
  // Back-channel logout URIs come from the administrator's configuration, not from a client's own claim: one on
  // this host or network (an application beside the provider) is let through oidc-provider's guard against
  // requests to special-use addresses, which still covers every other outgoing request.
  const logoutReceivers = new Set(
    config.clients.flatMap((c) => (c.backchannel_logout_uri ? [new URL(c.backchannel_logout_uri).href] : [])),
  );
  const pages = providerPages(config);
  const configuration: Configuration = {
    adapter: artifactAdapter(oidcFacing(store.artifacts)),
    clients: config.clients.map((c) => clientMetadata(c, config.ropc.enabled)),
    findAccount: accountFinder(oidcFacing(store.users)),
    jwks: jwks as Configuration['jwks'],
    acrValues: acrs.supported(),
    // Not a registered discovery field: each acr's level, so that RPs can treat equal levels as equal.
    discovery: { gluu_acr_levels: acrs.levels() },
    claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, ...CLAIMS_BY_SCOPE },
    scopes: ['openid', 'profile', 'email', 'phone', 'offline_access'],
    extraParams: [TICKET_PARAM],
    responseTypes: ['code'],
    pkce: { required: () => true },
    // With https, the session cookie (path /) takes the __Host- prefix: no subdomain can set or shadow it.
    // The interaction cookies are scoped to their paths, which the prefix does not allow.
    cookies: {
      keys: cookieKeys,
      long: cookie,
      short: cookie,
      ...(secure
        ? { names: { session: '__Host-session', interaction: '_interaction', resume: '_interaction_resume' } }
        : {}),
    },
    conformIdTokenClaims: true,
    fetch: (url, options) => {
      if (!logoutReceivers.has(new URL(String(url)).href)) return globalThis.fetch(url, options);
      const { dispatcher: _guard, ...unguarded } = options as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, unguarded);
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      // An essential acr (OIDC Core 5.5.1.1) that cannot be met is refused here, where the RP hears it
      // (unmet_authentication_requirements), instead of ending in a weaker login.
      claimsParameter: {
        enabled: true,
        assertClaimsParameter: (ctx) => {
          const why = acrs.unmet(acrRequest(ctx), clientOf(config, ctx));
          if (why) throw new errors.UnmetAuthenticationRequirements(why);
        },
      },
      // RFC 9126: the RP may push its request over the back channel and send only a request_uri (both
      // placements; see flow/pushed-request.ts for the embedded one).
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // RFC 9449: tokens bound to the RP's key when it sends DPoP proofs; plain bearer tokens otherwise.
      dPoP: { enabled: true },
      // Signed request objects (JAR) are not supported: `request` is answered with request_not_supported.
      requestObjects: { enabled: false },
      revocation: { enabled: true },
      // Clients with a backchannel_logout_uri hear of a session's end (sign-out, or the account page).
      backchannelLogout: { enabled: true },
      // RFC 8707: the account API is the one resource server; its tokens are short-lived, for `account` only,
      // and only for clients allowed to ask (account_api). Any other resource is refused (invalid_target).
      resourceIndicators: {
        enabled: true,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resource) => {
          if (!config.account.enabled || resource !== accountResource(config) || !clientOf(config, ctx)?.account_api)
            throw new errors.InvalidTarget();
          return {
            scope: ACCOUNT_SCOPE,
            audience: resource,
            accessTokenTTL: config.account.token_ttl_seconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const text = pages.text(visitorOf(ctx));
          // What is signed out of: the operator's product when branded, else the provider's host.
          const { productName } = pages.brand;
          const host = productName ?? new URL(config.issuer).host;
          ctx.set('Content-Security-Policy', pages.csp({ formAction: logoutTargets }));
          ctx.body = pages.render(text, {
            title: text.s('sign_out_title'),
            body: html`${productName ? '' : html`<p class="brand">${host}</p>`}
<h1>${text.t('sign_out_heading')}</h1>
<p>${text.t('sign_out_text', { host })}</p>
${new Html(form)}
<div class="actions">
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${text.t(
              'sign_out_button',
            )}</button>
<button type="submit" form="op.logoutForm">${text.t('stay_signed_in')}</button>
</div>`,
          });
        },
        postLogoutSuccessSource: async (ctx) => {
          const text = pages.text(visitorOf(ctx));
          ctx.set('Content-Security-Policy', pages.csp());
          ctx.body = pages.render(text, {
            title: text.s('signed_out_title'),
            body: html`<h1>${text.t('signed_out_title')}</h1><p>${text.t('signed_out_text')}</p>`,
          });
        },
      },
    },
    interactions: {
      url: interactionUrl(engine),
      policy: loginPolicy(acrs, config),
    },
    // Clients come from the administrator's configuration: they are first-party, so no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const resourceScopes = accountScopeRequested(ctx, config) ? [accountResource(config)] : [];
      // The claims parameter asks for claims by name: a first-party client gets them as it gets scopes
      // (ungranted, they would ask for the consent prompt, which we do not have).
      const claims = [...ctx.oidc.requestParamClaims];
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) {
        const granted = new Set(existing.getOIDCClaims());
        const missing = resourceScopes.filter((r) => !existing.getResourceScope(r).split(' ').includes(ACCOUNT_SCOPE));
        if (claims.every((c) => granted.has(c)) && !missing.length) return existing;
        existing.addOIDCClaims(claims);
        for (const r of missing) existing.addResourceScope(r, ACCOUNT_SCOPE);
        await existing.save();
        return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope((ctx.oidc.params?.scope as string | undefined) ?? 'openid');
      if (claims.length) grant.addOIDCClaims(claims);
      for (const r of resourceScopes) grant.addResourceScope(r, ACCOUNT_SCOPE);
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      const text = pages.text(visitorOf(ctx));
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', pages.csp());
      // The description is oidc-provider's (English): it is meant for whoever debugs the application.
      ctx.body = pages.render(text, {
        title: text.s('error_title'),
        body: html`<h1>${text.t('error_heading')}</h1>
<p>${out.error_description ?? out.error}</p>
<p>${text.t('error_text')}</p>`,
      });
    },
    ttl: {
      AccessToken: config.tokens.access_token_ttl_seconds,
      AuthorizationCode: config.tokens.code_ttl_seconds,
      IdToken: config.tokens.id_token_ttl_seconds,
      Interaction: 3600,
      Session: sessionLifetime(config),
      Grant: config.tokens.session_ttl_seconds,
    },
  };

  const provider = new Provider(config.issuer, configuration);
  seeClientsThroughProxies(provider, config.trust_proxy);
  if (config.ropc.enabled && engine && audit)
    registerPasswordGrant(provider, engine, config, audit, accountFinder(oidcFacing(store.users)));

  // Koa middleware: the same protective headers on everything the provider answers (first, so it wraps
  // the middleware below that answer by themselves).
  provider.use(async (ctx, next) => {
    await next();
    // A form_post answer is oidc-provider's self-submitting form to the RP: our CSP would stop it.
    const formPost =
      (ctx as { oidc?: { params?: { response_mode?: unknown } } }).oidc?.params?.response_mode === 'form_post';
    const hasCsp = formPost || Boolean(ctx.response.get('Content-Security-Policy'));
    for (const [name, value] of protectiveHeaders({ html: ctx.type?.includes('html') ?? false, hasCsp, https: secure }))
      ctx.set(name, value);
  });
  provider.use(embeddedFinishOffTheBrowser(provider));
  provider.use(anonymousLogout(provider));

  // What the browser that signed in looked like, for the account page's list of sessions.
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    recordSignIn(store, ctx).catch((err: unknown) => logger.warn({ err }, 'could not record the sign-in'));
  });
  provider.on('server_error', (ctx, err) => logger.error({ err, path: ctx.path }, 'oidc server error'));
  provider.on('grant.error', (_ctx, err) =>
    logger.info(
      {
        error: (err as { error?: string }).error,
        description: (err as { error_description?: string }).error_description,
      },
      'token request refused',
    ),
  );
  provider.on('authorization.error', (_ctx, err) =>
    logger.info(
      {
        error: (err as { error?: string }).error,
        description: (err as { error_description?: string }).error_description,
      },
      'authorization request refused',
    ),
  );
  return provider;
}
