// One SMS method over any SmsSender (Twilio, SMPP): a 6-digit code by SMS to the user's verified phone, or
// to a number being enrolled. Codes come from the CSPRNG, are stored as an
// HMAC bound to the flow, expire, are single use and allow a few tries each; resends have a cooldown and
// replace the code without forgetting failures; sends are limited per user, number and address (SMS
// pumping); the number comes from this user's record only; a user without one is told, not just logged.
import { checkSentCode, perCodeTries } from '../sent-code-check.js';
import type { SmsSettings } from './settings.js';
import type { ActionSpec, FlowError } from '../../../wire/flow-api.js';
import type { AuthMethod, MethodContext, MethodState, StepView, Transition } from '../../flow/types.js';
import type { ThrottleKey } from '../../security/lockout.js';
import { SmsSendError, type SmsFailureKind, type SmsSender } from '../../gateways/sms-sender.js';
import type { AuditEvent, AuditOutcome } from '../../security/audit.js';
import { Attempt, auditFlow } from '../attempt.js';
import { bindingGate, factorBound } from '../../flow/binding.js';
import { noticeFrom } from '../../notifications/from-flow.js';
import { expectedOrigin } from '../../flow/placements/index.js';
import { codeAction } from '../inputs.js';
import { CODE_DIGITS, CodeHasher, newCode } from './codes.js';
import { waitText } from '../one-time-codes.js';
import { smsText, templateFor } from './message.js';
import { checkNewPhone, countryAllowed, maskPhone } from '../../phone-numbers.js';
import { budget, quota } from '../../security/budgets.js';
import { loginCounter } from '../../security/lockout.js';

const FACTOR = 'sms';

type SmsState = {
  purpose: 'login' | 'enroll';
  /** E.164: the account's verified number, or the one being enrolled. */
  phone: string;
  codeId?: string;
  codeHash?: string;
  expiresAt?: number;
  sentAt?: number;
  /** A send quota refused until then: "Resend" waits for it as for the cooldown. */
  blockedUntil?: number;
  /**
   * First factor (the password grant asks for the code before the password): the account the typed login
   * names, proven only by the code. Absent when no account with a verified phone matches: then no SMS is
   * sent, and every code is simply wrong, exactly as for a wrong code.
   */
  claimedUserId?: string;
};

/** The phone_enroll step's state: no number yet. */
const ENROLLING: SmsState = { purpose: 'enroll', phone: '' };

/** The account a first-factor code is for, in a state this method stored (none before its first step). */
function claimedUser(state: MethodState): string | undefined {
  return typeof state.claimedUserId === 'string' ? state.claimedUserId : undefined;
}

const NOT_SENT: Record<SmsFailureKind, string> = {
  invalid_number: 'The text message could not be sent: the phone number is not valid.',
  not_mobile: 'The text message could not be sent: the number is not a mobile number.',
  unsubscribed:
    'The text message could not be sent: this number has opted out of messages (reply START to opt back in).',
  unverified_number: 'The text message could not be sent to this number yet. Contact your administrator.',
  unroutable: 'Text messages cannot be delivered to this number.',
  misconfigured: 'Text messages cannot be sent right now. Try again later or contact your administrator.',
  unavailable: 'Text messages cannot be sent right now. Try again in a moment.',
};

const minutes = waitText;

export interface SmsMethodOptions {
  /** The acr, e.g. "twilio_sms" or "smpp". */
  name: string;
  sender: SmsSender;
  settings: SmsSettings;
}

