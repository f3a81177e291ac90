// Tells an account's owner that something changed on it, through the channels its kind goes by: e-mail to
// the account's address (and, when the address itself changed, to the one before) when a relay is
// configured, and SMS to the verified phone (and to the number before, when that changed) for the kinds that
// let someone else sign in or keep the owner from hearing of it, when notifications.sms is on and an SMS
// method is enabled. Channels run side by side, each bounded in time; each delivery is one audit line
// (never its text); nothing throws.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { UserRecord, UserStore } from '../store/types.js';
import type { Audit, AuditEvent } from '../security/audit.js';
import { SmsSendError, type SmsSender } from '../gateways/sms-sender.js';
import { countryAllowed, maskPhone } from '../phone-numbers.js';
import { factorAdded } from './factor-bound-text.js';
import { DeadlineError } from './deadline.js';
import { createMailSender } from './email.js';
import { noticeMail, type MailContent } from './mail-text.js';
import { noticeSms } from './sms-text.js';
import { wordingFor } from './wording/index.js';
import type { AccountNotice, NoticeKind, Notifier } from './types.js';

export interface NotifierDeps {
  config: Pick<Config, 'notifications' | 'sms' | 'issuer'>;
  users: Pick<UserStore, 'findById'>;
  /** The enabled SMS methods' senders by acr (Gateways.sms), in configuration order. */
  smsSenders: ReadonlyMap<string, SmsSender>;
  audit: Audit;
  logger: Logger;
}

/**
 * The kinds worth a text message (each costs one): changes that let someone else sign in, or that could keep
 * the owner from hearing of it. New recovery codes and a new sign-in go by e-mail only.
 */
export const SMS_KINDS: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
  'password_changed',
  'factor_added',
  'factor_removed',
  'phone_changed',
  'email_changed',
  'recovery_code_used',
]);

/** Whether a notice of `kind` may go by SMS under `settings` (the CLI starts its SMS gateways only then). */
export function goesBySms(kind: NoticeKind, settings: Pick<Config['notifications'], 'sms'>): boolean {
  return settings.sms && SMS_KINDS.has(kind);
}

/** The notice's name in log messages ("factor notice not sent by e-mail"). */
const LOG_NAME: Record<NoticeKind, string> = {
  password_changed: 'password',
  factor_added: 'factor',
  factor_removed: 'factor removal',
  phone_changed: 'phone',
  email_changed: 'e-mail address',
  recovery_code_used: 'recovery code',
  recovery_codes_regenerated: 'recovery codes',
  new_sign_in: 'new sign-in',
};

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

const sameAddress = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

