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
import type { Providers } from '../providers/index.js';
import type { AuthMethod } from '../flow/types.js';
import type { PhoneCheckMethod } from '../methods/phonecheck/method.js';
import { phoneCheckRoutes } from './phonecheck-routes.js';
import { FlowApiError } from '../flow/errors.js';
import { FLOW_API } from '../../wire/flow-api.js';
import { securityHeaders } from './security-headers.js';
import { flowRoutes } from './flow-routes.js';
import type { FlowStartLimit } from './flow-start-limit.js';
import { interactionRoutes } from './interaction-routes.js';
import { assetRoutes } from './assets.js';

export interface AppDeps {
  config: Config;
  engine: FlowEngine;
  provider: Provider;
  store: Store;
  logger: Logger;
  providers: Providers;
  methods: Map<string, AuthMethod>;
  flowStarts: FlowStartLimit;
}

/** Path prefixes Hono answers; everything else belongs to oidc-provider. */
export const APP_PREFIXES = [FLOW_API, '/interaction/', '/assets/', '/healthz', '/pc/'];

export function createApp({
  config,
  engine,
  provider,
  store,
  logger,
  providers,
  methods,
  flowStarts,
}: AppDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use('*', securityHeaders({ https: config.issuer.startsWith('https:') }));

  app.route(FLOW_API, flowRoutes(engine, config, flowStarts));
  app.route('/interaction', interactionRoutes(provider, engine, config, logger, flowStarts));
  app.route('/assets', assetRoutes());
  const phoneCheck = methods.get('tru_id') as PhoneCheckMethod | undefined;
  if (phoneCheck) app.route('/pc', phoneCheckRoutes(engine, phoneCheck, config.methods.tru_id.truid_api_base_url));

  // Ready means the store answers; a provider that is down only disables its method, so it is reported, not fatal.
  app.get('/healthz', async (c) => {
    const health = Object.fromEntries(
      [...providers.byAcr].map(([acr, p]) => [acr, { provider: p.provider, ...p.health() }]),
    );
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
      if (err.status === 413) c.header('Connection', 'close');
      return c.json(err.toBody(), err.status);
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
