// The login state machine. Every request loads the flow by the hash of its handle, checks that the action
// is one the current step offers and that its inputs match, lets the step's method decide, and saves the
// result with a version check, so two concurrent requests on one flow cannot both move it.
import { EventEmitter } from 'node:events';
import type { ClientConfig } from '../config.js';
import type { z } from 'zod';
import type { FailureReason, FlowError, FlowState } from '../../wire/flow-api.js';
import { actionRequest, createFlowRequest, flowHandle } from '../http/flow-requests.js';
import type { FlowPlacement, FlowRecord } from '../store/types.js';
import { randomHandle, sha256 } from '../security/random.js';
import { AcrCatalog, type AcrInfo } from './acr.js';
import { parseAuthorizationRequest, sameRequest, TICKET_PARAM } from './authorization-request.js';
import { FlowApiError } from './errors.js';
import { checkInputs, hasControlCharacters } from './inputs.js';
import { TicketMinter } from './tickets.js';
import { accountFactors } from './binding.js';
import { auditFlow } from './audit-flow.js';
import type { AuthMethod, EngineDeps, MethodContext, StepView, Transition } from './types.js';

export interface Answer {
  status: 200 | 201 | 400 | 401 | 429;
  body: FlowState;
}

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

/** What the provider needs to finish the login of a flow whose ticket was redeemed. */
export interface FinishedLogin {
  accountId: string;
  acr: string;
  amr: string[];
  authTime: number;
  clientId: string;
}

/** A redeemed ticket: a login to finish, or a flow that ended without one (the RP gets access_denied). */
export type Redeemed = { login: FinishedLogin } | { denied: string };

const DONE = 'done';
const FAILED = 'failed';

function zodMessage(error: z.ZodError): { message: string; field: string | undefined } {
  const issue = error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  if (issue.code === 'unrecognized_keys') return { message: `${issue.message} in the request body.`, field };
  return { message: field ? `${field}: ${issue.message}.` : `${issue.message}.`, field };
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { message, field } = zodMessage(result.error);
  throw new FlowApiError(400, 'invalid_request', message, field);
}

/** The method that makes an acr what it is: its second factor (not the password before it, nor a passkey offer after it). */
function ownMethod(acr: AcrInfo): string | undefined {
  return acr.chain.find((m) => m !== 'password' && m !== 'webauthn') ?? acr.chain[0];
}

export class FlowEngine {
  readonly acrs: AcrCatalog;
  /** Emits the flow id whenever this instance saves a flow (others' saves are found by polling the store). */
  readonly changes = new EventEmitter().setMaxListeners(0);
  private readonly tickets: TicketMinter;
  private readonly issuerOrigin: string;

  constructor(
    private readonly deps: EngineDeps,
    private readonly methods: Map<string, AuthMethod>,
  ) {
    this.acrs = new AcrCatalog(deps.config);
    this.tickets = new TicketMinter(deps.sealer.derive('flow tickets'));
    this.issuerOrigin = new URL(deps.config.issuer).origin;
  }

  client(clientId: string): ClientConfig {
    const client = this.deps.config.clients.find((c) => c.client_id === clientId);
    if (!client) throw new FlowApiError(400, 'invalid_client', 'Unknown client.');
    return client;
  }

  /** Hosted placement: the interaction page starts the flow and hands the widget its handle. */
  async startHosted(start: HostedStart): Promise<string> {
    const client = this.client(start.clientId);
    const acr = this.acrs.forRequest({ acrValues: start.acrValues, claims: start.claims }, client);
    const { handle } = await this.create({
      client,
      acr,
      placement: { placement: 'hosted', interactionUid: start.interactionUid },
      lang: start.lang,
      ip: start.ip,
      userAgent: start.userAgent,
    });
    return handle;
  }

