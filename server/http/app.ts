// The Hono app: every route of ours, composed in one visible place. oidc-provider's routes are not here;
// server.ts sends those requests to the provider before they reach Hono.
import { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { FlowEngine } from '../flow/engine.js';
import type { Store } from '../store/types.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import type { Gateways } from '../gateways/index.js';
import { METHOD_ROUTE_PREFIXES, type MountableRoutes } from '../methods/index.js';
import { FlowApiError } from '../flow/errors.js';
import { FLOW_API } from '../../wire/flow-api.js';
import { errorStatus } from './flow-errors.js';
import { securityHeaders } from './security-headers.js';
import { flowRoutes } from './flow-routes.js';
import type { FlowStartLimit } from './flow-start-limit.js';
import { interactionRoutes } from './interaction-routes.js';
import { assetRoutes } from './assets.js';
import { brandingRoutes } from '../branding.js';
import type { AuthMethod } from '../flow/types.js';
import { accountApiRoutes } from '../account/routes.js';
import { accountPage } from '../account/page.js';
import { ACCOUNT_API, ACCOUNT_PAGE } from '../../wire/account-api.js';
import { homePage } from './home-page.js';

export interface AppDeps {
  config: Config;
  engine: FlowEngine;
  provider: Provider;
  store: Store;
  logger: Logger;
  gateways: Gateways;
  /** The enabled methods' own pages. */
  methodRoutes: MountableRoutes[];
  flowStarts: FlowStartLimit;
  /** The enabled methods, by name (the account page adds factors through them). */
  methods: ReadonlyMap<string, AuthMethod>;
}

/** Path prefixes Hono answers (the methods' own pages among them); everything else belongs to oidc-provider. */
export const APP_PREFIXES = [
  FLOW_API,
  '/interaction/',
  '/assets/',
  '/healthz',
  ACCOUNT_PAGE,
  ...METHOD_ROUTE_PREFIXES.map((p) => `${p}/`),
];

export function createApp({
  config,
  engine,
  provider,
  store,
  logger,
  gateways,
  methodRoutes,
  flowStarts,
  methods,
}: AppDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use('*', securityHeaders({ https: config.issuer.startsWith('https:') }));

  app.route(FLOW_API, flowRoutes(engine, config, flowStarts));
  app.route('/interaction', interactionRoutes(provider, engine, config, logger, flowStarts));
  app.route('/assets/brand', brandingRoutes(config));
  app.route('/assets', assetRoutes());
  app.get('/', homePage);
  for (const own of methodRoutes) app.route(own.prefix, own.create(engine));
  if (config.account.enabled) {
    app.route(ACCOUNT_API, accountApiRoutes({ provider, engine, methods, flowStarts }));
    app.get(ACCOUNT_PAGE, (c) => accountPage(c, config));
  }

  // Ready means the store answers; a gateway that is down only disables its method, so it is reported, not fatal.
  // The answer keeps its field names (`providers`, `provider`: the service behind each gateway) for monitors.
  app.get('/healthz', async (c) => {
    const health = Object.fromEntries(
      [...gateways.byAcr].map(([acr, g]) => [acr, { provider: g.service, ...g.health() }]),
    );
    // The mail relay (e-mail codes, account notices) is not one method's: it is reported as `email`.
    if (gateways.mail) health.email = { provider: gateways.mail.service, ...gateways.mail.health() };
    try {
      await store.ping();
      return c.json({ status: 'ok', storage: 'ok', providers: health }, 200, { 'Cache-Control': 'no-store' });
    } catch (err) {
      logger.error(
        err instanceof StoreUnavailableError ? { service: err.service, reason: err.message } : { err },
        'health check: storage unreachable',
      );
      return c.json({ status: 'unavailable', storage: 'unreachable', providers: health }, 503, {
        'Cache-Control': 'no-store',
      });
    }
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.onError((err, c) => {
    if (err instanceof FlowApiError) {
      c.header('Cache-Control', 'no-store');
      // The rest of an oversized body is never read: the connection cannot carry another request.
      const status = errorStatus(err.code);
      if (status === 413) c.header('Connection', 'close');
      return c.json(err.toBody(), status);
    }
    if (err instanceof StoreUnavailableError) {
      // Logged once per outage by the store; each request only says so.
      logger.warn({ path: c.req.path, service: err.service }, 'request failed: storage unavailable');
      c.header('Cache-Control', 'no-store');
      c.header('Retry-After', '5');
      return c.json(
        {
          error: {
            code: 'service_unavailable',
            message: 'Sign-in is unavailable for a moment. Try again shortly.',
            retry_after: 5,
          },
        },
        503,
      );
    }
    logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'server_error', message: 'Something went wrong on our side. Try again.' } }, 500);
  });
  return app;
}
