// An account's signed-in browsers and apps: the provider's sessions, with what the browser that signed in
// looked like (its User-Agent, reduced to "Chrome on Windows", and its network, never the full address),
// recorded the first time the session authorized an application. Ending one destroys the session and revokes
// every grant made through it (the applications' tokens stop working; their own sessions end when they next
// ask the provider).
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AccountSession } from '../../wire/account-api.js';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { coarseNetwork } from '../http/network-summary.js';
import type { Store } from '../store/types.js';
import { describeUserAgent } from '../user-agents.js';
import { z } from 'zod';

/** oidc-provider's Client sends the logout token itself; its published types leave the method out. */
type LogoutCapable = { backchannelLogout(sub: string, sid: string): Promise<void> };

/** The artifact model the sign-in facts are kept under, keyed by the session's uid. */
const FACTS = 'SignInFacts';

type StoredSession = z.infer<typeof session>;

const facts = z.looseObject({ device: z.string(), network: z.string(), at: z.number() });
const session = z.looseObject({
  uid: z.string(),
  accountId: z.string(),
  loginTs: z.number().optional(),
  exp: z.number().optional(),
  authorizations: z
    .record(z.string(), z.looseObject({ grantId: z.string().optional(), sid: z.string().optional() }))
    .optional(),
});

/**
 * Keeps what the browser that signed in looked like, once per session (oidc-provider's authorization.success:
 * the session and the request are both at hand there).
 */
export async function recordSignIn(store: Store, ctx: KoaContextWithOIDC): Promise<void> {
  const current = ctx.oidc.session;
  // Only where a sign-in just finished (an interaction's result): an authorization answered from the session
  // alone adds nothing to know, and costs no store access.
  if (!ctx.oidc.result?.login || !current?.uid || !current.accountId) return;
  const expiresAt = typeof current.exp === 'number' ? current.exp * 1000 : null;
  await store.artifacts.upsert(
    FACTS,
    current.uid,
    {
      device: describeUserAgent(ctx.get('user-agent') || undefined),
      network: coarseNetwork(ctx.ip) ?? 'an unknown network',
      at: Date.now(),
    },
    expiresAt,
  );
}

export class AccountSessions {
  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly provider: Provider,
    private readonly logger: Logger,
  ) {}

  /** The account's live sessions, newest first; `currentUid` is marked. */
  async list(accountId: string, currentUid: string | undefined): Promise<AccountSession[]> {
    const found = await this.sessions(accountId);
    const names = new Map(this.config.clients.map((c) => [c.client_id, c.client_name ?? c.client_id]));
    const listed = await Promise.all(
      found.map(async (s) => {
        const known = facts.safeParse(await this.store.artifacts.find(FACTS, s.uid)).data;
        const signedIn = s.loginTs !== undefined ? s.loginTs : Math.floor((known?.at ?? 0) / 1000);
        return {
          id: s.uid,
          device: known?.device ?? 'an unknown browser',
          network: known?.network ?? 'an unknown network',
          signed_in_at: signedIn,
          apps: Object.keys(s.authorizations ?? {}).map((id) => names.get(id) ?? id),
          current: s.uid === currentUid,
        } satisfies AccountSession;
      }),
    );
    return listed.sort((a, b) => b.signed_in_at - a.signed_in_at);
  }

  /** The account's live sessions, as stored. */
  private async sessions(accountId: string): Promise<StoredSession[]> {
    return (await this.store.artifacts.sessionsOf(accountId)).flatMap((p) => session.safeParse(p).data ?? []);
  }

  /** Ends one of the account's sessions; false when it has none with this id. */
  async end(accountId: string, uid: string): Promise<boolean> {
    const found = (await this.sessions(accountId)).find((s) => s.uid === uid);
    if (!found) return false;
    await this.endSession(accountId, found);
    return true;
  }

  /** Ends every session of the account but `keepUid`; how many ended. */
  async endAllBut(accountId: string, keepUid: string | undefined): Promise<number> {
    const others = (await this.sessions(accountId)).filter((s) => s.uid !== keepUid);
    for (const s of others) await this.endSession(accountId, s);
    return others.length;
  }

  private async endSession(accountId: string, found: StoredSession): Promise<void> {
    const { uid } = found;
    for (const authorization of Object.values(found.authorizations ?? {})) {
      if (!authorization.grantId) continue;
      // The grant's tokens and codes (stored with its id), then the grant itself.
      await this.store.artifacts.revokeByGrantId(authorization.grantId);
      await this.store.artifacts.destroy('Grant', authorization.grantId);
    }
    await this.store.artifacts.destroyByUid('Session', uid);
    await this.store.artifacts.destroy(FACTS, uid);
    await this.tellApplications(accountId, found.authorizations ?? {});
  }

  /**
   * Back-channel logout: each application this session signed in to that asks for it (backchannel_logout_uri)
   * gets a logout token naming the session (sid), so it can end its own. One that does not answer is logged;
   * the session is over either way.
   */
  private async tellApplications(accountId: string, authorizations: Record<string, { sid?: string | undefined }>) {
    await Promise.all(
      Object.entries(authorizations).map(async ([clientId, { sid }]) => {
        const client = await this.provider.Client.find(clientId);
        if (!client?.backchannelLogoutUri || !sid) return;
        try {
          await (client as unknown as LogoutCapable).backchannelLogout(accountId, sid);
        } catch (err) {
          this.logger.warn({ err, client_id: clientId }, 'back-channel logout failed');
        }
      }),
    );
  }
}