  /** Embedded placement: the widget on the RP's page starts the flow from the authorization request. */
  async startEmbedded(body: unknown, ip: string, origin: string | undefined, userAgent?: string): Promise<Answer> {
    const request = parseBody(createFlowRequest, body);
    const { client, params } = await parseAuthorizationRequest(
      request.authorization_request,
      this.deps.config,
      origin,
      this.deps.store.artifacts,
    );
    const acr = this.acrs.forRequest(
      { acrValues: params.acr_values, claims: params.claims, fallback: request.acr },
      client,
    );
    const { handle, flow } = await this.create({
      client,
      acr,
      placement: { placement: 'embedded', authParams: params, ...(origin !== undefined ? { origin } : {}) },
      lang: request.lang ?? params.ui_locales?.split(' ')[0],
      ip,
      userAgent,
    });
    return { status: 201, body: await this.state(flow, handle) };
  }

  /** The password grant: a flow with no browser, the identifier given up front, its methods in `chain`. */
  async startApi(start: {
    clientId: string;
    acr: string;
    chain: string[];
    login: string;
    ip: string;
    lang?: string | undefined;
  }): Promise<Answer> {
    // The login arrives here without passing a step's input check: it gets the same rule.
    if (hasControlCharacters(start.login))
      throw new FlowApiError(400, 'invalid_request', 'The username contains control characters.', 'username');
    const client = this.client(start.clientId);
    const acr = this.acrs.get(start.acr)!;
    const { handle, flow, notice } = await this.create({
      client,
      acr,
      chain: start.chain,
      placement: { placement: 'api' },
      login: start.login,
      lang: start.lang,
      ip: start.ip,
    });
    // The first step's notice (a send quota refused the code) is the grant's answer to step 1.
    return { status: 201, body: await this.state(flow, handle, notice) };
  }

  /** The state of a password-grant flow (these are not reachable through the flow API) and the login it was started with. */
  async apiState(handle: string): Promise<Answer & { login: string | undefined }> {
    const { flow } = await this.load(handle, undefined, 'api');
    return { status: 200, body: await this.state(flow, handle), login: flow.login };
  }

  /** Runs an action of a password-grant flow. */
  async apiAct(handle: string, body: unknown, ip: string): Promise<Answer> {
    return this.act(handle, body, ip, undefined, 'api');
  }

  /** Takes a finished password-grant flow: its login, once, for the client that started it. */
  async finishApi(handle: string, clientId: string): Promise<FinishedLogin | undefined> {
    const flow = await this.deps.store.flows.get(sha256(handle));
    if (flow?.placement !== 'api' || flow.clientId !== clientId || flow.step !== DONE) return undefined;
    const redeemed = await this.redeem(this.tickets.ticketFor(handle), { api: clientId });
    return redeemed && 'login' in redeemed ? redeemed.login : undefined;
  }

  async current(handle: string | undefined, origin: string | undefined): Promise<Answer> {
    const { flow, key } = await this.load(handle, origin);
    return { status: 200, body: await this.state(flow, key) };
  }

  async act(
    handle: string | undefined,
    body: unknown,
    ip: string,
    origin: string | undefined,
    placement: 'browser' | 'api' = 'browser',
  ): Promise<Answer> {
    const request = parseBody(actionRequest, body);
    const { flow, key } = await this.load(handle, origin, placement);
    if (flow.step === DONE || flow.step === FAILED) {
      throw new FlowApiError(
        409,
        'action_not_allowed',
        `This sign-in is ${flow.step === DONE ? 'already complete' : 'over'}; no action is possible.`,
        'action',
      );
    }
    const method = this.methodOf(flow);
    const ctx = this.context(flow, ip);
    const view = await method.view(ctx);
    const spec = view.actions[request.action];
    if (!spec) {
      const offered = Object.keys(view.actions);
      throw new FlowApiError(
        409,
        'action_not_allowed',
        `The action "${request.action}" is not available at the ${view.step.kind} step (available: ${offered.join(', ') || 'none'}).`,
        'action',
      );
    }
    const inputs = checkInputs(spec, request.inputs);
    const transition = await method.act(ctx, request.action, inputs);
    if (transition.type === 'refuse') {
      // Nothing changed, so the view just drawn (a QR code, perhaps) is still the one to show.
      return { status: transition.status, body: await this.state(flow, key, transition.error, view) };
    }
    const {
      flow: next,
      notice,
      status,
    } = await this.enter({ ...flow, version: flow.version + 1 }, transition, ip, key);
    if (!(await this.deps.store.flows.replace(next))) {
      throw new FlowApiError(
        409,
        'flow_busy',
        'This sign-in changed in another request; reload its state and try again.',
      );
    }
    this.changes.emit('change', next.id);
    if (next.step === DONE) {
      this.deps.audit.record({
        event: 'flow.completed',
        outcome: 'success',
        client_id: next.clientId,
        user_id: next.userId,
        acr: next.acr,
        amr: next.amr,
        flow: next.id.slice(0, 8),
        ip,
      });
    }
    return { status: status ?? 200, body: await this.state(next, key, notice) };
  }

