// RFC 9700 §4.14: a copy of the database must not yield live tokens. After a sign-in, the raw access
// token, refresh token, code and provider session cookie appear nowhere in what the storage holds (the
// SQLite file with its -wal and -shm, or every Redis key and value), and they all still work.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SECRET, startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, exchange, oidc, postToken, RP_CALLBACK } from '../helpers/oidc-client.js';
import { atCallback, hostedLogin } from '../helpers/logins.js';
import { REDIS_URL, sharedStorageFor, sharedStorageWanted } from '../helpers/shared-storage.js';
import { UserAgent } from '../helpers/user-agent.js';
import { basicAuth } from '../helpers/basic-auth.js';
import { smsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';

const API_SECRET = 'api-client-secret-0123456789abcdefghijklmn';
const PHONE = '+14155552671';
let standIns: StandIns;
let backend: TestBackend;
let rp: oidc.Configuration;
let api: oidc.Configuration;
let userId: string;

beforeAll(async () => {
  standIns = await startStandIns();
  backend = await startTestBackend({
    // Refresh tokens come from the password grant only (offline_access needs prompt=consent in the code flow).
    extraClients: [{ client_id: 'api-client', client_secret: API_SECRET, grant_types: ['password', 'refresh_token'] }],
    config: {
      methods: { twilio_sms: standIns.methods.twilio_sms },
      ropc: { enabled: true, sms_method: 'twilio_sms' },
      default_acr: 'password',
    },
  });
  userId = await backend.addUser('olga', 'olga password 12', { phone: PHONE });
  rp = await discover(backend.issuer);
  api = await discover(backend.issuer, 'api-client', API_SECRET);
}, 60_000);
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});

/** Everything the storage holds, as one string to search: the SQLite files' bytes, or every Redis key and value. */
async function everythingStored(): Promise<string> {
  if (!sharedStorageWanted()) {
    return readdirSync(backend.dataDir)
      .filter((name) => /\.sqlite(-wal|-shm)?$/.test(name))
      .map((name) => readFileSync(path.join(backend.dataDir, name)).toString('latin1'))
      .join('\n');
  }
  const { keyPrefix } = sharedStorageFor(backend.dataDir);
  const redis = new Redis(REDIS_URL);
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      for (const key of keys) {
        parts.push(key);
        const type = await redis.type(key);
        if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'set') parts.push(...(await redis.smembers(key)));
        else if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1)));
        else if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
      }
      cursor = next;
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

async function expectNoneStored(values: Record<string, string>): Promise<void> {
  const stored = await everythingStored();
  // The right place is searched: the provider's artifacts are there (a grant's id is no bearer value).
  expect(stored).toContain('accountId');
  for (const [what, value] of Object.entries(values))
    expect(stored.includes(value), `${what} is stored in clear`).toBe(false);
}

/** The provider's cookie values in the browser. */
function cookiesOf(agent: UserAgent): Map<string, string> {
  return new Map([...agent.cookiesFor(new URL(backend.issuer).host)].map(([name, c]) => [name, c.value]));
}

const rpAuth = basicAuth('test-rp', CLIENT_SECRET);
const apiAuth = basicAuth('api-client', API_SECRET);

async function revoke(token: string, authorization: string): Promise<number> {
  const response = await fetch(`${backend.issuer}/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams({ token }),
  });
  return response.status;
}

describe('tokens, codes and sessions at rest (RFC 9700 §4.14)', () => {
  it('after a sign-in, holds neither the code, access token nor session cookie in clear; all still work', async () => {
    const agent = new UserAgent();
    const request = await authorizationRequest(rp);
    const callback = await hostedLogin(backend.issuer, request, 'olga', 'olga password 12', agent);
    const code = new URL(callback).searchParams.get('code')!;
    const tokens = await exchange(rp, callback, request);
    const session = cookiesOf(agent).get('_session')!;
    expect(session).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    await expectNoneStored({ code, access_token: tokens.access_token, session_cookie: session });

    // The access token is found by its value.
    expect(await oidc.fetchUserInfo(rp, tokens.access_token, userId)).toMatchObject({ sub: userId });
    // The session cookie is found by its value: the next authorization request goes straight back to the RP.
    const again = await authorizationRequest(rp);
    const { url: back } = await agent.follow(again.url.href, atCallback);
    expect(back.startsWith(RP_CALLBACK)).toBe(true);
    expect((await exchange(rp, back, again)).claims()!.sub).toBe(userId);
    // The code is still single use.
    const replay = await postToken(
      backend.issuer,
      { grant_type: 'authorization_code', code, redirect_uri: RP_CALLBACK, code_verifier: request.verifier },
      rpAuth,
    );
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    // Revocation finds the access token by its value.
    expect(await revoke(tokens.access_token, rpAuth)).toBe(200);
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, userId)).rejects.toThrow();
    // Logout finds the session by the cookie: afterwards the browser is asked to sign in again.
    const confirm = await agent.request(
      oidc.buildEndSessionUrl(rp, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: 'http://localhost:3999/',
      }).href,
    );
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await confirm.text())?.[1];
    const submitted = await agent.request(`${backend.issuer}/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    expect(submitted.status).toBe(303);
    const next = await authorizationRequest(rp);
    expect((await agent.follow(next.url.href, atCallback)).url).toMatch(/\/interaction\//);
  });

  it('holds no refresh token in clear either, and refresh and revocation still find it by its value', async () => {
    const since = Date.now();
    const first = await oidc
      .genericGrantRequest(api, 'password', { username: 'olga' })
      .catch((err: unknown) => err as oidc.ResponseBodyError);
    const session = ((first as oidc.ResponseBodyError).cause as Record<string, unknown>).auth_session as string;
    const text = await standIns.inbox.next(PHONE, { since });
    await oidc
      .genericGrantRequest(api, 'password', { auth_session: session, otp: smsCode(text) })
      .catch(() => undefined);
    const tokens = await oidc.genericGrantRequest(api, 'password', {
      auth_session: session,
      password: 'olga password 12',
      scope: 'openid offline_access',
    });
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    await expectNoneStored({ access_token: tokens.access_token, refresh_token: tokens.refresh_token! });

    const refreshed = await oidc.refreshTokenGrant(api, tokens.refresh_token!);
    expect(await oidc.fetchUserInfo(api, refreshed.access_token, userId)).toMatchObject({ sub: userId });
    const current = refreshed.refresh_token ?? tokens.refresh_token!;
    await expectNoneStored({ access_token: refreshed.access_token, refresh_token: current });
    expect(await revoke(current, apiAuth)).toBe(200);
    const afterRevocation = await postToken(
      backend.issuer,
      { grant_type: 'refresh_token', refresh_token: current },
      apiAuth,
    );
    expect(await afterRevocation.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
