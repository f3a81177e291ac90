// Builds and runs the whole backend: storage, keys, the OpenID Provider, the flow engine and the Hono app,
// behind one Node HTTP server that sends each request to the provider or to Hono by its path.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import type Provider from 'oidc-provider';
import type { Config } from './config.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';
import { createLogger, Audit } from './security/audit.js';
import { PasswordHasher } from './security/passwords.js';
import { Throttle } from './security/lockout.js';
import { resolveSealKey, Sealer } from './security/seal.js';
import { FlowEngine } from './flow/engine.js';
import type { AuthMethod } from './flow/types.js';
import { createMethods, factorOf, type MountableRoutes } from './methods/index.js';
import { everyGateway, type Gateways } from './gateways/index.js';
import { createNotifier } from './notifications/notifier.js';
import type { Notifier } from './notifications/types.js';
import { createProvider } from './oidc/provider.js';
import { loadCookieKeys, loadSigningKeys } from './oidc/keys.js';
import { APP_PREFIXES, createApp } from './http/app.js';
import { FlowStartLimit } from './http/flow-start-limit.js';

export interface Backend {
  config: Config;
  store: Store;
  provider: Provider;
  engine: FlowEngine;
  hasher: PasswordHasher;
  logger: Logger;
  sealer: Sealer;
  /** Outside services of the enabled methods (not started: the server starts them). */
  gateways: Gateways;
  methods: Map<string, AuthMethod>;
  /** The enabled methods' own pages (the phone check's /pc). */
  methodRoutes: MountableRoutes[];
  /** New flows per client address (the flow API and the hosted sign-in page). */
  flowStarts: FlowStartLimit;
  /** Tells account owners of changes (the CLI's administrator commands use it too). */
  notifier: Notifier;
}

export interface RunningServer extends Backend {
  /** The address it listens on (the port is real even when 0 was asked for). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface BackendOptions {
  logger?: Logger;
  clock?: () => number;
}

/** Everything but the socket: used by the server and by the CLI's admin commands. */
export async function createBackend(config: Config, options: BackendOptions = {}): Promise<Backend> {
  const logger = options.logger ?? createLogger(config.log.level);
  const clock = options.clock ?? Date.now;
  const seal = resolveSealKey(config.seal_key, config.data_dir);
  if (seal.source === 'generated')
    logger.warn(
      { file: `${config.data_dir}/seal.key` },
      'generated a new seal key; configure seal_key to keep it outside the data directory',
    );
  const sealer = new Sealer(seal.key);
  const store = await openStore(config, logger, sealer);
  const hasher = new PasswordHasher(config.password);
  const throttle = new Throttle(store.counters, config.lockout, clock);
  const audit = new Audit(logger, sealer.derive('audit login hash'));
  const { methods, gateways, routes: methodRoutes } = createMethods(config, logger);
  const notifier = createNotifier({ config, users: store.users, smsSenders: gateways.sms, audit, logger });
  const engine = new FlowEngine(
    { config, store, hasher, throttle, sealer, audit, logger, clock, notifier },
    methods,
    factorOf,
  );
  const provider = createProvider({
    config,
    store,
    acrs: engine.acrs,
    jwks: await loadSigningKeys(store.secrets, sealer),
    cookieKeys: await loadCookieKeys(store.secrets, sealer),
    logger,
    engine,
    audit,
  });
  const flowStarts = new FlowStartLimit(throttle, config, audit, clock);
  return {
    config,
    store,
    provider,
    engine,
    hasher,
    logger,
    sealer,
    gateways,
    methods,
    methodRoutes,
    flowStarts,
    notifier,
  };
}

function ownsPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  // The issuer's own address too (a page that says what answers here), not what lies under it.
  if (path === '/') return true;
  return APP_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
  );
}

export async function startServer(config: Config, options: BackendOptions = {}): Promise<RunningServer> {
  const backend = await createBackend(config, options);
  const { provider, logger, store, engine, gateways, methodRoutes, flowStarts, methods } = backend;
  // Gateways connect before the first request (an SMSC bind, a tru.ID token); one that is down does not stop the
  // start.
  await Promise.all(everyGateway(gateways).map((g) => g.start()));
  const app = createApp({ config, engine, provider, store, logger, gateways, methodRoutes, flowStarts, methods });
  const honoListener = getRequestListener(app.fetch);
  const oidcListener = provider.callback();

  const server = http.createServer((req, res) => {
    if (ownsPath(req.url)) void honoListener(req, res);
    else oidcListener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const purge = setInterval(() => {
    Promise.all([
      engine.purgeExpired(),
      store.artifacts.purgeExpired(Date.now()),
      store.counters.purgeExpired(Date.now()),
    ]).catch((err: unknown) => logger.warn({ err }, 'purge of expired records failed'));
  }, 60_000);
  purge.unref();

  logger.info({ issuer: config.issuer, port, acr_values: engine.acrs.supported() }, 'gluu-login listening');
  return {
    ...backend,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    port,
    close: async () => {
      clearInterval(purge);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(everyGateway(gateways).map((g) => g.close()));
      await store.close();
    },
  };
}
