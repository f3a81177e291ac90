// "Remember this browser", per client in Gluu Casa's terms (clients[].trust_browser): never ("always ask"),
// user_choice ("let the user choose") and new_browser ("ask on a new browser only"). A browser is known by its
// device token (server/security/device-trust.ts): the password step gives one to every browser it is typed in.
// Trusting a browser stores a credential of type `trusted_browser` for the user, whose id is derived from the
// token's device id; the token itself is never stored. A later sign-in there, once the password proved the
// user, skips the second factor while that credential lives. The id_token then says so: the acr asked for
// (the trusted browser stands in for its second factor, as in Casa), and an amr without the second factor's
// value (['pwd'], no 'mfa'), so an RP that needs a second factor proven now can tell.
// Never in the password grant (no browser) nor on the account page (a step-up there is never skipped).
import type { ClientConfig } from '../config.js';
import type { CredentialRecord, FlowRecord } from '../store/types.js';
import { currentDeviceRequest, DeviceTokens } from '../security/device-trust.js';
import { sha256 } from '../security/random.js';
import { describeUserAgent } from '../user-agents.js';
import { auditFlow } from './audit-flow.js';
import { provedSecondFactor, RECOVERY_CODE_AMR } from './binding.js';
import type { AuthMethod, EngineDeps, MethodContext, StepView, Transition } from './types.js';

/** The credential type of a trusted browser (never a second factor: binding.ts counts types by name). */
export const TRUSTED_BROWSER_TYPE = 'trusted_browser';

/** The engine's own method (and step kind) that offers to trust the browser at the end of a sign-in. */
export const TRUST_BROWSER = 'trust_browser';

/** What a trusted browser's credential holds besides its id (metadata: nothing secret). */
interface TrustedMetadata {
  device: string;
  trusted_at: string;
  expires_at: string;
}

/** A live trusted browser, as the account page lists it. */
export interface TrustedBrowserEntry {
  id: string;
  device: string;
  trustedAt: number;
  expiresAt: number;
}

export class TrustedBrowsers {
  private readonly tokens: DeviceTokens;

  constructor(private readonly deps: EngineDeps) {
    const { config, sealer, clock } = deps;
    this.tokens = new DeviceTokens(sealer, config.lockout.device_token_days * 86_400, clock);
  }

  /** Whether any client lets a browser be trusted (the account page lists them only then). */
  get offered(): boolean {
    return this.tokens.enabled && this.deps.config.clients.some((c) => c.trust_browser !== 'never');
  }

  /**
   * The methods a trusted browser skips once `ran` proved `userId` in `flow` (as it was before; `following`:
   * the chain after `ran`): the second factor that follows the password, and an optional passkey offer after it (a
   * passkey may not bind on the password alone). Empty where nothing is skipped.
   */
  async skipped(
    flow: FlowRecord,
    userId: string,
    ran: string | undefined,
    following: readonly string[],
  ): Promise<string[]> {
    const next = following[0];
    if (
      ran !== 'password' ||
      next === undefined ||
      next === 'webauthn' ||
      !this.browserFlow(flow) ||
      flow.binding !== undefined ||
      flow.passwordChanged ||
      this.policy(flow) === 'never'
    )
      return [];
    // The token this request presented (the password step has just issued a new one beside it).
    const device = this.tokens.deviceOf(currentDeviceRequest()?.presented, userId);
    if (device === undefined) return [];
    const credential = await this.live(userId, trustedBrowserId(userId, device));
    if (!credential) return [];
    const optionalOffer = following[1] === 'webauthn' && this.deps.config.webauthn.second_factor === 'optional';
    return optionalOffer ? [next, 'webauthn'] : [next];
  }

  /**
   * At the end of a sign-in in which a second factor (not a recovery code) was proven, in a browser that holds
   * a device token and is not trusted yet: new_browser trusts it now; user_choice answers true (offer it).
   */
  async offerAtEnd(ctx: MethodContext, chain: readonly string[]): Promise<boolean> {
    const { flow } = ctx;
    const policy = this.policy(flow);
    if (policy === 'never' || !this.browserFlow(flow) || flow.userId === undefined || chain.includes(TRUST_BROWSER))
      return false;
    if (flow.amr.includes(RECOVERY_CODE_AMR) || !provedSecondFactor(flow.amr)) return false;
    const device = this.device(flow.userId);
    if (device === undefined || (await this.live(flow.userId, trustedBrowserId(flow.userId, device)))) return false;
    if (policy === 'user_choice') return true;
    await this.trust(ctx, device, 'new_browser');
    return false;
  }