  /**
   * Takes a finished (or failed) flow's ticket, once. `check` decides whether the place the ticket arrived
   * at is the one the flow was started for (the same interaction, or the same authorization request).
   */
  async redeem(
    ticket: string,
    check: { interactionUid: string } | { params: Record<string, unknown> } | { api: string },
  ): Promise<Redeemed | undefined> {
    const flow = await this.deps.store.flows.takeTicket(sha256(ticket));
    const now = this.deps.clock();
    const reject = (reason: string) => {
      this.deps.audit.record({
        event: 'flow.ticket_rejected',
        outcome: 'refused',
        reason,
        client_id: flow?.clientId,
        flow: flow?.id.slice(0, 8),
      });
      return undefined;
    };
    if (!flow) return reject('unknown_or_used');
    await this.deps.store.flows.delete(flow.id);
    if ((flow.ticketExpiresAt ?? 0) <= now) return reject('expired');
    if ('api' in check) {
      if (flow.placement !== 'api' || flow.clientId !== check.api) return reject('wrong_client');
    } else if ('interactionUid' in check) {
      if (flow.placement !== 'hosted' || flow.interactionUid !== check.interactionUid)
        return reject('wrong_interaction');
    } else if (flow.placement !== 'embedded' || !sameRequest(flow.authParams, check.params)) {
      return reject('wrong_request');
    }
    if (flow.step === FAILED) {
      this.deps.audit.record({
        event: 'flow.ticket_redeemed',
        outcome: 'refused',
        reason: flow.failure?.reason,
        client_id: flow.clientId,
        user_id: flow.userId,
        flow: flow.id.slice(0, 8),
      });
      return { denied: flow.failure?.message ?? 'the sign-in was refused' };
    }
    if (flow.step !== DONE || !flow.userId || flow.authTime === undefined) return reject('not_done');
    this.deps.audit.record({
      event: 'flow.ticket_redeemed',
      outcome: 'success',
      client_id: flow.clientId,
      user_id: flow.userId,
      flow: flow.id.slice(0, 8),
    });
    return {
      login: { accountId: flow.userId, acr: flow.acr, amr: flow.amr, authTime: flow.authTime, clientId: flow.clientId },
    };
  }

