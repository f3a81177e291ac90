// SMS per second through an SMSC on one long-lived transceiver bind (SmppSender, `window` submits in
// flight) against seed 003's way: connect, bind_transmitter, submit_sm, unbind and close for every message
// (the raw `smpp` package, `window` such sessions at a time). Same run, same local stand-in SMSC, same
// messages; delivery receipts are off for both so only the submit path is measured.
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import smpp from 'smpp';
import { parseConfig } from '../server/config.js';
import { NPI, SmppSender, TON, smppStatusText } from '../server/gateways/smpp.js';
import { PhoneInbox } from '../demo/stand-ins/inbox.js';
import { startSmsc } from '../demo/stand-ins/smsc.js';
import { startDelayProxy, type DelayProxy } from './delay-proxy.js';

const SYSTEM_ID = 'bench';
const PASSWORD = 'bench-pw';
const WARM_UP = 50;

export interface SmppBenchResult {
  /** Messages per second over one bind. */
  oneBindRate: number;
  /** Messages per second with a fresh connection and bind per message. */
  freshBindRate: number;
  /** oneBindRate / freshBindRate. */
  ratio: number;
}

/** `delayMs` > 0 puts a proxy between us and the SMSC that holds every chunk that long, each way. */
export async function benchSmpp(options: {
  messages: number;
  window: number;
  delayMs?: number;
}): Promise<SmppBenchResult> {
  const smsc = await startSmsc({ systemId: SYSTEM_ID, password: PASSWORD, inbox: new PhoneInbox() });
  let proxy: DelayProxy | undefined;
  try {
    if (options.delayMs) proxy = await startDelayProxy({ host: '127.0.0.1', port: smsc.port }, options.delayMs);
    const port = proxy?.port ?? smsc.port;
    const config = parseConfig({
      methods: {
        smpp: {
          enabled: true,
          smpp_server: '127.0.0.1',
          smpp_port: port,
          system_id: SYSTEM_ID,
          password: PASSWORD,
          registered_delivery: false,
          submit_timeout_ms: 30_000,
        },
      },
    }).methods.smpp;
    const to = (i: number) => `+1555${String(i % 10_000_000).padStart(7, '0')}`;
    const body = (i: number) => `Your Gluu code is ${String(100_000 + (i % 900_000))}`;

    const sender = new SmppSender(config, pino({ level: 'silent' }));
    await sender.start();
    if (sender.health().state !== 'ready') throw new Error(`the stand-in did not bind: ${sender.health().detail}`);
    let oneBindSeconds: number;
    try {
      await windowed(WARM_UP, options.window, (i) => sender.send({ to: to(i), body: body(i) }));
      oneBindSeconds = await timed(() =>
        windowed(options.messages, options.window, (i) => sender.send({ to: to(i), body: body(i) })),
      );
    } finally {
      await sender.close();
    }

    // The seed's per-message session, with the same parameters the sender puts in submit_sm.
    const params = {
      service_type: 'CMT',
      source_addr: config.source_addr,
      source_addr_ton: TON[config.source_addr_ton],
      source_addr_npi: NPI[config.source_addr_npi],
      dest_addr_ton: TON[config.dest_addr_ton],
      dest_addr_npi: NPI[config.dest_addr_npi],
      priority_flag: config.priority_flag,
      registered_delivery: 0,
    };
    const freshSend = (i: number) =>
      sendOnFreshBind(`smpp://127.0.0.1:${port}`, {
        ...params,
        destination_addr: to(i).slice(1),
        short_message: body(i),
      });
    await windowed(WARM_UP, options.window, freshSend);
    const freshSeconds = await timed(() => windowed(options.messages, options.window, freshSend));

    const oneBindRate = options.messages / oneBindSeconds;
    const freshBindRate = options.messages / freshSeconds;
    return { oneBindRate, freshBindRate, ratio: oneBindRate / freshBindRate };
  } finally {
    await proxy?.close();
    await smsc.close();
  }
}

function sendOnFreshBind(url: string, submit: smpp.PduParams): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const session = smpp.connect({ url }, () => {
      session.bind_transmitter({ system_id: SYSTEM_ID, password: PASSWORD }, (bound) => {
        if (bound.command_status !== smpp.ESME_ROK) {
          failure = new Error(`bind refused: ${smppStatusText(bound.command_status)}`);
          return session.destroy();
        }
        session.submit_sm(submit, (resp) => {
          if (resp.command_status !== smpp.ESME_ROK)
            failure = new Error(`submit refused: ${smppStatusText(resp.command_status)}`);
          session.unbind(() => session.close());
        });
      });
    });
    session.on('error', (error: Error) => {
      failure ??= error;
      session.destroy();
    });
    session.on('close', () => (failure ? reject(failure) : resolve()));
  });
}

/** Runs task(0..count-1) with at most `window` of them in flight. */
async function windowed(count: number, window: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, count)) }, worker));
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}
