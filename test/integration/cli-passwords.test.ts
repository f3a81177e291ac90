// New passwords and usernames (NIST 800-63B 5.1.1.2): common and breached passwords, passwords built from
// context words, control characters, and usernames that display as something else. Account administration
// (server/users.ts, what `user add` and `user set-password` run) in process, and the CLI as a real process
// for what reaches it through standard input and argv. Each refusal names its reason and writes nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';
import { createBackend, type Backend } from '../../server/server.js';
import { createLogger } from '../../server/security/audit.js';
import { addUser, setPassword, UserInputError } from '../../server/users.js';
import { commonPasswordCount } from '../../server/security/common-passwords.js';
import { outcome, startTsx, type Outcome } from '../helpers/processes.js';

let dataDir: string;
let configFile: string;

function cli(args: string[], stdin: string): Promise<Outcome> {
  return outcome(
    startTsx(['server/bin.ts', ...args], { GLUU_CONFIG: configFile, GLUU_DATA_DIR: dataDir, GLUU_LOG_LEVEL: 'warn' }),
    stdin,
  );
}

const CONFIG = {
  issuer: 'https://login.acme-corp.example',
  clients: [
    {
      client_id: 'portal',
      client_secret: 'portal-secret-0123456789abcdefghijklmnop',
      client_name: 'Staffportal',
      redirect_uris: ['https://portal.acme-corp.example/cb'],
    },
  ],
};

async function inDatabase<T>(use: (backend: Backend) => Promise<T>): Promise<T> {
  const backend = await createBackend(parseConfig({ ...CONFIG, data_dir: dataDir }), {
    logger: createLogger('silent'),
  });
  try {
    return await use(backend);
  } finally {
    await backend.store.close();
  }
}

/** Every stored user, password hashes included. */
const allUsers = () => inDatabase((backend) => backend.store.users.list());

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-cli-pw-'));
  configFile = path.join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(CONFIG));
  await inDatabase((backend) => addUser(backend, { username: 'carol', password: 'a sturdy passphrase' }));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** What `run` threw (a UserInputError), with the stored users unchanged by it. */
async function refusal(run: (backend: Backend) => Promise<unknown>): Promise<string> {
  const before = await allUsers();
  const error = await inDatabase(run).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(UserInputError);
  expect(await allUsers()).toEqual(before);
  return (error as Error).message;
}

describe('new passwords', () => {
  it('are checked against a list of at least 10,000 common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  const refused: [string, string, RegExp][] = [
    ['a common password', '123456789', /one of the most commonly used \(and breached\) passwords/],
    ['a common password in other capitals', 'PassWord123', /one of the most commonly used/],
    ['a breached phrase', 'iloveyou2', /one of the most commonly used/],
    [
      'the username with digits',
      'Dave20252025',
      /must not be built from the username, this service's name or an application's name/,
    ],
    ['the username beside a common password', 'davepassword', /must not be built from the username/],
    ['the e-mail address with digits', 'dave@acme.example1', /must not be built from the username/],
    ["the issuer's host name", 'acme-corp!!2025', /must not be built from the username, this service's name/],
    ["a client's name", 'staffportal123', /must not be built from/],
    ['a tab', 'dave\tlikes long walks', /must not hold control characters/],
  ];
  for (const [name, password, message] of refused) {
    it(`refuses ${name} at user add, with its reason and nothing written`, async () => {
      expect(await refusal((b) => addUser(b, { username: 'dave', email: 'dave@acme.example', password }))).toMatch(
        message,
      );
    });
  }

  it('refuses a common password and one built from the username as a new password, keeping the old one', async () => {
    expect(await refusal((b) => setPassword(b, 'carol', 'qwertyuiop'))).toMatch(/one of the most commonly used/);
    expect(await refusal((b) => setPassword(b, 'carol', 'carol_carol_1'))).toMatch(
      /must not be built from the username/,
    );
    expect(
      await inDatabase(async (b) =>
        b.hasher.verify((await b.store.users.findByLogin('carol'))!.passwordHash, 'a sturdy passphrase'),
      ),
    ).toBe(true);
  });

  it('takes a password that holds a context word among words of its own', async () => {
    await inDatabase((b) => addUser(b, { username: 'erin', password: 'erin walks the acme-corp dog' }));
    expect((await allUsers()).map((u) => u.username).sort()).toEqual(['carol', 'erin']);
  });

  it('are refused with control characters by the CLI (an escape sequence on stdin), nothing written', async () => {
    const before = await allUsers();
    const run = await cli(['user', 'add', 'dave'], 'a \u001b[2Jclear screen\n');
    expect(run.stderr).toMatch(/The password must not hold control characters/);
    expect(run.code).toBe(2);
    expect(await allUsers()).toEqual(before);
  });
});

describe('new usernames', () => {
  it('are stored NFKC-normalized: a full-width name is the plain one, and takes its place', async () => {
    await inDatabase((b) => addUser(b, { username: 'ｆｒａｎｋ', password: 'frank has a long passphrase' }));
    expect((await allUsers()).map((u) => u.username)).toContain('frank');
    expect(await refusal((b) => addUser(b, { username: 'frank', password: 'another long passphrase' }))).toMatch(
      /username is already taken/,
    );
  });

  const refused: [string, string, RegExp][] = [
    ['a left-to-right mark', 'gus\u200E', /username must not hold bidirectional text controls/],
    ['a line break', 'gus\nroot', /username must not hold line breaks/],
    ['a line separator', 'gus\u2028root', /username must not hold line breaks/],
  ];
  for (const [name, username, message] of refused) {
    it(`refuses ${name} with its reason and writes nothing`, async () => {
      expect(await refusal((b) => addUser(b, { username, password: 'gus has a long passphrase' }))).toMatch(message);
    });
  }

  it('are refused with a right-to-left override by the CLI, nothing written', async () => {
    const before = await allUsers();
    const run = await cli(['user', 'add', 'gus\u202Egnp.exe'], 'gus has a long passphrase\n');
    expect(run.stderr).toMatch(/username must not hold bidirectional text controls/);
    expect(run.code).toBe(2);
    expect(await allUsers()).toEqual(before);
  });
});