export function createNotifier(deps: NotifierDeps): Notifier {
  const settings = deps.config.notifications;
  const mail = createMailSender(settings.email);
  const log = deps.logger.child({ component: 'notifications' });

  const record = (notice: AccountNotice, outcome: AuditEvent['outcome'], extra: Partial<AuditEvent>) =>
    deps.audit.record({
      event: 'notice.sent',
      outcome,
      user_id: notice.userId,
      notice: notice.kind,
      ...('factor' in notice && notice.factor ? { factor: notice.factor } : {}),
      ...extra,
    });

  /** `previous`: the address the account had before this change, not its own now. */
  const byEmail = async (notice: AccountNotice, to: string, content: MailContent, previous: boolean) => {
    const recipient = previous ? { recipient: 'previous' as const } : {};
    try {
      const receipt = await mail!.send(to, content);
      record(notice, 'success', { channel: 'email', message_id: receipt.messageId, ...recipient });
    } catch (err) {
      const reason = failureReason(err);
      log.warn(
        { channel: 'email', user_id: notice.userId, reason, ...recipient, ...errorFacts(err) },
        `${LOG_NAME[notice.kind]} notice not sent by e-mail`,
      );
      record(notice, 'failure', { channel: 'email', reason, ...recipient });
    }
  };

  // The senders bound their own time (the provider's timeout_ms / submit_timeout_ms, one retry at most).
  const bySms = async (notice: AccountNotice, to: string, body: string, sender: SmsSender, previous: boolean) => {
    const facts = { channel: 'sms' as const, phone: maskPhone(to), provider: sender.service };
    const recipient = previous ? { recipient: 'previous' as const } : {};
    if (!countryAllowed(to, deps.config.sms.allowed_countries)) {
      record(notice, 'refused', { ...facts, reason: 'country_not_allowed', ...recipient });
      return;
    }
    try {
      const receipt = await sender.send({ to, body });
      record(notice, 'success', { ...facts, message_id: receipt.messageId, ...recipient });
    } catch (err) {
      const reason = failureReason(err);
      log.warn(
        { channel: 'sms', user_id: notice.userId, reason, provider: sender.service, ...recipient, ...errorFacts(err) },
        `${LOG_NAME[notice.kind]} notice not sent by SMS`,
      );
      record(notice, 'failure', { ...facts, reason, ...recipient });
    }
  };

  const emailsFor = (notice: AccountNotice, user: UserRecord): { to: string; previous: boolean }[] => {
    const list = user.email ? [{ to: user.email, previous: false }] : [];
    if (notice.kind === 'email_changed' && notice.previousEmail && !sameAddress(notice.previousEmail, user.email))
      list.push({ to: notice.previousEmail, previous: true });
    return list;
  };

  const phonesFor = (notice: AccountNotice, user: UserRecord): { to: string; previous: boolean }[] => {
    const list = user.phone && user.phoneVerified ? [{ to: user.phone, previous: false }] : [];
    if (notice.kind === 'phone_changed' && notice.previousPhone && notice.previousPhone !== user.phone)
      list.push({ to: notice.previousPhone, previous: true });
    return list;
  };

  const deliver = async (notice: AccountNotice): Promise<void> => {
    const user = await deps.users.findById(notice.userId);
    if (!user) {
      log.warn({ user_id: notice.userId }, `${LOG_NAME[notice.kind]} notice for an account that no longer exists`);
      record(notice, 'failure', { reason: 'unknown_user' });
      return;
    }
    const wording = wordingFor(notice.lang);
    const deliveries: Promise<void>[] = [];
    if (mail) {
      const content = noticeMail(notice, user, wording, {
        contact: settings.contact,
        resetUrl: settings.reset_url,
        issuer: deps.config.issuer,
      });
      for (const { to, previous } of emailsFor(notice, user)) deliveries.push(byEmail(notice, to, content, previous));
    }
    const sender = goesBySms(notice.kind, settings) ? pickSender(deps.smsSenders) : undefined;
    const text = sender ? noticeSms(notice, wording, deps.config.issuer) : undefined;
    if (sender && text) {
      for (const { to, previous } of phonesFor(notice, user))
        deliveries.push(bySms(notice, to, text, sender, previous));
    }
    if (deliveries.length === 0) {
      // Nobody could be told: the audit line is what an administrator reviewing changes has to go on.
      log.warn(
        { user_id: user.id, notice: notice.kind },
        `${LOG_NAME[notice.kind]} notice: the account has no channel to tell its owner through`,
      );
      record(notice, 'failure', { reason: 'no_channel' });
      return;
    }
    await Promise.all(deliveries);
  };

  const accountChanged = async (notice: AccountNotice): Promise<void> => {
    // The switch is the notifier's: a caller that asks anyway sends nothing.
    if (notice.kind === 'new_sign_in' && !settings.new_sign_in) return;
    try {
      await deliver(notice);
    } catch (err) {
      // The store failed us (the deliveries catch their own): logged, never thrown into a sign-in.
      log.error({ user_id: notice.userId, notice: notice.kind, ...errorFacts(err) }, 'account notice failed');
      record(notice, 'failure', { reason: 'unavailable' });
    }
  };

  return {
    accountChanged,
    factorBound: (notice) => accountChanged(factorAdded(notice)),
  };
}
