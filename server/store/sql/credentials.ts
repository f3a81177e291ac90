import type { CredentialRecord, CredentialStore } from '../types.js';
import type { AccountDb, CredentialsTable } from './schema.js';

function toRecord(row: CredentialsTable): CredentialRecord {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type,
    sealedData: row.sealed_data,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    counter: row.counter,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export class SqlCredentialStore implements CredentialStore {
  constructor(private readonly db: AccountDb) {}

  async add(credential: Omit<CredentialRecord, 'createdAt' | 'lastUsedAt'>): Promise<CredentialRecord> {
    const row: CredentialsTable = {
      id: credential.id,
      user_id: credential.userId,
      type: credential.type,
      sealed_data: credential.sealedData,
      metadata: JSON.stringify(credential.metadata),
      counter: credential.counter,
      created_at: Date.now(),
      last_used_at: null,
    };
    await this.db.insertInto('credentials').values(row).execute();
    return toRecord(row);
  }

  async advanceCounter(id: string, from: number, to: number, usedAt: number): Promise<boolean> {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: to, last_used_at: usedAt })
      .where('id', '=', id)
      .where('counter', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listForUser(userId: string, type?: string): Promise<CredentialRecord[]> {
    let query = this.db.selectFrom('credentials').selectAll().where('user_id', '=', userId);
    if (type !== undefined) query = query.where('type', '=', type);
    const rows = await query.orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<CredentialRecord | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async rename(userId: string, id: string, name: string): Promise<boolean> {
    // Read and written in one transaction, so a concurrent counter move is not undone by the metadata write.
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('credentials')
        .select('metadata')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return false;
      const metadata = { ...(JSON.parse(row.metadata) as Record<string, unknown>), name };
      await trx
        .updateTable('credentials')
        .set({ metadata: JSON.stringify(metadata) })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .execute();
      return true;
    });
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('credentials')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async removeAllOfType(userId: string, type: string): Promise<number> {
    const result = await this.db
      .deleteFrom('credentials')
      .where('user_id', '=', userId)
      .where('type', '=', type)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
