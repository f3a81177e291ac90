// `npm start` as a newcomer runs it: the launcher prints the URLs and a demo password that works, on the
// ports and data directory the environment names, and keeps that password across restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { freePort } from '../helpers/ports.js';
import { UserAgent } from '../helpers/user-agent.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function launch(env: Record<string, string>): Promise<{ child: ChildProcess; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'demo', 'start.ts')], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', GLUU_DATA_DIR: dataDir, GLUU_LOG_LEVEL: 'warn', TWILIO_STANDIN_PORT: '0', SMPP_STANDIN_PORT: '0', TRUID_STANDIN_PORT: '0', ...env },
  });
  let banner = '';
  child.stdout!.on('data', (d) => (banner += String(d)));
  child.stderr!.on('data', (d) => (banner += String(d)));
  for (let i = 0; i < 200 && !banner.includes('Stop with Ctrl+C'); i++) {
    if (child.exitCode !== null) throw new Error(`the demo exited: ${banner}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, banner };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.kill('SIGINT');
  return exited;
}

describe('the demo launcher', () => {
  it('starts the provider and the RP, prints the URLs and a demo password that signs in through the RP', async () => {
    const [gluuPort, rpPort] = [await freePort(), await freePort()];
    const { child, banner } = await launch({ GLUU_PORT: String(gluuPort), RP_PORT: String(rpPort) });
    try {
      const issuer = `http://localhost:${gluuPort}`;
      const rp = `http://localhost:${rpPort}`;
      expect(banner).toContain(`Demo RP (open this):   ${rp}`);
      expect(banner).toContain(`OpenID Provider:       ${issuer}`);
      const password = /Demo user:\s+demo \/ (\S+)/.exec(banner)?.[1];
      expect(password).toBeDefined();
      expect(banner).toContain('(phone +15555550123)');
      expect(banner).toContain(`Phone (SMS codes):     ${rp}/phone`);

      const agent = new UserAgent();
      const { response } = await agent.follow(`${rp}/login?acr=password`);
      const handle = /flow="([^"]+)"/.exec(await response!.text())![1]!;
      const api = new FlowApi(issuer);
      await api.act(handle, 'submit', { username: 'demo' });
      const offered = state(await api.act(handle, 'submit', { password: password! }));
      // The demo offers to add a passkey after the password; not now.
      expect(offered.step).toMatchObject({ kind: 'webauthn', mode: 'register' });
      const done = state(await api.act(handle, 'skip'));
      if (done.step.kind !== 'done') throw new Error(JSON.stringify(done));
      const { response: home } = await agent.follow(done.step.continue_url);
      const html = await home!.text();
      expect(html).toContain('You are signed in');
      expect(html).toMatch(/data-claim="acr"><th>acr<\/th><td><code>password<\/code>/);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('keeps the generated password across restarts and honours DEMO_PASSWORD and DEMO_PHONE', async () => {
    const first = await launch({ GLUU_PORT: String(await freePort()), RP_PORT: String(await freePort()) });
    await stop(first.child);
    const second = await launch({ GLUU_PORT: String(await freePort()), RP_PORT: String(await freePort()) });
    await stop(second.child);
    const pw = (b: string) => /Demo user:\s+demo \/ (\S+)/.exec(b)?.[1];
    expect(pw(second.banner)).toBe(pw(first.banner));

    const custom = await launch({ GLUU_PORT: String(await freePort()), RP_PORT: String(await freePort()), DEMO_PASSWORD: 'my own demo pw', DEMO_PHONE: '+447700900123' });
    await stop(custom.child);
    expect(custom.banner).toContain('demo / my own demo pw');
    expect(custom.banner).toContain('(phone +447700900123)');
  });

  it('says which port is taken', async () => {
    const port = await freePort();
    const blocker = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'demo', 'start.ts')], {
        cwd: packageRoot,
        env: { PATH: process.env.PATH ?? '', GLUU_DATA_DIR: dataDir, GLUU_PORT: String(port), RP_PORT: String(await freePort()), GLUU_LOG_LEVEL: 'warn', TWILIO_STANDIN_PORT: '0', SMPP_STANDIN_PORT: '0', TRUID_STANDIN_PORT: '0' },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(err).toContain('already in use');
      expect(err).toContain('GLUU_PORT');
    } finally {
      blocker.close();
    }
  });
});
