// `npm run demo:cli-login` driven through its standard input, the way a person types at its prompts: the
// username, then the code that arrived by SMS, then the password; it prints the id_token's claims.
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
function run(answer: (prompt: string) => Promise<string>): Promise<Outcome & { prompts: string[] }> {
  return new Promise((resolve, reject) => {
    const child = startTsx(['demo/cli-login.ts'], { GLUU_ISSUER: backend.issuer, PHONE_PAGE: 'the test inbox' });
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
  it('signs in through the three steps and prints the claims', async () => {
    const result = await run(async (prompt) => {
      if (prompt === 'Username: ') return 'wren';
      if (prompt === 'Code: ') return smsCode(await standIns.inbox.next('+14155552671'));
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
