// The login state machine. Every request loads the flow by the hash of its handle, checks that the action
// is one the current step offers and that its inputs match, lets the step's method decide, and saves the
// result with a version check, so two concurrent requests on one flow cannot both move it. What is
// particular to a placement (how a flow starts and finishes) is in ./placements/, requests from another
// device through a flow's link in ./linked.ts; statuses and bodies are the HTTP layer's (server/http/).
import { EventEmitter } from 'node:events';
import type { ClientConfig } from '../config.js';
import type { ActionRequest, Factor, FailureReason, FlowError, FlowState } from '../../wire/flow-api.js';
import type { FlowPlacement, FlowRecord } from '../store/types.js';
import { randomHandle, sha256 } from '../security/random.js';
import { AcrCatalog, type AcrInfo, RECOVERY_CODE_METHOD } from './acr.js';
import { FlowApiError } from './errors.js';
import { checkInputs } from './inputs.js';
import { TicketMinter } from './tickets.js';
import {
  accountFactors,
  hasSecondFactor,
  PASSWORD_RESET_CHAIN,
  provedSecondFactor,
  RECOVERY_CODE_AMR,
  RECOVERY_CODES_ISSUE,
} from './binding.js';
import { acrProvenBy, ANOTHER_WAY, AnotherWay, proofLevel } from './another-way.js';
import { auditFlow } from './audit-flow.js';
import { DONE, FAILED } from './final-steps.js';
import { linked, updateLinked } from './linked.js';
import { TRUST_BROWSER, TrustedBrowsers } from './trusted-browser.js';
import { continueUrl, expectedOrigin } from './placements/index.js';
import { browserKnown, newSignInNotice } from '../notifications/index.js';
import type { AuthMethod, EngineDeps, MethodContext, StepView, Transition } from './types.js';

/**
 * What the engine answers about a flow: its whole state, and how the request went. `created`: the flow was
 * started; `ok`: the state as it is now (after an action that went through); `refused`: the action was
 * refused, `body.error` says why (the flow may still have moved, e.g. to a new challenge).
 */
export type FlowReply =
  | { outcome: 'created' | 'ok'; body: FlowState }
  | { outcome: 'refused'; body: FlowState & { error: FlowError } };

/** Which API reaches a flow: a password-grant session and a browser flow never stand in for one another. */
export type Channel = 'browser' | 'api';

/** A new flow: for whom, what it proves, and where it runs. */
export interface FlowStart {
  client: ClientConfig;
  acr: AcrInfo;
  /** The methods to run, when not the acr's usual order. */
  chain?: string[];
  /** The identifier, when it is given up front (the password grant). */
  login?: string;
  placement: FlowPlacement;
  lang?: string | undefined;
  ip: string;
  userAgent?: string | undefined;
  /** Who the flow is for and what was proven already (an account flow: the signed-in user and a fresh proof). */
  prior?: { userId: string; amr: string[] };
  /** The method that enrolls a new factor in this flow even where the account has one (FlowCommon.adding). */
  adding?: string;
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

/** An action as the HTTP layer parsed it (server/http/flow-requests.ts). */
export type Action = Required<ActionRequest>;

/**
 * The method that makes an acr what it is: its second factor (not the password before it, nor a passkey offer
 * after it).
 */
function ownMethod(acr: AcrInfo): string | undefined {
  return acr.chain.find((m) => m !== 'password' && m !== 'webauthn') ?? acr.chain[0];
}

export class FlowEngine {
  readonly acrs: AcrCatalog;
  /** Emits the flow id whenever this instance saves a flow (others' saves are found by polling the store). */
  readonly changes = new EventEmitter().setMaxListeners(0);
  private readonly tickets: TicketMinter;
  private readonly issuerOrigin: string;
  private readonly anotherWay: AnotherWay;
  private readonly factorOf: (method: string) => Factor | undefined;
  private readonly methods: Map<string, AuthMethod>;
  /** Browsers trusted to skip the second factor (./trusted-browser.ts). */
  readonly trustedBrowsers: TrustedBrowsers;

