// The mail relay (notifications.email) as a gateway: the sender e-mail codes go through, with a health
// the server reports in /healthz. It is checked with nodemailer's verify() (no mail sent) at start and
// after a delivery fails, then again with growing pauses while it stays down; a delivery that succeeds
// marks it ready. Reading the health never touches the network, so /healthz stays fast.
import type { Logger } from 'pino';
import { createMailSender, type EmailSettings, type MailSender, verifyMailRelay } from '../notifications/email.js';
import type { MailContent } from '../notifications/factor-bound-text.js';
import { HealthState, type GatewayHealth, type ManagedGateway } from './lifecycle.js';

/** Pauses between checks of a relay that is down: from the first up to the last, doubling. */
const RECHECK_FIRST_MS = 5_000;
const RECHECK_MAX_MS = 300_000;

/** What of an error may be told (the transport's options hold the relay's password). */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return 'unavailable';
  const { code, responseCode } = err as Error & { code?: unknown; responseCode?: unknown };
  const what = typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code : undefined;
  return [what, typeof responseCode === 'number' ? String(responseCode) : undefined, err.message.slice(0, 160)]
    .filter(Boolean)
    .join(' ');
}

export interface MailRelayOptions {
  /** Checks the relay (default: nodemailer's verify() with these settings); for tests of the schedule only. */
  verify?: () => Promise<void>;
  clock?: () => number;
}

export class MailRelay implements ManagedGateway, MailSender {
  readonly service = 'smtp';
  private readonly sender: MailSender;
  private readonly state: HealthState;
  private readonly verify: () => Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private pause = RECHECK_FIRST_MS;
  private closed = false;

  constructor(
    settings: EmailSettings,
    private readonly logger: Logger,
    options: MailRelayOptions = {},
  ) {
    const sender = createMailSender(settings);
    if (!sender) throw new Error('MailRelay needs notifications.email.smtp_url and from');
    this.sender = sender;
    this.verify = options.verify ?? (() => verifyMailRelay(settings));
    this.state = new HealthState(options.clock ?? Date.now, 'connecting');
  }

  start(): Promise<void> {
    return this.check();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.checking;
  }

  health(): GatewayHealth {
    return this.state.get();
  }

  async send(to: string, content: MailContent) {
    try {
      const receipt = await this.sender.send(to, content);
      this.up();
      return receipt;
    } catch (err) {
      // A refused recipient is not an outage: verify() tells the relay's state apart from this message's.
      void this.check();
      throw err;
    }
  }

  /** One verify() at a time; while the relay is down, the next one is scheduled. */
  private check(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.checking ??= this.verify()
      .then(
        () => this.up(),
        (err: unknown) => {
          const detail = reasonOf(err);
          if (this.state.get().state !== 'down')
            this.logger.warn({ provider: this.service, reason: detail }, 'mail relay unreachable');
          this.state.set('down', detail);
          this.schedule();
        },
      )
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private up(): void {
    if (this.state.get().state === 'down') this.logger.info({ provider: this.service }, 'mail relay reachable again');
    this.state.set('ready');
    this.pause = RECHECK_FIRST_MS;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, this.pause);
    this.timer.unref();
    this.pause = Math.min(this.pause * 2, RECHECK_MAX_MS);
  }
}
