// Tells an account's owner that a second factor was added, through every channel the account has: e-mail
// (when a relay is configured) and SMS to the verified phone (when an SMS method is enabled). Channels run
// side by side, each bounded in time; each delivery is one audit line (never its text); nothing throws.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { UserRecord, UserStore } from '../store/types.js';
import type { Audit, AuditEvent } from '../security/audit.js';
import { SmsSendError, type SmsSender } from '../gateways/sms-sender.js';
import { countryAllowed, maskPhone } from '../phone-numbers.js';
import { factorBoundMail, factorBoundSms } from './factor-bound-text.js';
import { DeadlineError } from './deadline.js';
import { createMailSender, type MailSender } from './email.js';
import type { FactorBoundNotice, Notifier } from './types.js';

export interface NotifierDeps {
  config: Pick<Config, 'notifications' | 'sms'>;
  users: Pick<UserStore, 'findById'>;
  /** The enabled SMS methods' senders by acr (Gateways.sms), in configuration order. */
  smsSenders: ReadonlyMap<string, SmsSender>;
  audit: Audit;
  logger: Logger;
}

/** Why a delivery failed, in a word for the audit line: an SMS failure kind, "timeout", or the SMTP error code. */
function failureReason(err: unknown): string {
  if (err instanceof SmsSendError) return err.kind;
  if (err instanceof DeadlineError) return 'timeout';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code.toLowerCase() : 'unavailable';
}

/**
 * What of an error may reach the log: its message and codes, never the objects around it (the transport's options hold
 * the relay's password).
 */
function errorFacts(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const { code, responseCode, gatewayCode } = err as Error & {
    code?: unknown;
    responseCode?: unknown;
    gatewayCode?: unknown;
  };
  return {
    error: err.message,
    ...(code === undefined ? {} : { code }),
    ...(responseCode === undefined ? {} : { responseCode }),
    ...(gatewayCode === undefined ? {} : { gatewayCode }),
  };
}

/** The first sender that can send now, else the first there is (it may come back before the send times out). */
function pickSender(senders: ReadonlyMap<string, SmsSender>): SmsSender | undefined {
  const all = [...senders.values()];
  return all.find((s) => s.health().state === 'ready') ?? all[0];
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const settings = deps.config.notifications;
  const mail = createMailSender(settings.email);
  const log = deps.logger.child({ component: 'notifications' });

  const record = (notice: FactorBoundNotice, outcome: AuditEvent['outcome'], extra: Partial<AuditEvent>) =>
    deps.audit.record({ event: 'notice.sent', outcome, user_id: notice.userId, factor: notice.factor, ...extra });

  const byEmail = async (
    notice: FactorBoundNotice,
    user: UserRecord & { email: string },
    sender: MailSender,
  ): Promise<void> => {
    try {
      const receipt = await sender.send(user.email, factorBoundMail(notice, user.username, settings.contact));
      record(notice, 'success', { channel: 'email', message_id: receipt.messageId });
    } catch (err) {
      const reason = failureReason(err);
      log.warn({ channel: 'email', user_id: user.id, reason, ...errorFacts(err) }, 'factor notice not sent by e-mail');
      record(notice, 'failure', { channel: 'email', reason });
    }
  };

  // The senders bound their own time (the provider's timeout_ms / submit_timeout_ms, one retry at most).
  const bySms = async (
    notice: FactorBoundNotice,
    user: UserRecord & { phone: string },
    sender: SmsSender,
  ): Promise<void> => {
    const phone = maskPhone(user.phone);
    if (!countryAllowed(user.phone, deps.config.sms.allowed_countries)) {
      record(notice, 'refused', { channel: 'sms', reason: 'country_not_allowed', phone, provider: sender.service });
      return;
    }
    try {
      const receipt = await sender.send({ to: user.phone, body: factorBoundSms(notice) });
      record(notice, 'success', { channel: 'sms', phone, provider: sender.service, message_id: receipt.messageId });
    } catch (err) {
      const reason = failureReason(err);
      log.warn(
        { channel: 'sms', user_id: user.id, reason, provider: sender.service, ...errorFacts(err) },
        'factor notice not sent by SMS',
      );
      record(notice, 'failure', { channel: 'sms', reason, phone, provider: sender.service });
    }
  };

  const deliver = async (notice: FactorBoundNotice): Promise<void> => {
    const user = await deps.users.findById(notice.userId);
    if (!user) {
      log.warn({ user_id: notice.userId }, 'factor notice for an account that no longer exists');
      record(notice, 'failure', { reason: 'unknown_user' });
      return;
    }
    const deliveries: Promise<void>[] = [];
    if (user.email && mail) deliveries.push(byEmail(notice, { ...user, email: user.email }, mail));
    const sms = settings.sms ? pickSender(deps.smsSenders) : undefined;
    if (user.phone && user.phoneVerified && sms) deliveries.push(bySms(notice, { ...user, phone: user.phone }, sms));
    if (deliveries.length === 0) {
      // Nobody could be told: the audit line is what an administrator reviewing bindings has to go on.
      log.warn(
        { user_id: user.id, factor: notice.factor },
        'factor notice: the account has no channel to tell its owner through',
      );
      record(notice, 'failure', { reason: 'no_channel' });
      return;
    }
    await Promise.all(deliveries);
  };

  return {
    async factorBound(notice) {
      try {
        await deliver(notice);
      } catch (err) {
        // The store failed us (the deliveries catch their own): logged, never thrown into a sign-in.
        log.error({ user_id: notice.userId, ...errorFacts(err) }, 'factor notice failed');
        record(notice, 'failure', { reason: 'unavailable' });
      }
    },
  };
}
