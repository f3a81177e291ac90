// Recovery codes as two methods: `recovery_code` proves the account with one unused code (offered through
// "use another way" in place of a lost phone or authenticator, or asked for as an acr), and
// `recovery_codes` shows a new set once, at the end of a sign-in that proved a second factor for an account
// without unused codes (server/flow/engine.ts decides when).
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { RECOVERY_CODE_AMR, RECOVERY_CODE_TYPE } from '../../flow/binding.js';
import { Attempt, auditFlow } from '../attempt.js';
import type { LockoutFactor } from '../descriptor.js';
import { CODE_PATTERN, issueCodes, matching, usable } from './codes.js';
import type { RecoveryCodeSettings } from './settings.js';
import { noticeFrom } from '../../notifications/from-flow.js';

export const RECOVERY_FACTOR: LockoutFactor = 'recovery';

/** The methods whose lost factor a recovery code may replace in the same sign-in (each offers to skip it). */
const REPLACEABLE = new Set(['otp']);

/** The state of the `recovery_codes` step: the new codes, sealed, until the user confirms they kept them. */
type IssueState = { sealed: string };

export function createRecoveryCodeMethod(): AuthMethod {
  const unused = async (ctx: MethodContext) =>
    usable(await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, RECOVERY_CODE_TYPE), ctx.deps.clock());
  return {
    name: 'recovery_code',

    async start(ctx): Promise<Transition> {
      if (ctx.flow.userId !== undefined && (await unused(ctx)).length) return { type: 'step', step: 'recovery_code' };
      auditFlow(ctx, { event: 'auth.attempt', method: 'recovery_code', outcome: 'refused', reason: 'no_codes' });
      return {
        type: 'fail',
        reason: 'no_second_factor',
        message: 'There are no recovery codes on your account. Contact your administrator.',
      };
    },

    proves: (factors) => factors.recoveryCodes > 0,

    view(): StepView {
      return {
        step: { kind: 'recovery_code' },
        actions: {
          submit: {
            inputs: {
              code: { type: 'code', required: true, min_length: 10, max_length: 16, pattern: CODE_PATTERN },
            },
          },
        },
      };
    },

    async act(ctx, _action, inputs): Promise<Transition> {
      const userId = ctx.flow.userId!;
      const attempt = new Attempt(ctx, 'recovery_code', RECOVERY_FACTOR, { userId });
      const locked = await attempt.reserve('code', 'wrong codes');
      if (locked) return locked;
      const code = matching(ctx.deps, await unused(ctx), inputs.code ?? '');
      // Used up by removing it: of two requests racing with one code, only one removes it.
      if (!code || !(await ctx.deps.store.credentials.remove(userId, code.id))) {
        attempt.record('failure', code ? 'code_used' : 'invalid_code');
        return {
          type: 'refuse',
          error: code
            ? { code: 'code_used', field: 'code', message: 'This recovery code was already used.' }
            : { code: 'invalid_code', field: 'code', message: 'That recovery code is not right. Try again.' },
        };
      }
      await attempt.succeeded();
      attempt.record('success');
      const left = (await unused(ctx)).length;
      auditFlow(ctx, { event: 'recovery_code.used', outcome: 'success', reason: `${left}_left` });
      void ctx.deps.notifier.accountChanged({ ...noticeFrom(ctx), kind: 'recovery_code_used', remaining: left });
      const lost = ctx.flow.standingInFor;
      return {
        type: 'complete',
        userId,
        amr: [RECOVERY_CODE_AMR],
        ...(lost && REPLACEABLE.has(lost) ? { replace: lost } : {}),
      };
    },
  };
}

export function createRecoveryCodesIssue(settings: RecoveryCodeSettings): AuthMethod<IssueState> {
  return {
    name: 'recovery_codes',

    async start(ctx): Promise<Transition> {
      const codes = await issueCodes(ctx.deps, ctx.flow.userId!, settings.count);
      auditFlow(ctx, { event: 'recovery_code.issued', outcome: 'success', reason: `${codes.length}_codes` });
      void ctx.deps.notifier.accountChanged({
        ...noticeFrom(ctx),
        kind: 'recovery_codes_regenerated',
        count: codes.length,
      });
      return {
        type: 'step',
        step: 'recovery_codes',
        methodState: { sealed: ctx.deps.sealer.seal(codes.join(' '), `recovery codes:${ctx.flow.id}`) },
      };
    },

    view(ctx): StepView {
      const codes = ctx.deps.sealer.open(ctx.flow.methodState.sealed, `recovery codes:${ctx.flow.id}`).split(' ');
      return { step: { kind: 'recovery_codes', codes }, actions: { continue: { inputs: {} } } };
    },

    async act(ctx): Promise<Transition> {
      // Showing codes proves nothing: the sign-in's amr stays what it was.
      return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
    },
  };
}
