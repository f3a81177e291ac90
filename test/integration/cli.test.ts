// The admin CLI as an operator uses it: real processes, passwords on standard input, exit codes, and what
// ends up in the database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { createBackend, type Backend } from '../../server/server.js';
import { createLogger } from '../../server/security/audit.js';
import { freePort } from '../helpers/ports.js';
import { exited, outcome, printed, startTsx, type Outcome } from '../helpers/processes.js';

let dataDir: string;

/** `gluu-login <args>` over the test's data directory, `stdin` typed into it. */
function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Outcome> {
  return outcome(
    startTsx(['server/bin.ts', ...args], { GLUU_DATA_DIR: dataDir, GLUU_LOG_LEVEL: 'warn', ...options.env }),
    options.stdin,
  );
}

/** Opens the data directory the CLI wrote to, as the server would, for `use`. */
async function inDatabase<T>(use: (backend: Backend) => Promise<T>): Promise<T> {
  const backend = await createBackend(parseConfig({ data_dir: dataDir }), { logger: createLogger('silent') });
  try {
    return await use(backend);
  } finally {
    await backend.store.close();
  }
}

async function storedUser(login: string) {
  return inDatabase(async (backend) => {
    const user = await backend.store.users.findByLogin(login);
    return { user, verify: (password: string) => backend.hasher.verify(user?.passwordHash, password) };
  });
}

