// The audit log's login_hash names what an unknown login typed without storing it. A plain SHA-256 of it
// could be read back by hashing a list of likely names (or every e-mail address of a leak): the hash is
// keyed with a key derived from the seal key, the same for every instance of a deployment.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, RP_ORIGIN } from '../helpers/oidc-client.js';
import { FlowApi, state } from '../helpers/flow-api.js';

const DEPLOYMENT_KEY = randomBytes(32).toString('base64url');
let first: TestBackend;
let second: TestBackend;
let other: TestBackend;

beforeAll(async () => {
  [first, second, other] = await Promise.all([
    startTestBackend({ config: { seal_key: DEPLOYMENT_KEY } }),
    startTestBackend({ config: { seal_key: DEPLOYMENT_KEY } }),
    startTestBackend({ config: { seal_key: randomBytes(32).toString('base64url') } }),
  ]);
});
afterAll(() => Promise.all([first, second, other].map((b) => b?.close())));

/** Signs in as `login` (no such user) with a wrong password; the login_hash of the attempt's audit line. */
async function loginHashOf(backend: TestBackend, login: string): Promise<string> {
  const api = new FlowApi(backend.issuer, RP_ORIGIN);
  const flow = state(await api.start((await authorizationRequest(await discover(backend.issuer))).url.href)).flow;
  state(await api.act(flow, 'submit', { username: login }));
  const before = backend.logs.length;
  const refused = await api.act(flow, 'submit', { password: 'not the password 1' });
  expect(refused.status).toBe(401);
  const hashes = backend.logs
    .slice(before)
    .flatMap((l) => (l.event === 'auth.attempt' && typeof l.login_hash === 'string' ? [l.login_hash] : []));
  expect(hashes).toHaveLength(1);
  return hashes[0]!;
}

const plainSha256 = (login: string) => createHash('sha256').update(login.normalize('NFKC').toLowerCase()).digest('hex');

describe('the audit log’s login_hash', () => {
  it('is not the plain SHA-256 of the login (no dictionary reads it back)', async () => {
    const hash = await loginHashOf(first, 'nobody-at-all');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(plainSha256('nobody-at-all').startsWith(hash)).toBe(false);
  });

  it('is stable for one login (any spelling) within an instance and across the instances of a deployment', async () => {
    const hash = await loginHashOf(first, 'nobody-at-all');
    expect(await loginHashOf(first, 'NOBODY-at-all')).toBe(hash);
    expect(await loginHashOf(second, 'nobody-at-all')).toBe(hash);
    expect(await loginHashOf(first, 'somebody-else')).not.toBe(hash);
  });

  it('differs in a deployment with another seal key', async () => {
    expect(await loginHashOf(other, 'nobody-at-all')).not.toBe(await loginHashOf(first, 'nobody-at-all'));
  });
});
