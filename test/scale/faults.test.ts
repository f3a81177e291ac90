// Faults in the services under a running server (a real process, so an unhandled rejection would kill it):
// Redis stopped and started again mid-flow, PostgreSQL cut off behind a TCP proxy. Each outage gets a
// clear 503 and a not-ready /healthz; nothing is charged or corrupted; the same server recovers by itself.
// (Provider faults — Twilio 500s and timeouts, the SMSC dropping, tru.ID errors — are in sms.test.ts,
// twilio-gateway.test.ts, smpp-gateway.test.ts and phonecheck.test.ts, which run over both storages.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type ConfigInput } from '../../server/config.js';
import { createBackend } from '../../server/server.js';
import { createLogger } from '../../server/security/audit.js';
import { addUser } from '../../server/users.js';
import { packageRoot } from '../../server/paths.js';
import { freePort } from '../helpers/ports.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { authorizationRequest, discover, exchange } from '../helpers/oidc-client.js';
import { embeddedLogin } from '../helpers/logins.js';
import { CLIENT_SECRET } from '../helpers/backend.js';
import { removeSharedStorage, sharedStorageFor, POSTGRES_URL } from '../helpers/shared-storage.js';

/** A Redis of our own (so stopping it disturbs no one), keeping its data in an append-only file across restarts. */
class PrivateRedis {
  private process?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', ''],
      { stdio: 'ignore' },
    );
    await until(() => connects(this.port), 'redis-server to listen');
  }

  /** A clean shutdown (the append-only file is flushed), as a restart by an operator does. */
  async stop(): Promise<void> {
    const p = this.process!;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGTERM');
    await exited;
  }
}

