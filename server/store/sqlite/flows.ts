import type { FlowRecord, FlowStore } from '../types.js';
import type { Db } from './database.js';
import { compiledOnce } from './compiled-once.js';

const insertFlow = compiledOnce(
  (db, id: string, version: number, data: string, ticket: string | null, link: string | null, expiresAt: number) =>
    db.insertInto('flows').values({ id, version, data, ticket_hash: ticket, link_hash: link, expires_at: expiresAt }),
);
const flowById = compiledOnce((db, id: string) => db.selectFrom('flows').select(['data']).where('id', '=', id));
const flowByLink = compiledOnce((db, link: string) =>
  db.selectFrom('flows').select(['data']).where('link_hash', '=', link),
);
// Most saves change only the record: naming just data and version in SET spares SQLite rewriting the three
// indexes (measured: a quarter of the cost). It matches only while the indexed columns hold what the flow has.
const updateRecord = compiledOnce(
  (db, id: string, read: number, version: number, data: string, link: string | null, expiresAt: number) =>
    db
      .updateTable('flows')
      .set({ version, data })
      .where('id', '=', id)
      .where('version', '=', read)
      .where('ticket_hash', 'is', null)
      .where('link_hash', 'is', link)
      .where('expires_at', '=', expiresAt),
);
const updateFlow = compiledOnce(
  (
    db,
    id: string,
    read: number,
    version: number,
    data: string,
    ticket: string | null,
    link: string | null,
    expiresAt: number,
  ) =>
    db
      .updateTable('flows')
      .set({ version, data, ticket_hash: ticket, link_hash: link, expires_at: expiresAt })
      .where('id', '=', id)
      .where('version', '=', read),
);
// One statement takes the row: of two requests with one ticket, exactly one gets it back.
const takeByTicket = compiledOnce((db, ticket: string) =>
  db.deleteFrom('flows').where('ticket_hash', '=', ticket).returning(['data']),
);
const deleteFlow = compiledOnce((db, id: string) => db.deleteFrom('flows').where('id', '=', id));

const changed = (result: { numAffectedRows?: bigint }) => result.numAffectedRows === 1n;

export class SqliteFlowStore implements FlowStore {
  constructor(private readonly db: Db) {}

  async create(flow: FlowRecord): Promise<void> {
    const { id, version, ticketHash, linkHash, expiresAt } = flow;
    await insertFlow(this.db, id, version, JSON.stringify(flow), ticketHash ?? null, linkHash ?? null, expiresAt);
  }

  async get(id: string): Promise<FlowRecord | undefined> {
    const [row] = (await flowById(this.db, id)).rows;
    return row && (JSON.parse(row.data) as FlowRecord);
  }

  async replace(flow: FlowRecord): Promise<boolean> {
    const { id, version, ticketHash, linkHash, expiresAt } = flow;
    const data = JSON.stringify(flow);
    const read = version - 1; // saved only over the version it was read at
    const link = linkHash ?? null;
    // A flow that holds a ticket has just been given it: that save changes an index, so it goes to the full one.
    if (ticketHash === undefined && changed(await updateRecord(this.db, id, read, version, data, link, expiresAt)))
      return true;
    return changed(await updateFlow(this.db, id, read, version, data, ticketHash ?? null, link, expiresAt));
  }

  async takeTicket(ticketHash: string): Promise<FlowRecord | undefined> {
    const [row] = (await takeByTicket(this.db, ticketHash)).rows;
    return row && (JSON.parse(row.data) as FlowRecord);
  }

  async findByLink(linkHash: string): Promise<FlowRecord | undefined> {
    const [row] = (await flowByLink(this.db, linkHash)).rows;
    return row && (JSON.parse(row.data) as FlowRecord);
  }

  async delete(id: string): Promise<void> {
    await deleteFlow(this.db, id);
  }

  async purgeExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('flows').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
