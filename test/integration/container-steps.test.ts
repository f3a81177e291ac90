// The Dockerfile's runtime stage, performed without a container runtime (CI machines may have none): the
// paths its COPY lines take from the build stage (node_modules holding the production dependencies only, as
// `npm prune --omit=dev` leaves them), its environment and its CMD, run as an unprivileged user with a data
// directory of its own. The server must answer /healthz (also through the image's HEALTHCHECK command) and
// write nothing outside the data directory, so the image runs on a read-only root file system.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';
import { freePort } from '../helpers/ports.js';
import { exited, printed } from '../helpers/processes.js';

const dockerfile = readFileSync(path.join(packageRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const copies = [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => ({
  from: m[1] as string,
  to: m[2] as string,
}));
const imageEnv = Object.fromEntries(
  [...(/^ENV (.+)$/m.exec(runtime)?.[1] ?? '').matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]),
) as Record<string, string>;
const command = JSON.parse(/^CMD (\[.+\])$/m.exec(runtime)?.[1] ?? '[]') as string[];
const healthcheck = JSON.parse(/^HEALTHCHECK .*?CMD (\[.+\])$/m.exec(runtime)?.[1] ?? '[]') as string[];

const root = mkdtempSync(path.join(tmpdir(), 'gluu-login-image-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The packages `npm prune --omit=dev` keeps, as paths under node_modules (`@scope/name` or `name`). */
function productionPackages(): string[] {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: packageRoot,
    encoding: 'utf8',
  }).stdout;
  const top = new Set<string>();
  for (const line of listed.split('\n')) {
    const rel = path.relative(path.join(packageRoot, 'node_modules'), line.trim());
    if (!line.trim() || rel.startsWith('..')) continue;
    const parts = rel.split(path.sep);
    top.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string));
  }
  return [...top];
}

/** The image's /app: each COPY of the runtime stage, node_modules pruned to production (hard links). */
function assembleApp(app: string): void {
  for (const { from, to } of copies) {
    const target = path.join(app, to);
    mkdirSync(path.dirname(target), { recursive: true });
    if (from !== 'node_modules') {
      cpSync(path.join(packageRoot, from), target, { recursive: true });
      continue;
    }
    mkdirSync(target);
    // One cp for every package: hard links, so nothing is read or written twice.
    execFileSync('cp', ['-al', '--parents', ...productionPackages(), target], {
      cwd: path.join(packageRoot, 'node_modules'),
    });
  }
}

describe('the container image recipe (Dockerfile), without a container runtime', () => {
  it('declares a non-root user, a data volume, a health check and the server as its command', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \/data$/m);
    expect(imageEnv).toMatchObject({ GLUU_DATA_DIR: '/data', GLUU_HOST: '0.0.0.0', NODE_ENV: 'production' });
    expect(command).toEqual(['node', 'dist/server/bin.js', 'serve']);
    expect(healthcheck[0]).toBe('node');
    expect(copies.map((c) => c.to)).toEqual(['package.json', 'node_modules', 'dist', 'server/assets']);
  });

  it('runs from the runtime stage, unprivileged, answers /healthz and writes only to /data', async () => {
    chmodSync(root, 0o755);
    const app = path.join(root, 'app');
    const data = path.join(root, 'data');
    assembleApp(app);
    expect(() =>
      execFileSync(process.execPath, ['-e', 'require.resolve("vitest")'], { cwd: app, stdio: 'pipe' }),
    ).toThrow();
    mkdirSync(data, { mode: 0o700 });

    // Root here stands for the image's `node` user by becoming nobody, who cannot write to the app's files;
    // the Node binary is linked beside them because nobody cannot reach it under /root.
    const asRoot = process.getuid?.() === 0;
    let node = process.execPath;
    if (asRoot) {
      chownSync(data, 65_534, 65_534);
      mkdirSync(path.join(root, 'bin'));
      node = path.join(root, 'bin', 'node');
      linkSync(process.execPath, node);
    }
    const before = path.join(root, 'before');
    writeFileSync(before, '');

    const port = await freePort();
    const env = {
      ...imageEnv,
      // Inside a container 0.0.0.0 is the published port's way in; here it would be every network's.
      GLUU_HOST: '127.0.0.1',
      GLUU_PORT: String(port),
      GLUU_DATA_DIR: data,
      GLUU_LOG_LEVEL: 'info',
      PATH: `${path.dirname(node)}:/usr/bin:/bin`,
      HOME: data,
    };
    const server = spawn(node, command.slice(1), {
      cwd: app,
      env,
      ...(asRoot ? { uid: 65_534, gid: 65_534 } : {}),
    });
    try {
      await printed(server, 'gluu-login listening');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', storage: 'ok' });
      const check = spawnSync(node, healthcheck.slice(1), { env, encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      const page = await fetch(`http://127.0.0.1:${port}/assets/gluu-login.js`);
      expect(page.status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await exited(server);
    }
    const written = execFileSync('find', [app, '-newer', before], { encoding: 'utf8' }).trim();
    expect(written).toBe('');
    const inData = execFileSync('ls', [data], { encoding: 'utf8' }).split('\n');
    expect(inData).toEqual(expect.arrayContaining(['gluu-login.sqlite', 'seal.key']));
  }, 60_000);
});
