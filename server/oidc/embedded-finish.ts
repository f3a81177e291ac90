// An embedded sign-in ends with a continue_url that carries its ticket through /auth. Whoever opens that
// URL carries the login in, so it is a bearer credential: the browser that opens it may not be the one
// that signed in (a victim sent there by an attacker, or a thief's). It must therefore leave nothing in
// that browser: the code goes to the RP's callback, where the RP's state and PKCE refuse it in the wrong
// browser, and the provider session the login needs (oidc-provider binds the code and the access token to
// one) lives on the server only, just long enough for the RP to use them. The browser's own session, if it
// has one, is neither read nor changed.
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults, Session } from 'oidc-provider';
import type { Config } from '../config.js';
import { TICKET_PARAM } from '../flow/authorization-request.js';
import type { FlowEngine, Redeemed } from '../flow/engine.js';
import { redeemEmbedded } from '../flow/placements/embedded.js';
import { StoreUnavailableError } from '../store/unavailable.js';

type Middleware = Parameters<Provider['use']>[0];

/** True for an interaction started by an embedded flow's continue_url. */
export function carriesTicket(params: Record<string, unknown> | undefined): boolean {
  return typeof params?.[TICKET_PARAM] === 'string';
}

/**
 * Records the outcome of an embedded finish on its interaction, detached from whatever session the browser
 * had when it reached /auth (resume would otherwise insist on that same session), with the login not
 * remembered: its session is `transient`, which sessionTtl reads. Returns where the browser goes next.
 */
export async function finishEmbedded(interaction: Interaction, result: InteractionResults): Promise<string> {
  interaction.session = undefined;
  interaction.result =
    'login' in result && result.login ? { ...result, login: { ...result.login, remember: false } } : result;
  await interaction.persist();
  return interaction.returnTo;
}

/** What oidc-provider is told: the login, or access_denied for a flow that ended without one. */
export function interactionOutcome(redeemed: Redeemed): InteractionResults {
  if ('denied' in redeemed) return { error: 'access_denied', error_description: redeemed.denied };
  const { login } = redeemed;
  return { login: { accountId: login.accountId, acr: login.acr, amr: login.amr, ts: login.authTime, remember: true } };
}

/** The outcome of an embedded finish's ticket: its flow's, or access_denied when it cannot be redeemed. */
export async function redeemTicket(
  engine: FlowEngine,
  ticket: string,
  params: Record<string, unknown>,
): Promise<InteractionResults> {
  const redeemed = await redeemEmbedded(engine, ticket, params);
  return redeemed
    ? interactionOutcome(redeemed)
    : {
        error: 'access_denied',
        error_description: 'the sign-in could not be carried into the provider (used, expired or foreign ticket)',
      };
}

/**
 * Where /auth sends the browser when it starts an interaction. An embedded finish (the continue_url's
 * ticket) is redeemed right there, so the browser goes straight on to resume: a request fewer than a stop
 * at /interaction/:uid. That stop stays for when the store cannot be reached now (its page says so).
 */
export function interactionUrl(engine: FlowEngine | undefined) {
  return async (_ctx: unknown, interaction: Interaction): Promise<string> => {
    const ticket = interaction.params[TICKET_PARAM];
    if (typeof ticket !== 'string' || !engine) return `/interaction/${interaction.uid}`;
    let result: InteractionResults;
    try {
      result = await redeemTicket(engine, ticket, interaction.params);
    } catch (err) {
      if (err instanceof StoreUnavailableError) return `/interaction/${interaction.uid}`;
      throw err;
    }
    return finishEmbedded(interaction, result);
  };
}

/**
 * oidc-provider's resume (GET /auth/:uid) reads the browser's session cookie before it knows the
 * interaction, and writes one afterwards. For an embedded finish we hide the incoming session cookie, so
 * the login lands on a new session, and drop that session's cookie from the answer.
 */
export function embeddedFinishOffTheBrowser(provider: Provider): Middleware {
  const session = provider.cookieName('session');
  const sessionCookies = new Set([session, `${session}.sig`]);
  const isSessionCookie = (line: string) => sessionCookies.has(line.slice(0, line.indexOf('=')).trim());
  return async (ctx, next) => {
    if (ctx.method !== 'GET' || !/^\/auth\/[^/]+$/.test(ctx.path)) return next();
    // Resume finds its interaction by this cookie (not by the path), so we do too.
    const uid = ctx.cookies.get(provider.cookieName('resume'));
    const interaction = uid ? await provider.Interaction.find(uid) : undefined;
    if (!interaction || !carriesTicket(interaction.params)) return next();

    const cookie = ctx.req.headers.cookie;
    if (cookie)
      ctx.req.headers.cookie = cookie
        .split(';')
        .filter((pair) => !isSessionCookie(pair))
        .join(';');
    await next();
    const set = ctx.res.getHeader('set-cookie');
    if (Array.isArray(set))
      ctx.res.setHeader(
        'set-cookie',
        set.filter((line) => !isSessionCookie(line)),
      );
    else if (typeof set === 'string' && isSessionCookie(set)) ctx.res.removeHeader('set-cookie');
  };
}

/**
 * How long a session lives on the server. One from an embedded finish (not remembered: `transient`) only
 * has to outlive the code and the access token bound to it; nothing can resume it.
 */
export function sessionTtl(config: Config): (ctx: unknown, session: Session) => number {
  const { code_ttl_seconds, access_token_ttl_seconds, session_ttl_seconds } = config.tokens;
  return (_ctx, session) => (session.transient ? code_ttl_seconds + access_token_ttl_seconds : session_ttl_seconds);
}
