// Runs the built server (dist/) in its own process, as deployed, so the benchmark's client work does not
// share the server's event loop.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../server/paths.js';
import { freePort } from '../test/helpers/ports.js';

export interface BenchBackend {
  issuer: string;
  /** CPU time (user + system) the server process has used so far, in seconds (Linux /proc). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

const BIN = path.join(packageRoot, 'dist', 'server', 'bin.js');

export async function startBenchBackend(config: Record<string, unknown>, users: { username: string; password: string }[]): Promise<BenchBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-bench-'));
  const port = await freePort();
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ port, issuer: `http://localhost:${port}`, data_dir: dir, log: { level: 'warn' }, seal_key: randomBytes(32).toString('base64url'), ...config }));
  const env = { ...process.env, GLUU_CONFIG: file };
  for (const user of users) execFileSync(process.execPath, [BIN, 'user', 'add', user.username], { env, input: `${user.password}\n` });
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/scratch'] : []), BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const issuer = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${issuer}/healthz`)).ok) break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error('the benchmark backend did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    issuer,
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name: utime and stime in ticks.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
