// A passkey or security key after the password (webauthn.second_factor): used when the user has one,
// otherwise offered for registration (required: must register now; optional: may skip).
import type { Config } from '../../config.js';
import type { AuditOutcome } from '../../security/audit.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { auditFlow } from '../attempt.js';
import {
  authenticationOptions,
  CeremonyError,
  CREDENTIAL_ACTION,
  CREDENTIAL_TYPE,
  finishAuthentication,
  finishRegistration,
  registrationOptions,
  relyingParty,
  type CeremonyState,
} from './ceremonies.js';

export function createWebauthnSecondFactor(config: Config): AuthMethod {
  const rp = relyingParty(config);
  const policy = config.webauthn.second_factor;
  const uv = config.webauthn.user_verification;
  const stateOf = (ctx: MethodContext) => ctx.flow.methodState as unknown as CeremonyState;

  const audit = (ctx: MethodContext, outcome: AuditOutcome, reason?: string) => auditFlow(ctx, { event: 'auth.attempt', method: 'webauthn', outcome, ...(reason ? { reason } : {}) });

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
        actions: { submit: CREDENTIAL_ACTION, ...(state.mode === 'register' && policy === 'optional' ? { skip: { inputs: {} } } : {}) },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      const state = stateOf(ctx);
      if (action === 'skip') {
        audit(ctx, 'refused', 'registration_skipped');
        return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
      }
      try {
        const { amr } =
          state.mode === 'register'
            ? await finishRegistration(ctx, rp, state, inputs.credential!, uv === 'required')
            : await finishAuthentication(ctx, rp, state, inputs.credential!, { requireUserVerification: uv === 'required', userId: ctx.flow.userId! });
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
