// Flows reached from another device through a link the flow's method handed out (the phone that opens a
// phone-check link): found by the link's hash, seen as their method sees them, changed only while live.
import type { ClientConfig } from '../config.js';
import type { FlowRecord } from '../store/types.js';
import { sha256 } from '../security/random.js';
import type { FlowEngine } from './engine.js';
import { DONE, FAILED } from './final-steps.js';
import { FlowApiError } from './errors.js';
import type { MethodContext } from './types.js';

/** The flow a link reaches, while it can still change (not expired, done or failed). */
async function liveByLink(engine: FlowEngine, link: string): Promise<FlowRecord | undefined> {
  const flow = await engine.deps.store.flows.findByLink(sha256(link));
  return flow && flow.expiresAt > engine.deps.clock() && flow.step !== DONE && flow.step !== FAILED ? flow : undefined;
}

/** Reads the flow a link reaches, as its method sees it (undefined: gone, expired or finished). */
export async function linked(engine: FlowEngine, link: string): Promise<MethodContext | undefined> {
  const flow = await liveByLink(engine, link);
  return flow && engine.context(flow, flow.ip);
}

/**
 * A request from another device through a flow's link (e.g. the phone that scanned a QR code): `change`
 * sees the flow as its method does and returns the method's new state (or undefined: nothing changes).
 * Saved with the same version check as actions, retried when the desktop moved the flow meanwhile, so
 * `change` must have no side effects of its own (call outside services before, with `linked`).
 */
export async function updateLinked<T>(
  engine: FlowEngine,
  link: string,
  change: (ctx: MethodContext) => { methodState?: Record<string, unknown>; result: T },
): Promise<{ result: T; client: ClientConfig } | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const flow = await liveByLink(engine, link);
    if (!flow) return undefined;
    const ctx = engine.context(flow, flow.ip);
    const { methodState, result } = change(ctx);
    if (!methodState) return { result, client: ctx.client };
    if (await engine.save({ ...flow, version: flow.version + 1, methodState })) return { result, client: ctx.client };
  }
  throw new FlowApiError('flow_busy', 'This sign-in is changing too fast; try again.');
}
