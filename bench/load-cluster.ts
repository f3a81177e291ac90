// The deployment the load benchmark runs against: a fresh PostgreSQL schema and Redis key prefix, accounts
// with an enrolled TOTP device written into them, and one or more server processes (the built dist/, as
// deployed) over that storage, all with the same issuer as if behind one load balancer.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { generateSecret } from 'otplib';
import { parseConfig } from '../server/config.js';
import { createLogger } from '../server/security/audit.js';
import { PasswordHasher } from '../server/security/passwords.js';
import { Sealer } from '../server/security/seal.js';
import { openStore } from '../server/store/index.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const RP_ORIGIN = 'http://localhost:3999';
export const RP_CALLBACK = `${RP_ORIGIN}/callback`;
export const CLIENT_ID = 'bench-rp';
export const CLIENT_SECRET = randomBytes(24).toString('base64url');

/** Every simulated user comes from 127.0.0.1: the per-address limit is raised so it does not throttle them. */
export const LOCKOUT = {
  account: { free_attempts: 5 }, // the default: an account is only ever in one login at a time here
  ip: { free_attempts: 100_000, max_failures: 0 },
};

export interface Account {
  username: string;
  password: string;
  /** Base32 TOTP seed, as the authenticator app holds it. */
  secret: string;
  /** The last TOTP time step this account's code was sent for (the server refuses it and older ones). */
  lastStep: number;
  busy: boolean;
}

export interface Storage {
  schema: string;
  keyPrefix: string;
  sealKey: string;
  /** The server configuration every instance shares (port and issuer are set per cluster). */
  config: Record<string, unknown>;
  redis: Redis;
  remove(): Promise<void>;
}

/** A schema and key prefix of their own, removed by `remove()`. */
export async function freshStorage(label: string): Promise<Storage> {
  const id = randomBytes(3).toString('hex');
  const schema = `bench_${label}_${id}`;
  // Short, like the default "gluu:": MEMORY USAGE counts the key's name too.
  const keyPrefix = `gl${id}:`;
  const sealKey = randomBytes(32).toString('base64url');
  const config = {
    seal_key: sealKey,
    storage: {
      driver: 'postgres',
      postgres: { url: POSTGRES_URL, schema },
      redis: { url: REDIS_URL, key_prefix: keyPrefix },
    },
    log: { level: 'warn' },
    methods: { otp: { enabled: true, issuer: 'Bench' } },
    lockout: LOCKOUT,
    // Every simulated user starts its flows from 127.0.0.1: the per-address start budget would (rightly) step in.
    flow: { start_limit_per_ip: { max: 10_000, window_seconds: 60 } },
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [RP_CALLBACK],
        allowed_origins: [RP_ORIGIN],
        default_acr: 'otp',
      },
    ],
  };
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    schema,
    keyPrefix,
    sealKey,
    config,
    redis,
    remove: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}

/**
 * Writes `count` accounts, each with one enrolled TOTP device, through the server's own store and sealer
 * (what a confirmed enrollment writes: the seed sealed to `credential:<id>`, counter 0). They share one
 * password, hashed once with the configured argon2id parameters: every login still verifies it in full.
 */
export async function createAccounts(storage: Storage, count: number): Promise<Account[]> {
  const config = parseConfig({ ...storage.config, data_dir: tmpdir() });
  const sealer = new Sealer(Buffer.from(storage.sealKey, 'base64url'));
  const store = await openStore(config, createLogger('silent'), sealer);
  try {
    const password = 'load bench password';
    const passwordHash = await new PasswordHasher(config.password).hash(password);
    const accounts: Account[] = [];
    const batch = 20;
    for (let start = 0; start < count; start += batch) {
      accounts.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(batch, count - start) }, async (_, j) => {
            const username = `load${start + j}`;
            const user = await store.users.create({ username, passwordHash });
            const secret = generateSecret({ length: 20 });
            const id = randomBytes(16).toString('base64url');
            await store.credentials.add({
              id,
              userId: user.id,
              type: 'totp',
              sealedData: sealer.seal(JSON.stringify({ secret }), `credential:${id}`),
              metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 1' },
              counter: 0,
            });
            return { username, password, secret, lastStep: 0, busy: false };
          }),
        )),
      );
    }
    return accounts;
  } finally {
    await store.close();
  }
}

export interface Instance {
  /** Where this instance listens (the balancer sends requests here). */
  origin: string;
  /** CPU time (user + system) of the process so far, in seconds (Linux /proc). */
  cpuSeconds(): number;
}

export interface Cluster {
  /** The one issuer every instance announces (the first instance's address, as a balancer's would be). */
  issuer: string;
  instances: Instance[];
  close(): Promise<void>;
}

/** Starts `count` server processes over `storage`, one after the other (the first creates the signing keys). */
export async function startCluster(storage: Storage, count: number): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-load-'));
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const issuer = `http://localhost:${ports[0]}`;
  const servers: ServerProcess[] = [];
  const instances: Instance[] = [];
  const close = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [i, port] of ports.entries()) {
      const file = path.join(dir, `instance-${i}.json`);
      writeFileSync(
        file,
        JSON.stringify({ ...storage.config, port, host: '127.0.0.1', issuer, data_dir: path.join(dir, `data-${i}`) }),
      );
      const origin = `http://127.0.0.1:${port}`;
      const server = await startServerProcess({
        config: file,
        origin,
        name: `instance ${i}`,
        // The servers' warnings and errors go through, but not oidc-provider's notice about Node 20 at each start.
        stderr: (line) => {
          if (!line.includes('Unsupported runtime')) process.stderr.write(`[instance ${i}] ${line}\n`);
        },
      });
      servers.push(server);
      instances.push({ origin, cpuSeconds: server.cpuSeconds });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { issuer, instances, close };
}
