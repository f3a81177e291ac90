// Complete password logins through the real HTTP endpoints (flow start -> username -> password -> /auth with
// the ticket -> callback -> code exchange with openid-client), side by side with the anchor (bare
// oidc-provider with the same hash, bench/anchor-server.ts) on our SQLite artifact storage and in memory,
// and bare argon2id verifications with the same parameters; same client, same concurrency, same run. Each
// server runs in its own process and its CPU is read per thread from /proc, so the client's is apart.
import { hash, verify } from '@node-rs/argon2';
import { parseConfig } from '../server/config.js';
import { CLIENT_SECRET } from '../test/helpers/backend.js';
import { startBenchBackend } from './backend-process.js';
import { startAnchor } from './anchor-process.js';
import { cpuSince, type ThreadCpu } from './thread-cpu.js';
import { forDuration } from './timing.js';
import { authorizationRequest, discover, exchange } from '../test/helpers/oidc-client.js';
import { embeddedLogin, toCallback } from '../test/helpers/logins.js';
import { UserAgent } from '../test/helpers/user-agent.js';

const USERNAME = 'bench';
const PASSWORD = 'bench password 1';

/** One side's best figures over the rounds: the least CPU per login (ms) and the most logins per second. */
export interface LoginSide {
  name: string;
  exchanges: number;
  loginsPerSecond: number;
  /** Server CPU per login in ms, from the round with the least total. */
  serverMs: ThreadCpu;
  /** This (client) process's CPU per login in ms, least over the rounds. */
  clientMs: number;
  /** Server CPU per login (total, ms) in each round, in order: flat when warm-up reached steady state. */
  rounds: number[];
  count: number;
}

interface Side {
  name: string;
  exchanges: number;
  login: () => Promise<void>;
  cpu: () => ThreadCpu;
}

function perLogin(cpu: ThreadCpu, count: number): ThreadCpu {
  const ms = (s: number) => (s * 1000) / count;
  return { total: ms(cpu.total), main: ms(cpu.main), pool: ms(cpu.pool), other: ms(cpu.other) };
}

const processCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export async function benchPasswordLogin(options: {
  seconds: number;
  concurrency: number;
  warmUpSeconds: number;
  rounds: number;
}) {
  const params = parseConfig({}).password.argon2; // the defaults every server here runs with
  const backend = await startBenchBackend(
    {
      // One user logs in over and over, several at a time: attempts in flight count until they succeed,
      // so the free attempts must cover the concurrency or the lockout would (rightly) step in.
      lockout: { account: { free_attempts: 100 }, ip: { free_attempts: 100 } },
      clients: [
        {
          client_id: 'test-rp',
          client_secret: CLIENT_SECRET,
          redirect_uris: ['http://localhost:3999/callback'],
          allowed_origins: ['http://localhost:3999'],
        },
      ],
    },
    [{ username: USERNAME, password: PASSWORD }],
  );
  const anchorOptions = { clientSecret: CLIENT_SECRET, username: USERNAME, password: PASSWORD };
  const anchors = [await startAnchor({ store: 'sqlite', ...anchorOptions })];
  try {
    anchors.push(await startAnchor({ store: 'memory', ...anchorOptions }));
    const ours = await discover(backend.issuer);
    const sides: Side[] = [
      {
        name: 'gluu-login, password login',
        exchanges: 6,
        cpu: backend.cpu,
        login: async () => {
          const request = await authorizationRequest(ours);
          const callback = await embeddedLogin(backend.issuer, request, USERNAME, PASSWORD, new UserAgent());
          const tokens = await exchange(ours, callback, request);
          if (!tokens.claims()?.sub) throw new Error('no subject');
        },
      },
    ];
    for (const [anchor, name] of [
      [anchors[0]!, 'anchor: oidc-provider + argon2id, our SQLite storage'],
      [anchors[1]!, 'anchor: the same in memory'],
    ] as const) {
      const config = await discover(anchor.issuer);
      sides.push({ name, exchanges: 4, cpu: anchor.cpu, login: () => anchorLogin(anchor.issuer, config) });
    }
    const stored = await hash(PASSWORD, {
      algorithm: 2,
      memoryCost: params.memory_kib,
      timeCost: params.time_cost,
      parallelism: params.parallelism,
    });

    // V8 keeps compiling for hundreds of logins: a short warm-up would count its JIT as the login's cost.
    for (const side of sides) await forDuration(options.warmUpSeconds * 1000, options.concurrency, side.login);

    const results = sides.map(
      (side): LoginSide => ({
        name: side.name,
        exchanges: side.exchanges,
        loginsPerSecond: 0,
        serverMs: { total: Infinity, main: 0, pool: 0, other: 0 },
        clientMs: Infinity,
        rounds: [],
        count: 0,
      }),
    );
    let verifyRate = 0;
    let verifyMs = Infinity;
    let verifications = 0;
    // Rounds take turns, so load from elsewhere on the machine weighs on every side alike.
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, side] of sides.entries()) {
        const result = results[i]!;
        const before = side.cpu();
        const clientBefore = processCpuSeconds();
        const run = await forDuration(options.seconds * 1000, options.concurrency, side.login);
        const server = perLogin(cpuSince(before, side.cpu()), run.count);
        result.rounds.push(server.total);
        result.count += run.count;
        if (server.total < result.serverMs.total) result.serverMs = server;
        result.clientMs = Math.min(result.clientMs, ((processCpuSeconds() - clientBefore) * 1000) / run.count);
        result.loginsPerSecond = Math.max(result.loginsPerSecond, run.count / run.seconds);
      }
      const cpuBefore = processCpuSeconds();
      const bare = await forDuration(options.seconds * 1000, options.concurrency, async () => {
        if (!(await verify(stored, PASSWORD))) throw new Error('verify failed');
      });
      verifications += bare.count;
      verifyMs = Math.min(verifyMs, ((processCpuSeconds() - cpuBefore) * 1000) / bare.count);
      verifyRate = Math.max(verifyRate, bare.count / bare.seconds);
    }
    return { params, sides: results, verifyRate, verifyMs, verifications };
  } finally {
    await Promise.all([backend.close(), ...anchors.map((a) => a.close())]);
  }
}

/** A login at the anchor: /auth, the form with the password, the resume, the code exchange. */
async function anchorLogin(issuer: string, config: Awaited<ReturnType<typeof discover>>): Promise<void> {
  const request = await authorizationRequest(config);
  const agent = new UserAgent();
  const auth = await agent.request(request.url.href);
  await auth.arrayBuffer();
  const form = await agent.request(new URL(auth.headers.get('location') ?? '', issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: USERNAME, password: PASSWORD }),
  });
  await form.arrayBuffer();
  if (form.status !== 303) throw new Error(`the anchor's form answered ${form.status}`);
  const callback = await toCallback(new URL(form.headers.get('location')!, issuer).href, agent);
  const tokens = await exchange(config, callback, request);
  if (!tokens.claims()?.sub) throw new Error('no subject');
}
