// A local SMSC for the demo and the tests: the `smpp` package's server side speaking SMPP 3.4 to whatever
// binds (our SmppSender, or any ESME). It checks credentials, accepts submit_sm into the PhoneInbox, sends
// delivery receipts, and has switches to misbehave the ways real SMSCs do (drop connections, refuse or
// ignore submits, ignore enquire_link) so the provider's recovery can be tested.
import smpp from 'smpp';
import type { Logger } from 'pino';
import type { PhoneInbox } from './inbox.js';
import { listen } from './listen.js';
import { smppMessageText as decodedText } from '../../server/index.js';

export interface SmscOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  systemId: string;
  password: string;
  inbox: PhoneInbox;
  /** How long after accepting a message its delivery receipt follows; default 50 ms. */
  receiptDelayMs?: number;
  logger?: Logger;
  /** Speak TLS (ssmpp://) with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface Smsc {
  port: number;
  /** smpp://host:port, or ssmpp:// with TLS. */
  url: string;
  /** Successful binds so far. */
  readonly binds: number;
  /** Binds refused for wrong credentials so far. */
  readonly bindRefusals: number;
  /** submit_sm PDUs received so far (accepted, refused or held). */
  readonly submits: number;
  /** Delivery receipts the client answered with deliver_sm_resp so far. */
  readonly receiptsAnswered: number;
  /** enquire_link PDUs received from clients so far. */
  readonly enquireLinks: number;
  /** Destroys every live connection, as a crashing SMSC or a cut network would. */
  dropAll(): void;
  /** Answer submit_sm with this command_status (undefined: accept again). */
  refuseSubmits(status: number | undefined): void;
  /** Leave submit_sm unanswered while set. */
  holdSubmits(hold: boolean): void;
  /** Leave enquire_link unanswered while set, as a half-dead SMSC would. */
  ignoreEnquireLinks(ignore: boolean): void;
  /** Sends enquire_link to every bound session; resolves with how many answered within timeoutMs (default 1000). */
  enquireLinkAll(timeoutMs?: number): Promise<{ sent: number; answered: number }>;
  close(): Promise<void>;
}

type BindKind = 'transceiver' | 'transmitter' | 'receiver';

const INTERNATIONAL = 1;
const RECEIPT_REQUESTED = 0x03; // the low bits of registered_delivery: 1 final receipt, 2 on failure only

