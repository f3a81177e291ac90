// `npm run bench:load`: N simulated users doing complete password + TOTP logins for a fixed time against
// one instance and against two over the same PostgreSQL + Redis, then the Redis bytes of a pending flow.
// Prints figures measured in this run and their ratio; exits 1 only if a login failed.
import os from 'node:os';
import {
  createAccounts,
  freshStorage,
  startCluster,
  LOCKOUT,
  POSTGRES_URL,
  REDIS_URL,
  type Cluster,
  type Storage,
} from './load-cluster.js';
import { AccountPool, Load, type LoadResult } from './load-run.js';
import { measurePendingFlows } from './load-redis.js';
import { percentile, STEPS } from './load-user.js';

const users = Number(process.env.BENCH_USERS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const pendingFlows = Number(process.env.BENCH_PENDING_FLOWS ?? 200);
// One login per account per 30 s TOTP step (see AccountPool): enough accounts for a few hundred logins/s.
const accountCount = Number(process.env.BENCH_ACCOUNTS ?? Math.max(3000, users * 20));
const warmupLogins = 4 * users;
/** The timed part of each run comes in this many slices, taken in turns by the two runs. */
const slices = Math.max(1, Number(process.env.BENCH_SLICES ?? 4));
const GOAL_BYTES = 1024;

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
console.log(
  `load: ${users} simulated users, complete password + TOTP logins for ${seconds} s per run,` +
    ` in ${slices} slices taken in turns by the 1-instance and the 2-instance run (both clusters up throughout)`,
);
console.log(
  '  a login: POST /flow, username, password, TOTP code (flow API, as <gluu-login>), GET /auth with the ticket through',
);
console.log(
  '  the redirects to the RP callback (a cookie jar per login), code exchange at /token (client_secret_basic + PKCE)',
);
console.log(
  `  storage: PostgreSQL ${redact(POSTGRES_URL)} + Redis ${redact(REDIS_URL)}; ` +
    'a fresh schema and key prefix per run, dropped at the end',
);
console.log(
  `  lockout: ip.free_attempts raised to ${LOCKOUT.ip.free_attempts} and ip.max_failures 0 ` +
    '(every simulated user is 127.0.0.1,',
);
console.log(
  '    and attempts in flight count until they succeed); ' +
    'the account policy stays at its defaults (one login per account at a time)',
);
console.log(
  '  TOTP replay protection (one code per device per 30 s step): ' +
    `${accountCount} accounts per run, each with one TOTP device`,
);
console.log(
  '    written through the server store and sealer, one shared argon2id-hashed password (verified in full each login);',
);
console.log('    a simulated user takes an account whose last code was for an earlier step; real clocks everywhere');
console.log(`  warm-up: ${warmupLogins} logins per run before the timed part (not timed, errors counted)`);
console.log(
  `  machine: ${os.availableParallelism()} CPUs shared by this client, the server processes, PostgreSQL and Redis;` +
    ` load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
);

const storages: Storage[] = [];
const clusters: Cluster[] = [];
async function prepare(instances: number): Promise<{ load: Load; pool: AccountPool }> {
  const storage = await freshStorage(`load${instances}`);
  storages.push(storage);
  const pool = new AccountPool(await createAccounts(storage, accountCount));
  const cluster = await startCluster(storage, instances);
  clusters.push(cluster);
  return { load: new Load(cluster, pool, users), pool };
}

const ms = (v: number) => v.toFixed(1).padStart(8);
function summary(label: string, r: LoadResult, waits: number): number {
  const rate = r.logins / r.seconds;
  console.log(
    `${label}: ${rate.toFixed(1)} logins/s (${r.logins} in ${r.seconds.toFixed(1)} s), errors: ${r.errors}` +
      (waits ? `, WAITED ${waits} times for a fresh account (raise BENCH_ACCOUNTS)` : ''),
  );
  for (const sample of r.errorSamples) console.log(`  error: ${sample}`);
  const percents = r.instanceCpuSeconds.map((s) => `${((100 * s) / r.serverCpuSeconds).toFixed(0)}%`);
  const shares = r.instanceCpuSeconds.length > 1 ? ` (split between the instances ${percents.join(' / ')})` : '';
  const serverMs = ((r.serverCpuSeconds * 1000) / r.logins).toFixed(1);
  const clientMs = ((r.clientCpuSeconds * 1000) / r.logins).toFixed(1);
  console.log(`  CPU per login: servers ${serverMs} ms${shares}, this client ${clientMs} ms`);
  return rate;
}

let exitCode = 0;
try {
  const single = await prepare(1);
  const pair = await prepare(2);
  await single.load.warmUp(warmupLogins);
  await pair.load.warmUp(warmupLogins);
  // Both clusters stay up and take turns (1, 2, 2, 1, ...): load from elsewhere on the machine then weighs on both
  // alike.
  for (let round = 0; round < slices; round++) {
    for (const target of round % 2 ? [pair, single] : [single, pair])
      await target.load.slice((seconds * 1000) / slices);
  }
  for (const cluster of clusters.splice(0)) await cluster.close();
  const one = single.load.result;
  const two = pair.load.result;
  const rateOne = summary('1 instance', one, single.pool.waits);
  const rateTwo = summary('2 instances (each request to the other instance than the one before)', two, pair.pool.waits);
  console.log(`\nlatency per step, ms      1 instance          2 instances`);
  console.log(`                       p50      p99        p50      p99`);
  const p50p99 = (values: number[]) => `${ms(percentile(values, 50))} ${ms(percentile(values, 99))}`;
  /** A latency row: p50 and p99 of one instance, then of two. */
  const latencies = (oneMs: number[], twoMs: number[]) => `${p50p99(oneMs)}   ${p50p99(twoMs)}`;
  for (const step of STEPS) {
    console.log(`  ${step.padEnd(12)}${latencies(one.timings.steps[step], two.timings.steps[step])}`);
  }
  console.log(`  ${'whole login'.padEnd(12)}${latencies(one.loginMs, two.loginMs)}`);
  console.log(`\nratio 2 instances / 1 instance, logins/s: ${(rateTwo / rateOne).toFixed(2)}`);
  console.log(
    `  (on this ${os.availableParallelism()}-CPU machine ` +
      'the client, both servers, PostgreSQL and Redis share the same CPUs:',
  );
  console.log(
    '   a second instance adds no CPU, so this shows that any instance serves any step, not how far it scales)',
  );
  const errors = one.errors + two.errors;
  console.log(`errors in both runs: ${errors} (must be 0)`);
  if (errors) exitCode = 1;

  const storage = await freshStorage('pending');
  storages.push(storage);
  const accounts = await createAccounts(storage, pendingFlows);
  const cluster = await startCluster(storage, 1);
  clusters.push(cluster);
  try {
    const p = await measurePendingFlows(cluster, storage.redis, storage.keyPrefix, accounts, users);
    console.log(
      `\npending flows in Redis: ${p.flows} flows waiting at the TOTP code step (after username and password), ` +
        'MEMORY USAGE ... SAMPLES 0,' +
        ` key prefix "${storage.keyPrefix}" (${storage.keyPrefix.length} characters; the default "gluu:" has 5)`,
    );
    for (const k of p.kinds) {
      const pattern = `<prefix>${k.kind}:*`.padEnd(28);
      const each = (k.bytes / k.keys).toFixed(0).padStart(5);
      console.log(`  ${pattern} ${String(k.keys).padStart(5)} keys, ${each} B each (${k.encodings.join(', ')})`);
    }
    if (!p.kinds.some((k) => k.kind === 'flow-ticket' || k.kind === 'flow-link'))
      console.log(
        '  (no flow-ticket or flow-link index keys: ' +
          'a flow has a ticket only once it is done, a link only for phone checks)',
      );
    console.log(
      `  the flow record (JSON, after its version and index hashes): ${p.jsonBytes.avg.toFixed(0)} B on average ` +
        `(${p.jsonBytes.min}..${p.jsonBytes.max})`,
    );
    console.log(
      `    largest fields: ${p.fieldBytes
        .slice(0, 5)
        .map(([name, bytes]) => `${name} ${bytes} B`)
        .join(', ')}`,
    );
    console.log(
      `  bytes per pending flow (its key and index keys): ${p.bytesPerFlow.toFixed(0)} B   ` +
        `goal <= ${GOAL_BYTES} B: ${p.bytesPerFlow <= GOAL_BYTES ? 'met' : 'NOT met'}`,
    );
    console.log(`  every key under the prefix, per pending flow:     ${p.allBytesPerFlow.toFixed(0)} B`);
  } finally {
    await cluster.close();
    clusters.splice(clusters.indexOf(cluster), 1);
  }
} finally {
  for (const cluster of clusters) await cluster.close();
  for (const storage of storages) await storage.remove();
}
process.exit(exitCode);
