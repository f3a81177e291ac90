// A forgotten password, as two methods the password step's "Forgot password?" runs in its place:
// `password_reset` proves the account's verified e-mail address with a code, answering exactly alike whether
// or not the typed login is an account with an address (nothing is sent then, and no code is right);
// `password_reset_new` has an existing second factor proven first when the account has one (ASVS 5.0 6.4.3:
// a reset never bypasses MFA; the address is not such a factor here), then takes the new password (the
// common-password and context checks of every password) and starts the sign-in again at the password step.
import { checkSentCode, perCodeTries } from '../sent-code-check.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { accountFactors, hasSecondFactor, provedSecondFactor } from '../../flow/binding.js';
import type { MailSender } from '../../notifications/email.js';
import { noticeFrom } from '../../notifications/from-flow.js';
import { quota } from '../../security/budgets.js';
import { rateLimitBucket } from '../../security/ip-address.js';
import { loginKey } from '../../store/identifiers.js';
import type { ThrottleKey } from '../../security/lockout.js';
import { passwordContextWords } from '../../security/password-context.js';
import { Attempt, auditFlow } from '../attempt.js';
import { codeAction } from '../inputs.js';
import { CodeHasher, newOneTimeCode, waitText } from '../one-time-codes.js';
import type { LockoutFactor } from '../descriptor.js';
import { resetMail } from './message.js';
import type { PasswordResetSettings } from './settings.js';

/** The lockout counters wrong reset codes count under (per typed login, and per address). */
export const RESET_FACTOR: LockoutFactor = 'reset';

type ResetState = {
  codeId?: string;
  codeHash?: string;
  expiresAt?: number;
  sentAt?: number;
  /** The account the code went to; absent when the login names no account with a verified address. */
  userId?: string;
  /** A send quota refused until then. */
  blockedUntil?: number;
};

