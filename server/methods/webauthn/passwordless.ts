// Passwordless sign-in (acr passkey): the username step carries options for a discoverable passkey, used by
// the browser's autofill or a "Sign in with a passkey" button; typing a username instead leads to a passkey
// request for that account. Unknown users and users without a passkey see the same step (no enumeration).
import type { Config } from '../../config.js';
import type { ActionSpec, FlowError } from '../../protocol.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { FlowApiError } from '../../flow/errors.js';
import { Audit } from '../../security/audit.js';
import { authenticationOptions, CeremonyError, CREDENTIAL_TYPE, finishAuthentication, relyingParty, type CeremonyState } from './ceremonies.js';

const CREDENTIAL_INPUT: ActionSpec = { inputs: { credential: { type: 'credential', required: true, max_length: 12_000 } } };
const USERNAME_INPUT: ActionSpec = { inputs: { username: { type: 'text', required: true, min_length: 1, max_length: 256, autocomplete: 'username webauthn' } } };

export function createPasskeyMethod(config: Config): AuthMethod {
  const rp = relyingParty(config);
  const stateOf = (ctx: MethodContext) => ctx.flow.methodState as unknown as CeremonyState;

  const audit = (ctx: MethodContext, outcome: 'success' | 'failure' | 'refused', reason?: string, userId?: string) =>
    ctx.deps.audit.record({
      event: 'auth.attempt',
      method: 'passkey',
      outcome,
      client_id: ctx.flow.clientId,
      ip: ctx.ip,
      flow: ctx.flow.id.slice(0, 8),
      ...(userId ? { user_id: userId } : ctx.flow.login ? { login_hash: Audit.loginHash(ctx.flow.login) } : {}),
      ...(reason ? { reason } : {}),
    });

  /** Discoverable: no allowCredentials, the authenticator offers what it holds for this RP. */
  const discoverable = async (ctx: MethodContext): Promise<Transition> => ({
    type: 'step',
    step: 'username',
    methodState: { ...(await authenticationOptions(ctx, rp, [], 'required')) },
    login: undefined,
  });

  /** After a typed username: that account's passkeys, or an empty list that looks the same for everyone else. */
  const forLogin = async (ctx: MethodContext, login: string, notice?: FlowError): Promise<Transition> => {
    const user = await ctx.deps.store.users.findByLogin(login);
    const credentials = user ? await ctx.deps.store.credentials.listForUser(user.id, CREDENTIAL_TYPE) : [];
    return { type: 'step', step: 'webauthn', methodState: { ...(await authenticationOptions(ctx, rp, credentials, 'required')) }, login, ...(notice ? { notice, status: 401 as const } : {}) };
  };

  return {
    name: 'passkey',

    start: (ctx) => discoverable(ctx),

    view(ctx): StepView {
      const state = stateOf(ctx);
      if (ctx.flow.step === 'username') {
        return { step: { kind: 'username', passkey: { options: state.options as never } }, actions: { submit: USERNAME_INPUT, passkey: CREDENTIAL_INPUT } };
      }
      return { step: { kind: 'webauthn', mode: 'authenticate', options: state.options }, actions: { submit: CREDENTIAL_INPUT, change_username: { inputs: {} } } };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'username' && action === 'submit') {
        const login = inputs.username!.trim();
        if (!login) throw new FlowApiError(400, 'invalid_request', 'Enter your username.', 'inputs.username');
        return forLogin(ctx, login);
      }
      if (action === 'change_username') return discoverable(ctx);
      const state = stateOf(ctx);
      // Passwordless: the passkey is the only factor, so the lockout counts its failures like a password's.
      const keys = ctx.deps.throttle.keysFor('passkey', { login: ctx.flow.login ?? 'discoverable' }, ctx.ip);
      const verdict = await ctx.deps.throttle.reserve([keys.ip]);
      if (!verdict.allowed) {
        audit(ctx, 'refused', 'locked');
        return { type: 'refuse', status: 429, error: { code: 'locked', message: 'Too many failed attempts. Wait a moment before trying again.', ...(verdict.retryAfterSeconds ? { retry_after: verdict.retryAfterSeconds } : {}) } };
      }
      const expectedUser = ctx.flow.login !== undefined ? (await ctx.deps.store.users.findByLogin(ctx.flow.login))?.id ?? 'nobody' : undefined;
      try {
        const { userId, amr } = await finishAuthentication(ctx, rp, state, inputs.credential!, { requireUserVerification: true, ...(expectedUser ? { userId: expectedUser } : {}) });
        await ctx.deps.throttle.succeeded({ key: `acct:passkey:user:${userId}`, policy: keys.account.policy }, keys.ip);
        audit(ctx, 'success', undefined, userId);
        return { type: 'complete', userId, amr: [amr] };
      } catch (err) {
        if (!(err instanceof CeremonyError)) throw err;
        audit(ctx, 'failure', err.reason);
        return ctx.flow.step === 'username' ? { ...(await discoverable(ctx)), notice: err.error, status: 401 } as Transition : forLogin(ctx, ctx.flow.login ?? '', err.error);
      }
    },
  };
}
