// The anchor for the password-login benchmark: the least an oidc-provider login with our hash can cost.
// The same oidc-provider, the same argon2id parameters (our configuration's defaults) through @node-rs/argon2,
// an RS256 key like ours, PKCE and client_secret_basic like ours, and our storage adapter over our SQLite
// ArtifactStore (ANCHOR_STORE=sqlite) or oidc-provider's own memory adapter (ANCHOR_STORE=memory). Its one
// interaction takes the password in a form POST, verifies it and finishes at once: four exchanges per login
// (/auth, the form, the resume, /token). Run by bench/anchor-process.ts in a process of its own.
import { createServer, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { z } from 'zod';
import { parseConfig } from '../server/config.js';
import { artifactAdapter } from '../server/oidc/adapter.js';
import { CLAIMS_BY_SCOPE } from '../server/oidc/account.js';
import { SqliteArtifactStore } from '../server/store/sqlite/artifacts.js';
import { openSqlite } from '../server/store/sqlite/database.js';

const env = z
  .object({
    ANCHOR_PORT: z.coerce.number().int().positive(),
    ANCHOR_STORE: z.enum(['sqlite', 'memory']),
    ANCHOR_DIR: z.string().min(1),
    ANCHOR_CLIENT_SECRET: z.string().min(1),
    ANCHOR_USERNAME: z.string().min(1),
    ANCHOR_PASSWORD: z.string().min(1),
  })
  .parse(process.env);

const issuer = `http://localhost:${env.ANCHOR_PORT}`;
const argon2 = parseConfig({}).password.argon2;
const stored = await hash(env.ANCHOR_PASSWORD, {
  algorithm: 2, // argon2id
  memoryCost: argon2.memory_kib,
  timeCost: argon2.time_cost,
  parallelism: argon2.parallelism,
});
const ACCOUNT_ID = 'anchor-account';

const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'anchor', alg: 'RS256', use: 'sig' };

const adapter =
  env.ANCHOR_STORE === 'sqlite'
    ? artifactAdapter(new SqliteArtifactStore(await openSqlite(path.join(env.ANCHOR_DIR, 'anchor.sqlite'))))
    : undefined; // oidc-provider's in-memory adapter

const configuration: Configuration = {
  ...(adapter ? { adapter } : {}),
  clients: [
    {
      client_id: 'test-rp',
      client_secret: env.ANCHOR_CLIENT_SECRET,
      redirect_uris: ['http://localhost:3999/callback'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  findAccount: async (_ctx, sub) =>
    sub === ACCOUNT_ID
      ? { accountId: sub, claims: () => ({ sub, preferred_username: env.ANCHOR_USERNAME, updated_at: 0 }) }
      : undefined,
  jwks: { keys: [signingKey] } as Configuration['jwks'],
  claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, ...CLAIMS_BY_SCOPE },
  scopes: ['openid', 'profile', 'email', 'phone', 'offline_access'],
  responseTypes: ['code'],
  pkce: { required: () => true },
  cookies: { keys: ['anchor cookie key, not a secret'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client, as ours: no consent screen, the grant is made when the login finishes.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
    const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (existing) return existing;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ACCOUNT_ID });
    grant.addOIDCScope((ctx.oidc.params?.scope as string | undefined) ?? 'openid');
    await grant.save();
    return grant;
  },
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 86_400, Grant: 86_400 },
};

const provider = new Provider(issuer, configuration);
const oidc = provider.callback();

/** The form body, at most 4 KiB (a login form's worth). */
async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error('body too large');
  }
  return new URLSearchParams(text);
}

createServer((req, res) => {
  if (req.url === '/healthz') {
    res.end('ok');
    return;
  }
  if (req.method === 'POST' && req.url?.startsWith('/interaction/')) {
    void (async () => {
      try {
        await provider.interactionDetails(req, res); // the interaction cookie must match the URL's uid
        const form = await formBody(req);
        const password = form.get('password') ?? '';
        if (form.get('username') !== env.ANCHOR_USERNAME || !(await verify(stored, password))) {
          res.statusCode = 401;
          res.end('wrong username or password');
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: ACCOUNT_ID } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.statusCode = 400;
        res.end(String(err));
      }
    })();
    return;
  }
  oidc(req, res);
}).listen(env.ANCHOR_PORT, '127.0.0.1');

// A normal exit on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
