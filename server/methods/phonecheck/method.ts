// The phone check (tru.ID PhoneCheck): after the password, the desktop shows a QR code of a short link;
// the phone opens it over mobile data, the user picks the number the desktop shows (a wrong one denies),
// the phone goes to tru.ID's check_url, the mobile network confirms this SIM has the account's number, and
// tru.ID sends the phone back to us with a code that we redeem (PATCH) for `match`. The check id lives only
// in server state, bound to the flow; the number is the account's verified one; a match is used once, by
// the desktop's `continue`.
import type { ActionSpec, Factor, FlowError, Step } from '../../../wire/flow-api.js';
import type { AuthMethod, MethodContext, MethodState, StepView, Transition } from '../../flow/types.js';
import type { AuditOutcome } from '../../security/audit.js';
import { randomHandle } from '../../security/random.js';
import { qrSvg } from '../../qr-svg.js';
import { TruIdError, type CheckResult, type CreatedCheck } from '../../gateways/truid-types.js';
import { maskPhone } from '../../phone-numbers.js';
import { auditFlow } from '../attempt.js';
import { newNumberMatch } from './number-match.js';
import { budget, quota } from '../../security/budgets.js';
import { rateLimitBucket } from '../../security/ip-address.js';
import type { PhoneCheckSettings } from './settings.js';

/** The method's acr (and its audit name): the one Gluu knows it by. */
export const PHONECHECK_ACR = 'tru_id';

export type CheckStatus = Extract<Step, { kind: 'phonecheck' }>['status'];

/** What the method needs of the tru.ID client. */
export interface PhoneCheckApi {
  createCheck(phoneE164: string, redirectUrl: string): Promise<CreatedCheck>;
  completeCheck(checkId: string, code: string): Promise<CheckResult>;
}

type CheckState = {
  /** The phone's link id, sealed: whoever holds it can answer the consent page for this flow. */
  sealedLink: string;
  checkId: string;
  checkUrl: string;
  phone: string;
  expiresAt: number;
  status: CheckStatus;
  /** The number match (absent on a check that failed before it had a link). */
  number?: number;
  choices?: number[];
  reason?: string;
  /** The failure is about the network or the phone, where another method may work better. */
  offerFallback?: boolean;
};

/**
 * Whether a flow's method state is a check's: the phone's pages reach a flow by its link whatever step it
 * is in by now, and only a flow still in the phone check has one.
 */
function isCheckState(step: string, state: MethodState): state is CheckState {
  return step === 'phonecheck' && typeof state.checkId === 'string' && typeof state.status === 'string';
}

/** tru.ID's error codes, as a person holding the phone understands them. */
const REASONS: Record<string, string> = {
  not_mobile_ip: 'Your phone was on WiFi. Turn off WiFi, keep mobile data on, and try again with a new code.',
  mno_not_supported: 'Your mobile network does not support this check.',
  mno_timeout: 'Your mobile network did not answer in time. Try again with a new code.',
  mno_user_not_found: 'Your mobile network does not know this number.',
  mno_response_error: 'Your mobile network could not complete the check.',
  mno_server_error: 'Your mobile network could not complete the check.',
  mno_no_data_available: 'Your mobile network could not complete the check.',
  ip_mismatch: 'The check was opened on a different connection. Try again with a new code, on mobile data.',
  ip_msisdn_mismatch: 'The phone that opened the check does not have the number on your account.',
  access_denied: 'The check was cancelled on the phone.',
};
/** The codes that blame the network or the phone rather than the number: another method may work. */
export const NETWORK_REASONS = new Set([
  'not_mobile_ip',
  'mno_not_supported',
  'mno_timeout',
  'mno_user_not_found',
  'mno_response_error',
  'mno_server_error',
  'mno_no_data_available',
  'ip_mismatch',
]);

