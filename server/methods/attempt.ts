// What every method does around a check of something the user presents: one audit line per attempt, in
// the same shape for every method, and the lockout's reservation taken before the check (so a burst of
// parallel guesses cannot all slip through before the first failure is counted) and given back on success.
import type { AuditEvent, AuditOutcome } from '../security/audit.js';
import type { ThrottleKey } from '../security/lockout.js';
import { lockedRefusal } from '../flow/refusals.js';
import type { MethodContext, Transition } from '../flow/types.js';

/** An audit line about this flow; `event` may name the user itself, when the flow does not know it yet. */
export function auditFlow(ctx: MethodContext, event: AuditEvent): void {
  ctx.deps.audit.record({ client_id: ctx.flow.clientId, user_id: ctx.flow.userId, ip: ctx.ip, flow: ctx.flow.id.slice(0, 8), ...event });
}

/** Who an attempt's audit lines name, when not the flow's user (a first factor, before anyone is proven). */
type AttemptSubject = Pick<AuditEvent, 'user_id' | 'login_hash'>;

/** One attempt at one factor, counted per account and per client IP. */
export class Attempt {
  private readonly keys: { account: ThrottleKey; ip: ThrottleKey };

  constructor(
    private readonly ctx: MethodContext,
    /** The audit's method (the acr, e.g. "twilio_sms"). */
    private readonly method: string,
    /** The lockout's factor (e.g. "sms", shared by every SMS acr). */
    factor: string,
    account: { userId?: string | undefined; login?: string | undefined },
    private readonly subject: AttemptSubject = {},
  ) {
    this.keys = ctx.deps.throttle.keysFor(factor, account, ctx.ip);
  }

  record(outcome: AuditOutcome, reason?: string): void {
    auditFlow(this.ctx, { event: 'auth.attempt', method: this.method, outcome, ...this.subject, ...(reason ? { reason } : {}) });
  }

  /** Counts the attempt (IP first, then account); when either is locked, the refusal to answer instead. */
  async reserve(field: string, what: 'failed attempts' | 'wrong codes'): Promise<Transition | undefined> {
    const verdict = await this.ctx.deps.throttle.reserve([this.keys.ip, this.keys.account]);
    if (verdict.allowed) return undefined;
    this.record('refused', 'locked');
    return lockedRefusal(verdict, field, what);
  }

  succeeded(): Promise<void> {
    return this.ctx.deps.throttle.succeeded(this.keys.account, this.keys.ip);
  }
}
