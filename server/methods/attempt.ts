// What every method does around a check of something the user presents: one audit line per attempt, in
// the same shape for every method, and the lockout's reservation taken before the check (so a burst of
// parallel guesses cannot all slip through before the first failure is counted) and given back on success.
import type { AuditEvent, AuditOutcome } from '../security/audit.js';
import type { AccountRef, AttemptKeys, ThrottleKey } from '../security/lockout.js';
import { currentDeviceRequest, DeviceTokens } from '../security/device-trust.js';
import { lockedRefusal } from '../flow/refusals.js';
import type { EngineDeps, MethodContext, Transition } from '../flow/types.js';
import type { LockoutFactor } from './descriptor.js';

import { auditFlow } from '../flow/audit-flow.js';

export { auditFlow };

/** Who an attempt's audit lines name, when not the flow's user (a first factor, before anyone is proven). */
type AttemptSubject = Pick<AuditEvent, 'user_id' | 'login_hash'>;

const deviceTokens = new WeakMap<EngineDeps, DeviceTokens>();

function tokensOf(deps: EngineDeps): DeviceTokens {
  let tokens = deviceTokens.get(deps);
  if (!tokens) {
    tokens = new DeviceTokens(deps.sealer, deps.config.lockout.device_token_days * 86_400, deps.clock);
    deviceTokens.set(deps, tokens);
  }
  return tokens;
}

/**
 * Whose counter a first-factor attempt for `login` charges: the account's per-device one when the request
 * presents a live device token of `userId` (the account that login names, if any), else the typed login's.
 */
export function firstFactorAccount(ctx: MethodContext, login: string, userId: string | undefined): AccountRef {
  const device = tokensOf(ctx.deps).deviceOf(currentDeviceRequest()?.presented, userId);
  return device && userId ? { userId, device } : { login, userId };
}

/**
 * After the right password from a browser: a device token for it (the same device id when it had one), for
 * the route to hand back. Nothing for the password grant, which has no browser to keep it.
 */
export function trustDevice(ctx: MethodContext, userId: string, account: AccountRef): void {
  const request = currentDeviceRequest();
  const tokens = tokensOf(ctx.deps);
  if (!request || !tokens.enabled || ctx.flow.placement === 'api') return;
  request.issued = {
    token: tokens.issue(userId, 'device' in account ? account.device : undefined),
    placement: ctx.flow.placement,
  };
}

/** One attempt at one factor, counted per account and per client IP (a trusted device: per device only). */
export class Attempt {
  private readonly keys: AttemptKeys;
  private readonly trusted: boolean;
  private charged: ThrottleKey[] = [];

  constructor(
    private readonly ctx: MethodContext,
    /** The audit's method (the acr, e.g. "twilio_sms"). */
    private readonly method: string,
    /** The lockout's factor (e.g. "sms", shared by every SMS acr), one a descriptor declares: an unlock clears it. */
    factor: LockoutFactor,
    account: AccountRef,
    private readonly subject: AttemptSubject = {},
  ) {
    this.keys = ctx.deps.throttle.keysFor(factor, account, ctx.ip);
    this.trusted = 'device' in account;
  }

  record(outcome: AuditOutcome, reason?: string): void {
    auditFlow(this.ctx, {
      event: 'auth.attempt',
      method: this.method,
      outcome,
      ...this.subject,
      ...(this.trusted ? { device: 'trusted' } : {}),
      ...(reason ? { reason } : {}),
    });
  }

  /** Counts the attempt (IP, account, all networks); when one is locked, the refusal to answer instead. */
  async reserve(field: string, what: 'failed attempts' | 'wrong codes'): Promise<Transition | undefined> {
    const { charged, verdict } = await this.ctx.deps.throttle.charge(this.keys, this.trusted);
    this.charged = charged;
    if (verdict.allowed) return undefined;
    this.record('refused', 'locked');
    return lockedRefusal(verdict, field, what);
  }

  /** Forgets the account's failures and takes back this attempt's reservation (Throttle.succeeded). */
  async succeeded(userId?: string): Promise<void> {
    const { account, allNetworks } = this.keys;
    await this.ctx.deps.throttle.succeeded(
      account,
      this.charged.filter((key) => key !== account),
      userId !== undefined && allNetworks ? { userId, network: allNetworks.network } : undefined,
    );
  }

  /** Takes back the whole reservation: the attempt got no verdict (a store could not be reached). */
  async release(): Promise<void> {
    const { throttle } = this.ctx.deps;
    for (const key of this.charged) await throttle.refund(key).catch(() => undefined);
    this.charged = [];
  }
}
