// What an attacker who knows only a login learns from the password counters, and what they can do to the
// account's owner: the counters answer the same whether or not the account exists (however the login is
// spelled), and a browser that signed in before keeps signing in while the attacker's guesses are throttled.
// Requests come from distinct loopback addresses: 127.0.0.2, .3, ... share one network (127.0.0.0/24), and
// 127.0.1.x, 127.0.2.x, ... are other networks.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { EmbeddedLogins, openHostedPage } from '../helpers/logins.js';
import { authorizationRequest, RP_ORIGIN } from '../helpers/oidc-client.js';
import { UserAgent } from '../helpers/user-agent.js';
import { loginCounter, Throttle } from '../../server/security/lockout.js';
import type { FlowState } from '../../wire/flow-api.js';

let backend: TestBackend;
let logins: EmbeddedLogins;

beforeAll(async () => {
  backend = await startTestBackend({
    // The shipped account policy (5 free, then 30 s doubling to 15 min, no permanent lock); addresses are
    // not what these tests are about.
    config: { lockout: { ip: { free_attempts: 1000 } } },
  });
  await backend.addUser('victim1', 'victim password 1', { email: 'victim1@example.com' });
  await backend.addUser('walt', 'walt password 12', { email: 'walt@example.com' });
  await backend.addUser('mallory', 'mallory password 1');
  logins = await EmbeddedLogins.discover(backend.issuer);
});
afterAll(() => backend.close());

interface Reply {
  status: number;
  body: FlowState & { error?: { code: string } };
  setCookie: string | undefined;
}

/** A flow action sent from `from` (a loopback address), as the widget sends it, with extra headers. */
function act(
  from: string,
  handle: string,
  action: string,
  inputs: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const body = JSON.stringify({ action, inputs });
  const port = Number(new URL(backend.issuer).port);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/flow/action',
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'gluu-flow': handle, ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            body: JSON.parse(text) as Reply['body'],
            setCookie: response.headers['set-cookie']?.join('\n'),
          }),
        );
      },
    );
    request.on('error', reject).end(body);
  });
}

/** A new embedded flow: `login` typed, then `password` sent from `from`. */
async function tryPassword(
  from: string,
  login: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const { handle } = await logins.start();
  const atPassword = await act(from, handle, 'submit', { username: login }, { origin: RP_ORIGIN });
  expect(atPassword.body.step.kind).toBe('password');
  return act(from, handle, 'submit', { password }, { origin: RP_ORIGIN, ...headers });
}

/** What an answer says, without what differs between any two flows (its handle, the login as typed). */
const shape = (reply: Reply) => ({
  status: reply.status,
  body: { ...reply.body, flow: '', expires_in: 0, step: { ...reply.body.step, username: '' } },
});

describe('lockout counters say nothing about who has an account', () => {
  it('answers the 7th wrong password alike for a real and an unknown login, each spelled three ways', async () => {
    const real = [
      'VICTIM1',
      'ｖｉｃｔｉｍ１',
      'victim1@example.com',
      'VICTIM1',
      'ｖｉｃｔｉｍ１',
      'victim1@example.com',
      'victim1',
    ];
    const unknown = [
      'GHOST1',
      'ｇｈｏｓｔ１',
      'ghost1@example.com',
      'GHOST1',
      'ｇｈｏｓｔ１',
      'ghost1@example.com',
      'ghost1',
    ];
    const realAnswers: Reply[] = [];
    const unknownAnswers: Reply[] = [];
    for (let i = 0; i < real.length; i++) {
      realAnswers.push(await tryPassword('127.0.0.1', real[i]!, `guess ${i}`));
      unknownAnswers.push(await tryPassword('127.0.0.1', unknown[i]!, `guess ${i}`));
    }
    expect(realAnswers.map(shape)).toEqual(unknownAnswers.map(shape));
    expect(realAnswers.at(-1)!.status).toBe(401); // the username's 5th failure: still a free attempt
    // And the store holds the same: one counter per normalized login, five and two failures each.
    const failures = async (login: string) =>
      (await backend.server.store.counters.get(`acct:pwd:${loginCounter(login)}`))?.failures;
    expect([await failures('victim1'), await failures('victim1@example.com')]).toEqual([5, 2]);
    expect([await failures('ghost1'), await failures('ghost1@example.com')]).toEqual([5, 2]);
  });

  it('starts the wait at the same guess for both, whichever spelling it comes in', async () => {
    // 6th failure of the username: checked, the wait starts
    const real = await tryPassword('127.0.0.1', 'Victim1', 'guess 8');
    const unknown = await tryPassword('127.0.0.1', 'Ghost1', 'guess 8');
    expect(shape(real)).toEqual(shape(unknown));
    const realLocked = await tryPassword('127.0.0.1', 'ＶＩＣＴＩＭ１', 'guess 9');
    const unknownLocked = await tryPassword('127.0.0.1', 'ＧＨＯＳＴ１', 'guess 9');
    expect(realLocked.status).toBe(429);
    expect(shape(realLocked)).toEqual(shape(unknownLocked));
  });
});