  constructor(
    readonly deps: EngineDeps,
    methods: Map<string, AuthMethod>,
    /** The factor each method proves (server/methods/: its descriptor's), for "use another way". */
    factorOf: (method: string) => Factor | undefined = () => undefined,
  ) {
    this.trustedBrowsers = new TrustedBrowsers(deps);
    // The offer to trust the browser is the engine's own step, run only where the engine puts it.
    this.methods = new Map([...methods, [TRUST_BROWSER, this.trustedBrowsers.offerStep()]]);
    this.acrs = new AcrCatalog(deps.config);
    this.anotherWay = new AnotherWay(deps, methods, this.acrs, factorOf);
    this.factorOf = factorOf;
    this.tickets = new TicketMinter(deps.sealer.derive('flow tickets'));
    this.issuerOrigin = new URL(deps.config.issuer).origin;
  }

  client(clientId: string): ClientConfig {
    const client = this.deps.config.clients.find((c) => c.client_id === clientId);
    if (!client) throw new FlowApiError('invalid_client', 'Unknown client.');
    return client;
  }

  /** Starts a flow in its first method's first step and saves it; `notice`: that step's, if any. */
  async start(init: FlowStart): Promise<{ handle: string; flow: FlowRecord; notice?: FlowError | undefined }> {
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
      ...(init.prior ? { userId: init.prior.userId } : {}),
      ...(init.adding ? { adding: init.adding } : {}),
      methodIndex: 0,
      step: '',
      amr: init.prior?.amr ?? [],
      methodState: {},
    };
    const first = this.method((init.chain ?? init.acr.chain)[0]);
    const { flow, notice } = await this.enter(blank, await first.start(this.context(blank, init.ip)), init.ip, handle);
    await this.deps.store.flows.create(flow);
    this.deps.audit.record({
      event: 'flow.started',
      outcome: 'success',
      client_id: flow.clientId,
      acr: flow.acr,
      flow: flow.id.slice(0, 8),
      ip: init.ip,
      placement: flow.placement,
    });
    return { handle, flow, notice };
  }

  /** The flow `handle` names, if `channel` reaches it and `origin` (when sent) may drive it. */
  async load(handle: string, origin: string | undefined, channel: Channel): Promise<FlowRecord> {
    const flow = await this.stored(handle);
    if (!flow || (flow.placement === 'api') !== (channel === 'api'))
      throw new FlowApiError('flow_not_found', 'This sign-in has ended or never existed. Start again.');
    if (flow.expiresAt <= this.deps.clock())
      throw new FlowApiError('flow_expired', 'This sign-in took too long and expired. Start again.');
    if (origin !== undefined && origin !== expectedOrigin(flow, this.issuerOrigin)) {
      throw new FlowApiError('origin_not_allowed', `This sign-in cannot be continued from ${origin}.`);
    }
    return flow;
  }

  /** The stored flow `handle` names, whatever its state or placement. */
  stored(handle: string): Promise<FlowRecord | undefined> {
    return this.deps.store.flows.get(sha256(handle));
  }

  async current(handle: string, origin: string | undefined, channel: Channel = 'browser'): Promise<FlowReply> {
    return this.shown(await this.load(handle, origin, channel), handle);
  }

  /** The state of a loaded flow, as it is. */
  async shown(flow: FlowRecord, handle: string): Promise<FlowReply> {
    return { outcome: 'ok', body: await this.state(flow, handle) };
  }

  /** The state of a flow just started (by a placement): `notice` is its first step's. */
  async created(flow: FlowRecord, handle: string, notice?: FlowError): Promise<FlowReply> {
    return { outcome: 'created', body: await this.state(flow, handle, notice) };
  }

