import { sql } from 'kysely';
import type { ArtifactStore } from '../types.js';
import type { ArtifactsTable } from './schema.js';
import type { Db } from './database.js';
import { artifactDigest, restoredPayload, storablePayload } from '../artifact-digest.js';

// Rows are keyed by the digest of the artifact's id (see artifact-digest.ts).
function payloadOf(
  row: Pick<ArtifactsTable, 'payload' | 'consumed_at' | 'expires_at'> | undefined,
  id?: string,
  now = Date.now(),
): Record<string, unknown> | undefined {
  if (!row) return undefined;
  // Expired rows may linger until the purge: they must already be invisible.
  if (row.expires_at !== null && row.expires_at <= now) return undefined;
  const payload = restoredPayload(JSON.parse(row.payload) as Record<string, unknown>, id);
  if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000);
  return payload;
}

const columns = ['payload', 'consumed_at', 'expires_at'] as const;

export class SqliteArtifactStore implements ArtifactStore {
  constructor(private readonly db: Db) {}

  async upsert(model: string, id: string, payload: Record<string, unknown>, expiresAt: number | null): Promise<void> {
    const values = {
      payload: JSON.stringify(storablePayload(payload)),
      grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
      user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
      uid: typeof payload.uid === 'string' ? payload.uid : null,
      expires_at: expiresAt,
    };
    await this.db
      .insertInto('oidc_artifacts')
      .values({ model, id: artifactDigest(id), consumed_at: null, ...values })
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
      .execute();
  }

  async find(model: string, id: string) {
    return payloadOf(
      await this.db
        .selectFrom('oidc_artifacts')
        .select(columns)
        .where('model', '=', model)
        .where('id', '=', artifactDigest(id))
        .executeTakeFirst(),
      id,
    );
  }

  async findByUid(model: string, uid: string) {
    return payloadOf(
      await this.db
        .selectFrom('oidc_artifacts')
        .select(columns)
        .where('model', '=', model)
        .where('uid', '=', uid)
        .executeTakeFirst(),
    );
  }

  async findByUserCode(model: string, userCode: string) {
    return payloadOf(
      await this.db
        .selectFrom('oidc_artifacts')
        .select(columns)
        .where('model', '=', model)
        .where('user_code', '=', userCode)
        .executeTakeFirst(),
    );
  }

  async consume(model: string, id: string, at: number): Promise<void> {
    await this.db
      .updateTable('oidc_artifacts')
      .set({ consumed_at: at })
      .where('model', '=', model)
      .where('id', '=', artifactDigest(id))
      .execute();
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.db
      .deleteFrom('oidc_artifacts')
      .where('model', '=', model)
      .where('id', '=', artifactDigest(id))
      .execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('oidc_artifacts').where('grant_id', '=', grantId).execute();
  }

  async sessionsOf(accountId: string): Promise<Record<string, unknown>[]> {
    const now = Date.now();
    const rows = await this.db
      .selectFrom('oidc_artifacts')
      .select(columns)
      .where('model', '=', 'Session')
      .where(sql<string>`json_extract(payload, '$.accountId')`, '=', accountId)
      .execute();
    return rows.map((row) => payloadOf(row, undefined, now)).filter((p) => p !== undefined);
  }

  async destroyByUid(model: string, uid: string): Promise<void> {
    await this.db.deleteFrom('oidc_artifacts').where('model', '=', model).where('uid', '=', uid).execute();
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('oidc_artifacts').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
