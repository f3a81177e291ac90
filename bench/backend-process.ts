// Runs the built server (dist/) in its own process, as deployed, with the users it needs, on SQLite in a
// directory of its own.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, SERVER_BIN, startServerProcess } from './server-process.js';
import type { ThreadCpu } from './thread-cpu.js';

export interface BenchBackend {
  issuer: string;
  /** CPU time (user + system) the server process has used so far, in seconds (Linux /proc). */
  cpuSeconds(): number;
  /** The same split by thread: main, libuv's pool (argon2), the rest. */
  cpu(): ThreadCpu;
  close(): Promise<void>;
}

/** Every simulated user starts its flows from 127.0.0.1: the per-address start budget would (rightly) step in. */
const BENCH_FLOW = { start_limit_per_ip: { max: 10_000, window_seconds: 60 } };

export async function startBenchBackend(
  config: Record<string, unknown>,
  users: { username: string; password: string }[],
): Promise<BenchBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-bench-'));
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const file = path.join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      port,
      issuer,
      data_dir: dir,
      log: { level: 'warn' },
      seal_key: randomBytes(32).toString('base64url'),
      flow: BENCH_FLOW,
      ...config,
    }),
  );
  for (const user of users)
    execFileSync(process.execPath, [SERVER_BIN, 'user', 'add', user.username], {
      env: { ...process.env, GLUU_CONFIG: file },
      input: `${user.password}\n`,
    });
  const server = await startServerProcess({
    config: file,
    origin: issuer,
    name: 'the benchmark backend',
    nodeArgs: profileArgs('gluu-login'),
  });
  return {
    issuer,
    cpuSeconds: server.cpuSeconds,
    cpu: server.cpu,
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `--cpu-prof` into the directory BENCH_PROFILE names, when it names one: a .cpuprofile per server at its exit. */
export function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}
