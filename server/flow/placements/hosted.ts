// Hosted placement: oidc-provider sends the browser to /interaction/:uid, whose page starts a flow for that
// interaction and hosts <gluu-login> on the issuer's origin; the finished flow returns to the interaction.
import type { FlowRecord } from '../../store/types.js';
import type { FlowEngine, Redeemed } from '../engine.js';

export type HostedFlow = Extract<FlowRecord, { placement: 'hosted' }>;

export interface HostedStart {
  interactionUid: string;
  clientId: string;
  acrValues?: string | undefined;
  /** The request's claims parameter (JSON text): an essential acr in it narrows the choice. */
  claims?: string | undefined;
  lang?: string | undefined;
  ip: string;
  userAgent?: string | undefined;
}

/** Starts the flow of an interaction; its handle goes into the page for the widget. */
export async function startHosted(engine: FlowEngine, start: HostedStart): Promise<string> {
  const client = engine.client(start.clientId);
  const acr = engine.acrs.forRequest({ acrValues: start.acrValues, claims: start.claims }, client);
  const { handle } = await engine.start({
    client,
    acr,
    placement: { placement: 'hosted', interactionUid: start.interactionUid },
    lang: start.lang,
    ip: start.ip,
    userAgent: start.userAgent,
  });
  return handle;
}

/** Where a finished hosted flow goes: its interaction's finish, with the ticket. */
export function hostedContinueUrl(flow: HostedFlow, issuer: string, ticket: string): string {
  return `${issuer}/interaction/${encodeURIComponent(flow.interactionUid)}/finish?ticket=${ticket}`;
}

/** Takes the ticket of a hosted flow, at the finish of the interaction it was started for. */
export function redeemHosted(
  engine: FlowEngine,
  ticket: string,
  interactionUid: string,
): Promise<Redeemed | undefined> {
  return engine.redeem(ticket, (flow) =>
    flow.placement === 'hosted' && flow.interactionUid === interactionUid ? undefined : 'wrong_interaction',
  );
}
