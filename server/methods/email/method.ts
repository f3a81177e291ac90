// One-time codes by e-mail (acr email_otp), after the password: a code to the account's *verified*
// address, or to an address being added. As strong and as limited as the SMS codes (server/methods/sms/):
// from the CSPRNG, stored as an HMAC bound to the flow, expiring, single use, a few tries each, a resend
// cooldown that never resets the account's failure count, and send quotas per user, address, client
// address and for everyone. An address is added only under the binding rule (server/flow/binding.ts), and
// an address that is another account's gets the very same answers as any other, and never a code.
import { checkSentCode, perCodeTries } from '../sent-code-check.js';
import { z } from 'zod';
import type { ActionSpec, FlowError } from '../../../wire/flow-api.js';
import { bindingGate, factorBound } from '../../flow/binding.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import type { GatewayHealth } from '../../gateways/lifecycle.js';
import type { MailSender } from '../../notifications/email.js';
import { noticeFrom } from '../../notifications/index.js';
import type { AuditEvent, AuditOutcome } from '../../security/audit.js';
import { budget, quota } from '../../security/budgets.js';
import { DuplicateError } from '../../store/types.js';
import { Attempt, auditFlow } from '../attempt.js';
import { codeAction } from '../inputs.js';
import { CodeHasher, newOneTimeCode, waitText } from '../one-time-codes.js';
import { codeMail, emailTemplateFor } from './message.js';
import type { EmailOtpSettings } from './settings.js';

const FACTOR = 'email';

type EmailState = {
  purpose: 'login' | 'enroll';
  /** The account's verified address, or the one being added. */
  email: string;
  codeId?: string;
  codeHash?: string;
  expiresAt?: number;
  sentAt?: number;
  /** A send quota refused until then: "Resend" waits for it as for the cooldown. */
  blockedUntil?: number;
  /** The address being added is another account's: nothing is sent to it and no code is right. */
  taken?: boolean;
};

/** The email_enroll step's state: no address yet. */
const ENROLLING: EmailState = { purpose: 'enroll', email: '' };

