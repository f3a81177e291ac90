// One simulated user's complete password + TOTP login, over plain fetch, timed step by step: the flow API
// as <gluu-login> drives it (start, username, password, otp code), the browser's trip through /auth with
// the ticket to the RP's callback, and the RP's code exchange at /token. Every request goes to the next
// instance in turn, as a balancer without sticky sessions would send it.
import { createHash, randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import type { FlowAnswer, FlowState, StepKind } from '../wire/flow-api.js';
import { CLIENT_ID, CLIENT_SECRET, RP_CALLBACK, RP_ORIGIN, type Account } from './load-cluster.js';

export const STEPS = ['start', 'username', 'password', 'otp', 'authorize', 'token'] as const;
export type StepName = (typeof STEPS)[number];

const TOTP_PERIOD_MS = 30_000;
export const totpStep = (ms = Date.now()) => Math.floor(ms / TOTP_PERIOD_MS);

/** Request i of a login goes to instance (offset + i) mod n: consecutive steps never hit the same one when n > 1. */
export class Balancer {
  private next: number;
  constructor(
    private readonly issuer: string,
    private readonly origins: string[],
    offset: number,
  ) {
    this.next = offset;
  }

  /** `url` (on the issuer, or relative to it) sent to the next instance. */
  route(url: string): URL {
    const target = new URL(url, this.issuer);
    const origin = new URL(this.origins[this.next++ % this.origins.length]!);
    target.protocol = origin.protocol;
    target.host = origin.host;
    return target;
  }
}

/** Cookies of one login. Ports do not separate cookies, and every instance is the same site: one jar. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  header(url: URL): string | undefined {
    const pairs = [...this.cookies].filter(
      ([, c]) => c.path === '/' || url.pathname === c.path || url.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`),
    );
    return pairs.length ? pairs.map(([name, c]) => `${name}=${c.value}`).join('; ') : undefined;
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const pathAttribute = attributes.find((a) => a.toLowerCase().startsWith('path='));
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path: pathAttribute ? pathAttribute.slice(5) : '/' });
    }
  }
}

export class LoginError extends Error {
  constructor(
    readonly step: StepName,
    message: string,
  ) {
    super(`${step}: ${message}`);
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export interface Timings {
  /** Milliseconds per request step, one entry per completed step. */
  steps: Record<StepName, number[]>;
}

export function emptyTimings(): Timings {
  return { steps: Object.fromEntries(STEPS.map((s) => [s, []])) as unknown as Record<StepName, number[]> };
}

async function timed<T>(timings: Timings, step: StepName, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  let result: T;
  try {
    result = await work();
  } catch (err) {
    throw err instanceof LoginError ? err : new LoginError(step, (err as Error).message);
  }
  timings.steps[step].push(performance.now() - start);
  return result;
}

/** A flow API request to the next instance, as <gluu-login> sends it; throws unless the flow is now at `expected`. */
async function flowRequest(
  balancer: Balancer,
  step: StepName,
  path: string,
  body: unknown,
  handle: string | undefined,
  expected: StepKind,
): Promise<FlowState> {
  const response = await fetch(balancer.route(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: RP_ORIGIN, ...(handle ? { 'gluu-flow': handle } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as FlowAnswer;
  if (!response.ok || !('step' in answer))
    throw new LoginError(step, `HTTP ${response.status} ${JSON.stringify(answer).slice(0, 200)}`);
  if (answer.step.kind !== expected)
    throw new LoginError(
      step,
      `expected step ${expected}, got ${answer.step.kind} ${JSON.stringify(answer.error ?? {})}`,
    );
  return answer;
}

/** POST /flow with the authorization request: the flow starts at the username step. */
export function startFlow(balancer: Balancer, authorizationRequest: URL): Promise<FlowState> {
  return flowRequest(
    balancer,
    'start',
    '/flow',
    { authorization_request: authorizationRequest.href },
    undefined,
    'username',
  );
}

export function submit(
  balancer: Balancer,
  step: StepName,
  handle: string,
  inputs: Record<string, string>,
  expected: StepKind,
): Promise<FlowState> {
  return flowRequest(balancer, step, '/flow/action', { action: 'submit', inputs }, handle, expected);
}

/** The whole login; throws a LoginError naming the step that went wrong. Marks the TOTP step it spent. */
export async function login(issuer: string, balancer: Balancer, account: Account, timings: Timings): Promise<void> {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const nonce = base64url(randomBytes(16));
  const request = new URL('/auth', issuer);
  request.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: RP_CALLBACK,
    scope: 'openid profile',
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    acr_values: 'otp',
    state,
    nonce,
  }).toString();

  const started = await timed(timings, 'start', () => startFlow(balancer, request));
  const handle = started.flow;
  await timed(timings, 'username', () =>
    submit(balancer, 'username', handle, { username: account.username }, 'password'),
  );
  await timed(timings, 'password', () => submit(balancer, 'password', handle, { password: account.password }, 'otp'));
  const done = await timed(timings, 'otp', async () => {
    const now = Date.now();
    // Spent whatever the answer: the server may have taken it even if the answer was lost.
    account.lastStep = totpStep(now);
    const code = await generate({ strategy: 'totp', secret: account.secret, epoch: Math.floor(now / 1000) });
    return submit(balancer, 'otp', handle, { code }, 'done');
  });
  if (done.step.kind !== 'done') throw new LoginError('otp', 'not done');
  const continueUrl = done.step.continue_url;

  // The browser: the continue URL (/auth with the ticket), then redirects up to the RP's callback.
  const callback = await timed(timings, 'authorize', async () => {
    const jar = new CookieJar();
    let current = continueUrl;
    for (let hops = 0; hops < 10; hops++) {
      if (current.startsWith(RP_CALLBACK)) return new URL(current);
      const target = balancer.route(current);
      const cookie = jar.header(target);
      const response = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      jar.store(response);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        throw new LoginError('authorize', `HTTP ${response.status} at ${target.pathname} without a redirect`);
      current = new URL(location, issuer).href;
    }
    throw new LoginError('authorize', 'too many redirects');
  });
  const code = callback.searchParams.get('code');
  if (callback.searchParams.get('state') !== state || !code)
    throw new LoginError('authorize', `callback without code or with another state: ${callback.search.slice(0, 200)}`);

  // The RP's back channel (client_secret_basic, PKCE).
  const basicCredentials = `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`;
  await timed(timings, 'token', async () => {
    const response = await fetch(balancer.route('/token'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(basicCredentials).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: RP_CALLBACK,
        code_verifier: verifier,
      }),
    });
    const body = (await response.json()) as { id_token?: string; access_token?: string; error?: string };
    if (!response.ok || !body.id_token || !body.access_token)
      throw new LoginError('token', `HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    // The claims that say this login happened (the signature is the RP library's business, not measured here).
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (
      claims.iss !== issuer ||
      claims.aud !== CLIENT_ID ||
      claims.nonce !== nonce ||
      claims.acr !== 'otp' ||
      !claims.sub
    ) {
      throw new LoginError('token', `unexpected id_token claims ${JSON.stringify(claims)}`);
    }
  });
}

/** Percentile (nearest rank) of `values`, in their unit. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
