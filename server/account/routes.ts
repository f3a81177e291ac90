// The account API (wire/account-api.ts): what <gluu-account> reads and changes. Every request carries an
// access token for this API (./access-token.ts); every change also carries a fresh proof of the account's
// strongest factor (./proof.ts), won through a step-up flow the element runs in place. Without one, changes
// are answered with RFC 9470's insufficient_user_authentication. Each change is audited and the owner told.
import { Hono, type Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import {
  type AccountFactorKind,
  type AccountFinished,
  type AccountFlowStarted,
  type AccountOverview,
  type AddFactorRequest,
  type ChangePasswordRequest,
  PROOF_HEADER,
  type RecoveryCodesIssued,
  type RenameFactorRequest,
} from '../../wire/account-api.js';
import type { FlowEngine } from '../flow/engine.js';
import { FlowApiError } from '../flow/errors.js';
import { PROOF_PURPOSE, redeemAccount, startEnrollment, startProof } from '../flow/placements/account.js';
import { RECOVERY_CODE_TYPE } from '../flow/binding.js';
import { clientIp } from '../http/client-ip.js';
import { errorStatus } from '../http/flow-errors.js';
import type { FlowStartLimit } from '../http/flow-start-limit.js';
import { jsonBodyLimit, readBody } from '../http/json-body.js';
import { MAX_BODY_BYTES } from '../http/flow-requests.js';
import { issueCodes, usable } from '../methods/recovery/codes.js';
import { credentialLabel, noticeFactorOf } from '../methods/credential-facts.js';
import { SMS_METHOD_NAMES } from '../methods/index.js';
import type { AuthMethod } from '../flow/types.js';
import type { AccountNotice } from '../notifications/types.js';
import { passwordContextWords } from '../security/password-context.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { type AccountCaller, accountCaller } from './access-token.js';
import { AccountApiError, insufficientAuthentication } from './errors.js';
import { accountFactorList, EMAIL_FACTOR_ID, PHONE_FACTOR_ID, removalRefused } from './factors.js';
import { type Proof, Proofs } from './proof.js';
import { AccountSessions } from './sessions.js';
import { cors } from '../http/cors.js';

type Env = { Bindings: HttpBindings; Variables: { caller: AccountCaller } };

export interface AccountApiDeps {
  provider: Provider;
  engine: FlowEngine;
  /** The enabled methods, by name: which factors can be added here. */
  methods: ReadonlyMap<string, AuthMethod>;
  flowStarts: FlowStartLimit;
}

const factorKind = z.enum(['passkey', 'otp', 'phone', 'email']);
const addFactorRequest = z.strictObject({ kind: factorKind });
const renameFactorRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    // One plain line: the name is shown in notices and lists.
    .regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'must be one line of plain text'),
});
const factorId = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be a factor id from the account overview');
const ticketParam = z.string().regex(/^[A-Za-z0-9_.-]{16,512}$/, 'must be the ticket of a finished flow');

// Both ways: what the schemas accept is the contract's request, and every contract request is what they parse.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<z.input<typeof addFactorRequest>, AddFactorRequest>,
  Same<z.input<typeof renameFactorRequest>, RenameFactorRequest>,
] = [true, true];
void agree;

