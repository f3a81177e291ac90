// Starts a real backend (own temp data directory, own port) for a test file, with a log captured in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig, type Config, type ConfigInput } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { createLogger } from '../../server/security/audit.js';
import { addUser } from '../../server/users.js';
import { freePort } from './ports.js';
import { sharedStorageFor, sharedStorageWanted } from './shared-storage.js';

export const CLIENT_SECRET = 'test-client-secret-0123456789abcdefghij';

export interface TestBackend {
  server: RunningServer;
  issuer: string;
  dataDir: string;
  /** Every JSON log line written so far. */
  logs: Record<string, unknown>[];
  clock: { now: number | undefined };
  addUser(username: string, password: string, extra?: { email?: string; phone?: string }): Promise<string>;
  close(): Promise<void>;
}

export interface TestBackendOptions {
  config?: Partial<ConfigInput>;
  rpOrigin?: string;
  dataDir?: string;
  port?: number;
  /** Keep the data directory on close (to start again over it). */
  keepData?: boolean;
  /** Clients besides the test RP and the public SPA. */
  extraClients?: Record<string, unknown>[];
  /**
   * PostgreSQL + Redis (named after the data directory) instead of SQLite; defaults to the test run's
   * choice (GLUU_TEST_STORAGE=postgres).
   */
  shared?: boolean;
}

export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gluu-login-test-'));
  const rp = options.rpOrigin ?? 'http://localhost:3999';
  const shared =
    !options.config?.storage && (options.shared ?? sharedStorageWanted()) ? sharedStorageFor(dataDir) : undefined;
  const config = parseConfig({
    ...(shared ? { storage: shared.storage, seal_key: shared.sealKey } : {}),
    port,
    issuer: `http://localhost:${port}`,
    data_dir: dataDir,
    log: { level: 'debug' },
    clients: [
      {
        client_id: 'test-rp',
        client_secret: CLIENT_SECRET,
        client_name: 'Test RP',
        redirect_uris: [`${rp}/callback`],
        post_logout_redirect_uris: [`${rp}/`],
        allowed_origins: [rp],
      },
      {
        client_id: 'public-spa',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://localhost:3998/callback'],
        allowed_origins: ['http://localhost:3998'],
      },
      ...(options.extraClients ?? []),
    ],
    ...options.config,
  });
  raiseCostLimits(config, options.config);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = { now: undefined as number | undefined };
  const server = await startServer(config, {
    logger: createLogger('debug', sink),
    clock: () => clock.now ?? Date.now(),
  });
  return {
    server,
    issuer: config.issuer,
    dataDir,
    logs,
    clock,
    addUser: async (username, password, extra = {}) => (await addUser(server, { username, password, ...extra })).id,
    close: async () => {
      await server.close();
      if (!options.keepData) {
        await shared?.remove();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A test file's many sign-ins come from one address (and its phone checks from one or two accounts) within
 * a minute: the limits on what an anonymous caller can make the server spend are raised unless the test
 * sets them itself (test/integration/costs.test.ts runs at the defaults).
 */
function raiseCostLimits(config: Config, input: Partial<ConfigInput> | undefined): void {
  if (!input?.flow)
    config.flow = {
      ...config.flow,
      start_limit_per_ip: { max: 10_000, window_seconds: 60 },
      max_streams_per_flow: 100,
      max_streams_per_ip: 10_000,
    };
  if (!input?.sms?.limits?.global_per_minute) config.sms.limits.global_per_minute = 10_000;
  if (!input?.methods?.tru_id?.limits)
    config.methods.tru_id.limits = {
      per_user: { max: 10_000, window_seconds: 900 },
      per_ip: { max: 10_000, window_seconds: 3600 },
      global_per_minute: 10_000,
    };
}
