// SMS through an SMSC over SMPP 3.4 with the `smpp` package. An SMSC expects one long-lived bind (many
// limit binds per account and throttle bind storms), rather than a session and a bind per message, so this
// keeps one transceiver bind up: it answers and sends enquire_link, rebinds with backoff
// after any loss, times out submits itself (the package has no timeouts and no reconnection), and turns
// command_status values into the SmsSendError kinds the SMS methods understand.
import smpp from 'smpp';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { SmppSmsSettings } from '../methods/sms/settings.js';
import { HealthState, type GatewayHealth } from './lifecycle.js';
import { SmsSendError, type SmsMessage, type SmsReceipt, type SmsSender } from './sms-sender.js';

type Ton = SmppSmsSettings['source_addr_ton'];
type Npi = SmppSmsSettings['source_addr_npi'];

/** SMPP 3.4 section 5.2.5. */
export const TON: Record<Ton, number> = {
  UNKNOWN: 0,
  INTERNATIONAL: 1,
  NATIONAL: 2,
  NETWORK_SPECIFIC: 3,
  SUBSCRIBER_NUMBER: 4,
  ALPHANUMERIC: 5,
  ABBREVIATED: 6,
};

/** SMPP 3.4 section 5.2.6. */
export const NPI: Record<Npi, number> = {
  UNKNOWN: 0,
  ISDN: 1,
  DATA: 3,
  TELEX: 4,
  LAND_MOBILE: 6,
  NATIONAL: 8,
  PRIVATE: 9,
  ERMES: 10,
  INTERNET: 14,
  WAP: 18,
};

/** short_message has a one-octet length and SMPP 3.4 caps it at 254; longer texts go in message_payload. */
const SHORT_MESSAGE_MAX_OCTETS = 254;
const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
const MAX_BACKOFF_DOUBLINGS = 30;

const BIND_CREDENTIAL_REFUSALS = new Set([smpp.ESME_RBINDFAIL, smpp.ESME_RINVPASWD, smpp.ESME_RINVSYSID]);
const SUBMIT_FAILURE_KINDS = new Map<number, SmsSendError['kind']>([
  [smpp.ESME_RINVDSTADR, 'invalid_number'],
  [smpp.ESME_RINVDSTTON, 'invalid_number'],
  [smpp.ESME_RINVDSTNPI, 'invalid_number'],
  [smpp.ESME_RTHROTTLED, 'unavailable'],
  [smpp.ESME_RMSGQFUL, 'unavailable'],
  [smpp.ESME_RSYSERR, 'unavailable'],
  // Our sender settings (source_addr and its TON/NPI) are wrong: only an administrator can fix that.
  [smpp.ESME_RINVSRCADR, 'misconfigured'],
  [smpp.ESME_RINVSRCTON, 'misconfigured'],
  [smpp.ESME_RINVSRCNPI, 'misconfigured'],
]);

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, value]) => [value, name]));

export function smppStatusText(status: number): string {
  const hex = `0x${status.toString(16).padStart(8, '0')}`;
  const name = STATUS_NAMES.get(status);
  return name ? `${name} (${hex})` : hex;
}

export interface SmppSenderOptions {
  /** For health().since; tests pin it. */
  clock?: () => number;
  /**
   * Extra tls.connect options when `tls` is set, e.g. `{ ca }` for an SMSC with a private CA. Certificates are
   * verified unless these say otherwise.
   */
  tlsOptions?: ConnectionOptions;
}

interface Pending {
  fail(error: SmsSendError): void;
}

/** One TCP (or TLS) connection and its bind; replaced by a new one on every reconnection. */
interface Connection {
  readonly session: smpp.Session;
  connected: boolean;
  bound: boolean;
  /** The SMSC answered the bind with an error: the reason is already in health(). */
  refused: boolean;
  /** Why it ended, for the disconnect log line and health(). */
  failure?: string;
  readonly pending: Set<Pending>;
  bindTimer?: NodeJS.Timeout;
  enquireTimer?: NodeJS.Timeout;
  enquireDeadline?: NodeJS.Timeout;
}

