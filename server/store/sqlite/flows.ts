import type { FlowRecord, FlowStore } from '../types.js';
import { immediateTransaction, type Db } from './database.js';

export class SqliteFlowStore implements FlowStore {
  constructor(private readonly db: Db) {}

  async create(flow: FlowRecord): Promise<void> {
    await this.db
      .insertInto('flows')
      .values({
        id: flow.id,
        version: flow.version,
        data: JSON.stringify(flow),
        ticket_hash: flow.ticketHash ?? null,
        link_hash: flow.linkHash ?? null,
        expires_at: flow.expiresAt,
      })
      .execute();
  }

  async get(id: string): Promise<FlowRecord | undefined> {
    const row = await this.db.selectFrom('flows').select(['data']).where('id', '=', id).executeTakeFirst();
    return row && (JSON.parse(row.data) as FlowRecord);
  }

  async replace(flow: FlowRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('flows')
      .set({
        version: flow.version,
        data: JSON.stringify(flow),
        ticket_hash: flow.ticketHash ?? null,
        link_hash: flow.linkHash ?? null,
        expires_at: flow.expiresAt,
      })
      .where('id', '=', flow.id)
      .where('version', '=', flow.version - 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async takeTicket(ticketHash: string): Promise<FlowRecord | undefined> {
    return immediateTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('flows')
        .select(['data'])
        .where('ticket_hash', '=', ticketHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const flow = JSON.parse(row.data) as FlowRecord;
      const taken: FlowRecord = { ...flow, version: flow.version + 1 };
      delete taken.ticketHash;
      delete taken.ticketExpiresAt;
      await trx
        .updateTable('flows')
        .set({ version: taken.version, data: JSON.stringify(taken), ticket_hash: null })
        .where('id', '=', flow.id)
        .execute();
      return flow;
    });
  }

  async findByLink(linkHash: string): Promise<FlowRecord | undefined> {
    const row = await this.db.selectFrom('flows').select(['data']).where('link_hash', '=', linkHash).executeTakeFirst();
    return row && (JSON.parse(row.data) as FlowRecord);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('flows').where('id', '=', id).execute();
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('flows').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
