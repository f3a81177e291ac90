// The multi-step password grant for API clients, as an oidc-provider custom grant: step 1 `username` (an SMS
// code goes to the account's phone, sent after the answer), step 2 the code (in `password`, where Gluu's
// clients send it, or in `otp`), step 3 `password` -> tokens. Each step is an action of one flow of the flow
// engine (same code rules, counters, limits and audit as the browser), whose handle is the session id.
// Answers are RFC 6749 JSON (400, no-store) with the X-ROPC-TWO-FA header Gluu's clients read beside them;
// codes expire and allow a few tries; sessions are bound to the client and the login, expire, and end with
// the tokens; steps cannot be skipped or repeated; an unknown user is answered exactly like a known one.
import Provider, { errors, type FindAccount, type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { FlowEngine } from '../flow/engine.js';
import type { FlowError } from '../../wire/flow-api.js';
import { apiAct, apiState, finishApi, startApi } from '../flow/placements/api.js';
import { FlowApiError } from '../flow/errors.js';
import { loginKey } from '../store/identifiers.js';
import type { Audit } from '../security/audit.js';

export const ROPC_HEADER = 'X-ROPC-TWO-FA';

/**
 * The seed's error codes. 10002 (user not found) and 10003 (no phone) are never sent: they would tell who has
 * an account.
 */
export const ROPC_CODES = {
  generic: 10001,
  smsNotSent: 10004,
  otpMismatch: 10005,
  sessionNotFound: 10006,
  sessionInvalid: 10007,
  badCredentials: 10008,
} as const;

const params = z.object({
  username: z.string().min(1).max(256).optional(),
  password: z.string().min(1).max(4096).optional(),
  otp: z.string().min(1).max(16).optional(),
  __step: z.enum(['1', '2', '3']).optional(),
  __session_id: z.string().max(64).optional(),
  auth_session: z.string().max(64).optional(),
  scope: z.string().max(1000).optional(),
});

class RopcAnswer extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly code: number,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

function reply(ctx: KoaContextWithOIDC, body: Record<string, unknown>, header: string, retryAfter?: number): void {
  ctx.status = 400;
  ctx.body = body;
  ctx.set(ROPC_HEADER, header);
  ctx.set('Cache-Control', 'no-store');
  if (retryAfter !== undefined) ctx.set('Retry-After', String(retryAfter));
}

function proceed(ctx: KoaContextWithOIDC, session: string, nextStep: 'otp' | 'password'): void {
  reply(
    ctx,
    {
      error: 'mfa_required',
      error_description:
        nextStep === 'otp'
          ? 'a code is being sent by SMS to the verified phone of the account this username names, if there is ' +
            'one: send it (step 2)'
          : 'the code is right: now send the password (step 3)',
      auth_session: session,
      next_step: nextStep,
    },
    `status=proceed;session_id=${session}`,
  );
}

export function registerPasswordGrant(
  provider: Provider,
  engine: FlowEngine,
  config: Config,
  audit: Audit,
  findAccount: FindAccount,
): void {
  const acr = config.ropc.sms_method;
  const chain = [acr, 'password'];
  const allowed = new Set(config.clients.filter((c) => c.grant_types.includes('password')).map((c) => c.client_id));

  const handler = async (ctx: KoaContextWithOIDC): Promise<void> => {
    const client = ctx.oidc.client!;
    if (!allowed.has(client.clientId))
      throw new errors.UnauthorizedClient('the password grant is not enabled for this client');
    const parsed = params.safeParse(ctx.oidc.params);
    if (!parsed.success)
      throw new errors.InvalidRequest(`${String(parsed.error.issues[0]!.path[0])}: ${parsed.error.issues[0]!.message}`);
    const p = parsed.data;
    const session = p.__session_id ?? p.auth_session;
    const ip = ctx.ip;
    try {
      if (!session) {
        if (p.__step && p.__step !== '1')
          throw new RopcAnswer(
            'invalid_request',
            `step ${p.__step} needs __session_id (or auth_session)`,
            ROPC_CODES.sessionNotFound,
          );
        if (!p.username) throw new errors.InvalidRequest('username is required');
        const started = await startApi(engine, { clientId: client.clientId, acr, chain, login: p.username, ip });
        const notice = started.body.error;
        if (
          notice &&
          (notice.code === 'rate_limited' || notice.code === 'sms_not_sent' || notice.code === 'phone_not_allowed')
        ) {
          // The send quotas of step 1 are charged to every login alike (server/methods/sms/method.ts), so this
          // refusal says nothing about who the account is; a provider's failure comes later, in the
          // background, and is only logged (answering it here would take the send's time, and say who exists).
          throw new RopcAnswer('invalid_request', notice.message, ROPC_CODES.smsNotSent, notice.retry_after);
        }
        proceed(ctx, started.body.flow, 'otp');
        return;
      }

      let current: Awaited<ReturnType<typeof apiState>>;
      try {
        current = await apiState(engine, session);
      } catch (err) {
        if (err instanceof FlowApiError)
          throw new RopcAnswer(
            'invalid_grant',
            'the session is unknown, used or expired: start again with step 1',
            ROPC_CODES.sessionNotFound,
          );
        throw err;
      }
      const state = current.body;
      const expected = state.step.kind === 'sms_code' ? '2' : state.step.kind === 'password' ? '3' : undefined;
      const sameLogin =
        p.username === undefined || (current.login !== undefined && loginKey(current.login) === loginKey(p.username));
      if (
        state.client.id !== client.clientId ||
        !expected ||
        (p.__step !== undefined && p.__step !== expected) ||
        !sameLogin
      ) {
        throw new RopcAnswer(
          'invalid_grant',
          'this step does not belong to this session (another client, another username, or a step out of order)',
          ROPC_CODES.sessionInvalid,
        );
      }

      if (expected === '2') {
        const code = p.otp ?? p.password;
        if (!code || !/^\d{6}$/.test(code))
          throw new RopcAnswer(
            'invalid_grant',
            'send the 6-digit code from the SMS in otp (or password)',
            ROPC_CODES.otpMismatch,
          );
        const answer = await apiAct(engine, session, { action: 'submit', inputs: { code } }, ip);
        if (answer.body.error) throw answerError(answer.body.error, ROPC_CODES.otpMismatch);
        proceed(ctx, session, 'password');
        return;
      }

      if (!p.password) throw new errors.InvalidRequest('password is required');
      const answer = await apiAct(engine, session, { action: 'submit', inputs: { password: p.password } }, ip);
      if (answer.body.error) throw answerError(answer.body.error, ROPC_CODES.badCredentials);
      const login = await finishApi(engine, session, client.clientId);
      if (!login)
        throw new RopcAnswer('invalid_grant', 'the session ended: start again with step 1', ROPC_CODES.sessionInvalid);
      await issueTokens(ctx, provider, findAccount, login, p.scope);
    } catch (err) {
      if (err instanceof RopcAnswer) {
        audit.record({
          event: 'auth.attempt',
          method: 'password_grant',
          outcome: 'failure',
          client_id: client.clientId,
          ip,
          reason: String(err.code),
        });
        reply(
          ctx,
          {
            error: err.error,
            error_description: err.description,
            ...(err.retryAfter ? { retry_after: err.retryAfter } : {}),
          },
          `status=error;error_code=${err.code}`,
          err.retryAfter,
        );
        return;
      }
      if (err instanceof FlowApiError && (err.code === 'flow_not_found' || err.code === 'flow_expired')) {
        reply(
          ctx,
          {
            error: 'invalid_grant',
            error_description: 'the session is unknown, used or expired: start again with step 1',
          },
          `status=error;error_code=${ROPC_CODES.sessionNotFound}`,
        );
        return;
      }
      if (err instanceof FlowApiError) {
        reply(
          ctx,
          { error: 'invalid_request', error_description: err.message },
          `status=error;error_code=${ROPC_CODES.generic}`,
        );
        return;
      }
      throw err;
    }
  };

  provider.registerGrantType('password', handler, [
    'username',
    'password',
    'otp',
    '__step',
    '__session_id',
    'auth_session',
    'scope',
  ]);
}

function answerError(error: FlowError, mismatch: number): RopcAnswer {
  if (error.code === 'locked' || error.code === 'admin_unlock_required')
    return new RopcAnswer('invalid_grant', error.message, mismatch, error.retry_after);
  if (mismatch === ROPC_CODES.badCredentials)
    return new RopcAnswer('invalid_grant', 'the username or password is not right', mismatch);
  return new RopcAnswer('invalid_grant', error.message, mismatch);
}

/** Tokens for a finished password-grant session, as oidc-provider issues them for a code. */
async function issueTokens(
  ctx: KoaContextWithOIDC,
  provider: Provider,
  findAccount: FindAccount,
  login: { accountId: string; acr: string; amr: string[]; authTime: number },
  requested: string | undefined,
): Promise<void> {
  const client = ctx.oidc.client!;
  const scopes = new Set((requested ?? 'openid').split(' ').filter(Boolean));
  const known = new Set(['openid', 'profile', 'email', 'phone', 'offline_access']);
  for (const scope of scopes) if (!known.has(scope)) throw new errors.InvalidScope(`unknown scope ${scope}`, scope);
  const refresh = scopes.has('offline_access') && client.grantTypeAllowed('refresh_token');
  if (!refresh) scopes.delete('offline_access');
  const scope = [...scopes].join(' ');

  const account = await findAccount(ctx, login.accountId);
  if (!account) throw new errors.InvalidGrant('the account no longer exists');
  ctx.oidc.entity('Account', account);

  const grant = new provider.Grant({ accountId: login.accountId, clientId: client.clientId });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();

  const at = new provider.AccessToken({ accountId: login.accountId, client, grantId, gty: 'password', scope });
  ctx.oidc.entity('AccessToken', at);
  const accessToken = await at.save();

  let refreshToken: string | undefined;
  if (refresh) {
    const rt = new provider.RefreshToken({
      accountId: login.accountId,
      acr: login.acr,
      amr: login.amr,
      authTime: login.authTime,
      client,
      grantId,
      gty: 'password',
      rotations: 0,
      scope,
    });
    refreshToken = await rt.save();
  }

  let idToken: string | undefined;
  if (scopes.has('openid')) {
    const claims = await account.claims('id_token', scope, {}, []);
    const token = new provider.IdToken(
      { ...claims, sub: login.accountId, acr: login.acr, amr: login.amr, auth_time: login.authTime },
      { ctx },
    );
    // As oidc-provider does with conformIdTokenClaims: the scope's claims go to userinfo, the id_token gets openid's.
    (token as unknown as { scope: string }).scope = 'openid';
    idToken = await token.issue({ use: 'idtoken' });
  }
  ctx.body = {
    access_token: accessToken,
    expires_in: at.expiration,
    token_type: at.tokenType,
    scope,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}
