import type { FlowRecord, FlowStore } from '../types.js';
import type { Db } from './database.js';

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
    // Most saves change only the record: naming just data and version in SET spares SQLite rewriting the
    // three indexes (measured: a quarter of the cost). When an indexed column did change, nothing matches
    // and the full update below runs; a flow that holds a ticket has just been given it, so it goes there first.
    if (flow.ticketHash === undefined && (await this.replaceRecord(flow))) return true;
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

  /** Saves the record alone, when its indexed columns hold what `flow` has. */
  private async replaceRecord(flow: FlowRecord): Promise<boolean> {
    const unindexed = await this.db
      .updateTable('flows')
      .set({ version: flow.version, data: JSON.stringify(flow) })
      .where('id', '=', flow.id)
      .where('version', '=', flow.version - 1)
      .where('ticket_hash', 'is', flow.ticketHash ?? null)
      .where('link_hash', 'is', flow.linkHash ?? null)
      .where('expires_at', '=', flow.expiresAt)
      .executeTakeFirst();
    return Number(unindexed.numUpdatedRows) === 1;
  }

  async takeTicket(ticketHash: string): Promise<FlowRecord | undefined> {
    // One statement takes the row: of two requests with one ticket, exactly one gets it back.
    const row = await this.db
      .deleteFrom('flows')
      .where('ticket_hash', '=', ticketHash)
      .returning(['data'])
      .executeTakeFirst();
    return row && (JSON.parse(row.data) as FlowRecord);
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