function minutes(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

export function reasonFor(errorCode: string | undefined): string {
  return (errorCode && REASONS[errorCode]) ?? 'The check did not succeed.';
}

export interface PhoneCheckMethod extends AuthMethod<CheckState> {
  /** The link of a flow's current check, for the QR (undefined when the flow has none). */
  linkOf(ctx: MethodContext): string | undefined;
  /** The phone-side requests, called by the /pc routes through the engine's linked-flow access. */
  phone: {
    state(ctx: MethodContext): CheckState | undefined;
    /**
     * The phone picked `number` on the consent page (whose form the caller already checked): the right one
     * answers tru.ID's check_url to send the phone to, a wrong one denies the check; undefined when the
     * check is no longer waiting.
     */
    allow(
      ctx: MethodContext,
      number: number,
    ): { methodState?: CheckState; result: { checkUrl: string } | 'mismatch' | undefined };
    deny(ctx: MethodContext): { methodState?: CheckState; result: boolean };
    /** Applies what tru.ID's redirect (and our PATCH) said; the caller already checked the check id. */
    finish(
      ctx: MethodContext,
      checkId: string,
      outcome: { status: CheckStatus; reason?: string; offerFallback?: boolean },
    ): { methodState?: CheckState; result: boolean };
    /** Redeems tru.ID's code for the check (PATCH), outside any flow update. */
    redeem(checkId: string, code: string): Promise<{ status: CheckStatus; reason?: string; offerFallback?: boolean }>;
  };
}

export function createPhoneCheckMethod(
  config: PhoneCheckSettings,
  api: PhoneCheckApi,
  issuer: string,
  /** The factor the fallback method (`config.fallback_acr`) proves. */
  fallbackFactor: Factor,
): PhoneCheckMethod {
  const linkContext = (ctx: MethodContext) => `phonecheck-link:${ctx.flow.id}`;
  const stateOf = (ctx: MethodContext): CheckState | undefined =>
    isCheckState(ctx.flow.step, ctx.flow.methodState) ? ctx.flow.methodState : undefined;
  const linkUrl = (link: string) => `${issuer}/pc/${link}`;
  const current = (ctx: MethodContext, state: CheckState): CheckStatus =>
    ['waiting', 'verifying'].includes(state.status) && state.expiresAt <= ctx.deps.clock() ? 'expired' : state.status;

  const audit = (ctx: MethodContext, outcome: AuditOutcome, reason?: string) =>
    auditFlow(ctx, { event: 'auth.attempt', method: PHONECHECK_ACR, outcome, ...(reason ? { reason } : {}) });

  /**
   * A failed check without a link: the user can ask again, or use the fallback. `refused`: answered as the
   * refusal of the action that asked for it (a renew over the quota).
   */
  const failedCheck = (phone: string, notice: FlowError, refused = false): Transition => {
    const state: CheckState = {
      sealedLink: '',
      checkId: '',
      checkUrl: '',
      phone,
      expiresAt: 0,
      status: 'failed',
      reason: notice.message,
      offerFallback: true,
    };
    return {
      type: 'step',
      step: 'phonecheck',
      methodState: state,
      link: null,
      notice,
      ...(refused ? { refused } : {}),
    };
  };

  /**
   * tru.ID bills every check it creates: per account and per address like SMS sends, and a global budget
   * per minute. The per-sender quotas come first, so their refusals do not spend everyone's budget.
   */
  const refusedByLimits = async (
    ctx: MethodContext,
  ): Promise<{ reason: string; message: string; retryAfter: number } | undefined> => {
    const { limits } = config;
    const verdict = await ctx.deps.throttle.reserve([
      { key: `pcq:user:${ctx.flow.userId}`, policy: quota(limits.per_user) },
      { key: `pcq:ip:${rateLimitBucket(ctx.ip)}`, policy: quota(limits.per_ip) },
    ]);
    if (!verdict.allowed) {
      const wait = verdict.retryAfterSeconds ?? limits.per_user.window_seconds;
      return {
        reason: 'check_limit',
        message: `Too many phone checks were started. You can start a new one in ${minutes(wait)}.`,
        retryAfter: wait,
      };
    }
    const global = budget('pcq:global', { max: limits.global_per_minute, window_seconds: 60 }, ctx.deps.clock());
    if (!(await ctx.deps.throttle.reserve([global.key])).allowed) {
      return {
        reason: 'global_check_limit',
        message: `The phone check cannot be started right now. Try again in ${minutes(global.retryAfterSeconds)}.`,
        retryAfter: global.retryAfterSeconds,
      };
    }
    return undefined;
  };

  /** A new check (and a new link: the old QR stops working), unless a limit refuses it; `renew` answers 429 then. */
  const newCheck = async (ctx: MethodContext, phone: string, renew = false): Promise<Transition> => {
    const refused = await refusedByLimits(ctx);
    if (refused) {
      audit(ctx, 'refused', refused.reason);
      return failedCheck(
        phone,
        { code: 'rate_limited', message: refused.message, retry_after: refused.retryAfter },
        renew,
      );
    }
    const link = randomHandle();
    try {
      const check = await api.createCheck(phone, `${linkUrl(link)}/done`);
      const state: CheckState = {
        sealedLink: ctx.deps.sealer.seal(link, linkContext(ctx)),
        checkId: check.checkId,
        checkUrl: check.checkUrl,
        phone,
        expiresAt: ctx.deps.clock() + check.ttlSeconds * 1000,
        status: 'waiting',
        ...newNumberMatch(),
      };
      return { type: 'step', step: 'phonecheck', methodState: state, link };
    } catch (err) {
      const notice: FlowError =
        err instanceof TruIdError && err.kind === 'rate_limited'
          ? {
              code: 'phonecheck_unavailable',
              message: 'Too many checks right now. Try again in a moment.',
              ...(err.retryAfterSeconds ? { retry_after: err.retryAfterSeconds } : {}),
            }
          : err instanceof TruIdError && err.kind === 'bad_request'
            ? { code: 'phonecheck_unavailable', message: 'Your number or its country cannot be checked this way.' }
            : {
                code: 'phonecheck_unavailable',
                message: 'The phone check is not available right now. Try again in a moment.',
              };
      if (!(err instanceof TruIdError)) ctx.deps.logger.error({ err }, 'tru.ID client failed unexpectedly');
      audit(ctx, 'failure', err instanceof TruIdError ? `truid_${err.kind}` : 'truid_error');
      return failedCheck(phone, notice);
    }
  };

  const method: PhoneCheckMethod = {
    name: PHONECHECK_ACR,

    linkOf(ctx) {
      const state = stateOf(ctx);
      return state?.sealedLink ? ctx.deps.sealer.open(state.sealedLink, linkContext(ctx)) : undefined;
    },

    proves: (factors) => factors.phone,

    async start(ctx) {
      const user = await ctx.deps.store.users.findById(ctx.flow.userId!);
      if (!user?.phone || !user.phoneVerified) {
        audit(ctx, 'refused', 'no_phone');
        return {
          type: 'fail',
          reason: 'no_phone',
          message: 'There is no verified phone number on your account. Contact your administrator.',
        };
      }
      return newCheck(ctx, user.phone);
    },

    async view(ctx): Promise<StepView> {
      const state = ctx.flow.methodState;
      const status = current(ctx, state);
      const link = method.linkOf(ctx);
      const fallback = config.fallback_acr;
      const offerFallback =
        fallback !== undefined && (status === 'expired' || (status === 'failed' && state.offerFallback === true));
      const actions: Record<string, ActionSpec> = {
        ...(status === 'verified' || status === 'denied' ? { continue: { inputs: {} } } : {}),
        ...(status === 'expired' || status === 'failed' ? { renew: { inputs: {} } } : {}),
        ...(offerFallback ? { use_fallback: { inputs: {} } } : {}),
      };
      return {
        step: {
          kind: 'phonecheck',
          ...(link ? { qr: await qrSvg(linkUrl(link), config.qr_options), link: linkUrl(link) } : {}),
          phone: maskPhone(state.phone),
          status,
          ...(status === 'waiting' && state.number !== undefined ? { number: state.number } : {}),
          ...(status === 'failed' && state.reason ? { reason: state.reason } : {}),
          expires_in: Math.max(0, Math.ceil((state.expiresAt - ctx.deps.clock()) / 1000)),
          ...(offerFallback ? { fallback: { acr: fallback, factor: fallbackFactor } } : {}),
        },
        actions,
      };
    },

    async act(ctx, action): Promise<Transition> {
      const state = ctx.flow.methodState;
      const status = current(ctx, state);
      if (action === 'use_fallback') {
        audit(ctx, 'refused', 'fallback');
        return { type: 'switch', acr: config.fallback_acr! };
      }
      if (action === 'renew') return newCheck(ctx, state.phone, true);
      // continue: the verified match is used here, once (the method's state is cleared on completion).
      if (status === 'verified') {
        audit(ctx, 'success');
        return { type: 'complete', userId: ctx.flow.userId!, amr: ['mca'] };
      }
      audit(ctx, 'refused', 'denied_on_phone');
      return { type: 'fail', reason: 'access_denied', message: 'The request was denied on the phone.' };
    },

    phone: {
      state: (ctx) => {
        const state = stateOf(ctx);
        return state && { ...state, status: current(ctx, state) };
      },
      allow: (ctx, number) => {
        const state = stateOf(ctx);
        if (!state || current(ctx, state) !== 'waiting') return { result: undefined };
        if (number !== state.number) {
          // Whoever holds the phone cannot see the screen that started this sign-in (a forwarded QR code,
          // or a guess): no second try, the check is denied as Deny would.
          audit(ctx, 'failure', 'number_mismatch');
          return { methodState: { ...state, status: 'denied' }, result: 'mismatch' };
        }
        return { methodState: { ...state, status: 'verifying' }, result: { checkUrl: state.checkUrl } };
      },
      deny: (ctx) => {
        const state = stateOf(ctx);
        if (!state || !['waiting', 'verifying'].includes(current(ctx, state))) return { result: false };
        return { methodState: { ...state, status: 'denied' }, result: true };
      },
      finish: (ctx, checkId, outcome) => {
        const state = stateOf(ctx);
        // Only the check this flow created, after the user allowed it on the phone, and only once.
        if (!state || state.checkId !== checkId || current(ctx, state) !== 'verifying') return { result: false };
        const next: CheckState = { ...state, status: outcome.status };
        if (outcome.reason) next.reason = outcome.reason;
        if (outcome.offerFallback) next.offerFallback = true;
        audit(
          ctx,
          outcome.status === 'verified' ? 'success' : 'failure',
          outcome.status === 'verified' ? 'sim_match' : outcome.reason,
        );
        return { methodState: next, result: true };
      },
      redeem: async (checkId, code) => {
        try {
          const result = await api.completeCheck(checkId, code);
          if (result.status === 'COMPLETED' && result.match === true) return { status: 'verified' };
          if (result.status === 'COMPLETED')
            return { status: 'failed', reason: 'This phone’s SIM does not have the number on your account.' };
          if (result.status === 'EXPIRED') return { status: 'expired' };
          return {
            status: 'failed',
            reason: reasonFor(result.errorCode),
            offerFallback: NETWORK_REASONS.has(result.errorCode ?? ''),
          };
        } catch (err) {
          const kind = err instanceof TruIdError ? err.kind : 'unavailable';
          if (kind === 'not_mobile')
            return { status: 'failed', reason: reasonFor('not_mobile_ip'), offerFallback: true };
          if (kind === 'conflict') return { status: 'failed', reason: reasonFor('ip_msisdn_mismatch') };
          return {
            status: 'failed',
            reason: 'The check could not be completed. Try again with a new code.',
            offerFallback: true,
          };
        }
      },
    },
  };
  return method;
}
