// Checking a code typed back from a message the method sent (an SMS, an e-mail, a reset mail), the same way
// for every method: a code that can no longer succeed (none sent, expired, its tries used up) is refused
// without charging the account (such guesses cannot find it, so they must not lock its owner out); otherwise
// the attempt's lockout reservation and the code's own tries are taken before the comparison.
import type { FlowError } from '../../wire/flow-api.js';
import type { LockoutPolicy } from '../config-parts.js';
import type { MethodContext, Transition } from '../flow/types.js';
import type { ThrottleKey } from '../security/lockout.js';
import type { Attempt } from './attempt.js';
import type { CodeHasher } from './one-time-codes.js';

/** What a method keeps of the code it sent. */
export interface SentCode {
  codeId?: string | undefined;
  codeHash?: string | undefined;
  expiresAt?: number | undefined;
}

/** The lockout policy of one code's tries: `attempts` of them while it lives. */
export function perCodeTries(settings: { max_attempts_per_code: number; code_ttl_seconds: number }): LockoutPolicy {
  return {
    free_attempts: settings.max_attempts_per_code,
    initial_wait_seconds: settings.code_ttl_seconds,
    max_wait_seconds: settings.code_ttl_seconds,
    max_failures: settings.max_attempts_per_code,
    forget_after_seconds: settings.code_ttl_seconds,
  };
}

export interface CodeCheck {
  attempt: Attempt;
  sent: SentCode;
  typed: string;
  hasher: CodeHasher;
  /** The counter key's prefix for this method's codes ("smscode", "mailcode", "resetcode"). */
  triesPrefix: string;
  perCode: LockoutPolicy;
  /** No code can be right (a decoy for an account that was sent nothing): even a lucky guess is wrong. */
  decoy?: boolean;
}

/**
 * Undefined when the typed code is the one sent (the account's failures are then forgotten and the code's
 * tries counter removed); else the refusal, with its audit line.
 */
export async function checkSentCode(ctx: MethodContext, check: CodeCheck): Promise<Transition | undefined> {
  const { attempt, sent } = check;
  const failure = (error: FlowError, reason: string): Transition => {
    attempt.record('failure', reason);
    return { type: 'refuse', error };
  };
  if (!sent.codeId || !sent.codeHash || (sent.expiresAt ?? 0) <= ctx.deps.clock()) {
    return failure(
      { code: 'code_expired', field: 'code', message: 'This code expired. Send a new one.' },
      'code_expired',
    );
  }
  const triesKey: ThrottleKey = { key: `${check.triesPrefix}:${ctx.flow.id}:${sent.codeId}`, policy: check.perCode };
  const exhausted: FlowError = {
    code: 'code_exhausted',
    field: 'code',
    message: 'Too many tries for this code. Send a new one.',
  };
  if ((await ctx.deps.throttle.failures(triesKey)) >= check.perCode.max_failures)
    return failure(exhausted, 'code_exhausted');
  const locked = await attempt.reserve('code', 'wrong codes');
  if (locked) return locked;
  if (!(await ctx.deps.throttle.reserve([triesKey])).allowed) return failure(exhausted, 'code_exhausted');
  if (check.decoy || !check.hasher.matches(sent.codeHash, ctx.flow.id, sent.codeId, check.typed)) {
    return failure(
      { code: 'invalid_code', field: 'code', message: 'That code is not right. Try again.' },
      'invalid_code',
    );
  }
  await attempt.succeeded();
  await ctx.deps.store.counters.delete([triesKey.key]);
  return undefined;
}