  async act(
    handle: string,
    request: Action,
    ip: string,
    origin: string | undefined,
    channel: Channel = 'browser',
  ): Promise<FlowReply> {
    const flow = await this.load(handle, origin, channel);
    if (flow.step === DONE || flow.step === FAILED) {
      throw new FlowApiError(
        'action_not_allowed',
        `This sign-in is ${flow.step === DONE ? 'already complete' : 'over'}; no action is possible.`,
        'action',
      );
    }
    if (request.action === ANOTHER_WAY) return this.switchFactor(flow, handle, request, ip);
    const method = this.methodOf(flow);
    const ctx = this.context(flow, ip);
    const view = await method.view(ctx);
    const spec = view.actions[request.action];
    if (!spec) {
      const offered = Object.keys(view.actions).join(', ') || 'none';
      throw new FlowApiError(
        'action_not_allowed',
        `The action "${request.action}" is not available at the ${view.step.kind} step (available: ${offered}).`,
        'action',
      );
    }
    const inputs = checkInputs(spec, request.inputs);
    const transition = await method.act(ctx, request.action, inputs);
    if (transition.type === 'refuse') {
      // Nothing changed, so the view just drawn (a QR code, perhaps) is still the one to show.
      const { error } = transition;
      return { outcome: 'refused', body: { ...(await this.state(flow, handle, error, view)), error } };
    }
    return this.move(flow, handle, transition, ip);
  }