/** Every stored user, password hashes included: equal before and after a command that must write nothing. */
const allUsers = () => inDatabase((backend) => backend.store.users.list());

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('gluu-login user', () => {
  it('adds a user with the password from standard input, hashed with argon2id', async () => {
    const run = await cli(['user', 'add', 'alice', '--email', 'alice@example.com', '--phone', '+14155552671'], {
      stdin: 'alice password 1\n',
    });
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^added user alice \([0-9a-f-]{36}\)\n$/);
    const { user, verify } = await storedUser('alice');
    expect(user).toMatchObject({
      username: 'alice',
      email: 'alice@example.com',
      phone: '+14155552671',
      phoneVerified: true,
    });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify('alice password 1')).toBe(true);
  });

  it('lists and shows users without any secret', async () => {
    const list = await cli(['user', 'list', '--json']);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.stdout) as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(['alice']);
    const table = (await cli(['user', 'list'])).stdout.trim().split('\n');
    expect(table[0]).toBe('username\temail\tphone\tid');
    expect(table[1]).toMatch(/^alice\talice@example\.com\t\+14155552671\t[\w-]+$/);
    const show = await cli(['user', 'show', 'ALICE', '--json']);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ username: 'alice', has_password: true, credentials: [] });
    expect(show.stdout).not.toContain('argon2');
    const plain = await cli(['user', 'show', 'alice']);
    expect(plain.stdout).toContain('username: alice');
    expect(plain.stdout).toContain('credentials: none');
  });

  const refusals: [string, string[], string, RegExp][] = [
    ['a taken username', ['user', 'add', 'Alice'], 'another password 1\n', /username is already taken/],
    [
      'a taken email',
      ['user', 'add', 'alice2', '--email', 'ALICE@example.com'],
      'another password 1\n',
      /email is already taken/,
    ],
    [
      'a bad email',
      ['user', 'add', 'bob', '--email', 'not-an-email'],
      'bob password 1\n',
      /email must be an email address/,
    ],
    [
      'a phone not in E.164',
      ['user', 'add', 'bob', '--phone', '415 555 2671'],
      'bob password 1\n',
      /phone must be in E\.164 form/,
    ],
    ['an impossible phone', ['user', 'add', 'bob', '--phone', '+999'], 'bob password 1\n', /phone/],
    ['a short password', ['user', 'add', 'bob'], 'short\n', /at least 8 characters/],
    ['no password', ['user', 'add', 'bob'], '', /no password on standard input/],
    ['a username with spaces', ['user', 'add', 'bob smith'], 'bob password 1\n', /username may hold letters/],
  ];
  for (const [name, args, stdin, message] of refusals) {
    it(`refuses ${name} with a clear message, exit 2 and nothing written`, async () => {
      const before = await allUsers();
      expect(before.map((u) => u.username)).toEqual(['alice']);
      const run = await cli(args, { stdin });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      expect(await allUsers()).toEqual(before);
    });
  }

  it('sets a new password', async () => {
    const run = await cli(['user', 'set-password', 'alice'], { stdin: 'a brand new password\n' });
    expect(run.code).toBe(0);
    const { verify } = await storedUser('alice');
    expect(await verify('a brand new password')).toBe(true);
    expect(await verify('alice password 1')).toBe(false);
  });

  it('lists OTP devices without their secrets, and reset-otp removes them', async () => {
    await inDatabase(async (backend) => {
      const alice = (await backend.store.users.findByLogin('alice'))!;
      await backend.store.credentials.add({
        id: 'cred-1',
        userId: alice.id,
        type: 'totp',
        sealedData: backend.sealer.seal(
          JSON.stringify({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }),
          'credential:cred-1',
        ),
        metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 1' },
        counter: 0,
      });
    });
    const show = await cli(['user', 'show', 'alice']);
    expect(show.stdout).toMatch(/ {2}- totp cred-1 created \S+ last used never/);
    const json = await cli(['user', 'show', 'alice', '--json']);
    expect(JSON.parse(json.stdout).credentials).toEqual([
      expect.objectContaining({
        id: 'cred-1',
        type: 'totp',
        algorithm: 'sha1',
        digits: 6,
        device: 'Authenticator 1',
        last_used_at: null,
      }),
    ]);
    expect(json.stdout).not.toContain('JBSWY3DP');
    expect(json.stdout).not.toContain('v1.');

    const missing = await cli(['user', 'remove-credential', 'alice', 'no-such-credential']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('alice has no credential no-such-credential');

    const reset = await cli(['user', 'reset-otp', 'alice']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('removed 1 OTP device(s) of alice; the next sign-in enrolls again');
    expect(JSON.parse((await cli(['user', 'show', 'alice', '--json'])).stdout).credentials).toEqual([]);
  });

  it('removes one credential by its id', async () => {
    await inDatabase(async (backend) => {
      const alice = (await backend.store.users.findByLogin('alice'))!;
      for (const id of ['key-1', 'key-2']) {
        await backend.store.credentials.add({
          id,
          userId: alice.id,
          type: 'webauthn',
          sealedData: backend.sealer.seal('{}', `credential:${id}`),
          metadata: { name: id, attachment: 'cross-platform' },
          counter: 3,
        });
      }
    });
    const removed = await cli(['user', 'remove-credential', 'alice', 'key-1']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('removed credential key-1 of alice');
    const left = JSON.parse((await cli(['user', 'show', 'alice', '--json'])).stdout).credentials as {
      id: string;
      type: string;
      attachment: string;
    }[];
    expect(left).toEqual([expect.objectContaining({ id: 'key-2', type: 'webauthn', attachment: 'cross-platform' })]);
    expect((await cli(['user', 'remove-credential', 'alice', 'key-2'])).code).toBe(0);
  });

  it('sets and removes a phone number, checking it first', async () => {
    const set = await cli(['user', 'set-phone', 'alice', '+33612345678']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('phone of alice set to +33612345678 (verified)');
    expect((await storedUser('alice')).user).toMatchObject({ phone: '+33612345678', phoneVerified: true });
    const bad = await cli(['user', 'set-phone', 'alice', '0612345678']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('phone must be in E.164 form');
    expect((await storedUser('alice')).user).toMatchObject({ phone: '+33612345678' });
    const missing = await cli(['user', 'set-phone', 'alice']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: gluu-login');
    expect((await storedUser('alice')).user).toMatchObject({ phone: '+33612345678' });
    const removed = await cli(['user', 'remove-phone', 'alice']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('phone of alice removed');
    expect((await storedUser('alice')).user).toMatchObject({ phone: null, phoneVerified: false });
  });

  it('makes recovery codes anew, and a one-time ticket, only where recovery codes are on', async () => {
    const on = { GLUU__METHODS__RECOVERY_CODE: '{"enabled":true}' };
    const off = await cli(['user', 'recovery-codes', 'alice']);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('methods.recovery_code.enabled');
    const made = await cli(['user', 'recovery-codes', 'alice'], { env: on });
    expect(made.code).toBe(0);
    const codes = made.stdout.trim().split('\n');
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const again = await cli(['user', 'recovery-codes', 'alice', '--json'], { env: on });
    const json = JSON.parse(again.stdout) as { recovery_codes: string[] };
    expect(json.recovery_codes).toHaveLength(10);
    expect(json.recovery_codes).not.toContain(codes[0]);
    const ticket = await cli(['user', 'recovery-ticket', 'alice', '--hours', '2', '--json'], { env: on });
    const issued = JSON.parse(ticket.stdout) as { recovery_codes: string[]; expires_at: string };
    expect(issued.recovery_codes).toHaveLength(1);
    expect(Date.parse(issued.expires_at) - Date.now()).toBeGreaterThan(7_000_000);
    expect((await cli(['user', 'recovery-ticket', 'alice', '--hours', '0'], { env: on })).code).toBe(2);
    // What is stored: eleven codes (ten and the ticket), none of them in clear.
    const stored = await inDatabase(async (b) => {
      const user = await b.store.users.findByLogin('alice');
      return b.store.credentials.listForUser(user!.id, 'recovery_code');
    });
    expect(stored).toHaveLength(11);
    const raw = JSON.stringify(stored);
    for (const code of [...json.recovery_codes, ...issued.recovery_codes]) expect(raw).not.toContain(code);
  });

  it('answers an unknown user with exit 2', async () => {
    const run = await cli(['user', 'show', 'nobody']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no user "nobody"');
  });

  it('deletes a user', async () => {
    const run = await cli(['user', 'delete', 'alice']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('deleted user alice\n');
    expect((await storedUser('alice')).user).toBeUndefined();
  });

  it('prints usage for unknown commands and missing arguments', async () => {
    // Side by side: each is a process start, and five in a row outlast the test's minute on a loaded machine.
    const [help, ...runs] = await Promise.all(
      [['--help'], ['frobnicate'], ['user', 'promote', 'x'], ['user', 'show'], ['--nope']].map((args) => cli(args)),
    );
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: gluu-login');
    }
    expect(help!.code).toBe(0);
    expect(help!.stdout).toContain('user add <username>');
  });
});

describe('configuration errors', () => {
  it('exits non-zero naming the bad key from the environment', async () => {
    const run = await cli(['user', 'list'], {
      env: { GLUU__PASSWORD__ARGON2__MEMORY_KIB: '1024', GLUU_PORT: 'eighty' },
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('password.argon2.memory_kib: must be at least 19456 KiB');
    expect(run.stderr).toContain('port:');
  });

  it('exits non-zero naming the bad key from a YAML file', async () => {
    const file = path.join(dataDir, 'bad.yaml');
    writeFileSync(
      file,
      'lockout:\n  account:\n    max_failures: 500\nclients:\n  - client_id: rp\n    redirect_uris: []\n',
    );
    const run = await cli(['user', 'list', '--config', file]);
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('lockout.account.max_failures: must be at most 100');
    expect(run.stderr).toContain('clients.0.redirect_uris: at least one redirect URI is required');
  });

  it('says which file cannot be read', async () => {
    const run = await cli(['user', 'list', '--config', '/nonexistent/gluu.yaml']);
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('Cannot read configuration file /nonexistent/gluu.yaml');
  });
});

describe('gluu-login serve', () => {
  it('starts the provider on the configured port and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = startTsx(['server/bin.ts', 'serve'], {
      GLUU_DATA_DIR: dataDir,
      GLUU_PORT: String(port),
      GLUU_LOG_LEVEL: 'info',
    });
    try {
      await printed(child, 'gluu-login listening');
      const discovery = (await (await fetch(`http://localhost:${port}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
      };
      expect(discovery.issuer).toBe(`http://localhost:${port}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });
});