/** A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones. */
class CuttableProxy {
  private readonly sockets = new Set<net.Socket>();
  private server?: net.Server;
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server!.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function until(test: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const pg = new URL(POSTGRES_URL);
let dir: string;
let redis: PrivateRedis;
let proxy: CuttableProxy;
let server: ChildProcess;
let output = '';
let issuer: string;
let cleanup: () => Promise<void>;
const api = () => new FlowApi(issuer, 'http://localhost:3999');

async function health(): Promise<{ status: number; body: { status: string; storage: string } }> {
  const res = await fetch(`${issuer}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; storage: string } };
}

async function atPassword(username: string): Promise<string> {
  const request = await authorizationRequest(await discover(issuer), { acr_values: 'password' });
  const flow = state(await api().start(request.url.href)).flow;
  expect(state(await api().act(flow, 'submit', { username })).step.kind).toBe('password');
  return flow;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-faults-'));
  redis = new PrivateRedis(await freePort(), dir);
  await redis.start();
  proxy = new CuttableProxy(await freePort(), { host: pg.hostname, port: Number(pg.port || 5432) });
  await proxy.open();

  const port = await freePort();
  issuer = `http://localhost:${port}`;
  const shared = sharedStorageFor(dir);
  const proxied = new URL(POSTGRES_URL);
  proxied.port = String(proxy.port);
  const input: ConfigInput = {
    port,
    issuer,
    data_dir: dir,
    seal_key: shared.sealKey,
    log: { level: 'info' },
    storage: {
      driver: 'postgres',
      postgres: { url: proxied.href, schema: shared.schema, timeout_ms: 1000 },
      redis: { url: `redis://127.0.0.1:${redis.port}`, key_prefix: 'faults:', timeout_ms: 1000 },
    },
    lockout: {
      account: {
        free_attempts: 2,
        initial_wait_seconds: 30,
        max_wait_seconds: 60,
        max_failures: 100,
        forget_after_seconds: 0,
      },
    },
    clients: [
      {
        client_id: 'test-rp',
        client_secret: CLIENT_SECRET,
        redirect_uris: ['http://localhost:3999/callback'],
        allowed_origins: ['http://localhost:3999'],
      },
    ],
  };
  const admin = await createBackend(parseConfig(input), { logger: createLogger('silent') });
  for (const name of ['fay', 'gus', 'hal', 'ivy'])
    await addUser(admin, { username: name, password: `${name} password 12` });
  await admin.store.close();
  cleanup = () => removeSharedStorage(shared.schema, 'unused-prefix:');

  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(input));
  server = spawn(process.execPath, [path.join(packageRoot, 'dist/server/bin.js'), 'serve', '--config', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  server.on('exit', (code, signal) => (output += `\nEXIT code=${code} signal=${signal}\n`));
  await until(
    async () => (await fetch(`${issuer}/healthz`).catch(() => undefined))?.status === 200,
    'the server to be ready',
  );
});

afterAll(async () => {
  if (server?.exitCode !== null) console.error(`the server exited; its last output:\n${output.slice(-4000)}`);
  server?.kill('SIGTERM');
  await proxy?.cut().catch(() => {});
  await redis?.stop().catch(() => {});
  await cleanup?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('faults under a running server (PostgreSQL + Redis)', () => {
  it('Redis restarted mid-flow: a clear 503 meanwhile, then the same flow goes on without an app restart', async () => {
    const flow = await atPassword('fay');
    const fresh = await authorizationRequest(await discover(issuer), { acr_values: 'password' });
    const events = new AbortController();
    // A stream open across the outage must end quietly, not bring the process down.
    const stream = fetch(`${issuer}/flow/events`, {
      headers: { 'gluu-flow': flow, origin: 'http://localhost:3999' },
      signal: events.signal,
    })
      .then((r) => r.text())
      .catch(() => '');

    await redis.stop();
    const during = await api().act(flow, 'submit', { password: 'fay password 12' });
    expect(during.status).toBe(503);
    expect(during.body).toEqual({
      error: {
        code: 'service_unavailable',
        message: 'Sign-in is unavailable for a moment. Try again shortly.',
        retry_after: 5,
      },
    });
    expect(during.headers.get('retry-after')).toBe('5');
    expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', storage: 'unreachable' } });
    // A new sign-in cannot start either, and says so the same way.
    const starting = await api().start(fresh.url.href);
    expect(starting.status).toBe(503);
    expect(starting.body).toMatchObject({ error: { code: 'service_unavailable' } });

    await redis.start();
    await until(async () => (await health()).status === 200, '/healthz to be ready again');
    const after = state(await api().act(flow, 'submit', { password: 'fay password 12' }));
    expect(after.step.kind).toBe('done');
    events.abort();
    await stream;
    expect(server.exitCode).toBeNull();
  });

  it('PostgreSQL unreachable: /healthz unready, logins fail clearly, nothing charged; it recovers alone', async () => {
    const flow = await atPassword('gus');
    // A code issued before the cut: exchanging it needs the account, which is in PostgreSQL.
    const config = await discover(issuer);
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const code = new URL(await embeddedLogin(issuer, request, 'ivy', 'ivy password 12')).searchParams.get('code')!;
    await proxy.cut();
    expect(await health()).toMatchObject({ status: 503, body: { storage: 'unreachable' } });
    // More attempts than the lockout lets through free: none of them may count against the account.
    for (let i = 0; i < 4; i++) {
      const refused = await api().act(flow, 'submit', { password: 'gus password 12' });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'service_unavailable' } });
    }
    // The OpenID Provider's own endpoints say the same in OAuth's words.
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`test-rp:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://localhost:3999/callback',
        code_verifier: request.verifier,
      }),
    });
    expect(token.status).toBe(503);
    expect(token.headers.get('cache-control')).toContain('no-store');
    expect(await token.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The sign-in service cannot reach its storage right now. Try again in a moment.',
    });

    await proxy.open();
    await until(async () => (await health()).status === 200, '/healthz to be ready again');
    const flowNow = state(await api().get(flow));
    expect(flowNow.step.kind).toBe('password');
    expect(flowNow.error).toBeUndefined();
    const done = state(await api().act(flow, 'submit', { password: 'gus password 12' }));
    expect(done.step.kind).toBe('done'); // not 429: the outage charged nothing
    expect(server.exitCode).toBeNull();
  });

  it('a whole login still completes after both outages, and the process never crashed', async () => {
    const config = await discover(issuer);
    const request = await authorizationRequest(config, { acr_values: 'password' });
    const tokens = await exchange(config, await embeddedLogin(issuer, request, 'hal', 'hal password 12'), request);
    expect(tokens.claims()).toMatchObject({ acr: 'password' });
    expect(server.exitCode).toBeNull();
    expect(output).not.toMatch(/unhandledRejection|UnhandledPromiseRejection|uncaughtException/);
    // One warning per outage and service, not one per retry.
    const lines = output.split('\n').filter((l) => l.includes('connection lost'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(6);
  });
});
