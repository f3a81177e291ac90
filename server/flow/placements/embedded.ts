// Embedded placement: the widget on the RP's page starts the flow from the authorization request the RP's
// OIDC library built (server/flow/authorization-request.ts), is driven from that page's origin only, and
// the finished flow passes through /auth with the same request and its ticket.
import type { CreateFlowRequest } from '../../../wire/flow-api.js';
import type { FlowRecord } from '../../store/types.js';
import { parseAuthorizationRequest, sameRequest, TICKET_PARAM } from '../authorization-request.js';
import type { FlowEngine, FlowReply, Redeemed } from '../engine.js';

export type EmbeddedFlow = Extract<FlowRecord, { placement: 'embedded' }>;

/** Starts a flow for a widget on `origin` (undefined: the request sent none; nor may later ones). */
export async function startEmbedded(
  engine: FlowEngine,
  request: CreateFlowRequest,
  ip: string,
  origin: string | undefined,
  userAgent?: string,
): Promise<FlowReply> {
  const { config, store } = engine.deps;
  const { client, params } = await parseAuthorizationRequest(
    request.authorization_request,
    config,
    origin,
    store.artifacts,
  );
  const acr = engine.acrs.forRequest(
    { acrValues: params.acr_values, claims: params.claims, fallback: request.acr },
    client,
  );
  const { handle, flow } = await engine.start({
    client,
    acr,
    placement: { placement: 'embedded', authParams: params, ...(origin !== undefined ? { origin } : {}) },
    lang: request.lang ?? params.ui_locales?.split(' ')[0],
    ip,
    userAgent,
  });
  return engine.created(flow, handle);
}

/** Where a finished embedded flow goes: /auth with the request it was started with, and the ticket. */
export function embeddedContinueUrl(flow: EmbeddedFlow, issuer: string, ticket: string): string {
  const query = new URLSearchParams({ ...flow.authParams, [TICKET_PARAM]: ticket });
  return `${issuer}/auth?${query.toString()}`;
}

/** Takes the ticket of an embedded flow, arriving at /auth with the request the flow was started with. */
export function redeemEmbedded(
  engine: FlowEngine,
  ticket: string,
  params: Record<string, unknown>,
): Promise<Redeemed | undefined> {
  return engine.redeem(ticket, (flow) =>
    flow.placement === 'embedded' && sameRequest(flow.authParams, params) ? undefined : 'wrong_request',
  );
}