  /** Applies a transition to a loaded flow and saves it (version-checked); the answer to the action. */
  private async move(flow: FlowRecord, handle: string, transition: Transition, ip: string): Promise<FlowReply> {
    const {
      flow: next,
      notice,
      refused,
    } = await this.enter({ ...flow, version: flow.version + 1 }, transition, ip, handle);
    if (!(await this.save(next))) {
      throw new FlowApiError('flow_busy', 'This sign-in changed in another request; reload its state and try again.');
    }
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
      const client = this.client(next.clientId);
      void newSignInNotice(this.deps, {
        userId: next.userId!,
        placement: next.placement,
        amr: next.amr,
        knownBrowser: next.knownBrowser === true,
        clientName: client.client_name ?? client.client_id,
        ip,
        userAgent: next.userAgent,
        lang: next.lang,
        at: this.deps.clock(),
      });
    }
    const body = await this.state(next, handle, notice);
    return refused && notice ? { outcome: 'refused', body: { ...body, error: notice } } : { outcome: 'ok', body };
  }

  /**
   * "Use another way": the current step's method gives way to the method of the factor the user picked, if
   * the account has it and it meets the sign-in's acr (./another-way.ts); nothing else changes.
   */
  private async switchFactor(flow: FlowRecord, handle: string, request: Action, ip: string): Promise<FlowReply> {
    const chain = this.chainOf(flow);
    const offered = await this.anotherWay.for(flow, chain);
    if (!offered.length) {
      throw new FlowApiError('action_not_allowed', 'There is no other way to sign in at this step.', 'action');
    }
    const inputs = checkInputs(AnotherWay.action(offered), request.inputs);
    const choice = offered.find((a) => a.factor === inputs.factor);
    if (!choice) {
      throw new FlowApiError('action_not_allowed', 'There is no other way to sign in at this step.', 'action');
    }
    const switched: FlowRecord = {
      ...flow,
      chain: AnotherWay.chainWith(chain, flow.methodIndex, choice.method),
      standingInFor: flow.standingInFor ?? chain[flow.methodIndex],
      methodState: {},
    };
    delete switched.linkHash;
    auditFlow(this.context(flow, ip), {
      event: 'flow.another_way',
      outcome: 'success',
      method: choice.method,
      factor: choice.factor,
      reason: chain[flow.methodIndex],
    });
    const method = this.method(choice.method);
    return this.move(switched, handle, await method.start(this.context(switched, ip)), ip);
  }

  /** Saves `next` (its version already moved on) unless another request saved the flow first. */
  async save(next: FlowRecord): Promise<boolean> {
    if (!(await this.deps.store.flows.replace(next))) return false;
    this.changes.emit('change', next.id);
    return true;
  }

  /** The ticket that carries the flow `handle` names into the provider once it ended. */
  ticketFor(handle: string): string {
    return this.tickets.ticketFor(handle);
  }

  /**
   * Takes a finished (or failed) flow's ticket, once. `misplaced` says why the place the ticket arrived at is
   * not the one the flow was started for (the same interaction, authorization request or client), if it is not.
   */
  async redeem(ticket: string, misplaced: (flow: FlowRecord) => string | undefined): Promise<Redeemed | undefined> {
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
    if ((flow.ticketExpiresAt ?? 0) <= now) return reject('expired');
    const wrong = misplaced(flow);
    if (wrong) return reject(wrong);
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

  /** Changes a flow through its link from another device (./linked.ts). */
  updateLinked<T>(
    link: string,
    change: (ctx: MethodContext) => { methodState?: Record<string, unknown>; result: T },
  ): Promise<{ result: T; client: ClientConfig } | undefined> {
    return updateLinked(this, link, change);
  }

  /** Reads the flow a link reaches, as its method sees it (./linked.ts). */
  linked(link: string): Promise<MethodContext | undefined> {
    return linked(this, link);
  }

  /** The flow's id (the hash of its handle), for following its changes. */
  flowId(handle: string): string {
    return sha256(handle);
  }

  async purgeExpired(): Promise<number> {
    // Kept an hour past expiry so a late request hears "expired" rather than "unknown".
    return this.deps.store.flows.purgeExpired(this.deps.clock() - 3600_000);
  }

  context(flow: FlowRecord, ip: string): MethodContext {
    return { flow, client: this.client(flow.clientId), ip, deps: this.deps };
  }

  // -------------------------------------------------------------------------------------------------------

  private method(name: string | undefined): AuthMethod {
    const method = name === undefined ? undefined : this.methods.get(name);
    if (!method) throw new Error(`no enabled method ${name}`);
    return method;
  }

  private chainOf(flow: FlowRecord): string[] {
    return flow.chain ?? this.acrs.get(flow.acr)?.chain ?? [];
  }

  private methodOf(flow: FlowRecord): AuthMethod {
    const name = this.chainOf(flow)[flow.methodIndex];
    const method = name ? this.methods.get(name) : undefined;
    if (!method)
      throw new FlowApiError(
        'action_not_allowed',
        `The method of this sign-in (${flow.acr}) is no longer enabled. Start again.`,
      );
    return method;
  }

  /** Applies a method's transition to `flow`, chaining into the next method or to the end. */
  private async enter(
    flow: FlowRecord,
    transition: Transition,
    ip: string,
    handle: string,
  ): Promise<{ flow: FlowRecord; notice?: FlowError; refused?: boolean }> {
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
        const refused = transition.refused === true;
        return {
          flow: next,
          ...(transition.notice ? { notice: transition.notice } : {}),
          ...(refused ? { refused } : {}),
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
                'To add this sign-in method, one you already have must be used first, and none of them can be ' +
                'used here. Contact your administrator.',
            },
            ip,
            handle,
          );
        }
        const chain = [...this.chainOf(flow)];
        chain.splice(flow.methodIndex, 0, proof.name);
        const detour: FlowRecord = { ...flow, chain, binding: transition.binding, methodState: {} };
        return this.enter(detour, await proof.start(this.context(detour, ip)), ip, handle);
      }
      case 'reset_password': {
        // The reset's methods take the password's slot; the sign-in itself starts again after them.
        const reset: FlowRecord = { ...flow, chain: [...PASSWORD_RESET_CHAIN], methodIndex: 0, methodState: {} };
        delete reset.linkHash;
        return this.enter(reset, await this.method(PASSWORD_RESET_CHAIN[0]).start(this.context(reset, ip)), ip, handle);
      }
      case 'restart': {
        const {
          chain: _chain,
          userId: _user,
          binding: _binding,
          replacing: _replacing,
          standingInFor: _standing,
          linkHash: _link,
          ...kept
        } = flow;
        const fresh: FlowRecord = {
          ...kept,
          methodIndex: 0,
          amr: [],
          proven: [],
          passwordChanged: true,
          methodState: {},
        };
        const first = this.method(this.chainOf(fresh)[0]);
        return this.enter(fresh, await first.start(this.context(fresh, ip)), ip, handle);
      }
      case 'switch': {
        // The fallback takes the current method's slot; it becomes the flow's acr when that slot was the acr's own
        // method.
        const target = this.acrs.get(transition.acr);
        const name = target && ownMethod(target);
        const method = name && this.methods.get(name);
        if (!target || !name || !method) throw new Error(`cannot switch to ${transition.acr}`);
        const chain = [...this.chainOf(flow)];
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
        let chain = this.chainOf(flow);
        const replace = transition.replace && this.methods.has(transition.replace) ? transition.replace : undefined;
        if (replace) chain = [...chain.slice(0, methodIndex), replace, ...chain.slice(methodIndex)];
        const ran = chain[flow.methodIndex];
        // Multi-factor when two factors really were proven (a skipped optional second factor adds none).
        if (amr.filter((a) => a !== 'mfa').length >= 2 && !amr.includes('mfa')) amr.push('mfa');
        const proven = transition.amr.length && ran !== undefined ? [...(flow.proven ?? []), ran] : (flow.proven ?? []);
        const next: FlowRecord = { ...flow, userId: transition.userId, amr, proven, methodIndex, methodState: {} };
        if (flow.userId === undefined) next.knownBrowser = browserKnown(this.deps, transition.userId);
        if (replace) Object.assign(next, { chain, replacing: replace });
        else delete next.replacing;
        delete next.passwordChanged;
        delete next.linkHash;
        // The factor that had to be proven first is: what follows is the binding itself.
        if (transition.amr.length) delete next.binding;
        let following = chain[methodIndex];
        // A trusted browser stands in for the second factor after the password (./trusted-browser.ts).
        const skipped = await this.trustedBrowsers.skipped(flow, transition.userId, ran, chain.slice(methodIndex));
        if (skipped.length) {
          next.methodIndex += skipped.length;
          next.trustedBrowserFor = skipped[0]!;
          following = chain[next.methodIndex];
          auditFlow(this.context(next, ip), {
            event: 'flow.trusted_browser',
            outcome: 'success',
            reason: 'skipped',
            method: skipped[0]!,
          });
        }
        if (following === undefined && (await this.owesRecoveryCodes(next, chain))) {
          following = RECOVERY_CODES_ISSUE;
          next.chain = [...chain, following];
        }
        if (following === undefined && (await this.trustedBrowsers.offerAtEnd(this.context(next, ip), chain))) {
          following = TRUST_BROWSER;
          next.chain = [...chain, following];
        }
        if (following !== undefined) {
          const method = this.method(following);
          return this.enter(next, await method.start(this.context(next, ip)), ip, handle);
        }
        const now = this.deps.clock();
        return {
          flow: {
            ...next,
            // What was proven, not what was asked for or enrolled; a trusted browser's sign-in keeps the acr asked
            // for (its amr says the second factor was not proven now).
            acr: next.trustedBrowserFor
              ? flow.acr
              : (this.provenAcr(proven, next.standingInFor !== undefined) ?? flow.acr),
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
   * (webauthn.second_factor) adds to amr, not to the acr; but where a method ran in another's place ("use
   * another way", `substituted`), the acr it stands for counts: the sign-in's acr is the one really proven.
   */
  private provenAcr(proven: readonly string[], substituted: boolean): string | undefined {
    const stoodFor = new Set(substituted ? proven.flatMap((m) => acrProvenBy(m, this.acrs) ?? []) : []);
    return this.acrs
      .supported()
      .find(
        (acr) =>
          this.acrs.get(acr)?.chain.every((m) => m === 'webauthn' || proven.includes(m)) ||
          (stoodFor.has(acr) && proven.includes('password')),
      );
  }

  /**
   * Whether a sign-in that is about to end shows the account a new set of recovery codes first: when they are
   * on, in a browser, after a second factor other than a recovery code was proven in this flow (never to
   * whoever holds only the password, nor to whoever holds one stolen code), for an account with a second
   * factor and no unused code (its first factor, or the last code used).
   */
  private async owesRecoveryCodes(flow: FlowRecord, chain: readonly string[]): Promise<boolean> {
    if (!this.methods.has(RECOVERY_CODES_ISSUE) || flow.placement === 'api' || flow.placement === 'account')
      return false;
    if (flow.userId === undefined) return false;
    const proofs = flow.amr.filter((a) => a !== RECOVERY_CODE_AMR);
    if (chain.includes(RECOVERY_CODES_ISSUE) || !provedSecondFactor(proofs)) return false;
    const factors = await accountFactors(this.deps.store, flow.userId);
    return factors.recoveryCodes === 0 && hasSecondFactor(factors, this.deps.config);
  }

  /** The method that proves one of the account's existing second factors here: the highest level that can. */
  private async proofMethod(flow: FlowRecord): Promise<AuthMethod | undefined> {
    if (flow.userId === undefined) return undefined;
    const factors = await accountFactors(this.deps.store, flow.userId);
    const level = (name: string) => proofLevel(name, this.acrs);
    const before = this.chainOf(flow).slice(0, flow.methodIndex);
    // A reset proved the address already: the second factor must be another one (ASVS 5.0 6.4.3).
    const excluded = flow.binding === 'password' ? 'email' : undefined;
    return [...this.methods.values()]
      .filter((m) => m.proves?.(factors) && !before.includes(m.name) && this.factorOf(m.name) !== excluded)
      .sort((a, b) => level(b.name) - level(a.name))[0];
  }

  /**
   * The method that proves the account's strongest factor, and that proof's level: what a change on the account
   * page asks for (the password when the account has no other factor). A recovery code is for a lost factor,
   * not a proof of the ones at hand; a passkey is proven by the second-factor method (the account is known).
   */
  async strongestProof(userId: string): Promise<{ method: string; level: number }> {
    const factors = await accountFactors(this.deps.store, userId);
    const level = (name: string) => proofLevel(name, this.acrs);
    const best = [...this.methods.values()]
      .filter((m) => m.name !== RECOVERY_CODE_METHOD && m.name !== 'passkey' && m.proves?.(factors))
      .sort((a, b) => level(b.name) - level(a.name))[0];
    const method = best?.name ?? 'password';
    return { method, level: level(method) };
  }

  /** The answer for `flow`; `known`: its current step's view, when the caller already has it. */
  private async state(flow: FlowRecord, handle: string, error?: FlowError, known?: StepView): Promise<FlowState> {
    const client = this.client(flow.clientId);
    let view: StepView;
    if (known) {
      view = known;
    } else if (flow.step === DONE) {
      view = {
        step: { kind: 'done', continue_url: continueUrl(flow, this.deps.config.issuer, this.ticketFor(handle)) },
        actions: {},
      };
    } else if (flow.step === FAILED) {
      view = {
        step: {
          kind: 'failed',
          reason: (flow.failure?.reason as FailureReason | undefined) ?? 'access_denied',
          message: flow.failure?.message ?? 'This sign-in was refused.',
          continue_url: continueUrl(flow, this.deps.config.issuer, this.ticketFor(handle)),
        },
        actions: {},
      };
    } else {
      view = await this.methodOf(flow).view(this.context(flow, flow.ip));
    }
    const ended = flow.step === DONE || flow.step === FAILED;
    const another = ended ? [] : await this.anotherWay.for(flow, this.chainOf(flow));
    if (another.length) view = { ...view, actions: { ...view.actions, [ANOTHER_WAY]: AnotherWay.action(another) } };
    return {
      flow: handle,
      expires_in: Math.max(0, Math.floor((flow.expiresAt - this.deps.clock()) / 1000)),
      acr: flow.acr,
      client: { id: client.client_id, name: client.client_name ?? client.client_id },
      step: view.step,
      actions: view.actions,
      ...(error ? { error } : {}),
      ...(flow.binding && flow.step !== DONE && flow.step !== FAILED ? { binding: flow.binding } : {}),
      ...(another.length ? { another_way: another.map((a) => a.factor) } : {}),
    };
  }
}
