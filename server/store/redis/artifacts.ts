// oidc-provider's models (sessions, interactions, codes, tokens, grants) in Redis: one hash per artifact
// (`p` the payload as JSON, `c` when it was consumed), indexes by uid and user code, and a set per grant
// of the artifacts to revoke with it. Everything expires with the artifact. Keys hold the digest of the
// artifact's id, never the id (artifact-digest.ts); `artifact:` replaced the `oidc:` keys that held raw ids.
import type { Redis } from 'ioredis';
import { artifactDigest, restoredPayload, storablePayload } from '../artifact-digest.js';
import type { ArtifactStore } from '../types.js';

// KEYS[1] the artifact; ARGV[1] when. Only an artifact that still exists is marked: HSET on a gone key
// would create a payload-less one without expiry.
const CONSUME = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'c', ARGV[1]) end return 0`;

type Scripted = Redis & { gluuConsumeArtifact(key: string, at: string): Promise<number> };

export class RedisArtifactStore implements ArtifactStore {
  private readonly redis: Scripted;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gluuConsumeArtifact', { numberOfKeys: 1, lua: CONSUME });
    this.redis = redis as Scripted;
  }

  private key(model: string, id: string): string {
    return this.keyOfDigest(model, artifactDigest(id));
  }

  private keyOfDigest(model: string, digest: string): string {
    return `${this.prefix}artifact:${model}:${digest}`;
  }

  async upsert(model: string, id: string, payload: Record<string, unknown>, expiresAt: number | null): Promise<void> {
    const digest = artifactDigest(id);
    const key = this.keyOfDigest(model, digest);
    const ttl = expiresAt === null ? undefined : Math.max(expiresAt - Date.now(), 1);
    const tx = this.redis
      .multi()
      .del(key)
      .hset(key, 'p', JSON.stringify(storablePayload(payload)));
    const indexes: string[] = [];
    if (typeof payload.uid === 'string') indexes.push(`${this.prefix}oidc-uid:${model}:${payload.uid}`);
    if (typeof payload.userCode === 'string') indexes.push(`${this.prefix}oidc-user-code:${model}:${payload.userCode}`);
    for (const index of indexes) tx.set(index, digest);
    // An account's sessions, for its account page: a set of their keys, kept as long as its longest-lived one.
    if (model === 'Session' && typeof payload.accountId === 'string') {
      const account = `${this.prefix}oidc-account-sessions:${payload.accountId}`;
      tx.sadd(account, key);
      if (ttl !== undefined) tx.pexpire(account, ttl, 'NX').pexpire(account, ttl, 'GT');
      else tx.persist(account);
    }
    if (typeof payload.grantId === 'string') {
      const grant = `${this.prefix}oidc-grant:${payload.grantId}`;
      tx.sadd(grant, key);
      // The grant's set lives as long as its longest-lived artifact (NX: a new set has no expiry yet, and GT
      // alone treats "none" as infinite).
      if (ttl !== undefined) tx.pexpire(grant, ttl, 'NX').pexpire(grant, ttl, 'GT');
      else tx.persist(grant);
    }
    if (ttl !== undefined) for (const k of [key, ...indexes]) tx.pexpire(k, ttl);
    const failed = (await tx.exec())?.find(([err]) => err);
    if (failed) throw failed[0]!;
  }

  private async read(key: string, id?: string): Promise<Record<string, unknown> | undefined> {
    const [payload, consumed] = await this.redis.hmget(key, 'p', 'c');
    if (payload == null) return undefined;
    const record = restoredPayload(JSON.parse(payload) as Record<string, unknown>, id);
    if (consumed) record.consumed = Math.floor(Number(consumed) / 1000);
    return record;
  }

  find(model: string, id: string) {
    return this.read(this.key(model, id), id);
  }

  async findByUid(model: string, uid: string) {
    const digest = await this.redis.get(`${this.prefix}oidc-uid:${model}:${uid}`);
    return digest === null ? undefined : this.read(this.keyOfDigest(model, digest));
  }

  async findByUserCode(model: string, userCode: string) {
    const digest = await this.redis.get(`${this.prefix}oidc-user-code:${model}:${userCode}`);
    return digest === null ? undefined : this.read(this.keyOfDigest(model, digest));
  }

  async consume(model: string, id: string, at: number): Promise<void> {
    await this.redis.gluuConsumeArtifact(this.key(model, id), String(at));
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.redis.del(this.key(model, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const grant = `${this.prefix}oidc-grant:${grantId}`;
    const keys = await this.redis.smembers(grant);
    await this.redis.del(grant, ...keys);
  }

  async sessionsOf(accountId: string): Promise<Record<string, unknown>[]> {
    const set = `${this.prefix}oidc-account-sessions:${accountId}`;
    const keys = await this.redis.smembers(set);
    const found = await Promise.all(keys.map(async (key) => ({ key, payload: await this.read(key) })));
    // Sessions that expired or were destroyed leave their key behind: dropped here. A session that changed its
    // account (a new login in the same browser) is listed under its current one only.
    const gone = found.filter((f) => !f.payload || f.payload.accountId !== accountId).map((f) => f.key);
    if (gone.length) await this.redis.srem(set, ...gone);
    return found.flatMap((f) => (f.payload && f.payload.accountId === accountId ? [f.payload] : []));
  }

  async destroyByUid(model: string, uid: string): Promise<void> {
    const index = `${this.prefix}oidc-uid:${model}:${uid}`;
    const digest = await this.redis.get(index);
    if (digest !== null) await this.redis.del(this.keyOfDigest(model, digest), index);
  }

  /** Redis expires artifacts by itself. */
  async purgeExpired(): Promise<number> {
    return 0;
  }
}
