// The api placement: the password grant's flows (server/oidc/password-grant.ts). No browser: the identifier
// is given up front, the methods run in the grant's order, and the tokens are the answer, so there is no
// continue URL. These flows are reachable only through these functions, never through the flow API.
import { FlowApiError } from '../errors.js';
import type { Action, FinishedLogin, FlowEngine, FlowReply } from '../engine.js';
import { DONE } from '../final-steps.js';
import { hasControlCharacters } from '../inputs.js';

export interface ApiStart {
  clientId: string;
  acr: string;
  /** The methods to run, in the grant's order. */
  chain: string[];
  login: string;
  ip: string;
  lang?: string | undefined;
}

/** Starts a password-grant flow; the first step's notice (a send quota refused the code) is in the reply. */
export async function startApi(engine: FlowEngine, start: ApiStart): Promise<FlowReply> {
  // The login arrives here without passing a step's input check: it gets the same rule.
  if (hasControlCharacters(start.login))
    throw new FlowApiError('invalid_request', 'The username contains control characters.', 'username');
  const client = engine.client(start.clientId);
  const acr = engine.acrs.get(start.acr);
  if (!acr) throw new Error(`the password grant's acr ${start.acr} is not enabled`);
  const { handle, flow, notice } = await engine.start({
    client,
    acr,
    chain: start.chain,
    placement: { placement: 'api' },
    login: start.login,
    lang: start.lang,
    ip: start.ip,
  });
  return engine.created(flow, handle, notice);
}

/** The state of a password-grant flow and the login it was started with. */
export async function apiState(engine: FlowEngine, handle: string): Promise<FlowReply & { login: string | undefined }> {
  const flow = await engine.load(handle, undefined, 'api');
  return { ...(await engine.shown(flow, handle)), login: flow.login };
}

/** Runs an action of a password-grant flow. */
export function apiAct(engine: FlowEngine, handle: string, action: Action, ip: string): Promise<FlowReply> {
  return engine.act(handle, action, ip, undefined, 'api');
}

/** Takes a finished password-grant flow: its login, once, for the client that started it. */
export async function finishApi(
  engine: FlowEngine,
  handle: string,
  clientId: string,
): Promise<FinishedLogin | undefined> {
  const flow = await engine.stored(handle);
  if (flow?.placement !== 'api' || flow.clientId !== clientId || flow.step !== DONE) return undefined;
  const redeemed = await engine.redeem(engine.ticketFor(handle), (taken) =>
    taken.placement === 'api' && taken.clientId === clientId ? undefined : 'wrong_client',
  );
  return redeemed && 'login' in redeemed ? redeemed.login : undefined;
}