describe('an attacker who knows only the username cannot lock its owner out of a browser that signed in before', () => {
  const ATTACKER = '127.0.0.2';
  const OWNER = '127.0.0.3';
  const OWNER_ELSEWHERE = '127.0.0.4';

  it('embedded: the owner signs in by device token as 12 wrong passwords from another IP are throttled', async () => {
    const first = await tryPassword(OWNER, 'walt', 'walt password 12');
    expect(first.body.step.kind).toBe('done');
    const token = first.body.device_token;
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    const mallorys = (await tryPassword(ATTACKER, 'mallory', 'mallory password 1')).body.device_token!;

    const attacker: number[] = [];
    const owner: string[] = [];
    for (let i = 0; i < 12; i++) {
      attacker.push((await tryPassword(ATTACKER, 'walt', `Winter202${i}!`)).status);
      if (i % 4 === 3) {
        const signIn = await tryPassword(OWNER, 'walt', 'walt password 12', { 'gluu-device': token! });
        owner.push(signIn.body.step.kind);
      }
    }
    // 5 free guesses, the 6th checked (the wait starts), every further one waits: the flood is throttled...
    expect(attacker).toEqual([...Array<number>(6).fill(401), ...Array<number>(6).fill(429)]);
    // ...and the owner's browser signed in throughout, even with the attacker's lock in place.
    expect(owner).toEqual(['done', 'done', 'done']);
    expect(
      backend.logs.filter((l) => l.event === 'auth.attempt' && l.outcome === 'success' && l.device === 'trusted'),
    ).toHaveLength(3);

    // Without the token (another browser) on the attacker's network (127.0.0.0/24 here: behind the same NAT),
    // the owner waits like the attacker: the design's chosen price. Another network is the next describe.
    expect((await tryPassword(OWNER_ELSEWHERE, 'walt', 'walt password 12')).status).toBe(429);
    // The attacker's own account's token (or a forged one) buys nothing for walt.
    expect((await tryPassword(ATTACKER, 'walt', 'walt password 12', { 'gluu-device': mallorys })).status).toBe(429);
    expect(
      (await tryPassword(ATTACKER, 'walt', 'walt password 12', { 'gluu-device': `${token!.slice(0, -4)}AAAA` })).status,
    ).toBe(429);
  });

  it('the device counter throttles guesses made with a stolen token too, on its own', async () => {
    backend.clock.now = Date.now() + 3_600_000; // the previous test's shared wait is over
    const fresh = (await tryPassword(OWNER, 'walt', 'walt password 12')).body.device_token!;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await tryPassword(ATTACKER, 'walt', `guess ${i}`, { 'gluu-device': fresh })).status);
    expect(statuses).toEqual([...Array<number>(6).fill(401), 429]);
    backend.clock.now = undefined;
  });

  it('hosted: the right password sets an HttpOnly device cookie (flow API) that signs in during a flood', async () => {
    backend.clock.now = Date.now() + 7_200_000;
    const agent = new UserAgent();
    const page = await openHostedPage(agent, await authorizationRequest(logins.config));
    await act(OWNER, page.handle, 'submit', { username: 'walt' });
    const done = await act(OWNER, page.handle, 'submit', { password: 'walt password 12' });
    expect(done.body.step.kind).toBe('done');
    expect(done.body.device_token).toBeUndefined(); // never readable by the page's script
    const cookie = done.setCookie!;
    expect(cookie).toMatch(/^gluu-device=v1\.[\w.-]+; Max-Age=15552000; Path=\/flow; HttpOnly; SameSite=Strict$/);

    for (let i = 0; i < 8; i++) await tryPassword(ATTACKER, 'walt', `Spring202${i}!`);
    expect((await tryPassword(OWNER_ELSEWHERE, 'walt', 'walt password 12')).status).toBe(429);

    const next = await openHostedPage(agent, await authorizationRequest(logins.config));
    await act(OWNER, next.handle, 'submit', { username: 'walt' });
    const signedIn = await act(
      OWNER,
      next.handle,
      'submit',
      { password: 'walt password 12' },
      { cookie: cookie.split(';')[0]! },
    );
    expect(signedIn.body.step.kind).toBe('done');
    backend.clock.now = undefined;
  });
});

