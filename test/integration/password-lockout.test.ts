// The password step as an attacker sees it: the same answers for unknown and known users, growing waits
// counted per account across flows and per IP, a hard stop, an admin unlock, and an audit line per try.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { loginCounter, Throttle } from '../../server/security/lockout.js';

let backend: TestBackend;
let logins: EmbeddedLogins;
let carolId: string;
/** The password counters of the test's address, as IPv4 and as IPv4-mapped IPv6. */
const IP_COUNTERS = ['ip:pwd:127.0.0.1', 'ip:pwd:::ffff:127.0.0.1'];

beforeAll(async () => {
  backend = await startTestBackend({
    config: {
      lockout: {
        account: {
          free_attempts: 2,
          initial_wait_seconds: 30,
          max_wait_seconds: 120,
          max_failures: 6,
          forget_after_seconds: 0,
        },
        ip: {
          free_attempts: 40,
          initial_wait_seconds: 10,
          max_wait_seconds: 60,
          max_failures: 0,
          forget_after_seconds: 3600,
        },
      },
    },
  });
  carolId = await backend.addUser('carol', 'carol password 1');
  await backend.addUser('dave', 'dave password 1');
  logins = await EmbeddedLogins.discover(backend.issuer);
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.clock.now = Date.now();
});

/** A new flow at the password step for `username`: its handle. */
const atPassword = async (username: string) => (await logins.atPassword(undefined, username)).handle;
const submitPassword = (handle: string, password: string) => logins.api.act(handle, 'submit', { password });

describe('wrong passwords and unknown users', () => {
  it('answers a wrong password with 401, the same step and an error on the password field', async () => {
    const handle = await atPassword('dave');
    const response = await submitPassword(handle, 'not the password');
    expect(response.status).toBe(401);
    const body = state(response);
    expect(body.step).toEqual({ kind: 'password', username: 'dave' });
    expect(body.error).toEqual({
      code: 'invalid_credentials',
      message: 'Incorrect username or password.',
      field: 'password',
    });
    expect(state(await submitPassword(handle, 'dave password 1')).step.kind).toBe('done'); // forget the failure
  });

  it('answers an unknown user exactly like a known one, after a real (dummy) argon2 verification', async () => {
    const verify = vi.spyOn(backend.server.hasher, 'verify');
    const known = await submitPassword(await atPassword('dave'), 'wrong password');
    const unknown = await submitPassword(await atPassword('nobody-here'), 'wrong password');
    expect(known.status).toBe(401);
    expect(state(known).error?.code).toBe('invalid_credentials');
    expect(unknown.status).toBe(known.status);
    const strip = (b: ReturnType<typeof state>) => ({
      ...b,
      flow: '',
      expires_in: 0,
      step: { ...b.step, username: '' },
    });
    expect(strip(state(unknown))).toEqual(strip(state(known)));
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[1]![0]).toBeUndefined(); // no stored hash: the dummy one was used
    verify.mockRestore();
  });
});

