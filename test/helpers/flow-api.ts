// Drives the flow API the way <gluu-login> does.
import type { ErrorBody, FlowAnswer, FlowState } from '../../wire/flow-api.js';

export interface FlowResponse {
  status: number;
  body: FlowAnswer;
  headers: Headers;
}

export class FlowApi {
  constructor(
    readonly issuer: string,
    private readonly origin?: string,
  ) {}

  private headers(handle?: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      ...(handle ? { 'gluu-flow': handle } : {}),
      ...(this.origin ? { origin: this.origin } : {}),
      ...extra,
    };
  }

  private async send(path: string, init: RequestInit): Promise<FlowResponse> {
    const response = await fetch(`${this.issuer}${path}`, init);
    return { status: response.status, body: (await response.json()) as FlowAnswer, headers: response.headers };
  }

  start(authorizationRequest: string, extra: Record<string, unknown> = {}): Promise<FlowResponse> {
    return this.send('/flow', {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ authorization_request: authorizationRequest, ...extra }),
    });
  }

  get(handle: string): Promise<FlowResponse> {
    return this.send('/flow', { method: 'GET', headers: this.headers(handle) });
  }

  act(handle: string, action: string, inputs: Record<string, unknown> = {}): Promise<FlowResponse> {
    return this.send('/flow/action', {
      method: 'POST',
      headers: this.headers(handle),
      body: JSON.stringify({ action, inputs }),
    });
  }

  raw(path: string, init: RequestInit): Promise<FlowResponse> {
    return this.send(path, init);
  }
}

export function state(response: FlowResponse): FlowState {
  if (!('step' in response.body))
    throw new Error(`expected a flow state, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * The flow as the widget reads it, with its countdowns (the flow's expires_in, a step's expires_in and
 * resend_in) set to 0: two snapshots are equal when a request changed nothing.
 */
export async function snapshot(api: FlowApi, handle: string): Promise<FlowState> {
  const read = state(await api.get(handle));
  const step = {
    ...read.step,
    ...('expires_in' in read.step ? { expires_in: 0 } : {}),
    ...('resend_in' in read.step ? { resend_in: 0 } : {}),
  } as FlowState['step'];
  return { ...read, expires_in: 0, step };
}

/** The error of a refused request (a 4xx that carries no flow state); throws when the answer is anything else. */
export function errorOf(response: FlowResponse): ErrorBody['error'] {
  if (!('error' in response.body) || 'step' in response.body)
    throw new Error(`expected an error body, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.error;
}
