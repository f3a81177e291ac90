// `npm run demo:cli-login` driven through its standard input, the way a person types at its prompts: the
// username, then the code that arrived by SMS, then the password; it prints the id_token's claims.
import { spawn } from 'node:child_process';
import { packageRoot } from '../../server/paths.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { startTsx, type Outcome } from '../helpers/processes.js';
import { smsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { DEMO_CLI_CLIENT } from '../../demo/clients.js';

let standIns: StandIns;
let backend: TestBackend;
let userId: string;

beforeAll(async () => {
  standIns = await startStandIns();
  backend = await startTestBackend({
    extraClients: [{ client_id: DEMO_CLI_CLIENT.id, client_secret: DEMO_CLI_CLIENT.secret, grant_types: ['password'] }],
    config: { methods: { twilio_sms: standIns.methods.twilio_sms }, ropc: { enabled: true } },
  });
  userId = await backend.addUser('wren', 'wren password 1', { phone: '+14155552671' });
});
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});

/** Runs the example; `answer` is called with each prompt and returns what to type. */
function run(
  answer: (prompt: string) => Promise<string>,
  env: Record<string, string> = { GLUU_ISSUER: backend.issuer, PHONE_PAGE: 'the test inbox' },
  terminal = false,
): Promise<Outcome & { prompts: string[] }> {
  return new Promise((resolve, reject) => {
    // On a terminal: util-linux's `script` runs it on a pseudo-terminal and copies what the terminal shows.
    const child = terminal
      ? spawn('script', ['-qfec', `"${process.execPath}" --import tsx demo/cli-login.ts`, '/dev/null'], {
          cwd: packageRoot,
          env: { PATH: process.env.PATH ?? '', TERM: 'dumb', ...env },
        })
      : startTsx(['demo/cli-login.ts'], env);
    const prompts: string[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      const shown = stdout.match(/(Username|Code|Password): /g) ?? [];
      while (prompts.length < shown.length) {
        const prompt = shown[prompts.length]!;
        prompts.push(prompt);
        answer(prompt).then((text) => child.stdin.write(`${text}\n`), reject);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, prompts }));
  });
}

describe('npm run demo:cli-login', () => {
  it('finds the provider and the Phone page by GLUU_PORT and RP_PORT, as npm start does', async () => {
    const port = new URL(backend.issuer).port;
    const result = await run(async (prompt) => (prompt === 'Username: ' ? 'nobody-at-all' : '000000'), {
      GLUU_PORT: port,
      RP_PORT: '3999',
    });
    // It reached the provider (its answer to an unknown user at step 2), and named the demo's Phone page.
    expect(result.stdout).toContain('(demo: http://localhost:3999/phone)');
    expect(result.stderr).toContain('Sign-in failed: invalid_grant');
    expect(result.code).toBe(1);
  });

  it('does not echo the password on a terminal (it does the username and the code)', async () => {
    const since = Date.now();
    const result = await run(
      async (prompt) => {
        if (prompt === 'Username: ') return 'wren';
        if (prompt === 'Code: ') return smsCode(await standIns.inbox.next('+14155552671', { since }));
        return 'wren password 1';
      },
      { GLUU_ISSUER: backend.issuer, PHONE_PAGE: 'the test inbox' },
      true,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Username: wren');
    expect(result.stdout).toContain('Signed in.');
    expect(result.stdout).not.toContain('wren password 1');
  });

  it('signs in through the three steps and prints the claims', async () => {
    const since = Date.now();
    const result = await run(async (prompt) => {
      if (prompt === 'Username: ') return 'wren';
      if (prompt === 'Code: ') return smsCode(await standIns.inbox.next('+14155552671', { since }));
      return 'wren password 1';
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.prompts).toEqual(['Username: ', 'Code: ', 'Password: ']);
    expect(result.stdout).toContain('If the account has a phone, a code is on its way by SMS (demo: the test inbox).');
    const claims = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: userId,
      acr: 'twilio_sms',
      amr: ['sms', 'pwd', 'mfa'],
      aud: DEMO_CLI_CLIENT.id,
    });
  });

  it('says why when a step is refused, and exits 1', async () => {
    const result = await run(async (prompt) =>
      prompt === 'Username: ' ? 'wren' : prompt === 'Code: ' ? '000000' : 'whatever',
    );
    expect(result.code).toBe(1);
    expect(result.prompts).toEqual(['Username: ', 'Code: ']); // refused at the code: never asked for the password
    expect(result.stderr).toMatch(/^Sign-in failed: invalid_grant: .*\[status=error;error_code=10005\]\n$/);
  });
});
