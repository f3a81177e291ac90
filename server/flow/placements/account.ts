// Account placement: a flow started by the account API for a signed-in user, driven by <gluu-login> inside
// <gluu-account>. A "proof" flow proves the account's strongest factor again (step-up); an enrolling flow adds
// a factor, after such a proof carried into it. Its result goes back to the account API, only for the access
// token that started it.
import { ACCOUNT_API } from '../../../wire/account-api.js';
import type { FlowRecord } from '../../store/types.js';
import type { FlowEngine, Redeemed } from '../engine.js';

export type AccountFlow = Extract<FlowRecord, { placement: 'account' }>;

/** The purpose of a flow that proves the account's strongest factor. */
export const PROOF_PURPOSE = 'proof';

export interface AccountStart {
  userId: string;
  username: string;
  clientId: string;
  /** The hash of the access token the request came with. */
  authKey: string;
  origin?: string | undefined;
  lang?: string | undefined;
  ip: string;
  userAgent?: string | undefined;
}

/** Starts a step-up: the method that proves the account's strongest factor, for the user already known. */
export async function startProof(engine: FlowEngine, start: AccountStart): Promise<string> {
  const { method } = await engine.strongestProof(start.userId);
  return launch(engine, start, { purpose: PROOF_PURPOSE, chain: [method], amr: [] });
}

/**
 * Starts the enrollment of a new factor by `method`, carrying the fresh proof (`proofAmr`, made at `proofAt`):
 * the factor binds because an existing one was just proven, as in a sign-in (server/flow/binding.ts).
 */
export async function startEnrollment(
  engine: FlowEngine,
  start: AccountStart,
  method: string,
  proof: { amr: string[]; at: number },
): Promise<string> {
  return launch(engine, start, { purpose: method, chain: [method], amr: proof.amr, proofAt: proof.at });
}

async function launch(
  engine: FlowEngine,
  start: AccountStart,
  how: { purpose: string; chain: string[]; amr: string[]; proofAt?: number },
): Promise<string> {
  const client = engine.client(start.clientId);
  // The acr the flow reports is the one of the method it runs (informational: no login comes out of it).
  const acr = engine.acrs.get(how.chain[0]!) ?? engine.acrs.forRequest({}, client);
  const { handle } = await engine.start({
    client,
    acr,
    chain: how.chain,
    login: start.username,
    placement: {
      placement: 'account',
      authKey: start.authKey,
      purpose: how.purpose,
      ...(start.origin !== undefined ? { origin: start.origin } : {}),
      ...(how.proofAt !== undefined ? { proofAt: how.proofAt } : {}),
    },
    prior: { userId: start.userId, amr: how.amr },
    ...(how.purpose !== PROOF_PURPOSE ? { adding: how.purpose } : {}),
    lang: start.lang,
    ip: start.ip,
    userAgent: start.userAgent,
  });
  return handle;
}

/** Where a finished account flow goes: the account API's finish, with the ticket (the element POSTs it). */
export function accountContinueUrl(issuer: string, ticket: string): string {
  return `${issuer}${ACCOUNT_API}/finish?ticket=${ticket}`;
}

/** What a redeemed account flow was for, beside the engine's answer. */
export type AccountRedeemed = Redeemed & { purpose?: string; proofAt?: number };

/** Takes the ticket of an account flow, once, for the access token and user that started it. */
export async function redeemAccount(
  engine: FlowEngine,
  ticket: string,
  authKey: string,
  userId: string,
): Promise<AccountRedeemed | undefined> {
  let found: AccountFlow | undefined;
  const redeemed = await engine.redeem(ticket, (flow) => {
    if (flow.placement !== 'account' || flow.authKey !== authKey || flow.userId !== userId) return 'wrong_account';
    found = flow;
    return undefined;
  });
  if (!redeemed || !found) return redeemed;
  return { ...redeemed, purpose: found.purpose, ...(found.proofAt !== undefined ? { proofAt: found.proofAt } : {}) };
}