export async function startSmsc(options: SmscOptions): Promise<Smsc> {
  const host = options.host ?? '127.0.0.1';
  const receiptDelayMs = options.receiptDelayMs ?? 50;
  const log = options.logger?.child({ component: 'smsc-stand-in' });
  const sessions = new Map<smpp.Session, { kind?: BindKind }>();
  const timers = new Set<NodeJS.Timeout>();
  let binds = 0;
  let bindRefusals = 0;
  let submits = 0;
  let enquireLinks = 0;
  let receiptsAnswered = 0;
  let nextMessageId = 0;
  let refuseStatus: number | undefined;
  let hold = false;
  let ignoreEnquire = false;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const send = (session: smpp.Session, pdu: smpp.PDU, onResponse?: (resp: smpp.PDU) => void) => {
    try {
      session.send(pdu, onResponse);
    } catch (error) {
      log?.warn({ err: (error as Error).message }, 'SMSC stand-in could not send a PDU');
    }
  };

  const onSession = (session: smpp.Session) => {
    const state: { kind?: BindKind } = {};
    sessions.set(session, state);
    session.on('error', (error: Error) => {
      log?.debug({ err: error.message }, 'SMSC stand-in connection error');
      session.destroy();
    });
    session.on('close', () => sessions.delete(session));

    for (const kind of ['transceiver', 'transmitter', 'receiver'] as const) {
      session.on(`bind_${kind}`, (pdu: smpp.PDU) => {
        if (state.kind) return send(session, pdu.response({ command_status: smpp.ESME_RALYBND }));
        if (pdu.system_id !== options.systemId || pdu.password !== options.password) {
          bindRefusals += 1;
          log?.info({ system_id: pdu.system_id, kind }, 'SMSC stand-in refused a bind');
          send(session, pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
          return;
        }
        state.kind = kind;
        binds += 1;
        log?.info({ system_id: pdu.system_id, kind }, 'SMSC stand-in bound');
        send(session, pdu.response({ system_id: 'gluu-smsc' }));
      });
    }

    session.on('submit_sm', (pdu: smpp.PDU) => {
      submits += 1;
      if (!state.kind || state.kind === 'receiver')
        return send(session, pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      if (hold) return;
      if (refuseStatus !== undefined) return send(session, pdu.response({ command_status: refuseStatus }));
      nextMessageId += 1;
      const id = nextMessageId.toString(16).padStart(8, '0');
      const viaPayload = pdu.message_payload !== undefined && !decodedText(pdu.short_message);
      const destination = pdu.destination_addr ?? '';
      options.inbox.add({
        id,
        via: 'smpp',
        to: pdu.dest_addr_ton === INTERNATIONAL ? `+${destination}` : destination,
        from: pdu.source_addr ?? '',
        body: decodedText(viaPayload ? pdu.message_payload : pdu.short_message),
        receivedAt: new Date().toISOString(),
        raw: {
          source_addr: pdu.source_addr,
          source_addr_ton: pdu.source_addr_ton,
          source_addr_npi: pdu.source_addr_npi,
          destination_addr: pdu.destination_addr,
          dest_addr_ton: pdu.dest_addr_ton,
          dest_addr_npi: pdu.dest_addr_npi,
          data_coding: pdu.data_coding,
          registered_delivery: pdu.registered_delivery,
          priority_flag: pdu.priority_flag,
          service_type: pdu.service_type,
          message_payload: viaPayload,
        },
      });
      send(session, pdu.response({ message_id: id }));
      if ((pdu.registered_delivery ?? 0) & RECEIPT_REQUESTED) {
        const submitted = smppDate(new Date());
        later(receiptDelayMs, () => {
          // Receipts go where the account receives: this session if it is a transceiver, else a receiver bind.
          const target =
            state.kind === 'transceiver' && sessions.has(session)
              ? session
              : [...sessions].find(([, s]) => s.kind === 'receiver')?.[0];
          if (!target) return;
          send(
            target,
            new smpp.PDU('deliver_sm', {
              source_addr: destination,
              source_addr_ton: pdu.dest_addr_ton ?? 0,
              source_addr_npi: pdu.dest_addr_npi ?? 0,
              destination_addr: pdu.source_addr ?? '',
              dest_addr_ton: pdu.source_addr_ton ?? 0,
              dest_addr_npi: pdu.source_addr_npi ?? 0,
              esm_class: 4,
              short_message:
                `id:${id} sub:001 dlvrd:001 submit date:${submitted} ` +
                `done date:${smppDate(new Date())} stat:DELIVRD err:000 text:`,
              receipted_message_id: id,
              message_state: 2,
            }),
            () => (receiptsAnswered += 1),
          );
        });
      }
    });

    session.on('enquire_link', (pdu: smpp.PDU) => {
      enquireLinks += 1;
      if (!ignoreEnquire) send(session, pdu.response());
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      state.kind = undefined;
      send(session, pdu.response());
      session.close();
    });
    session.on('unknown', (pdu: smpp.PDU) => send(session, pdu.response()));
  };

  const server = options.tls
    ? smpp.createServer({ key: options.tls.key, cert: options.tls.cert }, onSession)
    : smpp.createServer(onSession);
  server.on('error', (error: Error) => log?.warn({ err: error.message }, 'SMSC stand-in server error'));
  // A failed TLS handshake never becomes a session; without this the error would go unheard.
  server.on('tlsClientError', (error: Error) =>
    log?.debug({ err: error.message }, 'SMSC stand-in TLS handshake failed'),
  );
  const port = await listen(server, options.port ?? 0, host);
  const url = `${options.tls ? 'ssmpp' : 'smpp'}://${host}:${port}`;
  log?.info({ url }, 'SMSC stand-in listening');

  return {
    port,
    url,
    get binds() {
      return binds;
    },
    get bindRefusals() {
      return bindRefusals;
    },
    get submits() {
      return submits;
    },
    get receiptsAnswered() {
      return receiptsAnswered;
    },
    get enquireLinks() {
      return enquireLinks;
    },
    dropAll() {
      for (const session of sessions.keys()) session.destroy();
    },
    refuseSubmits(status) {
      refuseStatus = status;
    },
    holdSubmits(value) {
      hold = value;
    },
    ignoreEnquireLinks(value) {
      ignoreEnquire = value;
    },
    async enquireLinkAll(timeoutMs = 1000) {
      const bound = [...sessions].filter(([, s]) => s.kind).map(([session]) => session);
      const answers = await Promise.all(
        bound.map(
          (session) =>
            new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), timeoutMs);
              const sent = session.enquire_link(() => {
                clearTimeout(timer);
                resolve(true);
              });
              if (!sent) {
                clearTimeout(timer);
                resolve(false);
              }
            }),
        ),
      );
      return { sent: bound.length, answered: answers.filter(Boolean).length };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions.keys()) session.destroy();
      await closed;
    },
  };
}

/** YYMMDDhhmm in UTC, the receipt text's date format. */
function smppDate(date: Date): string {
  return date.toISOString().replace(/[-T:]/g, '').slice(2, 12);
}
