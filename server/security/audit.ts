// Structured logs (pino JSON). The audit trail is one event per authentication attempt; it carries ids
// and outcomes, never a password, code, secret, handle or otpauth URI.
import { pino, type DestinationStream, type Logger } from 'pino';
import { sha256 } from './random.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gluu-login' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: these keys must never reach a log line even if a caller passes them by mistake.
      redact: { paths: ['password', 'secret', 'otp', 'inputs', '*.password', '*.secret', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination,
  );
}

export type AuditOutcome = 'success' | 'failure' | 'refused';

export interface AuditEvent {
  event: 'auth.attempt' | 'flow.started' | 'flow.completed' | 'flow.ticket_redeemed' | 'flow.ticket_rejected' | 'sms.sent' | 'phone.enrolled' | 'factor.bound' | 'notice.sent' | 'admin';
  outcome: AuditOutcome;
  method?: string;
  client_id?: string;
  user_id?: string;
  /** For attempts by a login that matched no user: a hash, so logs can correlate without storing what was typed. */
  login_hash?: string;
  ip?: string;
  /** First characters of the flow id (itself a hash of the handle). */
  flow?: string;
  reason?: string;
  acr?: string;
  amr?: string[];
  placement?: 'hosted' | 'embedded' | 'api';
  provider?: string;
  /** Masked, e.g. "+1 ••• ••• •• 71". */
  phone?: string;
  message_id?: string;
  /** factor.bound: the kind of second factor ("otp", "passkey", "phone"). */
  factor?: string;
  /** notice.sent: how the account's owner was told (one event per channel tried). */
  channel?: 'email' | 'sms';
}

export class Audit {
  private readonly log: Logger;

  constructor(logger: Logger) {
    this.log = logger.child({ audit: true });
  }

  record(event: AuditEvent): void {
    this.log.info(event, event.event);
  }

  static loginHash(login: string): string {
    return sha256(login.normalize('NFKC').toLowerCase()).slice(0, 16);
  }
}