export function createSmsMethod({ name, sender, settings }: SmsMethodOptions): AuthMethod<SmsState> {
  let hasher: CodeHasher | undefined;
  const codes = (ctx: MethodContext) => (hasher ??= new CodeHasher(ctx.deps.sealer.derive('sms codes')));
  const perCode = perCodeTries(settings);
  /** The account this code is for: proven by an earlier factor, or claimed by the typed login (first factor). */
  const accountOf = (ctx: MethodContext): string | undefined => ctx.flow.userId ?? claimedUser(ctx.flow.methodState);

  const audit = (
    ctx: MethodContext,
    event: 'auth.attempt' | 'sms.sent' | 'phone.enrolled',
    outcome: AuditOutcome,
    extra: Partial<AuditEvent> = {},
  ) => auditFlow(ctx, { event, method: name, outcome, user_id: accountOf(ctx), ...extra });

  /** A fresh code for `state`'s phone; the state keeps only its HMAC, bound to this flow and this code. */
  const issueCode = (ctx: MethodContext, state: SmsState, now: number): { code: string; next: SmsState } => {
    const { code, codeId } = newCode();
    const next: SmsState = {
      purpose: state.purpose,
      phone: state.phone,
      codeId,
      codeHash: codes(ctx).hash(ctx.flow.id, codeId, code),
      expiresAt: now + settings.code_ttl_seconds * 1000,
      sentAt: now,
      ...(state.claimedUserId ? { claimedUserId: state.claimedUserId } : {}),
    };
    return { code, next };
  };

  /** Where the widget runs: WebOTP only offers a code to the page whose host the SMS names. */
  const pageHost = (ctx: MethodContext) =>
    new URL(expectedOrigin(ctx.flow, new URL(ctx.deps.config.issuer).origin) ?? ctx.deps.config.issuer).host;

  /**
   * Sends a fresh code to `state.phone` unless a rule refuses; the step is sms_code either way. A resend
   * refused by a send quota answers 429 (the request itself was too many); entering the step answers 200.
   */
  const sendCode = async (ctx: MethodContext, state: SmsState, resend = false): Promise<Transition> => {
    const stay = (notice: FlowError, keep: SmsState = state): Transition => ({
      type: 'step',
      step: 'sms_code',
      methodState: keep,
      notice,
      ...(resend && notice.code === 'rate_limited' ? { refused: true } : {}),
    });
    const masked = maskPhone(state.phone);
    if (!countryAllowed(state.phone, settings.allowed_countries)) {
      audit(ctx, 'sms.sent', 'refused', { reason: 'country_not_allowed', phone: masked, provider: sender.service });
      return stay({
        code: 'phone_not_allowed',
        message: 'Text messages cannot be sent to numbers of this country. Contact your administrator.',
      });
    }
    const keys: ThrottleKey[] = [
      { key: `smsq:user:${ctx.flow.userId ?? state.claimedUserId}`, policy: quota(settings.limits.per_user) },
      { key: `smsq:phone:${state.phone}`, policy: quota(settings.limits.per_phone) },
      { key: `smsq:ip:${ctx.ip}`, policy: quota(settings.limits.per_ip) },
    ];
    const verdict = await ctx.deps.throttle.reserve(keys);
    // Last, so that sends the per-sender quotas refuse do not spend everyone's budget.
    const global = budget(
      'smsq:global',
      { max: settings.limits.global_per_minute, window_seconds: 60 },
      ctx.deps.clock(),
    );
    if (verdict.allowed && !(await ctx.deps.throttle.reserve([global.key])).allowed) {
      audit(ctx, 'sms.sent', 'refused', { reason: 'global_send_limit', phone: masked, provider: sender.service });
      return stay(
        {
          code: 'rate_limited',
          message: `Text messages cannot be sent right now. Try again in ${minutes(global.retryAfterSeconds)}.`,
          retry_after: global.retryAfterSeconds,
        },
        { ...state, blockedUntil: ctx.deps.clock() + global.retryAfterSeconds * 1000 },
      );
    }
    if (!verdict.allowed) {
      audit(ctx, 'sms.sent', 'refused', { reason: 'send_limit', phone: masked, provider: sender.service });
      const wait = verdict.retryAfterSeconds ?? settings.limits.per_user.window_seconds;
      return stay(
        {
          code: 'rate_limited',
          message: `Too many codes were sent. You can ask for a new one in ${minutes(wait)}.`,
          retry_after: wait,
        },
        { ...state, blockedUntil: ctx.deps.clock() + wait * 1000 },
      );
    }

    const now = ctx.deps.clock();
    const { code, next } = issueCode(ctx, state, now);
    const client = ctx.client.client_name ?? ctx.client.client_id;
    const body = smsText(templateFor(settings, ctx.flow.lang), {
      code,
      app: client,
      host: pageHost(ctx),
      minutes: Math.round(settings.code_ttl_seconds / 60),
    });
    try {
      const receipt = await sender.send({ to: state.phone, body });
      audit(ctx, 'sms.sent', 'success', { phone: masked, provider: sender.service, message_id: receipt.messageId });
    } catch (err) {
      const kind = err instanceof SmsSendError ? err.kind : 'unavailable';
      if (!(err instanceof SmsSendError))
        ctx.deps.logger.error({ err, provider: sender.service }, 'SMS gateway failed unexpectedly');
      audit(ctx, 'sms.sent', 'failure', { reason: kind, phone: masked, provider: sender.service });
      // The old code (if any) stays valid: a failed resend must not lock the user out of a code they have.
      return stay({ code: 'sms_not_sent', message: NOT_SENT[kind] }, { ...state, sentAt: now });
    }
    return { type: 'step', step: 'sms_code', methodState: next };
  };

  /** No code was ever sent (the send was refused or failed): nothing to submit, only resend. */
  const codeActions = (state: SmsState): Record<string, ActionSpec> => ({
    ...(state.codeHash ? { submit: codeAction(CODE_DIGITS) } : {}),
    resend: { inputs: {} },
    ...(state.purpose === 'enroll' ? { change_phone: { inputs: {} } } : {}),
  });

  /** When "Resend" is accepted again: after the cooldown and after any send quota that refused. */
  const resendAt = (state: SmsState) =>
    Math.max((state.sentAt ?? 0) + settings.resend_cooldown_seconds * 1000, state.blockedUntil ?? 0);

  const verify = async (ctx: MethodContext<SmsState>, code: string): Promise<Transition> => {
    const state = ctx.flow.methodState;
    const userId = accountOf(ctx);
    // Before the password (the password grant's first step) the account is only claimed by the typed login:
    // counted by that login, as an unknown one would be. After it, by the proven account.
    const attempt = new Attempt(
      ctx,
      name,
      FACTOR,
      ctx.flow.userId !== undefined ? { userId: ctx.flow.userId } : { login: ctx.flow.login ?? '', userId },
      { user_id: userId },
    );
    // Without an account (a decoy for a login that has no verified phone) even a lucky guess is wrong.
    const refused = await checkSentCode(ctx, {
      attempt,
      sent: state,
      typed: code,
      hasher: codes(ctx),
      triesPrefix: 'smscode',
      perCode,
      decoy: !userId,
    });
    if (refused || userId === undefined) return refused!; // a decoy (no account) is always refused above
    if (state.purpose === 'enroll') {
      // Asked again: another flow of this account may have bound a factor since this one was offered the step.
      const gate = await bindingGate(ctx, 'phone', name);
      if (gate) return gate;
    }
    attempt.record('success', state.purpose === 'enroll' ? 'enrolled' : undefined);
    if (state.purpose === 'enroll') {
      const before = await ctx.deps.store.users.findById(userId);
      await ctx.deps.store.users.update(userId, { phone: state.phone, phoneVerified: true });
      audit(ctx, 'phone.enrolled', 'success', { phone: maskPhone(state.phone) });
      // A replaced number (the account page) is told too, by SMS: whoever replaced it may not be its owner.
      const old = before?.phoneVerified ? before.phone : null;
      if (old && old !== state.phone)
        void ctx.deps.notifier.accountChanged({ ...noticeFrom(ctx), kind: 'phone_changed', previousPhone: old });
      factorBound(ctx, 'phone', name, maskPhone(state.phone));
      // The code proves the new number is at hand, not that its holder owns the account: nothing is added to amr.
      return { type: 'complete', userId, amr: [] };
    }
    return { type: 'complete', userId, amr: ['sms'] };
  };

  /**
   * First factor (the password grant's step 1): the typed login's account gets the code. Every login is
   * charged the same quotas (per normalized login, per address, the global budget) and gets the same state
   * and answer before anything is sent: the text goes out in the background, so neither the answer nor its
   * timing says whether the login names an account with a phone. Any other login gets a code that exists
   * only as a random hash, and nothing is sent. The quotas are not the account's browser ones (`smsq:user`):
   * a stranger typing the username must not use up the owner's own codes.
   */
  const startClaimed = async (ctx: MethodContext): Promise<Transition> => {
    const login = ctx.flow.login ?? '';
    const user = login ? await ctx.deps.store.users.findByLogin(login) : undefined;
    const phone = user?.phone && user.phoneVerified ? user.phone : undefined;
    const now = ctx.deps.clock();
    const verdict = await ctx.deps.throttle.reserve([
      { key: `smsq:${loginCounter(login)}`, policy: quota(settings.limits.per_user) },
      { key: `smsq:ip:${ctx.ip}`, policy: quota(settings.limits.per_ip) },
    ]);
    const global = budget('smsq:global', { max: settings.limits.global_per_minute, window_seconds: 60 }, now);
    const wait = !verdict.allowed
      ? (verdict.retryAfterSeconds ?? settings.limits.per_user.window_seconds)
      : !(await ctx.deps.throttle.reserve([global.key])).allowed
        ? global.retryAfterSeconds
        : 0;
    if (wait > 0) {
      audit(ctx, 'sms.sent', 'refused', { reason: 'send_limit' });
      return {
        type: 'step',
        step: 'sms_code',
        methodState: { purpose: 'login', phone: '', blockedUntil: now + wait * 1000 },
        notice: {
          code: 'rate_limited',
          message: `Too many codes were sent. You can ask for a new one in ${minutes(wait)}.`,
          retry_after: wait,
        },
      };
    }
    const { code, next } = issueCode(
      ctx,
      { purpose: 'login', phone: phone ?? '', ...(user && phone ? { claimedUserId: user.id } : {}) },
      now,
    );
    if (user && phone) void deliverInBackground(ctx, phone, code);
    else audit(ctx, 'sms.sent', 'refused', { reason: user ? 'no_phone' : 'unknown_login' });
    return { type: 'step', step: 'sms_code', methodState: next };
  };

  /** The claimed account's text, after the answer: its number's own checks, then the gateway; never throws. */
  const deliverInBackground = async (ctx: MethodContext, phone: string, code: string): Promise<void> => {
    const masked = maskPhone(phone);
    try {
      if (!countryAllowed(phone, settings.allowed_countries)) {
        audit(ctx, 'sms.sent', 'refused', { reason: 'country_not_allowed', phone: masked, provider: sender.service });
        return;
      }
      if (
        !(await ctx.deps.throttle.reserve([{ key: `smsq:phone:${phone}`, policy: quota(settings.limits.per_phone) }]))
          .allowed
      ) {
        audit(ctx, 'sms.sent', 'refused', { reason: 'send_limit', phone: masked, provider: sender.service });
        return;
      }
      const client = ctx.client.client_name ?? ctx.client.client_id;
      const body = smsText(templateFor(settings, ctx.flow.lang), {
        code,
        app: client,
        host: pageHost(ctx),
        minutes: Math.round(settings.code_ttl_seconds / 60),
      });
      const receipt = await sender.send({ to: phone, body });
      audit(ctx, 'sms.sent', 'success', { phone: masked, provider: sender.service, message_id: receipt.messageId });
    } catch (err) {
      const kind = err instanceof SmsSendError ? err.kind : 'unavailable';
      if (!(err instanceof SmsSendError))
        ctx.deps.logger.error({ err, provider: sender.service }, 'SMS gateway failed unexpectedly');
      audit(ctx, 'sms.sent', 'failure', { reason: kind, phone: masked, provider: sender.service });
    }
  };

  return {
    name,

    async start(ctx) {
      if (ctx.flow.userId === undefined) return startClaimed(ctx);
      const user = await ctx.deps.store.users.findById(ctx.flow.userId);
      // On the account page: a new number, in place of the one the account has.
      const adding = ctx.flow.adding === name;
      if (user?.phone && user.phoneVerified && !adding) return sendCode(ctx, { purpose: 'login', phone: user.phone });
      if (settings.enroll_phone)
        return (
          (await bindingGate(ctx, 'phone', name)) ?? { type: 'step', step: 'phone_enroll', methodState: ENROLLING }
        );
      ctx.deps.logger.warn(
        { user_id: ctx.flow.userId, method: name },
        'user has no verified phone and enroll_phone is off',
      );
      audit(ctx, 'auth.attempt', 'refused', { reason: 'no_phone' });
      return {
        type: 'fail',
        reason: 'no_phone',
        message: 'There is no verified phone number on your account. Contact your administrator.',
      };
    },

    proves: (factors) => factors.phone,

    view(ctx): StepView {
      if (ctx.flow.step === 'phone_enroll') {
        return {
          step: {
            kind: 'phone_enroll',
            ...(settings.allowed_countries ? { allowed_countries: settings.allowed_countries } : {}),
          },
          actions: {
            submit: {
              inputs: { phone: { type: 'text', required: true, min_length: 8, max_length: 24, autocomplete: 'tel' } },
            },
          },
        };
      }
      const state = ctx.flow.methodState;
      const now = ctx.deps.clock();
      const seconds = (at: number | undefined) => Math.max(0, Math.ceil(((at ?? 0) - now) / 1000));
      return {
        step: {
          kind: 'sms_code',
          phone: state.phone ? maskPhone(state.phone) : '',
          digits: CODE_DIGITS,
          expires_in: state.codeHash ? seconds(state.expiresAt) : 0,
          resend_in: seconds(resendAt(state)),
          purpose: state.purpose,
        },
        actions: codeActions(state),
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'phone_enroll') {
        const checked = checkNewPhone(inputs.phone!, settings.allowed_countries);
        if (!checked.ok)
          return {
            type: 'refuse',
            error: { code: checked.code, field: 'phone', message: checked.message },
          };
        return sendCode(ctx, { purpose: 'enroll', phone: checked.e164 });
      }
      const state = ctx.flow.methodState;
      if (action === 'change_phone') return { type: 'step', step: 'phone_enroll', methodState: ENROLLING };
      if (action === 'resend') {
        const wait = Math.ceil((resendAt(state) - ctx.deps.clock()) / 1000);
        if (wait > 0)
          return {
            type: 'refuse',
            error: {
              code: 'rate_limited',
              message: `Wait ${minutes(wait)} before asking for a new code.`,
              retry_after: wait,
            },
          };
        return sendCode(ctx, state, true);
      }
      return verify(ctx, inputs.code!);
    },
  };
}
