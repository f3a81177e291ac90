// Starts bench/anchor-server.ts in a process of its own (through tsx, as `npm run bench` runs), so its CPU is
// read apart from the client's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { profileArgs } from './backend-process.js';
import { freePort, startServerProcess } from './server-process.js';
import type { ThreadCpu } from './thread-cpu.js';

export interface AnchorServer {
  issuer: string;
  cpu(): ThreadCpu;
  close(): Promise<void>;
}

export async function startAnchor(options: {
  store: 'sqlite' | 'memory';
  clientSecret: string;
  username: string;
  password: string;
}): Promise<AnchorServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-anchor-'));
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  const server = await startServerProcess({
    script: ['--import', 'tsx', path.join(import.meta.dirname, 'anchor-server.ts')],
    env: {
      ANCHOR_PORT: String(port),
      ANCHOR_STORE: options.store,
      ANCHOR_DIR: dir,
      ANCHOR_CLIENT_SECRET: options.clientSecret,
      ANCHOR_USERNAME: options.username,
      ANCHOR_PASSWORD: options.password,
    },
    origin: issuer,
    name: `the anchor server (${options.store})`,
    nodeArgs: profileArgs(`anchor-${options.store}`),
    // oidc-provider warns that its memory adapter is for development: here that is the point.
    stderr: (line) => {
      if (!/in-memory adapter/.test(line)) console.error(line);
    },
  });
  return {
    issuer,
    cpu: server.cpu,
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