  /** The step that offers to trust this browser (user_choice). */
  offerStep(): AuthMethod {
    const complete = (ctx: MethodContext): Transition => ({ type: 'complete', userId: ctx.flow.userId!, amr: [] });
    return {
      name: TRUST_BROWSER,
      start: () => ({ type: 'step', step: TRUST_BROWSER }),
      view: (): StepView => ({
        step: { kind: 'trust_browser', days: this.deps.config.trusted_browsers.lifetime_days },
        actions: { trust: { inputs: {} }, skip: { inputs: {} } },
      }),
      act: async (ctx, action) => {
        // The token this request presents: the browser that answers is the one trusted.
        const device = action === 'trust' ? this.device(ctx.flow.userId!) : undefined;
        if (device !== undefined) await this.trust(ctx, device, 'user_choice');
        else auditFlow(ctx, { event: 'flow.trusted_browser', outcome: 'refused', reason: 'declined' });
        // Trusting proves nothing: the sign-in's amr stays what it was.
        return complete(ctx);
      },
    };
  }

  /** The user's live trusted browsers, newest first. */
  async list(userId: string): Promise<TrustedBrowserEntry[]> {
    const now = this.deps.clock();
    return (await this.deps.store.credentials.listForUser(userId, TRUSTED_BROWSER_TYPE))
      .flatMap((c) => {
        const facts = factsOf(c);
        return facts && facts.expiresAt > now ? [{ id: c.id, ...facts }] : [];
      })
      .sort((a, b) => b.trustedAt - a.trustedAt);
  }

  /** Ends the trust of one of `userId`'s browsers; false when it has no such (live or expired) one. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const credential = (await this.deps.store.credentials.listForUser(userId, TRUSTED_BROWSER_TYPE)).find(
      (c) => c.id === id,
    );
    return credential !== undefined && this.deps.store.credentials.remove(userId, id);
  }

  // -------------------------------------------------------------------------------------------------------

  private policy(flow: FlowRecord): ClientConfig['trust_browser'] {
    return this.deps.config.clients.find((c) => c.client_id === flow.clientId)?.trust_browser ?? 'never';
  }

  /** A sign-in in a browser: the password grant has none, and the account page's step-up is never skipped. */
  private browserFlow(flow: FlowRecord): boolean {
    return flow.placement === 'hosted' || flow.placement === 'embedded';
  }

  /** The device id of the token this request presents (or the one it was just given) for `userId`. */
  private device(userId: string): string | undefined {
    const request = currentDeviceRequest();
    return this.tokens.deviceOf(request?.presented, userId) ?? this.tokens.deviceOf(request?.issued?.token, userId);
  }

  private async live(userId: string, id: string): Promise<CredentialRecord | undefined> {
    const now = this.deps.clock();
    const found = (await this.deps.store.credentials.listForUser(userId, TRUSTED_BROWSER_TYPE)).find(
      (c) => c.id === id,
    );
    const facts = found && factsOf(found);
    return facts && facts.expiresAt > now ? found : undefined;
  }

  private async trust(ctx: MethodContext, device: string, reason: 'user_choice' | 'new_browser'): Promise<void> {
    const userId = ctx.flow.userId!;
    const id = trustedBrowserId(userId, device);
    const now = this.deps.clock();
    const metadata: TrustedMetadata = {
      device: describeUserAgent(ctx.flow.userAgent),
      trusted_at: new Date(now).toISOString(),
      expires_at: new Date(now + this.deps.config.trusted_browsers.lifetime_days * 86_400_000).toISOString(),
    };
    // An expired trust of this browser makes way for the new one.
    await this.deps.store.credentials.remove(userId, id);
    // Nothing secret to keep: the id says which browser, the device token stays with the browser.
    await this.deps.store.credentials.add({
      id,
      userId,
      type: TRUSTED_BROWSER_TYPE,
      sealedData: '',
      metadata: { ...metadata },
      counter: 0,
    });
    auditFlow(ctx, { event: 'flow.trusted_browser', outcome: 'success', reason: `trusted:${reason}` });
  }
}

/** A trusted browser's credential id: not the device id itself, and another user's for the same browser. */
export function trustedBrowserId(userId: string, device: string): string {
  return sha256(`${userId}:${device}`);
}

function factsOf(c: CredentialRecord): Omit<TrustedBrowserEntry, 'id'> | undefined {
  const { device, trusted_at, expires_at } = c.metadata;
  const trustedAt = typeof trusted_at === 'string' ? Date.parse(trusted_at) : Number.NaN;
  const expiresAt = typeof expires_at === 'string' ? Date.parse(expires_at) : Number.NaN;
  if (Number.isNaN(trustedAt) || Number.isNaN(expiresAt)) return undefined;
  return { device: typeof device === 'string' ? device : 'A browser', trustedAt, expiresAt };
}
