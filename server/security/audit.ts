// Structured logs (pino JSON). The audit trail is one event per authentication attempt; it carries ids
// and outcomes, never a password, code, secret, handle or otpauth URI.
import { createHmac, randomBytes } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';
import { sha256 } from './random.js';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gluu-login' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: these keys must never reach a log line even if a caller passes them by mistake.
      redact: {
        paths: [
          'password',
          'secret',
          'otp',
          'inputs',
          '*.password',
          '*.secret',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type AuditOutcome = 'success' | 'failure' | 'refused';

export interface AuditEvent {
  event:
    | 'auth.attempt'
    | 'flow.started'
    | 'flow.completed'
    | 'flow.ticket_redeemed'
    | 'flow.ticket_rejected'
    | 'sms.sent'
    | 'phone.enrolled'
    | 'email.sent'
    | 'email.enrolled'
    | 'factor.bound'
    | 'flow.another_way'
    /** A trusted browser stood in for a second factor, or a browser became trusted (reason says which). */
    | 'flow.trusted_browser'
    | 'recovery_code.used'
    | 'recovery_code.issued'
    | 'password.reset'
    | 'notice.sent'
    /** A change on the account page (reason: what changed). */
    | 'account.changed'
    /** A fresh proof on the account page (a step-up flow finished). */
    | 'account.proof'
    | 'admin';
  outcome: AuditOutcome;
  method?: string;
  client_id?: string;
  user_id?: string;
  /**
   * For attempts by a login that matched no user: a keyed hash, so logs can correlate without storing what
   * was typed, and a leaked log cannot be read back by hashing a list of likely names.
   */
  login_hash?: string;
  ip?: string;
  /** First characters of the flow id (itself a hash of the handle). */
  flow?: string;
  reason?: string;
  acr?: string;
  amr?: string[];
  placement?: 'hosted' | 'embedded' | 'api' | 'account';
  provider?: string;
  /** Masked, e.g. "+1 ••• ••• •• 71". */
  phone?: string;
  /** Masked, e.g. "d•••@example.com". */
  email?: string;
  message_id?: string;
  /** factor.bound: the kind of second factor ("otp", "passkey", "phone"). */
  factor?: string;
  /** notice.sent: how the account's owner was told (one event per channel tried). */
  channel?: 'email' | 'sms';
  /** notice.sent: what the owner was told of ("password_changed", "factor_added", ...). */
  notice?: string;
  /** notice.sent: to the address or phone the account had before the change, not its own now. */
  recipient?: 'previous';
  /** auth.attempt: made from a browser holding the account's device token (counted on its own counter). */
  device?: 'trusted';
}

export class Audit {
  private readonly log: Logger;

  /**
   * `loginKey` keys the login hashes: the server derives it from the seal key, so every instance of a
   * deployment writes the same hash for the same login. Without one, a key of this process's own.
   */
  constructor(
    logger: Logger,
    private readonly loginKey: Buffer = randomBytes(32),
  ) {
    this.log = logger.child({ audit: true });
  }

  record(event: AuditEvent): void {
    const line = event.login_hash === undefined ? event : { ...event, login_hash: this.keyed(event.login_hash) };
    this.log.info(line, line.event);
  }

  /** HMAC-SHA256 under the login key (of the unkeyed digest callers pass), as 16 hex characters. */
  private keyed(digest: string): string {
    return createHmac('sha256', this.loginKey).update(digest).digest('hex').slice(0, 16);
  }

  /**
   * What a caller puts in `login_hash`: the digest of the login as typed, NFKC and lower case. It never
   * reaches a log line as it is: record() writes its HMAC under the login key.
   */
  static loginHash(login: string): string {
    return sha256(login.normalize('NFKC').toLowerCase());
  }
}
