// The built server (dist/) in a process of its own, as deployed: the benchmarks' client work does not share
// its event loop, and its CPU time is read apart from theirs.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { packageRoot } from '../server/paths.js';
import { threadCpu, type ThreadCpu } from './thread-cpu.js';

export const SERVER_BIN = path.join(packageRoot, 'dist', 'server', 'bin.js');

/** A port that was free a moment ago: the issuer in the configuration must name it before the server listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  /** CPU time (user + system) the process has used so far, in seconds (Linux /proc). */
  cpuSeconds(): number;
  /** The same split by thread: main, libuv's pool, the rest. */
  cpu(): ThreadCpu;
  stop(): Promise<void>;
}

/**
 * `bin.js serve` with the configuration file `config` (or `script` with `env`), once `origin`/healthz
 * answers. Its stderr goes to `stderr` line by line when given, else straight through; `nodeArgs` go before
 * the script (--cpu-prof).
 */
export async function startServerProcess(options: {
  config?: string;
  script?: string[];
  env?: Record<string, string>;
  origin: string;
  name: string;
  stderr?: (line: string) => void;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const script = options.script ?? [SERVER_BIN, 'serve'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...script], {
    env: { ...process.env, ...(options.config ? { GLUU_CONFIG: options.config } : {}), ...options.env },
    stdio: ['ignore', 'ignore', options.stderr ? 'pipe' : 'inherit'],
  });
  if (options.stderr) createInterface({ input: child.stderr! }).on('line', options.stderr);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${options.origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 150 || child.exitCode !== null) {
      await stop();
      throw new Error(`${options.name} did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    cpuSeconds: () => threadCpu(child.pid!).total,
    cpu: () => threadCpu(child.pid!),
    stop,
  };
}
