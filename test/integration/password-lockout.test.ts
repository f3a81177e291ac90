// The password step as an attacker sees it: the same answers for unknown and known users, growing waits
// counted per account across flows and per IP, a hard stop, an admin unlock, and an audit line per try.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, oidc } from '../helpers/oidc-client.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { Throttle } from '../../server/security/lockout.js';

const ORIGIN = 'http://localhost:3999';
let backend: TestBackend;
let config: oidc.Configuration;
let api: FlowApi;
let carolId: string;

beforeAll(async () => {
  backend = await startTestBackend({
    config: {
      lockout: {
        account: { free_attempts: 2, initial_wait_seconds: 30, max_wait_seconds: 120, max_failures: 6, forget_after_seconds: 0 },
        ip: { free_attempts: 40, initial_wait_seconds: 10, max_wait_seconds: 60, max_failures: 0, forget_after_seconds: 3600 },
      },
    },
  });
  carolId = await backend.addUser('carol', 'carol password 1');
  await backend.addUser('dave', 'dave password 1');
  config = await discover(backend.issuer);
  api = new FlowApi(backend.issuer, ORIGIN);
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.clock.now = Date.now();
});

async function atPassword(username: string): Promise<string> {
  const handle = state(await api.start((await authorizationRequest(config)).url.href)).flow;
  await api.act(handle, 'submit', { username });
  return handle;
}

describe('wrong passwords and unknown users', () => {
  it('answers a wrong password with 401, the same step and an error on the password field', async () => {
    const handle = await atPassword('dave');
    const response = await api.act(handle, 'submit', { password: 'not the password' });
    expect(response.status).toBe(401);
    const body = state(response);
    expect(body.step).toEqual({ kind: 'password', username: 'dave' });
    expect(body.error).toEqual({ code: 'invalid_credentials', message: 'Incorrect username or password.', field: 'password' });
    await api.act(handle, 'submit', { password: 'dave password 1' }); // forget the failure
  });

  it('answers an unknown user exactly like a known one, after a real (dummy) argon2 verification', async () => {
    const verify = vi.spyOn(backend.server.hasher, 'verify');
    const known = await api.act(await atPassword('dave'), 'submit', { password: 'wrong password' });
    const unknown = await api.act(await atPassword('nobody-here'), 'submit', { password: 'wrong password' });
    expect(unknown.status).toBe(known.status);
    const strip = (b: ReturnType<typeof state>) => ({ ...b, flow: '', expires_in: 0, step: { ...b.step, username: '' } });
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
    expect((await api.act(a, 'submit', { password: 'wrong 1' })).status).toBe(401);
    expect((await api.act(b, 'submit', { password: 'wrong 2' })).status).toBe(401);
    expect((await api.act(a, 'submit', { password: 'wrong 3' })).status).toBe(401); // third failure: a 30 s wait begins

    const locked = await api.act(b, 'submit', { password: 'carol password 1' }); // even the right password waits
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(state(locked).error).toMatchObject({ code: 'locked', retry_after: 30, field: 'password' });
    expect(state(locked).error!.message).toBe('Too many failed attempts. Wait a moment before trying again.');

    backend.clock.now! += 31_000;
    expect((await api.act(a, 'submit', { password: 'wrong 4' })).status).toBe(401); // now 60 s
    const longer = await api.act(a, 'submit', { password: 'wrong 5' });
    expect(state(longer).error?.retry_after).toBe(60);

    backend.clock.now! += 61_000;
    const ok = state(await api.act(b, 'submit', { password: 'carol password 1' }));
    expect(ok.step.kind).toBe('done');
    // A success forgets the failures.
    expect(await backend.server.store.counters.get(`acct:pwd:user:${carolId}`)).toBeUndefined();
  });

  it('locks an unknown login the same way as a known one', async () => {
    const handle = await atPassword('ghost');
    for (let i = 0; i < 3; i++) expect((await api.act(handle, 'submit', { password: `wrong ${i}` })).status).toBe(401);
    const locked = await api.act(handle, 'submit', { password: 'wrong again' });
    expect(locked.status).toBe(429);
    expect(state(locked).error?.retry_after).toBe(30);
  });

  it('stops for good after max_failures until an administrator unlocks', async () => {
    const user = await backend.server.store.users.findByLogin('dave');
    const throttle = new Throttle(backend.server.store.counters, backend.server.config.lockout);
    await throttle.unlock(user!.id, ['pwd']); // start from zero: earlier tests left a failure
    for (let i = 0; i < 6; i++) {
      const response = await api.act(await atPassword('dave'), 'submit', { password: `wrong ${i}` });
      expect(response.status).toBe(401);
      backend.clock.now! += 200_000; // past any wait
    }
    let handle = await atPassword('dave');
    const locked = await api.act(handle, 'submit', { password: 'dave password 1' });
    expect(locked.status).toBe(429);
    expect(state(locked).error?.retry_after).toBeUndefined();
    expect(state(locked).error?.message).toContain('administrator');
    backend.clock.now! += 86_400_000;
    handle = await atPassword('dave');
    expect((await api.act(handle, 'submit', { password: 'dave password 1' })).status).toBe(429);

    await throttle.unlock(user!.id, ['pwd']);
    expect(state(await api.act(handle, 'submit', { password: 'dave password 1' })).step.kind).toBe('done');
  });

  it('200 parallel wrong passwords over 10 flows of one user let exactly the free attempts + 1 through to a check', async () => {
    const eve = await backend.addUser('eve', 'eve password 12');
    const handles = await Promise.all(Array.from({ length: 10 }, () => atPassword('eve')));
    const verify = vi.spyOn(backend.server.hasher, 'verify');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => api.act(handles[i % 10]!, 'submit', { password: `guess ${i}` })));
    const statuses = answers.map((a) => a.status);
    // free_attempts (2) pass freely; the third is checked and starts the wait; everything else waits.
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(197);
    expect(verify).toHaveBeenCalledTimes(3);
    verify.mockRestore();
    expect((await backend.server.store.counters.get(`acct:pwd:user:${eve}`))?.failures).toBe(3);
  });

  it('limits one IP guessing across many accounts', async () => {
    const ipKey = `ip:pwd:${'127.0.0.1'}`;
    await backend.server.store.counters.delete([ipKey, `ip:pwd:::ffff:127.0.0.1`]);
    const handles = await Promise.all(Array.from({ length: 45 }, (_, i) => atPassword(`spray-${i}`)));
    const statuses: number[] = [];
    for (const handle of handles) statuses.push((await api.act(handle, 'submit', { password: 'Winter2026!' })).status);
    expect(statuses.slice(0, 41).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(41).every((s) => s === 429)).toBe(true);
  });
});

