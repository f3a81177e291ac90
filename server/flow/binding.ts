// Binding a new second factor to an account inside a sign-in flow (NIST SP 800-63B 6.1.2.1, ASVS 5.0
// 7.5.1). An account that has a second factor binds another only after one of its existing second factors
// was proven in the same flow: whoever holds only the password must not be able to add their own
// authenticator app, passkey or phone and sign in with it from then on. An account with none binds its
// first after the password only when `enrollment.first_factor` allows it. Methods ask before they show an
// enrollment step and again just before they store what was enrolled (another flow of the same account may
// have bound a factor in between).
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import type { BoundFactor } from '../notifications/types.js';
import type { FailureReason } from '../../wire/flow-api.js';
import { auditFlow } from './audit-flow.js';
import type { MethodContext, Transition } from './types.js';

/**
 * The amr a recovery code adds: RFC 8176 registers no value for a look-up secret, and says another value may
 * be used; the RP sees exactly what was used.
 */
export const RECOVERY_CODE_AMR = 'recovery_code';

/** amr values that only a proven second factor adds (RFC 8176). */
const SECOND_FACTOR_AMR = new Set(['otp', 'sms', 'mca', 'swk', 'hwk', RECOVERY_CODE_AMR]);

/** The second factors an account holds, as far as binding and proving them goes. */
export interface AccountFactors {
  /** Credential types of its authenticator apps ("totp", "hotp"). */
  otpTypes: Set<string>;
  passkeys: number;
  /** A verified phone number (SMS codes and the tru.ID phone check). */
  phone: boolean;
  /** A verified e-mail address (e-mail codes, where that method is enabled). */
  email: boolean;
  /** Unused recovery codes. */
  recoveryCodes: number;
}

export async function accountFactors(store: Store, userId: string): Promise<AccountFactors> {
  const [user, credentials] = await Promise.all([store.users.findById(userId), store.credentials.listForUser(userId)]);
  return {
    otpTypes: new Set(credentials.filter((c) => c.type === 'totp' || c.type === 'hotp').map((c) => c.type)),
    passkeys: credentials.filter((c) => c.type === 'webauthn').length,
    phone: Boolean(user?.phone && user.phoneVerified),
    email: Boolean(user?.email && user.emailVerified),
    recoveryCodes: credentials.filter((c) => c.type === RECOVERY_CODE_TYPE).length,
  };
}

/** The credential type of one unused recovery code (server/methods/recovery/). */
export const RECOVERY_CODE_TYPE = 'recovery_code';

/** The method that shows an account a new set of recovery codes at the end of a sign-in. */
export const RECOVERY_CODES_ISSUE = 'recovery_codes';

/** A forgotten password's methods (server/methods/reset/): the e-mail code, then the new password. */
export const PASSWORD_RESET_CHAIN = ['password_reset', 'password_reset_new'] as const;

/** A verified e-mail address counts only where e-mail codes are a sign-in method (`methods.email_otp`). */
export function hasSecondFactor(factors: AccountFactors, config: Config): boolean {
  return (
    factors.otpTypes.size > 0 ||
    factors.passkeys > 0 ||
    factors.phone ||
    factors.recoveryCodes > 0 ||
    (factors.email && config.methods.email_otp.enabled)
  );
}

/** Whether this flow has proven one of the account's second factors (the password is not one). */
export function provedSecondFactor(amr: readonly string[]): boolean {
  return amr.some((a) => SECOND_FACTOR_AMR.has(a));
}

/**
 * allowed: an existing second factor was proven in this flow; first_factor: the account has none and the
 * configuration lets it enroll one after the password; prove_first: it has one, not yet proven here;
 * refused: it has none and may not enroll one on its own.
 */
export type BindingVerdict = 'allowed' | 'first_factor' | 'prove_first' | 'refused';

export async function bindingVerdict(ctx: MethodContext): Promise<BindingVerdict> {
  const factors = await accountFactors(ctx.deps.store, ctx.flow.userId!);
  if (hasSecondFactor(factors, ctx.deps.config)) return provedSecondFactor(ctx.flow.amr) ? 'allowed' : 'prove_first';
  return ctx.deps.config.enrollment.first_factor ? 'first_factor' : 'refused';
}

const NOT_ALLOWED: Record<BoundFactor, string> = {
  otp: 'An authenticator app can only be added to your account by an administrator. Contact your administrator.',
  passkey: 'A passkey can only be added to your account by an administrator. Contact your administrator.',
  phone: 'A phone number can only be added to your account by an administrator. Contact your administrator.',
  email: 'An e-mail address can only be added to your account by an administrator. Contact your administrator.',
};

/** The reason a flow fails when its account cannot bind the factor its method needs. */
export const NO_SECOND_FACTOR: FailureReason = 'no_second_factor';

/**
 * What a method does instead of showing (or storing) an enrollment of `factor`: nothing (undefined: go
 * ahead), prove an existing factor first, or end the flow because the account may not enroll on its own.
 */
export async function bindingGate(
  ctx: MethodContext,
  factor: BoundFactor,
  method: string,
): Promise<Transition | undefined> {
  const verdict = await bindingVerdict(ctx);
  if (verdict === 'allowed' || verdict === 'first_factor') return undefined;
  auditFlow(ctx, {
    event: 'factor.bound',
    method,
    outcome: 'refused',
    reason: verdict === 'prove_first' ? 'needs_existing_factor' : 'first_factor_not_allowed',
    factor,
  });
  if (verdict === 'prove_first') return { type: 'prove_first', binding: factor };
  return { type: 'fail', reason: NO_SECOND_FACTOR, message: NOT_ALLOWED[factor] };
}

/**
 * After `factor` was stored: the audit line, and the owner told through every channel the account has.
 * The notice goes out in the background, so a slow mail relay does not hold up the sign-in.
 */
export function factorBound(ctx: MethodContext, factor: BoundFactor, method: string, label: string): void {
  const firstFactor = !provedSecondFactor(ctx.flow.amr);
  auditFlow(ctx, {
    event: 'factor.bound',
    method,
    outcome: 'success',
    factor,
    ...(firstFactor ? { reason: 'first_factor' } : {}),
  });
  const client = ctx.client.client_name ?? ctx.client.client_id;
  void ctx.deps.notifier
    .factorBound({
      userId: ctx.flow.userId!,
      factor,
      label,
      clientName: client,
      ip: ctx.ip,
      ...(ctx.flow.userAgent ? { userAgent: ctx.flow.userAgent } : {}),
      at: ctx.deps.clock(),
      firstFactor,
      lang: ctx.flow.lang,
    })
    .catch((err: unknown) => ctx.deps.logger.error({ err }, 'factor notice failed'));
}