export class SmppSender implements SmsSender {
  readonly service = 'smpp';
  private readonly log: Logger;
  private readonly address: string;
  private readonly url: string;
  private readonly tlsOptions: ConnectionOptions;
  private conn: Connection | undefined;
  private readonly state: HealthState;
  /** Consecutive attempts that did not end in a bind: the backoff exponent. */
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private started: Promise<void> | undefined;
  private firstAttemptDone: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly config: SmppSmsSettings,
    logger: Logger,
    options: SmppSenderOptions = {},
  ) {
    if (!config.smpp_server) throw new TypeError('SmppSender needs methods.smpp.smpp_server');
    this.address = `${config.smpp_server}:${config.smpp_port}`;
    this.url = `${config.tls ? 'ssmpp' : 'smpp'}://${this.address}`;
    this.tlsOptions = options.tlsOptions ?? {};
    this.log = logger.child({ provider: 'smpp', smsc: this.address });
    this.state = new HealthState(options.clock ?? Date.now, 'down', 'not started');
    if (config.data_coding !== undefined) {
      try {
        encodeText('x', config.data_coding);
      } catch {
        // Every send will fail as "misconfigured"; say why once, where an administrator looks first.
        this.log.error(
          { data_coding: config.data_coding },
          `SMPP data_coding ${config.data_coding} has no text encoder in the smpp package: ` +
            'use 0, 1, 3 or 8, or leave it unset',
        );
      }
    }
  }

  start(): Promise<void> {
    this.started ??= new Promise<void>((resolve) => {
      if (this.closing) return resolve();
      // The attempt gives up by itself after submit_timeout_ms and reports; this only makes sure that no
      // path left unreported can make the server wait on the SMSC for ever.
      const timer = setTimeout(() => this.completeFirstAttempt(), this.config.submit_timeout_ms + 1000);
      this.firstAttemptDone = () => {
        clearTimeout(timer);
        resolve();
      };
      this.state.set('connecting', `connecting to ${this.address}`);
      this.connect();
    });
    return this.started;
  }

  health(): GatewayHealth {
    return this.state.get();
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    if (this.closing) throw new SmsSendError('unavailable', 'SMPP sender is closed');
    const conn = this.conn;
    // Fail now rather than queue: the user can press "resend" sooner than a rebind may come.
    if (!conn?.bound) {
      const health = this.state.get();
      throw new SmsSendError('unavailable', `SMSC not bound: ${health.detail ?? health.state}`);
    }
    const pdu = new smpp.PDU('submit_sm', this.submitParams(message));
    const timeoutMs = this.config.submit_timeout_ms;

    return new Promise<SmsReceipt>((resolve, reject) => {
      const pending: Pending = {
        fail: (error) => {
          conn.pending.delete(pending);
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.log.warn({ timeout_ms: timeoutMs }, 'SMPP submit_sm unanswered');
        pending.fail(new SmsSendError('unavailable', `SMSC did not answer submit_sm within ${timeoutMs} ms`));
      }, timeoutMs);
      conn.pending.add(pending);

      const onResponse = (resp: smpp.PDU) => {
        if (!conn.pending.delete(pending)) return; // timed out or the connection was lost first
        clearTimeout(timer);
        const status = resp.command_status;
        if (status === smpp.ESME_ROK) {
          const messageId = resp.message_id ?? '';
          this.log.debug({ message_id: messageId }, 'SMPP submit_sm accepted');
          resolve({ messageId });
          return;
        }
        const kind = SUBMIT_FAILURE_KINDS.get(status) ?? 'unavailable';
        this.log.warn({ command_status: status, kind }, `SMPP submit_sm refused: ${smppStatusText(status)}`);
        if (status === smpp.ESME_RINVBNDSTS) {
          // The SMSC has forgotten our bind; a new connection is the only way back.
          conn.failure = 'the SMSC answered ESME_RINVBNDSTS (not bound)';
          conn.session.destroy();
        }
        reject(new SmsSendError(kind, `SMSC refused the message: ${smppStatusText(status)}`, status));
      };

      let sent: boolean;
      try {
        sent = conn.session.send(pdu, onResponse);
      } catch (error) {
        pending.fail(new SmsSendError('misconfigured', `cannot encode submit_sm: ${(error as Error).message}`));
        return;
      }
      if (!sent) pending.fail(new SmsSendError('unavailable', 'SMSC not bound: the connection is closing'));
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.completeFirstAttempt();
    const conn = this.conn;
    this.state.set('down', 'closed');
    if (!conn) return;
    conn.failure = 'sender closed';
    const wasBound = conn.bound;
    await new Promise<void>((resolve) => {
      conn.session.once('close', () => resolve());
      // An SMSC that neither answers unbind nor closes must not hold up shutdown.
      const giveUp = setTimeout(() => conn.session.destroy(), Math.min(this.config.submit_timeout_ms, 2000));
      conn.session.once('close', () => clearTimeout(giveUp));
      let sent = false;
      if (wasBound) {
        try {
          sent = conn.session.unbind(() => conn.session.close());
        } catch {
          sent = false;
        }
      }
      if (!sent) conn.session.destroy();
    });
    if (wasBound) this.log.info(`SMPP unbound from ${this.address}`);
  }

  private connect(): void {
    if (this.closing) return;
    const session = smpp.connect({ url: this.url, ...this.tlsOptions });
    const conn: Connection = { session, connected: false, bound: false, refused: false, pending: new Set() };
    this.conn = conn;
    // Covers a TCP connect that hangs (no SYN-ACK) as well as a bind nobody answers.
    conn.bindTimer = setTimeout(() => {
      const what = conn.connected ? 'no bind answer' : 'no connection';
      conn.failure = `${what} within ${this.config.submit_timeout_ms} ms`;
      session.destroy();
    }, this.config.submit_timeout_ms);

    session.on(this.config.tls ? 'secureConnect' : 'connect', () => {
      conn.connected = true;
      // A submit_sm is one small write that a user is waiting on; Nagle would hold it back while an
      // earlier one is unacknowledged.
      session.socket.setNoDelay(true);
      this.bind(conn);
    });
    // Without this listener an ECONNRESET would kill the process. The package also reports undecodable
    // input here and then stops reading the socket, so the connection is of no use any more either way.
    session.on('error', (error: NodeJS.ErrnoException) => {
      conn.failure ??= error.code ? `${error.code}: ${error.message}` : error.message;
      session.destroy();
    });
    session.on('close', () => this.onClose(conn));
    session.on('enquire_link', (pdu: smpp.PDU) => this.answer(conn, pdu.response()));
    session.on('deliver_sm', (pdu: smpp.PDU) => this.onDeliverSm(conn, pdu));
    session.on('unbind', (pdu: smpp.PDU) => {
      conn.failure = 'the SMSC unbound';
      conn.bound = false;
      this.answer(conn, pdu.response());
      session.close();
    });
    // Anything the package cannot parse gets generic_nack, so the SMSC is not left waiting.
    session.on('unknown', (pdu: smpp.PDU) => this.answer(conn, pdu.response()));
  }

  private bind(conn: Connection): void {
    let sent = false;
    try {
      sent = conn.session.bind_transceiver(
        { system_id: this.config.system_id, password: this.config.password },
        (resp) => this.onBindResponse(conn, resp),
      );
    } catch (error) {
      conn.failure = `cannot encode bind_transceiver: ${(error as Error).message}`;
    }
    if (!sent) conn.session.destroy();
  }

  private onBindResponse(conn: Connection, resp: smpp.PDU): void {
    clearTimeout(conn.bindTimer);
    if (conn !== this.conn || this.closing) return;
    const status = resp.command_status;
    if (status === smpp.ESME_ROK) {
      conn.bound = true;
      const attempts = this.failures + 1;
      this.failures = 0;
      this.state.set('ready');
      this.log.info(
        { system_id: this.config.system_id, attempts },
        `SMPP initialized: bound to ${this.address} as ${this.config.system_id}`,
      );
      this.keepAlive(conn);
    } else {
      const detail = BIND_CREDENTIAL_REFUSALS.has(status)
        ? 'bind refused: check system_id/password'
        : `bind refused: ${smppStatusText(status)}`;
      conn.refused = true;
      conn.failure = detail;
      this.state.set('down', detail);
      this.log.warn(
        { system_id: this.config.system_id, command_status: status },
        `SMPP bind to ${this.address} as ${this.config.system_id} refused: ${smppStatusText(status)}`,
      );
      conn.session.destroy();
    }
    this.completeFirstAttempt();
  }

  /** Our own enquire_link: idle connections get cut by NATs and SMSCs, and a dead peer is only noticed by asking. */
  private keepAlive(conn: Connection): void {
    const deadlineMs = this.config.submit_timeout_ms;
    conn.enquireTimer = setInterval(() => {
      if (!conn.bound || conn.enquireDeadline) return;
      let sent = false;
      try {
        sent = conn.session.enquire_link(() => {
          clearTimeout(conn.enquireDeadline);
          conn.enquireDeadline = undefined;
        });
      } catch {
        sent = false;
      }
      if (!sent) return; // the socket is going away; 'close' follows
      conn.enquireDeadline = setTimeout(() => {
        conn.failure = `no enquire_link_resp within ${deadlineMs} ms`;
        this.log.warn({ timeout_ms: deadlineMs }, 'SMPP enquire_link unanswered: dropping the connection');
        conn.session.destroy();
      }, deadlineMs);
    }, this.config.enquire_link_period_seconds * 1000);
    // Keeping a connection alive is no reason to keep the process alive.
    conn.enquireTimer.unref();
  }

  private onClose(conn: Connection): void {
    clearTimeout(conn.bindTimer);
    clearInterval(conn.enquireTimer);
    clearTimeout(conn.enquireDeadline);
    const wasBound = conn.bound;
    conn.bound = false;
    for (const pending of [...conn.pending]) {
      pending.fail(
        new SmsSendError(
          'unavailable',
          `connection to the SMSC lost before it answered submit_sm (${conn.failure ?? 'closed'})`,
        ),
      );
    }
    if (conn !== this.conn) return;
    this.conn = undefined;
    if (this.closing) return;

    const why = conn.failure ?? (conn.connected ? 'connection closed by the SMSC' : 'connection closed');
    if (wasBound) this.state.set('connecting', `connection lost (${why}); reconnecting`);
    else if (!conn.refused) {
      const detail = !conn.connected
        ? `cannot connect to ${this.address}: ${why}`
        : conn.failure
          ? `bind to ${this.address} failed: ${why}`
          : `${this.address} closed the connection before answering the bind`;
      this.state.set('down', detail);
    }
    this.completeFirstAttempt();
    this.scheduleReconnect(wasBound, why);
  }

  private scheduleReconnect(wasBound: boolean, why: string): void {
    const base = Math.min(
      this.config.reconnect_max_ms,
      this.config.reconnect_initial_ms * 2 ** Math.min(this.failures, MAX_BACKOFF_DOUBLINGS),
    );
    this.failures += 1;
    // Jitter spreads the rebinds of many instances after an SMSC restart.
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    const fields = { reason: why, retry_in_ms: delay, attempt: this.failures };
    if (wasBound) this.log.warn(fields, `SMPP disconnected from ${this.address}: ${why}; reconnecting in ${delay} ms`);
    else this.log.warn(fields, `SMPP not bound to ${this.address}: ${why}; retrying in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.log.info({ attempt: this.failures }, `SMPP reconnecting to ${this.address}`);
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private onDeliverSm(conn: Connection, pdu: smpp.PDU): void {
    // Unanswered deliver_sm PDUs pile up at the SMSC, which redelivers them or stops sending: answer first.
    this.answer(conn, pdu.response());
    if (!((pdu.esm_class ?? 0) & ESM_CLASS_DELIVERY_RECEIPT)) {
      this.log.debug({ esm_class: pdu.esm_class }, 'SMPP deliver_sm that is not a delivery receipt: ignored');
      return;
    }
    // Only these fields are logged: the receipt's "text:" part repeats the start of the message, i.e. the code.
    const text = decodedText(pdu.short_message) || decodedText(pdu.message_payload);
    const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
    this.log.info(
      { message_id: pdu.receipted_message_id || field('id'), stat: field('stat'), err: field('err') },
      'SMPP delivery receipt',
    );
  }

  private answer(conn: Connection, response: smpp.PDU): void {
    try {
      conn.session.send(response);
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, 'SMPP could not answer a PDU');
    }
  }

  private submitParams({ to, body }: SmsMessage): smpp.PduParams {
    let encoded: { bytes: Buffer; dataCoding: number };
    try {
      encoded = encodeText(body, this.config.data_coding);
    } catch {
      throw new SmsSendError(
        'misconfigured',
        `data_coding ${this.config.data_coding} has no text encoder in the smpp package`,
      );
    }
    const international = this.config.dest_addr_ton === 'INTERNATIONAL';
    const params: smpp.PduParams = {
      service_type: 'CMT',
      source_addr: this.config.source_addr,
      source_addr_ton: TON[this.config.source_addr_ton],
      source_addr_npi: NPI[this.config.source_addr_npi],
      destination_addr: international && to.startsWith('+') ? to.slice(1) : to,
      dest_addr_ton: TON[this.config.dest_addr_ton],
      dest_addr_npi: NPI[this.config.dest_addr_npi],
      priority_flag: this.config.priority_flag,
      registered_delivery: this.config.registered_delivery ? 1 : 0,
      data_coding: encoded.dataCoding,
    };
    // The package would throw on a short_message over 255 octets (a UCS-2 text over 127 characters);
    // SMPP 3.4 carries longer ones in message_payload and the SMSC segments them.
    if (encoded.bytes.length <= SHORT_MESSAGE_MAX_OCTETS) params.short_message = encoded.bytes;
    else params.message_payload = encoded.bytes;
    return params;
  }

  private completeFirstAttempt(): void {
    const done = this.firstAttemptDone;
    this.firstAttemptDone = undefined;
    done?.();
  }
}

/**
 * The package's own encoder, run before the PDU is built so the length is known: with data_coding unset it
 * picks GSM 03.38 (labelled data_coding 1), Latin-1 (3) or UCS-2 (8) from the text, exactly as passing the
 * string would. Throws for a data_coding the package cannot encode text in.
 */
function encodeText(text: string, dataCoding: number | undefined): { bytes: Buffer; dataCoding: number } {
  const target = { data_coding: dataCoding ?? null };
  const bytes = smpp.filters.message.encode.call(target, text);
  return {
    bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes,
    dataCoding: target.data_coding ?? 0,
  };
}

/** The text of a short_message or message_payload as the smpp package decoded it (shared with the SMSC stand-in). */
export function decodedText(value: smpp.PduParams['short_message']): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  return typeof value.message === 'string' ? value.message : value.message.toString('latin1');
}