describe('successes from one address', () => {
  it('never lock it: each success takes back its own reserved attempt', async () => {
    await backend.server.store.counters.delete(['ip:pwd:127.0.0.1', 'ip:pwd:::ffff:127.0.0.1']);
    await backend.addUser('office', 'office password 1');
    for (let i = 0; i < 45; i++) {
      const done = state(await api.act(await atPassword('office'), 'submit', { password: 'office password 1' }));
      expect(done.step.kind).toBe('done');
    }
    const counters = await Promise.all(['ip:pwd:127.0.0.1', 'ip:pwd:::ffff:127.0.0.1'].map((k) => backend.server.store.counters.get(k)));
    expect(counters).toEqual([undefined, undefined]);
  });
});

describe('audit log', () => {
  it('records each attempt with its outcome and never the password', () => {
    const attempts = backend.logs.filter((l) => l.event === 'auth.attempt');
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.some((l) => l.outcome === 'success' && l.user_id === carolId && l.method === 'password')).toBe(true);
    expect(attempts.some((l) => l.outcome === 'failure' && typeof l.login_hash === 'string')).toBe(true);
    expect(attempts.some((l) => l.outcome === 'refused' && l.reason === 'locked')).toBe(true);
    const text = JSON.stringify(backend.logs);
    for (const secret of ['carol password 1', 'dave password 1', 'Winter2026!', 'wrong 3']) expect(text).not.toContain(secret);
  });
});