  /**
   * A request from another device through a flow's link (e.g. the phone that scanned a QR code): `change`
   * sees the flow as its method does and returns the method's new state (or undefined: nothing changes).
   * Saved with the same version check as actions, retried when the desktop moved the flow meanwhile, so
   * `change` must have no side effects of its own (call outside services before, with `linked`).
   */
  async updateLinked<T>(
    link: string,
    change: (ctx: MethodContext) => { methodState?: Record<string, unknown>; result: T },
  ): Promise<{ result: T; client: ClientConfig } | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const flow = await this.liveByLink(link);
      if (!flow) return undefined;
      const ctx = this.context(flow, flow.ip);
      const { methodState, result } = change(ctx);
      if (!methodState) return { result, client: ctx.client };
      const next: FlowRecord = { ...flow, version: flow.version + 1, methodState };
      if (await this.deps.store.flows.replace(next)) {
        this.changes.emit('change', next.id);
        return { result, client: ctx.client };
      }
    }
    throw new FlowApiError(409, 'flow_busy', 'This sign-in is changing too fast; try again.');
  }

  /** Reads the flow a link reaches, as its method sees it (undefined: gone, expired or finished). */
  async linked(link: string): Promise<MethodContext | undefined> {
    const flow = await this.liveByLink(link);
    return flow && this.context(flow, flow.ip);
  }

  /** The flow a link reaches, while it can still change (not expired, done or failed). */
  private async liveByLink(link: string): Promise<FlowRecord | undefined> {
    const flow = await this.deps.store.flows.findByLink(sha256(link));
    return flow && flow.expiresAt > this.deps.clock() && flow.step !== DONE && flow.step !== FAILED ? flow : undefined;
  }

  /** The flow's id (the hash of its handle), for following its changes. */
  flowId(handle: string): string {
    return sha256(handle);
  }

  async purgeExpired(): Promise<number> {
    // Kept an hour past expiry so a late request hears "expired" rather than "unknown".
    return this.deps.store.flows.purgeExpired(this.deps.clock() - 3600_000);
  }

  // -------------------------------------------------------------------------------------------------------

  private async create(init: {
    client: ClientConfig;
    acr: AcrInfo;
    chain?: string[];
    login?: string;
    placement: FlowPlacement;
    lang?: string | undefined;
    ip: string;
    userAgent?: string | undefined;
  }): Promise<{ handle: string; flow: FlowRecord; notice?: FlowError | undefined }> {
    const handle = randomHandle();
    const now = this.deps.clock();
    const blank: FlowRecord = {
      id: sha256(handle),
      version: 0,
      createdAt: now,
      expiresAt: now + this.deps.config.flow.ttl_seconds * 1000,
      clientId: init.client.client_id,
      ...init.placement,
      ...(init.lang !== undefined ? { lang: init.lang } : {}),
      acr: init.acr.acr,
      ...(init.chain ? { chain: init.chain } : {}),
      ...(init.login !== undefined ? { login: init.login } : {}),
      ip: init.ip,
      ...(init.userAgent ? { userAgent: init.userAgent.slice(0, 256) } : {}),
      methodIndex: 0,
      step: '',
      amr: [],
      methodState: {},
    };
    const first = this.methods.get((init.chain ?? init.acr.chain)[0]!)!;
    const { flow, notice } = await this.enter(blank, await first.start(this.context(blank, init.ip)), init.ip, handle);
    await this.deps.store.flows.create(flow);
    this.deps.audit.record({
      event: 'flow.started',
      outcome: 'success',
      client_id: flow.clientId,
      acr: flow.acr,
      flow: flow.id.slice(0, 8),
      ip: init.ip,
      placement: init.placement.placement,
    });
    return { handle, flow, notice };
  }

  private async load(
    handle: string | undefined,
    origin: string | undefined,
    placement: 'browser' | 'api' = 'browser',
  ): Promise<{ flow: FlowRecord; key: string }> {
    if (handle === undefined || handle === '')
      throw new FlowApiError(
        400,
        'missing_flow',
        'The Gluu-Flow header with the flow handle is required.',
        'Gluu-Flow',
      );
    if (!flowHandle.safeParse(handle).success)
      throw new FlowApiError(400, 'invalid_request', 'The Gluu-Flow header is not a flow handle.', 'Gluu-Flow');
    const flow = await this.deps.store.flows.get(sha256(handle));
    // A password-grant session and a browser flow never stand in for one another.
    if (!flow || (flow.placement === 'api') !== (placement === 'api'))
      throw new FlowApiError(404, 'flow_not_found', 'This sign-in has ended or never existed. Start again.');
    if (flow.expiresAt <= this.deps.clock())
      throw new FlowApiError(410, 'flow_expired', 'This sign-in took too long and expired. Start again.');
    if (origin !== undefined && origin !== this.expectedOrigin(flow)) {
      throw new FlowApiError(403, 'origin_not_allowed', `This sign-in cannot be continued from ${origin}.`);
    }
    return { flow, key: handle };
  }

  private expectedOrigin(flow: FlowRecord): string | undefined {
    if (flow.placement === 'hosted') return this.issuerOrigin;
    return flow.placement === 'embedded' ? flow.origin : undefined;
  }

  private chainOf(flow: FlowRecord): string[] | undefined {
    return flow.chain ?? this.acrs.get(flow.acr)?.chain;
  }

  private methodOf(flow: FlowRecord): AuthMethod {
    const name = this.chainOf(flow)?.[flow.methodIndex];
    const method = name ? this.methods.get(name) : undefined;
    if (!method)
      throw new FlowApiError(
        409,
        'action_not_allowed',
        `The method of this sign-in (${flow.acr}) is no longer enabled. Start again.`,
      );
    return method;
  }

  private context(flow: FlowRecord, ip: string): MethodContext {
    return { flow, client: this.client(flow.clientId), ip, deps: this.deps };
  }

  /** Applies a method's transition to `flow`, chaining into the next method or to the end. */
  private async enter(
    flow: FlowRecord,
    transition: Transition,
    ip: string,
    handle: string,
  ): Promise<{ flow: FlowRecord; notice?: FlowError; status?: 401 | 429 }> {
    switch (transition.type) {
      case 'refuse':
        throw new Error(`a method refused while starting: ${transition.error.code}`);
      case 'step': {
        const next: FlowRecord = { ...flow, step: transition.step, methodState: transition.methodState ?? {} };
        if ('login' in transition) {
          if (transition.login === undefined) delete next.login;
          else next.login = transition.login;
        }
        if (transition.link === null) delete next.linkHash;
        else if (transition.link !== undefined) next.linkHash = sha256(transition.link);
        return {
          flow: next,
          ...(transition.notice ? { notice: transition.notice } : {}),
          ...(transition.status ? { status: transition.status } : {}),
        };
      }
      case 'prove_first': {
        // The method in place stays next: the proof runs in its slot, then the method starts again.
        const proof = await this.proofMethod(flow);
        if (!proof) {
          auditFlow(this.context(flow, ip), {
            event: 'factor.bound',
            outcome: 'refused',
            reason: 'no_usable_factor',
            factor: transition.binding,
          });
          return this.enter(
            flow,
            {
              type: 'fail',
              reason: 'second_factor_unavailable',
              message:
                'To add this sign-in method, one you already have must be used first, and none of them can be used here. Contact your administrator.',
            },
            ip,
            handle,
          );
        }
        const chain = [...this.chainOf(flow)!];
        chain.splice(flow.methodIndex, 0, proof);
        const detour: FlowRecord = { ...flow, chain, binding: transition.binding, methodState: {} };
        return this.enter(detour, await this.methods.get(proof)!.start(this.context(detour, ip)), ip, handle);
      }
      case 'switch': {
        // The fallback takes the current method's slot; it becomes the flow's acr when that slot was the acr's own
        // method.
        const target = this.acrs.get(transition.acr);
        const name = target && ownMethod(target);
        const method = name && this.methods.get(name);
        if (!target || !name || !method) throw new Error(`cannot switch to ${transition.acr}`);
        const chain = [...this.chainOf(flow)!];
        const replaced = chain[flow.methodIndex];
        chain[flow.methodIndex] = name;
        const switched: FlowRecord = { ...flow, chain, methodState: {} };
        const current = this.acrs.get(flow.acr);
        if (current && replaced === ownMethod(current)) switched.acr = target.acr;
        delete switched.linkHash;
        return this.enter(switched, await method.start(this.context(switched, ip)), ip, handle);
      }
      case 'fail': {
        const now = this.deps.clock();
        const { linkHash: _link, ...rest } = flow;
        return {
          flow: {
            ...rest,
            step: FAILED,
            methodState: {},
            failure: { reason: transition.reason, message: transition.message },
            // A failed flow is carried to the RP too, so it hears access_denied instead of waiting forever.
            ticketExpiresAt: now + this.deps.config.flow.ticket_ttl_seconds * 1000,
            ticketHash: sha256(this.tickets.ticketFor(handle)),
          },
        };
      }
      case 'complete': {
        if (flow.userId !== undefined && flow.userId !== transition.userId) {
          throw new Error('a later factor proved a different user than the first one');
        }
        const amr = [...new Set([...flow.amr, ...transition.amr])];
        const methodIndex = flow.methodIndex + 1;
        const chain = this.chainOf(flow)!;
        // Multi-factor when two factors really were proven (a skipped optional second factor adds none).
        if (amr.filter((a) => a !== 'mfa').length >= 2 && !amr.includes('mfa')) amr.push('mfa');
        const proven = transition.amr.length ? [...(flow.proven ?? []), chain[flow.methodIndex]!] : (flow.proven ?? []);
        const next: FlowRecord = { ...flow, userId: transition.userId, amr, proven, methodIndex, methodState: {} };
        delete next.linkHash;
        // The factor that had to be proven first is: what follows is the binding itself.
        if (transition.amr.length) delete next.binding;
        const following = chain[methodIndex];
        if (following !== undefined) {
          const method = this.methods.get(following)!;
          return this.enter(next, await method.start(this.context(next, ip)), ip, handle);
        }
        const now = this.deps.clock();
        return {
          flow: {
            ...next,
            // What was proven, not what was asked for or enrolled.
            acr: this.provenAcr(proven) ?? flow.acr,
            step: DONE,
            authTime: Math.floor(now / 1000),
            ticketExpiresAt: now + this.deps.config.flow.ticket_ttl_seconds * 1000,
            ticketHash: sha256(this.tickets.ticketFor(handle)),
          },
        };
      }
    }
  }

  /**
   * The strongest enabled acr whose methods all proved a factor in this flow. A passkey after the password
   * (webauthn.second_factor) adds to amr, not to the acr.
   */
  private provenAcr(proven: readonly string[]): string | undefined {
    return this.acrs
      .supported()
      .find((acr) => this.acrs.get(acr)!.chain.every((m) => m === 'webauthn' || proven.includes(m)));
  }

  /** The method that proves one of the account's existing second factors here: the highest level that can. */
  private async proofMethod(flow: FlowRecord): Promise<string | undefined> {
    const factors = await accountFactors(this.deps.store, flow.userId!);
    const level = (name: string) =>
      this.acrs.get(name)?.level ?? (name === 'webauthn' ? this.deps.config.methods.passkey.level : 0);
    const chain = this.chainOf(flow) ?? [];
    return [...this.methods.values()]
      .filter((m) => m.proves?.(factors) && !chain.slice(0, flow.methodIndex).includes(m.name))
      .sort((a, b) => level(b.name) - level(a.name))[0]?.name;
  }

  private continueUrl(flow: FlowRecord, ticket: string): string {
    const issuer = this.deps.config.issuer;
    if (flow.placement === 'api') return ''; // the token endpoint answers with the tokens itself
    if (flow.placement === 'hosted')
      return `${issuer}/interaction/${encodeURIComponent(flow.interactionUid)}/finish?ticket=${ticket}`;
    const query = new URLSearchParams({ ...flow.authParams, [TICKET_PARAM]: ticket });
    return `${issuer}/auth?${query.toString()}`;
  }

  /** The answer for `flow`; `known`: its current step's view, when the caller already has it. */
  private async state(flow: FlowRecord, handle: string, error?: FlowError, known?: StepView): Promise<FlowState> {
    const client = this.client(flow.clientId);
    let view: StepView;
    if (known) {
      view = known;
    } else if (flow.step === DONE) {
      view = {
        step: { kind: 'done', continue_url: this.continueUrl(flow, this.tickets.ticketFor(handle)) },
        actions: {},
      };
    } else if (flow.step === FAILED) {
      view = {
        step: {
          kind: 'failed',
          reason: (flow.failure?.reason as FailureReason | undefined) ?? 'access_denied',
          message: flow.failure?.message ?? 'This sign-in was refused.',
          continue_url: this.continueUrl(flow, this.tickets.ticketFor(handle)),
        },
        actions: {},
      };
    } else {
      view = await this.methodOf(flow).view(this.context(flow, flow.ip));
    }
    return {
      flow: handle,
      expires_in: Math.max(0, Math.floor((flow.expiresAt - this.deps.clock()) / 1000)),
      acr: flow.acr,
      client: { id: client.client_id, name: client.client_name ?? client.client_id },
      step: view.step,
      actions: view.actions,
      ...(error ? { error } : {}),
      ...(flow.binding && flow.step !== DONE && flow.step !== FAILED ? { binding: flow.binding } : {}),
    };
  }
}
