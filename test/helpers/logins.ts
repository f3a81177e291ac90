// Whole logins over HTTP, hosted and embedded, ending at the RP's callback URL with a code.
import { expect } from 'vitest';
import { FlowApi, state } from './flow-api.js';
import { UserAgent } from './user-agent.js';
import { RP_CALLBACK, type AuthRequest } from './oidc-client.js';

export const atCallback = (url: string) => url.startsWith(RP_CALLBACK);

/** Opens the hosted page for `request` and returns the flow handle it embeds. */
export async function openHostedPage(agent: UserAgent, request: AuthRequest): Promise<{ handle: string; pageUrl: string; html: string }> {
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

export async function hostedLogin(issuer: string, request: AuthRequest, username: string, password: string, agent = new UserAgent()): Promise<string> {
  const { handle } = await openHostedPage(agent, request);
  const api = new FlowApi(issuer);
  const done = state(await passwordSteps(api, handle, username, password));
  if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
  const { url } = await agent.follow(done.step.continue_url, atCallback);
  return url;
}

export async function embeddedLogin(issuer: string, request: AuthRequest, username: string, password: string, agent = new UserAgent(), origin = 'http://localhost:3999'): Promise<string> {
  const api = new FlowApi(issuer, origin);
  const started = state(await api.start(request.url.href));
  const done = state(await passwordSteps(api, started.flow, username, password));
  if (done.step.kind !== 'done') throw new Error(`login did not finish: ${JSON.stringify(done)}`);
  const { url } = await agent.follow(done.step.continue_url, atCallback);
  return url;
}
