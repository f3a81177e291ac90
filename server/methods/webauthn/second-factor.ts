// A passkey or security key after the password (webauthn.second_factor): used when the user has one,
// otherwise offered for registration (required: must register now; optional: may skip).
import type { Config } from '../../config.js';
import type { ActionSpec } from '../../protocol.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { authenticationOptions, CeremonyError, CREDENTIAL_TYPE, finishAuthentication, finishRegistration, registrationOptions, relyingParty, type CeremonyState } from './ceremonies.js';

const CREDENTIAL_INPUT: ActionSpec = { inputs: { credential: { type: 'credential', required: true, max_length: 12_000 } } };

export function createWebauthnSecondFactor(config: Config): AuthMethod {
  const rp = relyingParty(config);
  const policy = config.webauthn.second_factor;
  const uv = config.webauthn.user_verification;
  const stateOf = (ctx: MethodContext) => ctx.flow.methodState as unknown as CeremonyState;

  const audit = (ctx: MethodContext, outcome: 'success' | 'failure' | 'refused', reason?: string) =>
    ctx.deps.audit.record({ event: 'auth.attempt', method: 'webauthn', outcome, client_id: ctx.flow.clientId, user_id: ctx.flow.userId, ip: ctx.ip, flow: ctx.flow.id.slice(0, 8), ...(reason ? { reason } : {}) });

  /** A fresh ceremony: a new challenge for every try, so none is ever used twice. */
  const ceremony = async (ctx: MethodContext): Promise<CeremonyState> => {
    const credentials = await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, CREDENTIAL_TYPE);
    if (credentials.length) return authenticationOptions(ctx, rp, credentials, uv);
    const user = (await ctx.deps.store.users.findById(ctx.flow.userId!))!;
    return registrationOptions(ctx, rp, { id: user.id, username: user.username }, uv);
  };

  return {
    name: 'webauthn',

    async start(ctx) {
      return { type: 'step', step: 'webauthn', methodState: { ...(await ceremony(ctx)) } };
    },

    view(ctx): StepView {
      const state = stateOf(ctx);
      return {
        step: { kind: 'webauthn', mode: state.mode, options: state.options },
        actions: { submit: CREDENTIAL_INPUT, ...(state.mode === 'register' && policy === 'optional' ? { skip: { inputs: {} } } : {}) },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      const state = stateOf(ctx);
      if (action === 'skip') {
        audit(ctx, 'refused', 'registration_skipped');
        return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
      }
      const keys = ctx.deps.throttle.keysFor('webauthn', { userId: ctx.flow.userId }, ctx.ip);
      try {
        const { amr } =
          state.mode === 'register'
            ? await finishRegistration(ctx, rp, state, inputs.credential!, uv === 'required')
            : await finishAuthentication(ctx, rp, state, inputs.credential!, { requireUserVerification: uv === 'required', userId: ctx.flow.userId! });
        await ctx.deps.throttle.succeeded(keys.account, keys.ip);
        audit(ctx, 'success', state.mode === 'register' ? 'registered' : undefined);
        return { type: 'complete', userId: ctx.flow.userId!, amr: [amr] };
      } catch (err) {
        if (!(err instanceof CeremonyError)) throw err;
        audit(ctx, 'failure', err.reason);
        // The challenge was spent: answer the refusal with a new one.
        return { type: 'step', step: 'webauthn', methodState: { ...(await ceremony(ctx)) }, notice: err.error, status: 401 };
      }
    },
  };
}
