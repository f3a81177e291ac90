import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Sealer } from '../../server/security/seal.js';
import { refundAttempt, reserveAttempt, UNFORGETFUL_KEEP_MS, waitSeconds } from '../../server/security/lockout.js';
import { PasswordHasher } from '../../server/security/passwords.js';
import { parseConfig } from '../../server/config.js';
import { AcrCatalog } from '../../server/flow/acr.js';

describe('sealing secrets at rest', () => {
  const sealer = new Sealer(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = sealer.seal('totp secret', 'credential:1');
    const b = sealer.seal('totp secret', 'credential:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('totp');
    expect(sealer.open(a, 'credential:1')).toBe('totp secret');
  });

  it('refuses a value moved to another context, a tampered value and another key', () => {
    const sealed = sealer.seal('secret', 'credential:1');
    expect(() => sealer.open(sealed, 'credential:2')).toThrow();
    const [v, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => sealer.open(`${v}.${iv}.${flipped.toString('base64url')}`, 'credential:1')).toThrow();
    expect(() => new Sealer(randomBytes(32)).open(sealed, 'credential:1')).toThrow();
  });
});

describe('lockout waits', () => {
  const policy = {
    free_attempts: 3,
    initial_wait_seconds: 30,
    max_wait_seconds: 300,
    max_failures: 10,
    forget_after_seconds: 0,
  };

  it('are free at first, then double up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => waitSeconds(n, policy))).toEqual([
      0, 0, 0, 30, 60, 120, 240, 300, 300,
    ]);
  });

  it('count an attempt before the check and refuse while waiting', () => {
    const now = 1_000_000;
    let state = undefined as ReturnType<typeof reserveAttempt>['next'];
    for (let i = 0; i < 4; i++) {
      const step = reserveAttempt(state, policy, now);
      expect(step.result).toEqual({ allowed: true });
      state = step.next;
    }
    // A policy that forgets only on success still lets a counter go after 30 quiet days (unknown logins).
    expect(state).toEqual({
      failures: 4,
      lockedUntil: now + 30_000,
      lastFailureAt: now,
      expiresAt: now + UNFORGETFUL_KEEP_MS,
    });
    expect(reserveAttempt(state, policy, now + 10_000).result).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(reserveAttempt(state, policy, now + 30_000).result).toEqual({ allowed: true });
  });

  it('take back a reserved attempt after a success, with the wait of the failures that remain', () => {
    expect(refundAttempt({ failures: 1, lockedUntil: 0, lastFailureAt: 5 }, policy)).toBeUndefined();
    expect(refundAttempt({ failures: 5, lockedUntil: 60_005, lastFailureAt: 5 }, policy)).toEqual({
      failures: 4,
      lockedUntil: 30_005,
      lastFailureAt: 5,
      expiresAt: 5 + UNFORGETFUL_KEEP_MS,
    });
    expect(refundAttempt({ failures: 4, lockedUntil: 30_005, lastFailureAt: 5 }, policy)).toEqual({
      failures: 3,
      lockedUntil: 0,
      lastFailureAt: 5,
      expiresAt: 5 + UNFORGETFUL_KEEP_MS,
    });
  });

  it('stop for good at max_failures, and forget after a quiet period when configured', () => {
    const locked = { failures: 10, lockedUntil: 0, lastFailureAt: 0 };
    expect(reserveAttempt(locked, policy, 10 ** 12).result).toEqual({ allowed: false, retryAfterSeconds: undefined });
    // The opt-in permanent lock is the one counter kept until `user unlock`.
    expect(reserveAttempt({ failures: 9, lockedUntil: 0, lastFailureAt: 0 }, policy, 1).next).toEqual({
      failures: 10,
      lockedUntil: 1 + 300_000,
      lastFailureAt: 1,
    });
    const forgetful = { ...policy, max_failures: 0, forget_after_seconds: 60 };
    expect(reserveAttempt({ failures: 9, lockedUntil: 0, lastFailureAt: 0 }, forgetful, 61_000).next).toMatchObject({
      failures: 1,
    });
  });
});

describe('password hashing', () => {
  const hasher = new PasswordHasher(parseConfig({}).password);

  it('uses argon2id with m=19456 KiB, t=2, p=1 and a random salt', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify(a, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(a, 'correct horse batterY')).toBe(false);
  });

  it('does not truncate: a 1000-character password differs from its 999-character prefix', async () => {
    const long = `${'x'.repeat(999)}y`;
    const hash = await hasher.hash(long);
    expect(await hasher.verify(hash, long)).toBe(true);
    expect(await hasher.verify(hash, 'x'.repeat(999))).toBe(false);
  });

  it('normalizes Unicode (NFKC) so the same characters typed differently match', async () => {
    const hash = await hasher.hash('caf\u00e9 au lait');
    expect(await hasher.verify(hash, 'cafe\u0301 au lait')).toBe(true);
  });

  it('refuses passwords outside the policy and answers false for no stored hash', async () => {
    expect(hasher.check('short')).toMatchObject({ code: 'too_short' });
    expect(hasher.check('x'.repeat(1025))).toMatchObject({ code: 'too_long' });
    expect(await hasher.verify(undefined, 'anything at all')).toBe(false);
    expect(await hasher.verify(null, 'anything at all')).toBe(false);
  });

  it('asks for a rehash of hashes weaker than configured', async () => {
    expect(hasher.needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('a good password'))).toBe(false);
    expect(hasher.needsRehash('$2b$10$bcrypt')).toBe(true);
  });
});

describe('acr selection (Gluu rule)', () => {
  const config = parseConfig({
    clients: [
      { client_id: 'a', client_secret: 'x'.repeat(32), redirect_uris: ['https://a/cb'], default_acr: 'password' },
    ],
  });
  const acrs = new AcrCatalog(config);

  it('takes the first enabled requested value, else the client default, else the highest level', () => {
    expect(acrs.resolve('nope password').acr).toBe('password');
    expect(acrs.resolve(undefined, config.clients[0]).acr).toBe('password');
    expect(acrs.resolve('').acr).toBe('password');
    expect(acrs.supported()).toEqual(['password']);
    expect(acrs.get('password')?.chain).toEqual(['password']);
  });

  it('lets a session satisfy requests of its level or lower only', () => {
    const target = acrs.get('password')!;
    expect(acrs.satisfies('password', target)).toBe(true);
    expect(acrs.satisfies(undefined, target)).toBe(false);
    expect(acrs.satisfies('unknown', target)).toBe(false);
  });
});