export function accountApiRoutes({ provider, engine, methods, flowStarts }: AccountApiDeps): Hono<Env> {
  const { config, store, notifier, audit, hasher, sealer, clock, throttle } = engine.deps;
  const proofs = new Proofs(sealer, clock, config.account.proof_max_age_seconds * 1000);
  const sessions = new AccountSessions(store, config, provider, engine.deps.logger);
  const origins = new Set(config.clients.filter((c) => c.account_api).flatMap((c) => c.allowed_origins));
  const app = new Hono<Env>();

  app.use(
    '*',
    cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', PROOF_HEADER],
      exposeHeaders: ['WWW-Authenticate', 'Retry-After'],
      maxAgeSeconds: 600,
    }),
  );
  app.use('*', jsonBodyLimit(MAX_BODY_BYTES));
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.set(
      'caller',
      await accountCaller(provider, config, store.users, {
        authorization: c.req.header('authorization'),
        origin: c.req.header('origin'),
      }),
    );
    await next();
  });

  /** The method that enrolls `kind` here, when this provider lets users add it. */
  const enrollingMethod = (kind: AccountFactorKind): string | undefined => {
    switch (kind) {
      case 'passkey':
        return methods.has('webauthn') ? 'webauthn' : undefined;
      case 'otp':
        return methods.has('otp') ? 'otp' : undefined;
      case 'phone':
        return config.sms.enroll_phone ? SMS_METHOD_NAMES.find((m) => methods.has(m)) : undefined;
      case 'email':
        return methods.has('email_otp') && config.methods.email_otp.enroll_email ? 'email_otp' : undefined;
    }
  };
  const addable = (['passkey', 'otp', 'phone', 'email'] as const).filter((k) => enrollingMethod(k) !== undefined);

  /** The proof the request carries, if it is this caller's. */
  const proofOf = (c: Context<Env>): Proof | undefined => {
    const caller = c.get('caller');
    return proofs.open(c.req.header(PROOF_HEADER), caller.user.id, caller.authKey);
  };

  /** The caller's proof, when it is fresh and at the account's strongest level now; else the RFC 9470 refusal. */
  const freshProof = async (c: Context<Env>): Promise<Proof> => {
    const proof = proofOf(c);
    const { level } = await engine.strongestProof(c.get('caller').user.id);
    if (proof && proofs.secondsLeft(proof, level) > 0) return proof;
    throw insufficientAuthentication(config.account.proof_max_age_seconds);
  };

  const overview = async (c: Context<Env>, proof = proofOf(c)): Promise<AccountOverview> => {
    const { user, sessionUid } = c.get('caller');
    const [fresh, credentials, { level }] = await Promise.all([
      store.users.findById(user.id),
      store.credentials.listForUser(user.id),
      engine.strongestProof(user.id),
    ]);
    const current = fresh ?? user;
    const left = proofs.secondsLeft(proof, level);
    return {
      user: { username: current.username, email: current.email, phone: current.phone },
      factors: accountFactorList(current, credentials, config),
      can_add: [...addable],
      password: { min_length: config.password.min_length },
      ...(config.methods.recovery_code.enabled
        ? {
            recovery_codes: {
              left: usable(
                credentials.filter((cr) => cr.type === RECOVERY_CODE_TYPE),
                clock(),
              ).length,
            },
          }
        : {}),
      sessions: await sessions.list(current.id, sessionUid),
      ...(engine.trustedBrowsers.offered
        ? {
            trusted_browsers: (await engine.trustedBrowsers.list(current.id)).map((b) => ({
              id: b.id,
              device: b.device,
              trusted_at: Math.floor(b.trustedAt / 1000),
              expires_at: Math.floor(b.expiresAt / 1000),
            })),
          }
        : {}),
      proof: { fresh: left > 0, expires_in: left, max_age: config.account.proof_max_age_seconds },
    };
  };

  const changed = (c: Context<Env>, reason: string, extra: { factor?: string } = {}) =>
    audit.record({
      event: 'account.changed',
      outcome: 'success',
      reason,
      user_id: c.get('caller').user.id,
      client_id: c.get('caller').client.client_id,
      ip: clientIp(c, config.trust_proxy),
      ...extra,
    });

  /** Tells the owner, through every channel the account has; never holds up the answer. */
  const tell = (c: Context<Env>, notice: DistributiveOmit<AccountNotice, 'userId' | 'by' | 'at' | 'lang'>) => {
    const { user, client } = c.get('caller');
    const userAgent = c.req.header('user-agent');
    void notifier.accountChanged({
      ...notice,
      userId: user.id,
      by: {
        type: 'sign_in',
        clientName: client.client_name ?? client.client_id,
        ip: clientIp(c, config.trust_proxy),
        ...(userAgent ? { userAgent: userAgent.slice(0, 256) } : {}),
      },
      at: clock(),
      lang: c.req.query('lang'),
    } as AccountNotice);
  };

  const flowStart = async (c: Context<Env>) => {
    const ip = clientIp(c, config.trust_proxy);
    const refused = await flowStarts.charge(ip, 'embedded');
    if (refused) throw new AccountApiError(429, 'rate_limited', refused.message, undefined, refused.retry_after);
    const { user, client, authKey, origin } = c.get('caller');
    const lang = c.req.query('lang');
    return {
      userId: user.id,
      username: user.username,
      clientId: client.client_id,
      authKey,
      origin,
      lang: lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : undefined,
      ip,
      userAgent: c.req.header('user-agent'),
    };
  };

  app.get('/', async (c) => c.json(await overview(c)));

  app.post('/proof', async (c) => {
    const started: AccountFlowStarted = { flow: await startProof(engine, await flowStart(c)) };
    return c.json(started, 201);
  });

  app.post('/factors', async (c) => {
    const { kind } = await readBody(c, addFactorRequest);
    const method = enrollingMethod(kind);
    if (!method) throw new FlowApiError('invalid_request', `A ${kind} cannot be added on this provider.`, 'kind');
    const proof = await freshProof(c);
    const started: AccountFlowStarted = {
      flow: await startEnrollment(engine, await flowStart(c), method, { amr: proof.amr, at: proof.at }),
    };
    return c.json(started, 201);
  });

  app.post('/finish', async (c) => {
    const ticket = ticketParam.safeParse(c.req.query('ticket'));
    if (!ticket.success)
      throw new FlowApiError('invalid_request', 'The ticket of a finished flow is required.', 'ticket');
    const { user, authKey } = c.get('caller');
    const redeemed = await redeemAccount(engine, ticket.data, authKey, user.id);
    if (!redeemed) throw new FlowApiError('flow_not_found', 'This flow has ended, was taken, or is not yours.');
    if ('denied' in redeemed) throw new AccountApiError(403, 'access_denied', redeemed.denied);
    const { level } = await engine.strongestProof(user.id);
    // A step-up's proof is new; an enrollment carries on the proof it was started with (it proved nothing new).
    const at = redeemed.purpose === PROOF_PURPOSE ? redeemed.login.authTime * 1000 : (redeemed.proofAt ?? 0);
    const proof: Proof = { userId: user.id, authKey, at, amr: redeemed.login.amr, level };
    if (redeemed.purpose === PROOF_PURPOSE) {
      audit.record({
        event: 'account.proof',
        outcome: 'success',
        user_id: user.id,
        client_id: c.get('caller').client.client_id,
        amr: redeemed.login.amr,
        ip: clientIp(c, config.trust_proxy),
      });
    }
    const finished: AccountFinished = {
      proof: proofs.issue(proof),
      expires_in: proofs.secondsLeft(proof, level),
      overview: await overview(c, proof),
    };
    return c.json(finished);
  });

  app.patch('/factors/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const { name } = await readBody(c, renameFactorRequest);
    await freshProof(c);
    const { user } = c.get('caller');
    if (id === PHONE_FACTOR_ID || id === EMAIL_FACTOR_ID || !(await ownsListed(user.id, id))) {
      throw new FlowApiError('not_found', 'Your account has no factor with this id that can be renamed.', 'id');
    }
    if (!(await store.credentials.rename(user.id, id, name))) {
      throw new FlowApiError('not_found', 'Your account has no factor with this id that can be renamed.', 'id');
    }
    changed(c, 'factor_renamed');
    return c.json(await overview(c));
  });

  /** Whether `id` is one of the factors the page lists for this user (not a recovery code, not another's). */
  const ownsListed = async (userId: string, id: string) => {
    const [user, credentials] = await Promise.all([
      store.users.findById(userId),
      store.credentials.listForUser(userId),
    ]);
    return Boolean(user && accountFactorList(user, credentials, config).some((f) => f.id === id));
  };

  app.delete('/factors/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    await freshProof(c);
    const { user: caller } = c.get('caller');
    const [user, credentials] = await Promise.all([
      store.users.findById(caller.id),
      store.credentials.listForUser(caller.id),
    ]);
    const factors = user ? accountFactorList(user, credentials, config) : [];
    const factor = factors.find((f) => f.id === id);
    if (!user || !factor) throw new FlowApiError('not_found', 'Your account has no factor with this id.', 'id');
    const refused = removalRefused(factors, id);
    if (refused) throw new AccountApiError(409, 'last_factor', refused);
    if (id === PHONE_FACTOR_ID) {
      await store.users.update(user.id, { phone: null, phoneVerified: false });
      changed(c, 'factor_removed', { factor: 'phone' });
      tell(c, { kind: 'phone_changed', previousPhone: user.phone });
    } else if (id === EMAIL_FACTOR_ID) {
      await store.users.update(user.id, { email: null, emailVerified: false });
      changed(c, 'factor_removed', { factor: 'email' });
      tell(c, { kind: 'email_changed', previousEmail: user.email });
    } else {
      const credential = credentials.find((cr) => cr.id === id)!;
      if (!(await store.credentials.remove(user.id, id))) {
        throw new FlowApiError('not_found', 'Your account has no factor with this id.', 'id');
      }
      const noticeFactor = noticeFactorOf(credential.type);
      const label = credentialLabel(credential.metadata);
      changed(c, 'factor_removed', { factor: factor.kind });
      tell(c, {
        kind: 'factor_removed',
        ...(noticeFactor ? { factor: noticeFactor } : {}),
        ...(label ? { label } : {}),
      });
    }
    return c.json(await overview(c));
  });

  app.post('/recovery-codes', async (c) => {
    if (!config.methods.recovery_code.enabled) {
      throw new FlowApiError('invalid_request', 'Recovery codes are not used on this provider.');
    }
    await freshProof(c);
    const { user } = c.get('caller');
    const codes = await issueCodes(engine.deps, user.id, config.methods.recovery_code.count);
    audit.record({
      event: 'recovery_code.issued',
      outcome: 'success',
      user_id: user.id,
      client_id: c.get('caller').client.client_id,
      reason: 'account_page',
      ip: clientIp(c, config.trust_proxy),
    });
    tell(c, { kind: 'recovery_codes_regenerated', count: codes.length });
    const issued: RecoveryCodesIssued = { codes, overview: await overview(c) };
    return c.json(issued);
  });

  app.post('/password', async (c) => {
    const schema = z.strictObject({ password: z.string().max(config.password.max_length) });
    const { password } = (await readBody(c, schema)) satisfies ChangePasswordRequest;
    if (config.users.driver === 'ldap') {
      throw new FlowApiError('invalid_request', 'Your password is managed by your directory: change it there.');
    }
    await freshProof(c);
    const { user } = c.get('caller');
    const problem = hasher.checkNew(password, passwordContextWords(config, user));
    if (problem) throw new FlowApiError('weak_password', problem.message, 'password');
    await store.users.update(user.id, { passwordHash: await hasher.hash(password) });
    // The owner's own failures are forgotten: the new password is theirs.
    await throttle.unlock(user, ['pwd']);
    changed(c, 'password_changed');
    tell(c, { kind: 'password_changed' });
    return c.json(await overview(c));
  });

  app.delete('/sessions/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    await freshProof(c);
    const { user } = c.get('caller');
    if (!(await sessions.end(user.id, id)))
      throw new FlowApiError('not_found', 'No session of yours has this id.', 'id');
    changed(c, 'session_ended');
    return c.json(await overview(c));
  });

  app.delete('/sessions', async (c) => {
    await freshProof(c);
    const { user, sessionUid } = c.get('caller');
    const ended = await sessions.endAllBut(user.id, sessionUid);
    changed(c, `sessions_ended:${ended}`);
    return c.json(await overview(c));
  });

  // Ending the trust of a browser: sign-ins there ask for the second factor again.
  app.delete('/trusted-browsers/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    await freshProof(c);
    const { user } = c.get('caller');
    if (!(await engine.trustedBrowsers.revoke(user.id, id)))
      throw new FlowApiError('not_found', 'No trusted browser of yours has this id.', 'id');
    changed(c, 'trusted_browser_removed');
    return c.json(await overview(c));
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.onError((err, c) => {
    c.header('Cache-Control', 'no-store');
    if (err instanceof AccountApiError) {
      if (err.challenge) c.header('WWW-Authenticate', err.challenge);
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json(err.toBody(), err.status);
    }
    if (err instanceof FlowApiError) {
      const status = errorStatus(err.code);
      if (status === 413) c.header('Connection', 'close');
      return c.json(err.toBody(), status);
    }
    if (err instanceof StoreUnavailableError) {
      c.header('Retry-After', '5');
      return c.json(
        {
          error: {
            code: 'service_unavailable',
            message: 'Your account is unavailable for a moment. Try again shortly.',
          },
        },
        503,
      );
    }
    engine.deps.logger.error({ err, path: c.req.path }, 'account API: unhandled error');
    return c.json({ error: { code: 'server_error', message: 'Something went wrong on our side. Try again.' } }, 500);
  });
  return app;
}

function parseId(raw: string): string {
  const id = factorId.safeParse(raw);
  if (!id.success) throw new FlowApiError('invalid_request', 'The id is not one from the account overview.', 'id');
  return id.data;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
