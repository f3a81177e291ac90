// Whole logins over HTTP, hosted and embedded, ending at the RP's callback URL with a code.
import { expect } from 'vitest';
import { FlowApi, state } from './flow-api.js';
import { UserAgent } from './user-agent.js';
import {
  authorizationRequest,
  discover,
  exchange,
  RP_CALLBACK,
  RP_ORIGIN,
  type AuthRequest,
  type oidc,
} from './oidc-client.js';
import type { FlowState } from '../../wire/flow-api.js';

export const atCallback = (url: string) => url.startsWith(RP_CALLBACK);

/** Follows a continue_url (of a finished or failed flow) through the provider to the RP's callback URL. */
export async function toCallback(continueUrl: string, agent = new UserAgent()): Promise<string> {
  return (await agent.follow(continueUrl, atCallback)).url;
}

/** Opens the hosted page for `request` and returns the flow handle it embeds. */
export async function openHostedPage(
  agent: UserAgent,
  request: AuthRequest,
): Promise<{ handle: string; pageUrl: string; html: string }> {
  const { url, response } = await agent.follow(request.url.href);
  expect(response?.status).toBe(200);
  const html = await response!.text();
  const handle = /<gluu-login[^>]* flow="([^"]+)"/.exec(html)?.[1];
  if (!handle) throw new Error(`no flow handle on ${url}: ${html.slice(0, 300)}`);
  return { handle, pageUrl: url, html };
}

export async function passwordSteps(api: FlowApi, handle: string, username: string, password: string) {
  const first = state(await api.act(handle, 'submit', { username }));
  expect(first.step.kind).toBe('password');
  return api.act(handle, 'submit', { password });
}

export async function hostedLogin(
  issuer: string,
  request: AuthRequest,
  username: string,
  password: string,
  agent = new UserAgent(),
): Promise<string> {
  const { handle } = await openHostedPage(agent, request);
  const api = new FlowApi(issuer);
  const done = state(await passwordSteps(api, handle, username, password));
  if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
  return toCallback(done.step.continue_url, agent);
}

export async function embeddedLogin(
  issuer: string,
  request: AuthRequest,
  username: string,
  password: string,
  agent = new UserAgent(),
  origin = RP_ORIGIN,
): Promise<string> {
  const api = new FlowApi(issuer, origin);
  const started = state(await api.start(request.url.href));
  const done = state(await passwordSteps(api, started.flow, username, password));
  if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
  return toCallback(done.step.continue_url, agent);
}

/**
 * The test RP's embedded logins against one backend, through the flow API as <gluu-login> drives it: a
 * flow for an acr, brought to its password step or past it, and a finished flow redeemed for tokens.
 */
export class EmbeddedLogins {
  readonly api: FlowApi;

  constructor(
    readonly config: oidc.Configuration,
    origin = RP_ORIGIN,
  ) {
    this.api = new FlowApi(config.serverMetadata().issuer, origin);
  }

  static async discover(issuer: string, origin = RP_ORIGIN): Promise<EmbeddedLogins> {
    return new EmbeddedLogins(await discover(issuer), origin);
  }

  /** A new flow for `acr` (the client's default when not given). */
  async start(acr?: string): Promise<{ handle: string; request: AuthRequest; state: FlowState }> {
    const request = await authorizationRequest(this.config, acr === undefined ? {} : { acr_values: acr });
    const started = state(await this.api.start(request.url.href));
    return { handle: started.flow, request, state: started };
  }

  /** A new flow for `acr` whose username step took `username` and asks for the password. */
  async atPassword(acr: string | undefined, username: string): Promise<{ handle: string; request: AuthRequest }> {
    const { handle, request } = await this.start(acr);
    expect(state(await this.api.act(handle, 'submit', { username })).step).toMatchObject({ kind: 'password' });
    return { handle, request };
  }

  /** A new flow for `acr` past the username and the password: what the password answered. */
  async pastPassword(acr: string | undefined, username: string, password: string) {
    const { handle, request } = await this.atPassword(acr, username);
    const response = await this.api.act(handle, 'submit', { password });
    return { handle, request, response, state: state(response) };
  }

  /** Submits a one-time code (OTP, SMS) at the flow's current step. */
  submitCode(handle: string, code: string) {
    return this.api.act(handle, 'submit', { code });
  }

  /** Carries a finished flow to the RP's callback and exchanges the code there, as the RP would. */
  async finish(done: FlowState, request: AuthRequest, agent = new UserAgent()) {
    if (done.step.kind !== 'done') throw new Error(`the flow did not finish: ${JSON.stringify(done).slice(0, 500)}`);
    const callback = await toCallback(done.step.continue_url, agent);
    return { callback, tokens: await exchange(this.config, callback, request) };
  }
}
