// Every command the documentation tells a reader to run is run here, as a reader would: the shell blocks
// marked ```sh runnable (README.md and docs/*.md) in a fresh directory of their own per page, where
// `npx gluu-login` is the built package; those marked ```sh runnable demo while the demo (`npm start`) runs.
// A block fails the test when any of its commands fails (bash -e -o pipefail) or outlasts its time.
// The convention is described in docs/development.md ("Runnable documentation").
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';
import { freePort } from '../helpers/ports.js';
import { exited, printed, startTsx } from '../helpers/processes.js';

interface Block {
  page: string;
  line: number;
  demo: boolean;
  script: string;
}

/** The runnable blocks of one Markdown page, in order. */
function runnableBlocks(page: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```sh runnable( demo)?\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`${page}:${i + 1}: runnable block without its closing fence`);
    blocks.push({ page, line: i + 1, demo: open[1] !== undefined, script: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

const pages = [
  'README.md',
  ...readdirSync(path.join(packageRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = pages.flatMap((page) => runnableBlocks(page, readFileSync(path.join(packageRoot, page), 'utf8')));
// Generous: each CLI command starts the whole backend, and the test machine may be busy.
const BLOCK_TIMEOUT_MS = 120_000;

/** A directory where `npx gluu-login` is this checkout's built CLI, as in a project that depends on it. */
function readerDirectory(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gluu-login-docs-'));
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(packageRoot, path.join(dir, 'node_modules', 'gluu-login'));
  symlinkSync('../gluu-login/dist/server/bin.js', path.join(dir, 'node_modules', '.bin', 'gluu-login'));
  return dir;
}

interface Ports {
  provider: number;
  rp: number;
}

/** Runs one block with bash in `cwd`; whatever it leaves running in the background is stopped after it. */
function run(block: Block, cwd: string, ports: Ports): Promise<{ code: number | null; output: string }> {
  // The pages name the default ports; the test's own keep clear of anything else running on this machine.
  const script = block.script
    .replaceAll('localhost:4000', `localhost:${ports.provider}`)
    .replaceAll('localhost:3000', `localhost:${ports.rp}`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], {
      cwd,
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? cwd,
        GLUU_PORT: String(ports.provider),
        GLUU_LOG_LEVEL: 'warn',
        npm_config_update_notifier: 'false',
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += String(d)));
    child.stderr.on('data', (d: Buffer) => (output += String(d)));
    const stopGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
    };
    const timer = setTimeout(() => {
      output += `\n(stopped after ${BLOCK_TIMEOUT_MS} ms)`;
      stopGroup();
    }, BLOCK_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      stopGroup();
      resolve({ code, output });
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the documentation', () => {
  it('marks the commands a reader runs (at least the CLI, /healthz and the password grant)', () => {
    const all = blocks.map((b) => b.script).join('\n');
    expect(all).toContain('npx gluu-login user add');
    expect(all).toContain('/healthz');
    expect(all).toContain('grant_type=password');
    expect(blocks.filter((b) => b.demo).length).toBeGreaterThan(0);
  });
});

for (const page of pages) {
  const own = blocks.filter((b) => b.page === page);
  if (!own.length) continue;
  describe(`${page}'s commands`, () => {
    const dir = readerDirectory();
    dirs.push(dir);
    let ports: Ports = { provider: 0, rp: 0 };
    let demo: ReturnType<typeof startTsx> | undefined;

    beforeAll(async () => {
      ports = { provider: await freePort(), rp: await freePort() };
      if (!own.some((b) => b.demo)) return;
      // `npm start`, with its data in the reader's directory (the pages read data/demo-password).
      demo = startTsx(['demo/start.ts'], {
        GLUU_PORT: String(ports.provider),
        RP_PORT: String(ports.rp),
        GLUU_DATA_DIR: path.join(dir, 'data'),
        GLUU_LOG_LEVEL: 'warn',
        TWILIO_STANDIN_PORT: '0',
        SMPP_STANDIN_PORT: '0',
        TRUID_STANDIN_PORT: '0',
        SMTP_STANDIN_PORT: '0',
      });
      await printed(demo, 'Stop with Ctrl+C');
    });

    afterAll(async () => {
      if (!demo) return;
      demo.kill('SIGINT');
      await exited(demo);
    });

    for (const block of own) {
      it(`line ${block.line}${block.demo ? ' (with the demo running)' : ''}`, async () => {
        const { code, output } = await run(block, dir, ports);
        expect(code, `${page}:${block.line} printed:\n${output}`).toBe(0);
      }, 150_000);
    }
  });
}
