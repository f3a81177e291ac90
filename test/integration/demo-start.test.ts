// `npm start` as a newcomer runs it: the launcher prints the URLs and a demo password that works, on the
// ports and data directory the environment names, and keeps that password across restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowApi, state } from '../helpers/flow-api.js';
import { freePort } from '../helpers/ports.js';
import { exited, outcome, printed, startTsx } from '../helpers/processes.js';
import { UserAgent } from '../helpers/user-agent.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` with this file's data directory, the stand-ins on ports of their own, and `env`. */
const startDemo = (env: Record<string, string>) =>
  startTsx(['demo/start.ts'], {
    GLUU_DATA_DIR: dataDir,
    GLUU_LOG_LEVEL: 'warn',
    TWILIO_STANDIN_PORT: '0',
    SMPP_STANDIN_PORT: '0',
    TRUID_STANDIN_PORT: '0',
    SMTP_STANDIN_PORT: '0',
    ...env,
  });

/** Starts the demo on free ports (or those `env` names) and waits for its banner. */
async function launch(env: Record<string, string> = {}) {
  const child = startDemo({ GLUU_PORT: String(await freePort()), RP_PORT: String(await freePort()), ...env });
  return { child, banner: await printed(child, 'Stop with Ctrl+C') };
}

/** Ctrl+C: the demo's exit code. */
function stop(child: ReturnType<typeof startDemo>): Promise<number | null> {
  child.kill('SIGINT');
  return exited(child);
}

const demoPassword = (banner: string) => /Demo user:\s+demo \/ (\S+)/.exec(banner)?.[1];

describe('the demo launcher', () => {
  it('starts the provider and the RP, prints the URLs and a demo password that signs in through the RP', async () => {
    const [gluuPort, rpPort] = [await freePort(), await freePort()];
    const { child, banner } = await launch({ GLUU_PORT: String(gluuPort), RP_PORT: String(rpPort) });
    try {
      const issuer = `http://localhost:${gluuPort}`;
      const rp = `http://localhost:${rpPort}`;
      expect(banner).toContain(`Demo RP (open this):   ${rp}`);
      expect(banner).toContain(`OpenID Provider:       ${issuer}`);
      const password = demoPassword(banner);
      expect(password).toBeDefined();
      expect(banner).toContain('(phone +15555550123)');
      expect(banner).toContain(`Phone (SMS codes):     ${rp}/phone`);
      expect(banner).toMatch(
        new RegExp(
          `Mailbox \\(e-mail\\):      ${rp}/mailbox   \\(SMTP stand-in ` +
            `smtp://127\\.0\\.0\\.1:\\d+; the demo user is demo@example\\.com\\)`,
        ),
      );
      expect(await (await fetch(`${rp}/mailbox`)).text()).toContain('No mail yet.');
      // email_otp is on, and the demo user's address is verified: its code lands in the Mailbox.
      const mailed = new UserAgent();
      const { response: page } = await mailed.follow(`${rp}/login?acr=email_otp`);
      const flow = /flow="([^"]+)"/.exec(await page!.text())![1]!;
      const mailApi = new FlowApi(issuer);
      await mailApi.act(flow, 'submit', { username: 'demo' });
      const coded = state(await mailApi.act(flow, 'submit', { password: demoPassword(banner)! }));
      expect(coded.step).toMatchObject({ kind: 'email_code', email: 'd•••@example.com', purpose: 'login' });
      const mailbox = (await (await fetch(`${rp}/mailbox/messages?to=demo%40example.com`)).json()) as {
        subject: string;
      }[];
      expect(mailbox[0]?.subject).toBe('Your Demo RP verification code');

      const agent = new UserAgent();
      const { response } = await agent.follow(`${rp}/login?acr=password`);
      const handle = /flow="([^"]+)"/.exec(await response!.text())![1]!;
      const api = new FlowApi(issuer);
      expect(state(await api.act(handle, 'submit', { username: 'demo' })).step.kind).toBe('password');
      // The demo user has a phone, so no passkey is offered on the password alone (it would bind a factor).
      const done = state(await api.act(handle, 'submit', { password: password! }));
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
    const first = await launch();
    expect(await stop(first.child)).toBe(0);
    const second = await launch();
    expect(await stop(second.child)).toBe(0);
    const generated = demoPassword(first.banner);
    expect(generated).toMatch(/^\S{12,}$/);
    expect(demoPassword(second.banner)).toBe(generated);

    const custom = await launch({ DEMO_PASSWORD: 'my own demo pw', DEMO_PHONE: '+447700900123' });
    expect(await stop(custom.child)).toBe(0);
    expect(custom.banner).toContain('demo / my own demo pw');
    expect(custom.banner).toContain('(phone +447700900123)');
  });

  it('says which port is taken', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    try {
      const { code, stderr } = await outcome(startDemo({ GLUU_PORT: String(port), RP_PORT: String(await freePort()) }));
      expect(code).toBe(1);
      expect(stderr).toContain('already in use');
      expect(stderr).toContain('GLUU_PORT');
    } finally {
      blocker.close();
    }
  });
});
