// A tiny fetch client for the flow API. The flow handle lives in memory only (the caller keeps it) and
// travels in the Gluu-Flow header, never in a cookie or in storage.
import type { ActionRequest, CreateFlowRequest, FlowAnswer, FlowState } from '../wire/flow-api.js';
import { DEVICE_HEADER, FLOW_EVENTS, FLOW_HEADER } from '../wire/flow-api.js';

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
  // The device token (embedded placement) lets this browser's password attempts count apart from an
  // attacker's; storage may be refused (sandboxed frames), then there is none.
  const key = `gluu-device:${issuer}`;
  try {
    const device = localStorage.getItem(key);
    if (device) headers[DEVICE_HEADER] = device;
  } catch {}
  const res = await fetch(issuer.replace(/\/+$/, '') + call.path, {
    method: call.method,
    headers,
    body: 'body' in call ? JSON.stringify(call.body) : null,
    // Hosted, the provider's HttpOnly device cookie; cross-origin (embedded) no cookie is sent.
    credentials: 'same-origin',
    cache: 'no-store',
  });
  let body: FlowAnswer;
  try {
    body = (await res.json()) as FlowAnswer;
    if (!body || typeof body !== 'object' || (!('step' in body) && !('error' in body))) throw 0;
  } catch {
    body = { error: { code: 'server_error', message: `HTTP ${res.status}` } };
  }
  try {
    if ('device_token' in body && body.device_token) localStorage.setItem(key, body.device_token);
  } catch {}
  return { status: res.status, body };
}

/**
 * Follows `{issuer}/flow/events` (server-sent events; fetch rather than EventSource, which cannot send the
 * flow header) and hands every `state` event's FlowState to `onState`. Resolves when the server ends the
 * stream; throws when it cannot be opened (network error, not 200, no body) or when `signal` aborts it.
 * Comments (`: keepalive`), other events and frames that are not JSON are skipped.
 */
export async function followFlow(
  issuer: string,
  handle: string,
  signal: AbortSignal,
  onState: (state: FlowState) => void,
): Promise<void> {
  const res = await fetch(issuer.replace(/\/+$/, '') + FLOW_EVENTS, {
    headers: { [FLOW_HEADER]: handle },
    credentials: 'omit',
    cache: 'no-store',
    signal,
  });
  if (res.status !== 200 || !res.body) throw 0;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let event = '';
  let data = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    rest += r.value;
    const lines = rest.split(/\r?\n/);
    rest = lines.pop()!;
    for (const line of lines) {
      const m = /^(event|data): ?(.*)/.exec(line);
      if (m) {
        if (m[1] === 'event') event = m[2]!;
        else data += (data && '\n') + m[2];
      } else if (!line) {
        // a blank line ends the event
        try {
          const state = JSON.parse(data) as FlowState;
          if (event === 'state' && state.step) onState(state);
        } catch {
          // not JSON (or no data): skipped
        }
        event = data = '';
      }
    }
  }
}