describe('lockout', () => {
  it('gives free attempts, then growing waits, across parallel flows of the same account', async () => {
    const a = await atPassword('carol');
    const b = await atPassword('carol');
    expect((await submitPassword(a, 'wrong 1')).status).toBe(401);
    expect((await submitPassword(b, 'wrong 2')).status).toBe(401);
    expect((await submitPassword(a, 'wrong 3')).status).toBe(401); // third failure: a 30 s wait begins

    const locked = await submitPassword(b, 'carol password 1'); // even the right password waits
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(state(locked).error).toMatchObject({ code: 'locked', retry_after: 30, field: 'password' });
    expect(state(locked).error!.message).toBe('Too many failed attempts. Wait a moment before trying again.');

    backend.clock.now! += 31_000;
    expect((await submitPassword(a, 'wrong 4')).status).toBe(401); // now 60 s
    const longer = await submitPassword(a, 'wrong 5');
    expect(state(longer).error?.retry_after).toBe(60);

    backend.clock.now! += 61_000;
    const ok = state(await submitPassword(b, 'carol password 1'));
    expect(ok.step.kind).toBe('done');
    // A success forgets this network's failures; the ceiling over all networks keeps the four wrong ones
    // (an attacker elsewhere gets no fresh guesses from the owner's sign-in) and gave back the right one.
    expect(await backend.server.store.counters.get(`acct:pwd:${loginCounter('carol')}@127.0.0.0/24`)).toBeUndefined();
    expect((await backend.server.store.counters.get(`acct:pwd:${loginCounter('carol')}`))?.failures).toBe(4);
  });

  it('locks an unknown login the same way as a known one', async () => {
    const handle = await atPassword('ghost');
    for (let i = 0; i < 3; i++) expect((await submitPassword(handle, `wrong ${i}`)).status).toBe(401);
    const locked = await submitPassword(handle, 'wrong again');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(state(locked).error).toMatchObject({ code: 'locked', retry_after: 30, field: 'password' });
  });

  it('stops for good after max_failures until an administrator unlocks', async () => {
    const user = await backend.server.store.users.findByLogin('dave');
    const throttle = new Throttle(backend.server.store.counters, backend.server.config.lockout);
    await throttle.unlock(user!, ['pwd']); // start from zero: earlier tests left a failure
    for (let i = 0; i < 6; i++) {
      const response = await submitPassword(await atPassword('dave'), `wrong ${i}`);
      expect(response.status).toBe(401);
      backend.clock.now! += 200_000; // past any wait
    }
    let handle = await atPassword('dave');
    const locked = await submitPassword(handle, 'dave password 1');
    expect(locked.status).toBe(429);
    expect(state(locked).error?.retry_after).toBeUndefined();
    expect(state(locked).error).toMatchObject({ code: 'admin_unlock_required' });
    expect(state(locked).error?.message).toContain('administrator');
    backend.clock.now! += 86_400_000;
    handle = await atPassword('dave');
    expect((await submitPassword(handle, 'dave password 1')).status).toBe(429);

    await throttle.unlock(user!, ['pwd']);
    expect(state(await submitPassword(handle, 'dave password 1')).step.kind).toBe('done');
  });

  it('200 parallel wrong passwords over 10 flows of one user let exactly free attempts + 1 reach a check', async () => {
    await backend.addUser('eve', 'eve password 12');
    const handles = await Promise.all(Array.from({ length: 10 }, () => atPassword('eve')));
    const verify = vi.spyOn(backend.server.hasher, 'verify');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => submitPassword(handles[i % 10]!, `guess ${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    // free_attempts (2) pass freely; the third is checked and starts the wait; everything else waits.
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(197);
    expect(verify).toHaveBeenCalledTimes(3);
    verify.mockRestore();
    expect((await backend.server.store.counters.get(`acct:pwd:${loginCounter('eve')}`))?.failures).toBe(3);
  });

  it('limits one IP guessing across many accounts', async () => {
    await backend.server.store.counters.delete(IP_COUNTERS);
    const handles = await Promise.all(Array.from({ length: 45 }, (_, i) => atPassword(`spray-${i}`)));
    const statuses: number[] = [];
    for (const handle of handles) statuses.push((await submitPassword(handle, 'Winter2026!')).status);
    // 40 free attempts, the 41st checked (it starts the address's wait), the rest wait.
    expect(statuses).toEqual([...Array<number>(41).fill(401), ...Array<number>(4).fill(429)]);
  });
});

describe('successes from one address', () => {
  it('never lock it: each success takes back its own reserved attempt', async () => {
    await backend.server.store.counters.delete(IP_COUNTERS);
    await backend.addUser('office', 'office password 1');
    for (let i = 0; i < 45; i++) {
      const done = state(await submitPassword(await atPassword('office'), 'office password 1'));
      expect(done.step.kind).toBe('done');
    }
    const counters = await Promise.all(IP_COUNTERS.map((k) => backend.server.store.counters.get(k)));
    expect(counters).toEqual([undefined, undefined]);
  });
});

describe('audit log', () => {
  it('records each attempt with its outcome and never the password', () => {
    const attempts = backend.logs.filter((l) => l.event === 'auth.attempt');
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.some((l) => l.outcome === 'success' && l.user_id === carolId && l.method === 'password')).toBe(
      true,
    );
    expect(attempts.some((l) => l.outcome === 'failure' && typeof l.login_hash === 'string')).toBe(true);
    expect(attempts.some((l) => l.outcome === 'refused' && l.reason === 'locked')).toBe(true);
    const text = JSON.stringify(backend.logs);
    for (const secret of ['carol password 1', 'dave password 1', 'Winter2026!', 'wrong 3'])
      expect(text).not.toContain(secret);
  });
});