describe('an attacker with only the username cannot lock out its owner on another network, device token or not', () => {
  const ATTACKER_NET = (host: number) => `127.0.1.${host}`;
  const HOME = '127.0.2.5';
  const TRAVEL = '127.0.3.5';

  it("the owner signs in from another network while 12 wrong passwords from the attacker's are throttled", async () => {
    await backend.addUser('nora', 'nora password 12');
    const attacker: number[] = [];
    const owner: Reply[] = [];
    for (let i = 0; i < 12; i++) {
      attacker.push((await tryPassword(ATTACKER_NET(2 + (i % 3)), 'nora', `Autumn202${i}!`)).status);
      if (i % 4 === 3) owner.push(await tryPassword(HOME, 'NORA', 'nora password 12'));
    }
    // One counter per network: 5 free, the 6th checked, then waits, whichever address of it guesses.
    expect(attacker).toEqual([...Array<number>(6).fill(401), ...Array<number>(6).fill(429)]);
    // The owner, with no device token (none is sent), signed in from home each time.
    expect(owner.map((r) => r.body.step.kind)).toEqual(['done', 'done', 'done']);
    // The right password from the attacker's network still waits: it is the network that is throttled.
    expect((await tryPassword(ATTACKER_NET(9), 'nora', 'nora password 12')).status).toBe(429);
  });

  it(
    'guesses spread over many networks hit the all-networks ceiling; ' +
      'the owner keeps signing in from a familiar network or a trusted browser',
    async () => {
      backend.clock.now = Date.now() + 2 * 86_400_000; // the previous flood is forgotten; home stays familiar (30 days)
      // 10 networks x 5 free guesses = the ceiling's 50 free; each network's own counter stays under its wait.
      const spread: number[] = [];
      for (let net = 10; net < 20; net++)
        for (let i = 0; i < 5; i++)
          spread.push((await tryPassword(`127.0.${net}.7`, 'nora', `guess ${net}-${i}`)).status);
      expect(spread.every((s) => s === 401)).toBe(true);
      // The 51st (a fresh network) is checked and starts the ceiling's wait; fresh networks then wait.
      expect((await tryPassword('127.0.20.7', 'nora', 'guess 51')).status).toBe(401);
      const fresh = await tryPassword('127.0.21.7', 'nora', 'nora password 12');
      expect(fresh.status).toBe(429);
      expect(fresh.body.error).toMatchObject({ code: 'locked', retry_after: 60 });
      // An unknown login spread the same way answers the same (no familiar network, no account to tell).
      for (let net = 30; net < 40; net++)
        for (let i = 0; i < 5; i++) await tryPassword(`127.0.${net}.7`, 'nobody-here', `guess ${i}`);
      expect((await tryPassword('127.0.40.7', 'nobody-here', 'guess 51')).status).toBe(401);
      expect(shape(await tryPassword('127.0.41.7', 'nobody-here', 'x'))).toEqual(shape(fresh));

      // Home is where nora signed in before: not charged to the ceiling, not refused by it.
      const home = await tryPassword(HOME, 'nora', 'nora password 12');
      expect(home.body.step.kind).toBe('done');
      // Travelling, on a network she never used and without the token: she waits, the documented price...
      expect((await tryPassword(TRAVEL, 'nora', 'nora password 12')).status).toBe(429);
      // ...unless her browser holds its device token.
      const withToken = await tryPassword(TRAVEL, 'nora', 'nora password 12', {
        'gluu-device': home.body.device_token!,
      });
      expect(withToken.body.step.kind).toBe('done');

      // What the store holds: the ceiling's count, and the familiar network as a marker that expires.
      const counters = backend.server.store.counters;
      expect((await counters.get(`acct:pwd:${loginCounter('nora')}`))?.failures).toBe(51);
      const user = (await backend.server.store.users.findByLogin('nora'))!;
      expect((await counters.get(`net:${user.id}@127.0.2.0/24`))?.expiresAt).toBeGreaterThan(
        backend.clock.now + 29 * 86_400_000,
      );

      // An administrator's unlock forgets every network's counter and the ceiling.
      await new Throttle(counters, backend.server.config.lockout).unlock(user, ['pwd']);
      expect(await counters.get(`acct:pwd:${loginCounter('nora')}`)).toBeUndefined();
      expect(await counters.get(`acct:pwd:${loginCounter('nora')}@127.0.1.0/24`)).toBeUndefined();
      expect((await tryPassword(TRAVEL, 'nora', 'nora password 12')).body.step.kind).toBe('done');
      expect((await tryPassword(ATTACKER_NET(2), 'nora', 'nora password 12')).body.step.kind).toBe('done');
      backend.clock.now = undefined;
    },
  );
});

