// A tiny fetch client for the flow API. The flow handle lives in memory only (the caller keeps it) and
// travels in the Gluu-Flow header, never in a cookie or in storage.
import type { ActionRequest, CreateFlowRequest, FlowAnswer } from '../server/protocol.js';

/** Same value as FLOW_HEADER in server/protocol.ts (a type-only import cannot bring the constant). */
const FLOW_HEADER = 'Gluu-Flow';

export interface Answer {
  status: number;
  body: FlowAnswer;
}

export type FlowCall =
  | { method: 'GET'; path: '/flow' }
  | { method: 'POST'; path: '/flow'; body: CreateFlowRequest }
  | { method: 'POST'; path: '/flow/action'; body: ActionRequest };

/**
 * Sends one request to `{issuer}{path}` and reads the JSON answer. Throws only when the service cannot be
 * reached (fetch rejects); an answer that is not JSON becomes a `server_error` ErrorBody.
 */
export async function callFlow(issuer: string, handle: string | undefined, call: FlowCall): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (handle) headers[FLOW_HEADER] = handle;
  const res = await fetch(issuer.replace(/\/+$/, '') + call.path, {
    method: call.method,
    headers,
    body: 'body' in call ? JSON.stringify(call.body) : null,
    credentials: 'omit',
    cache: 'no-store',
  });
  let body: FlowAnswer;
  try {
    body = (await res.json()) as FlowAnswer;
    if (!body || typeof body !== 'object' || (!('step' in body) && !('error' in body))) throw 0;
  } catch {
    body = { error: { code: 'server_error', message: `HTTP ${res.status}` } };
  }
  return { status: res.status, body };
}