export function createPasswordReset(
  settings: PasswordResetSettings,
  mail: MailSender | undefined,
): AuthMethod<ResetState> {
  let hasher: CodeHasher | undefined;
  const codes = (ctx: MethodContext) => (hasher ??= new CodeHasher(ctx.deps.sealer.derive('password reset codes')));
  const perCode = perCodeTries(settings);
  const login = (ctx: MethodContext) => ctx.flow.login ?? '';

  /** A new code for the typed login's account (if it has a verified address); the same answer either way. */
  const send = async (ctx: MethodContext, previous?: ResetState): Promise<Transition> => {
    const now = ctx.deps.clock();
    const keys: ThrottleKey[] = [
      { key: `resetq:login:${loginKey(login(ctx))}`, policy: quota(settings.limits.per_login) },
      { key: `resetq:ip:${rateLimitBucket(ctx.ip)}`, policy: quota(settings.limits.per_ip) },
    ];
    const verdict = await ctx.deps.throttle.reserve(keys);
    if (!verdict.allowed) {
      const wait = verdict.retryAfterSeconds ?? settings.limits.per_login.window_seconds;
      auditFlow(ctx, { event: 'password.reset', outcome: 'refused', reason: 'send_limit' });
      return {
        type: 'step',
        step: 'reset_code',
        methodState: { ...previous, blockedUntil: now + wait * 1000 },
        notice: {
          code: 'rate_limited',
          message: `Too many codes were sent. You can ask for a new one in ${waitText(wait)}.`,
          retry_after: wait,
        },
        ...(previous ? { refused: true } : {}),
      };
    }
    const user = await ctx.deps.store.users.findByLogin(login(ctx));
    const { code, codeId } = newOneTimeCode(settings.code_digits);
    const to = user?.email && user.emailVerified ? user.email : undefined;
    const state: ResetState = {
      codeId,
      codeHash: codes(ctx).hash(ctx.flow.id, codeId, code),
      expiresAt: now + settings.code_ttl_seconds * 1000,
      sentAt: now,
      ...(to && user ? { userId: user.id } : {}),
    };
    // After the answer, so that its timing says nothing about the account.
    if (to && user && mail) {
      const content = resetMail(ctx.flow.lang, {
        code,
        app: ctx.client.client_name ?? ctx.client.client_id,
        minutes: Math.round(settings.code_ttl_seconds / 60),
      });
      mail.send(to, content).then(
        () => auditFlow(ctx, { event: 'password.reset', outcome: 'success', reason: 'code_sent', user_id: user.id }),
        () => auditFlow(ctx, { event: 'password.reset', outcome: 'failure', reason: 'not_sent', user_id: user.id }),
      );
    } else {
      auditFlow(ctx, { event: 'password.reset', outcome: 'refused', reason: user ? 'no_address' : 'unknown_login' });
    }
    return { type: 'step', step: 'reset_code', methodState: state };
  };

  /** Seconds before "Resend" is accepted again: after the cooldown and after any send quota that refused. */
  const resendIn = (s: ResetState, now: number) =>
    Math.max(
      0,
      Math.ceil(
        (Math.max((s.sentAt ?? 0) + settings.resend_cooldown_seconds * 1000, s.blockedUntil ?? 0) - now) / 1000,
      ),
    );

  return {
    name: 'password_reset',

    start: (ctx) => send(ctx),

    view(ctx): StepView {
      const s = ctx.flow.methodState;
      const now = ctx.deps.clock();
      return {
        step: {
          kind: 'reset_code',
          digits: settings.code_digits,
          expires_in: Math.max(0, Math.ceil(((s.expiresAt ?? 0) - now) / 1000)),
          resend_in: resendIn(s, now),
        },
        actions: { submit: codeAction(settings.code_digits), resend: { inputs: {} } },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      const s = ctx.flow.methodState;
      if (action === 'resend') {
        const wait = resendIn(s, ctx.deps.clock());
        if (wait > 0) {
          return {
            type: 'refuse',
            error: {
              code: 'rate_limited',
              message: `You can ask for a new code in ${waitText(wait)}.`,
              retry_after: wait,
            },
          };
        }
        return send(ctx, s);
      }
      // Counted per typed login (known or not) and per address, like a password.
      const attempt = new Attempt(ctx, 'password_reset', RESET_FACTOR, { login: login(ctx), userId: s.userId });
      // No account behind the login: no code is right, however lucky.
      const refused = await checkSentCode(ctx, {
        attempt,
        sent: s,
        typed: inputs.code ?? '',
        hasher: codes(ctx),
        triesPrefix: 'resetcode',
        perCode,
        decoy: !s.userId,
      });
      if (refused) return refused;
      attempt.record('success');
      auditFlow(ctx, { event: 'password.reset', outcome: 'success', reason: 'address_proven', user_id: s.userId });
      // The address proves who asked, not a factor: nothing is added to amr.
      return { type: 'complete', userId: s.userId!, amr: [] };
    },
  };
}

export function createNewPassword(): AuthMethod {
  return {
    name: 'password_reset_new',

    async start(ctx): Promise<Transition> {
      const factors = await accountFactors(ctx.deps.store, ctx.flow.userId!);
      // The address is not a second factor here: it is what was just proven.
      const secondFactor = hasSecondFactor({ ...factors, email: false }, ctx.deps.config);
      if (secondFactor && !provedSecondFactor(ctx.flow.amr)) return { type: 'prove_first', binding: 'password' };
      return { type: 'step', step: 'new_password' };
    },

    view(ctx): StepView {
      const { min_length, max_length } = ctx.deps.config.password;
      return {
        step: { kind: 'new_password', min_length },
        actions: {
          submit: {
            inputs: {
              password: {
                type: 'password',
                required: true,
                min_length,
                max_length,
                autocomplete: 'new-password',
              },
            },
          },
        },
      };
    },

    async act(ctx, _action, inputs): Promise<Transition> {
      const { deps } = ctx;
      const user = await deps.store.users.findById(ctx.flow.userId!);
      if (!user) return { type: 'fail', reason: 'access_denied', message: 'This account no longer exists.' };
      const password = inputs.password ?? '';
      const problem = deps.hasher.checkNew(password, passwordContextWords(deps.config, user));
      if (problem) {
        auditFlow(ctx, { event: 'password.reset', outcome: 'refused', reason: 'weak_password' });
        return { type: 'refuse', error: { code: 'weak_password', field: 'password', message: problem.message } };
      }
      await deps.store.users.update(user.id, { passwordHash: await deps.hasher.hash(password) });
      // The owner's own failures are forgotten: the new password is theirs.
      await deps.throttle.unlock(user, ['pwd', RESET_FACTOR]);
      auditFlow(ctx, { event: 'password.reset', outcome: 'success', reason: 'password_changed' });
      void deps.notifier.accountChanged({ ...noticeFrom(ctx), kind: 'password_changed' });
      return { type: 'restart' };
    },
  };
}