describe('the passwordless username step', () => {
  let passkeys: TestBackend;
  let api: EmbeddedLogins;

  beforeAll(async () => {
    // Four free lookups per address, so the throttle shows within a few requests.
    passkeys = await startTestBackend({
      config: { methods: { passkey: { enabled: true } }, lockout: { ip: { free_attempts: 4 } } },
    });
    await passkeys.addUser('rosa', 'rosa password 12');
    api = await EmbeddedLogins.discover(passkeys.issuer);
  });
  afterAll(() => passkeys.close());

  const lookUp = async (login: string) => {
    const { handle } = await api.start('passkey');
    return api.api.act(handle, 'submit', { username: login });
  };
  const allowed = (answer: Awaited<ReturnType<typeof lookUp>>) => {
    const body = answer.body as FlowState;
    if (body.step.kind !== 'webauthn')
      throw new Error(`expected the passkey request, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return (
      (body.step.options as { allowCredentials?: { id: string; type: string; transports?: string[] }[] })
        .allowCredentials ?? []
    );
  };

  it('names stable decoy credentials, shaped like real ones, for a login with no passkey or no account', async () => {
    const ghost = allowed(await lookUp('ghost'));
    const again = allowed(await lookUp('GHOST')); // the same login, normalized
    const rosa = allowed(await lookUp('rosa'));
    expect(ghost.length).toBeGreaterThan(0);
    expect(again).toEqual(ghost);
    expect(rosa.length).toBeGreaterThan(0);
    expect(rosa.map((c) => c.id)).not.toEqual(ghost.map((c) => c.id));
    for (const c of [...ghost, ...rosa]) {
      expect(c.type).toBe('public-key');
      expect([16, 20, 32, 64]).toContain(Buffer.from(c.id, 'base64url').length);
      expect(c.transports!.length).toBeGreaterThan(0);
    }
  });

  it('throttles lookups per address: after the free ones and the first wait, 429 rate_limited', async () => {
    await passkeys.server.store.counters.delete(['ip:passkey-lookup:127.0.0.1', 'ip:passkey-lookup:::ffff:127.0.0.1']);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof lookUp>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await lookUp(`name-${i}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers.get('retry-after')).toBe('10');
    expect((last!.body as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});
