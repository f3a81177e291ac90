// A passkey or security key after the password (webauthn.second_factor): used when the user has one,
// otherwise offered for registration (required: must register now; optional: may skip). Registration binds
// a factor, so it follows the binding rule: an account with another second factor proves it first (when
// registration is required) or is simply not offered one (optional). Also the way to prove an existing
// passkey before another factor binds, whatever webauthn.second_factor says.
import type { Config } from '../../config.js';
import type { AuditOutcome } from '../../security/audit.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { auditFlow } from '../attempt.js';
import { bindingGate, bindingVerdict, factorBound, provedSecondFactor } from '../../flow/binding.js';
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

export function createWebauthnSecondFactor(config: Config): AuthMethod<CeremonyState> {
  const rp = relyingParty(config);
  const policy = config.webauthn.second_factor;
  const uv = config.webauthn.user_verification;

  const audit = (ctx: MethodContext, outcome: AuditOutcome, reason?: string) =>
    auditFlow(ctx, { event: 'auth.attempt', method: 'webauthn', outcome, ...(reason ? { reason } : {}) });

  /** A fresh ceremony: a new challenge for every try, so none is ever used twice. */
  const ceremony = async (ctx: MethodContext): Promise<CeremonyState> => {
    const credentials = await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, CREDENTIAL_TYPE);
    // On the account page a passkey is added beside the ones the account has.
    if (credentials.length && ctx.flow.adding !== 'webauthn') return authenticationOptions(ctx, rp, credentials, uv);
    const user = (await ctx.deps.store.users.findById(ctx.flow.userId!))!;
    return registrationOptions(ctx, rp, { id: user.id, username: user.username }, uv);
  };

  return {
    name: 'webauthn',

    async start(ctx) {
      if (ctx.flow.adding === 'webauthn')
        return (
          (await bindingGate(ctx, 'passkey', 'webauthn')) ?? {
            type: 'step',
            step: 'webauthn',
            methodState: await ceremony(ctx),
          }
        );
      const registered = (await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, CREDENTIAL_TYPE)).length > 0;
      if (registered) {
        // The optional offer after another proven second factor: this account has a passkey, so nothing to offer.
        if (policy === 'optional' && provedSecondFactor(ctx.flow.amr) && !ctx.flow.binding)
          return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
        return { type: 'step', step: 'webauthn', methodState: await ceremony(ctx) };
      }
      // Chosen to prove the account's passkey before another factor binds, and the passkey is gone since.
      if (ctx.flow.binding)
        return {
          type: 'fail',
          reason: 'second_factor_unavailable',
          message: 'The passkey on your account is no longer there. Start again.',
        };
      if (policy === 'required') {
        const gate = await bindingGate(ctx, 'passkey', 'webauthn');
        if (gate) return gate;
      } else {
        // An optional offer is not worth proving another factor for; never made on the password alone to a protected
        // account.
        const verdict = await bindingVerdict(ctx);
        if (verdict !== 'allowed' && verdict !== 'first_factor') {
          audit(ctx, 'refused', 'registration_not_offered');
          return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
        }
      }
      return { type: 'step', step: 'webauthn', methodState: await ceremony(ctx) };
    },

    proves: (factors) => factors.passkeys > 0,

    view(ctx): StepView {
      const state = ctx.flow.methodState;
      return {
        step: { kind: 'webauthn', mode: state.mode, options: state.options },
        actions: {
          submit: CREDENTIAL_ACTION,
          ...(state.mode === 'register' && policy === 'optional' && !ctx.flow.adding ? { skip: { inputs: {} } } : {}),
        },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      const state = ctx.flow.methodState;
      if (action === 'skip') {
        audit(ctx, 'refused', 'registration_skipped');
        return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
      }
      if (state.mode === 'register') {
        // Asked again: another flow of this account may have bound a factor since the options were shown.
        const verdict = await bindingVerdict(ctx);
        if (verdict !== 'allowed' && verdict !== 'first_factor') {
          const gate =
            policy === 'required' || ctx.flow.adding ? await bindingGate(ctx, 'passkey', 'webauthn') : undefined;
          audit(ctx, 'refused', 'registration_not_offered');
          return gate ?? { type: 'complete', userId: ctx.flow.userId!, amr: [] };
        }
      }
      try {
        if (state.mode === 'register') {
          const { name } = await finishRegistration(ctx, rp, state, inputs.credential!, uv === 'required');
          audit(ctx, 'success', 'registered');
          factorBound(ctx, 'passkey', 'webauthn', name);
          // Registered, not proven to be the account owner's: the login says what was proven before it.
          return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
        }
        const { amr } = await finishAuthentication(ctx, rp, state, inputs.credential!, {
          requireUserVerification: uv === 'required',
          userId: ctx.flow.userId!,
        });
        audit(ctx, 'success');
        return { type: 'complete', userId: ctx.flow.userId!, amr: [amr] };
      } catch (err) {
        if (!(err instanceof CeremonyError)) throw err;
        audit(ctx, 'failure', err.reason);
        // The challenge was spent: answer the refusal with a new one.
        return {
          type: 'step',
          step: 'webauthn',
          methodState: await ceremony(ctx),
          notice: err.error,
          refused: true,
        };
      }
    },
  };
}
