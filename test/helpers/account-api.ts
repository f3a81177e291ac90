// Drives the account API the way <gluu-account> does: an access token for it, a fresh proof once a step-up
// flow finished, and the flows it starts driven through the flow API.
import type { AccountFinished, AccountFlowStarted, AccountOverview } from '../../wire/account-api.js';
import { FlowApi, state } from './flow-api.js';
import { authorizationRequest, discover, exchange, RP_ORIGIN, type oidc } from './oidc-client.js';
import { EmbeddedLogins } from './logins.js';
import type { FlowState } from '../../wire/flow-api.js';

export interface AccountResponse<T = unknown> {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
  headers: Headers;
}

/** The test client allowed to use the account API (give it to startTestBackend's extraClients). */
export const ACCOUNT_RP = {
  client_id: 'account-rp',
  client_secret: 'account-rp-secret-0123456789abcdefghijklmnop',
  client_name: 'Account RP',
  redirect_uris: [`${RP_ORIGIN}/callback`],
  allowed_origins: [RP_ORIGIN],
  account_api: true,
};

export class AccountClient {
  proof: string | undefined;
  readonly flows: FlowApi;

  constructor(
    readonly issuer: string,
    public token: string,
    readonly origin: string | undefined = RP_ORIGIN,
  ) {
    this.flows = new FlowApi(issuer, origin);
  }

  async send<T = AccountOverview>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<AccountResponse<T>> {
    const response = await fetch(`${this.issuer}/account/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(this.origin ? { origin: this.origin } : {}),
        ...(this.proof ? { 'gluu-proof': this.proof } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as AccountResponse<T>['body'],
      headers: response.headers,
    };
  }

  overview(): Promise<AccountResponse<AccountOverview>> {
    return this.send('GET', '');
  }

  /** Starts a step-up (or, with `kind`, an enrollment) flow: its first state. */
  async startFlow(kind?: string): Promise<FlowState> {
    const started = kind
      ? await this.send<AccountFlowStarted>('POST', '/factors', { kind })
      : await this.send<AccountFlowStarted>('POST', '/proof');
    if (started.status !== 201) throw new Error(`flow not started: ${started.status} ${JSON.stringify(started.body)}`);
    return state(await this.flows.get(started.body.flow));
  }

  /** Redeems a finished account flow as the element does (POST its continue_url) and keeps the proof. */
  async finish(done: FlowState): Promise<AccountResponse<AccountFinished>> {
    if (done.step.kind !== 'done') throw new Error(`the flow did not finish: ${JSON.stringify(done).slice(0, 400)}`);
    const response = await fetch(done.step.continue_url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, ...(this.origin ? { origin: this.origin } : {}) },
    });
    const body = (await response.json()) as AccountResponse<AccountFinished>['body'];
    if (response.status === 200) this.proof = body.proof;
    return { status: response.status, body, headers: response.headers };
  }
}

/**
 * An access token for the account API from an embedded sign-in of the account RP: the RP asks for the account
 * resource and scope beside openid, and `prove` answers the steps after the password (e.g. a TOTP code).
 */
export async function accountToken(
  issuer: string,
  username: string,
  password: string,
  options: { acr?: string; prove?: (logins: EmbeddedLogins, handle: string, s: FlowState) => Promise<FlowState> } = {},
): Promise<{ token: string; config: oidc.Configuration }> {
  const config = await discover(issuer, ACCOUNT_RP.client_id, ACCOUNT_RP.client_secret);
  const logins = new EmbeddedLogins(config);
  const request = await authorizationRequest(config, {
    scope: 'openid account',
    resource: `${issuer}/account`,
    ...(options.acr ? { acr_values: options.acr } : {}),
  });
  const started = state(await logins.api.start(request.url.href));
  expect200(await logins.api.act(started.flow, 'submit', { username }));
  let s = state(await logins.api.act(started.flow, 'submit', { password }));
  if (options.prove) s = await options.prove(logins, started.flow, s);
  // A sign-in after a second factor shows an account without recovery codes a set (when they are on).
  if (s.step.kind === 'recovery_codes') s = state(await logins.api.act(started.flow, 'continue', {}));
  const { tokens } = await logins.finish(s, request);
  return { token: tokens.access_token, config };
}

function expect200(response: { status: number }) {
  if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
}

export { exchange };