/** "d•••@example.com": enough for the owner to recognise, not enough to learn the address. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}

const addressSchema = z.email().max(254);

/** A typed address: trimmed, its domain in lower case; undefined when it is not an address. */
export function normalizeAddress(input: string): string | undefined {
  const trimmed = input.trim();
  if (!addressSchema.safeParse(trimmed).success) return undefined;
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

export interface EmailMethodOptions {
  name: string;
  /** The mail relay (notifications.email); its health decides whether an address being added is mailed. */
  mail: MailSender & { health(): GatewayHealth };
  settings: EmailOtpSettings;
}

export function createEmailMethod({ name, mail, settings }: EmailMethodOptions): AuthMethod<EmailState> {
  let hasher: CodeHasher | undefined;
  const codes = (ctx: MethodContext) => (hasher ??= new CodeHasher(ctx.deps.sealer.derive('email codes')));
  const digits = settings.code_digits;
  const perCode = perCodeTries(settings);

  const audit = (
    ctx: MethodContext,
    event: 'auth.attempt' | 'email.sent' | 'email.enrolled',
    outcome: AuditOutcome,
    extra: Partial<AuditEvent> = {},
  ) => auditFlow(ctx, { event, method: name, outcome, user_id: ctx.flow.userId, ...extra });

  const notSent: FlowError = {
    code: 'email_not_sent',
    message: 'The e-mail could not be sent right now. Try again in a moment.',
  };

  /** The mail with `code`, in the flow's language. */
  const content = (ctx: MethodContext, code: string) =>
    codeMail(emailTemplateFor(settings, ctx.flow.lang), {
      code,
      app: ctx.client.client_name ?? ctx.client.client_id,
      minutes: Math.round(settings.code_ttl_seconds / 60),
    });

  /** Delivers; true when the relay took the message. Never throws. */
  const deliver = async (ctx: MethodContext, to: string, code: string): Promise<boolean> => {
    const masked = maskEmail(to);
    try {
      const receipt = await mail.send(to, content(ctx, code));
      audit(ctx, 'email.sent', 'success', { email: masked, provider: 'smtp', message_id: receipt.messageId });
      return true;
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      const reason = typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code.toLowerCase() : 'unavailable';
      ctx.deps.logger.warn({ provider: 'smtp', reason, email: masked }, 'e-mail code not sent');
      audit(ctx, 'email.sent', 'failure', { reason, email: masked, provider: 'smtp' });
      return false;
    }
  };

  /**
   * Sends a fresh code to `state.email` unless a quota refuses; the step is email_code either way. A resend
   * refused by a quota answers 429; entering the step answers 200 with the refusal as its notice.
   * Codes for an address being added go out after the answer, and only when the relay is not known to be
   * down: an address that is another account's is charged and answered exactly the same, and mailed nothing.
   */
  const sendCode = async (ctx: MethodContext, state: EmailState, resend = false): Promise<Transition> => {
    const stay = (notice: FlowError, keep: EmailState = state): Transition => ({
      type: 'step',
      step: 'email_code',
      methodState: keep,
      notice,
      ...(resend && notice.code === 'rate_limited' ? { refused: true } : {}),
    });
    const masked = maskEmail(state.email);
    const verdict = await ctx.deps.throttle.reserve([
      { key: `mailq:user:${ctx.flow.userId}`, policy: quota(settings.limits.per_user) },
      { key: `mailq:addr:${state.email.toLowerCase()}`, policy: quota(settings.limits.per_address) },
      { key: `mailq:ip:${ctx.ip}`, policy: quota(settings.limits.per_ip) },
    ]);
    // Last, so that sends the quotas above refuse do not spend everyone's budget.
    const global = budget(
      'mailq:global',
      { max: settings.limits.global_per_minute, window_seconds: 60 },
      ctx.deps.clock(),
    );
    if (verdict.allowed && !(await ctx.deps.throttle.reserve([global.key])).allowed) {
      audit(ctx, 'email.sent', 'refused', { reason: 'global_send_limit', email: masked, provider: 'smtp' });
      return stay(
        {
          code: 'rate_limited',
          message: `E-mails cannot be sent right now. Try again in ${waitText(global.retryAfterSeconds)}.`,
          retry_after: global.retryAfterSeconds,
        },
        { ...state, blockedUntil: ctx.deps.clock() + global.retryAfterSeconds * 1000 },
      );
    }
    if (!verdict.allowed) {
      audit(ctx, 'email.sent', 'refused', { reason: 'send_limit', email: masked, provider: 'smtp' });
      const wait = verdict.retryAfterSeconds ?? settings.limits.per_user.window_seconds;
      return stay(
        {
          code: 'rate_limited',
          message: `Too many codes were sent. You can ask for a new one in ${waitText(wait)}.`,
          retry_after: wait,
        },
        { ...state, blockedUntil: ctx.deps.clock() + wait * 1000 },
      );
    }

    const now = ctx.deps.clock();
    const { code, codeId } = newOneTimeCode(digits);
    const next: EmailState = {
      purpose: state.purpose,
      email: state.email,
      codeId,
      codeHash: codes(ctx).hash(ctx.flow.id, codeId, code),
      expiresAt: now + settings.code_ttl_seconds * 1000,
      sentAt: now,
      ...(state.taken ? { taken: true } : {}),
    };
    if (state.purpose === 'enroll') {
      if (mail.health().state === 'down') {
        audit(ctx, 'email.sent', 'failure', { reason: 'relay_down', email: masked, provider: 'smtp' });
        return stay(notSent, { ...state, sentAt: now });
      }
      if (state.taken) audit(ctx, 'email.sent', 'refused', { reason: 'address_taken', email: masked });
      else void deliver(ctx, state.email, code);
      return { type: 'step', step: 'email_code', methodState: next };
    }
    // The old code (if any) stays valid: a failed resend must not lock the user out of a code they have.
    if (!(await deliver(ctx, state.email, code))) return stay(notSent, { ...state, sentAt: now });
    return { type: 'step', step: 'email_code', methodState: next };
  };

  /** When "Resend" is accepted again: after the cooldown and after any send quota that refused. */
  const resendAt = (state: EmailState) =>
    Math.max((state.sentAt ?? 0) + settings.resend_cooldown_seconds * 1000, state.blockedUntil ?? 0);

  /** The account an address belongs to, other than this flow's; undefined when none does. */
  const otherOwner = async (ctx: MethodContext, address: string): Promise<string | undefined> => {
    const owner = await ctx.deps.store.users.findByLogin(address);
    return owner && owner.id !== ctx.flow.userId ? owner.id : undefined;
  };

  const verify = async (ctx: MethodContext<EmailState>, code: string): Promise<Transition> => {
    const state = ctx.flow.methodState;
    const userId = ctx.flow.userId!;
    const attempt = new Attempt(ctx, name, FACTOR, { userId }, { user_id: userId });
    const wrong = (): Transition => {
      attempt.record('failure', 'invalid_code');
      return {
        type: 'refuse',
        error: { code: 'invalid_code', field: 'code', message: 'That code is not right. Try again.' },
      };
    };
    // An address that is another account's was sent nothing: even a lucky guess is wrong.
    const refused = await checkSentCode(ctx, {
      attempt,
      sent: state,
      typed: code,
      hasher: codes(ctx),
      triesPrefix: 'mailcode',
      perCode,
      decoy: state.taken === true,
    });
    if (refused) return refused;
    if (state.purpose === 'login') {
      attempt.record('success');
      // RFC 8176 has no value for e-mail: "otp", a one-time password; the acr tells it came by e-mail.
      return { type: 'complete', userId, amr: ['otp'] };
    }
    // Asked again: another flow of this account may have bound a factor since this one was offered the step.
    const gate = await bindingGate(ctx, FACTOR, name);
    if (gate) return gate;
    // Another account may have taken the address meanwhile: the answer stays that of a wrong code.
    if (await otherOwner(ctx, state.email)) return wrong();
    const before = await ctx.deps.store.users.findById(userId);
    try {
      await ctx.deps.store.users.update(userId, { email: state.email, emailVerified: true });
    } catch (err) {
      if (err instanceof DuplicateError) return wrong();
      throw err;
    }
    // Single use: the flow moves on, and the code's record with it.
    attempt.record('success', 'enrolled');
    audit(ctx, 'email.enrolled', 'success', { email: maskEmail(state.email) });
    // A replaced address is told (and the new one), in the background, like every account change.
    const old = before?.email;
    if (old && old.toLowerCase() !== state.email.toLowerCase())
      void ctx.deps.notifier.accountChanged({ ...noticeFrom(ctx), kind: 'email_changed', previousEmail: old });
    factorBound(ctx, FACTOR, name, maskEmail(state.email));
    // The code proves the address is at hand, not that its holder owns the account: nothing is added to amr.
    return { type: 'complete', userId, amr: [] };
  };

  const codeActions = (state: EmailState): Record<string, ActionSpec> => ({
    ...(state.codeHash ? { submit: codeAction(digits) } : {}),
    resend: { inputs: {} },
    ...(state.purpose === 'enroll' ? { change_email: { inputs: {} } } : {}),
  });

  return {
    name,

    async start(ctx) {
      const user = await ctx.deps.store.users.findById(ctx.flow.userId!);
      // On the account page: a new address, in place of the one the account has.
      if (user?.email && user.emailVerified && ctx.flow.adding !== name)
        return sendCode(ctx, { purpose: 'login', email: user.email });
      if (settings.enroll_email)
        return (await bindingGate(ctx, FACTOR, name)) ?? { type: 'step', step: 'email_enroll', methodState: ENROLLING };
      ctx.deps.logger.warn(
        { user_id: ctx.flow.userId, method: name },
        'user has no verified e-mail address and enroll_email is off',
      );
      audit(ctx, 'auth.attempt', 'refused', { reason: 'no_email' });
      return {
        type: 'fail',
        reason: 'no_second_factor',
        message: 'There is no verified e-mail address on your account. Contact your administrator.',
      };
    },

    proves: (factors) => factors.email,

    view(ctx): StepView {
      if (ctx.flow.step === 'email_enroll') {
        return {
          step: { kind: 'email_enroll' },
          actions: {
            submit: {
              inputs: {
                email: { type: 'text', required: true, min_length: 3, max_length: 254, autocomplete: 'email' },
              },
            },
          },
        };
      }
      const state = ctx.flow.methodState;
      const now = ctx.deps.clock();
      const seconds = (at: number | undefined) => Math.max(0, Math.ceil(((at ?? 0) - now) / 1000));
      return {
        step: {
          kind: 'email_code',
          email: state.email ? maskEmail(state.email) : '',
          digits,
          expires_in: state.codeHash ? seconds(state.expiresAt) : 0,
          resend_in: seconds(resendAt(state)),
          purpose: state.purpose,
        },
        actions: codeActions(state),
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'email_enroll') {
        const address = normalizeAddress(inputs.email!);
        if (!address)
          return {
            type: 'refuse',
            error: {
              code: 'invalid_email',
              field: 'email',
              message: 'That doesn’t look like an e-mail address, e.g. name@example.com.',
            },
          };
        const gate = await bindingGate(ctx, FACTOR, name);
        if (gate) return gate;
        const taken = (await otherOwner(ctx, address)) !== undefined;
        return sendCode(ctx, { purpose: 'enroll', email: address, ...(taken ? { taken: true } : {}) });
      }
      const state = ctx.flow.methodState;
      if (action === 'change_email') return { type: 'step', step: 'email_enroll', methodState: ENROLLING };
      if (action === 'resend') {
        const wait = Math.ceil((resendAt(state) - ctx.deps.clock()) / 1000);
        if (wait > 0)
          return {
            type: 'refuse',
            error: {
              code: 'rate_limited',
              message: `Wait ${waitText(wait)} before asking for a new code.`,
              retry_after: wait,
            },
          };
        return sendCode(ctx, state, true);
      }
      return verify(ctx, inputs.code!);
    },
  };
}
