// Flows in Redis: one string key per flow, "<version>|<ticket hash>|<link hash>|<record as JSON>" (a
// string, not a hash: Redis keeps a hash with a long field as a full hash table, ~470 B more per flow),
// and index keys from a ticket or link hash to the flow id. Scripts compare-and-set on the version and keep
// a flow and its indexes consistent; every key expires an hour after the flow does.
import type { Redis } from 'ioredis';
import type { FlowRecord, FlowStore } from '../types.js';
import { ttlUntil } from './client.js';

/** A finished or expired flow is kept this long, so the user hears "expired" rather than "unknown". */
const GRACE_MS = 3600_000;

// KEYS[1] the flow; ARGV: expected version ('' = must not exist), stored value, ttl ms, prefix, ticket, link.
const SAVE = `
local cur = redis.call('GET', KEYS[1])
local v, t, l = '', '', ''
if cur then v, t, l = string.match(cur, '^(%d+)|([^|]*)|([^|]*)|') end
if ARGV[1] == '' then
  if cur then return 0 end
elseif v ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
local id = string.sub(KEYS[1], string.len(ARGV[4]) + 6)
local function index(kind, before, now)
  if before ~= '' and before ~= now then redis.call('DEL', ARGV[4] .. kind .. before) end
  if now ~= '' then redis.call('SET', ARGV[4] .. kind .. now, id, 'PX', ARGV[3]) end
end
index('flow-ticket:', t, ARGV[5])
index('flow-link:', l, ARGV[6])
return 1`;

// KEYS[1] the flow; ARGV: prefix.
const DELETE = `
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local v, t, l = string.match(cur, '^(%d+)|([^|]*)|([^|]*)|')
if t ~= '' then redis.call('DEL', ARGV[1] .. 'flow-ticket:' .. t) end
if l ~= '' then redis.call('DEL', ARGV[1] .. 'flow-link:' .. l) end
return redis.call('DEL', KEYS[1])`;

type Scripted = Redis & {
  gluuSaveFlow(
    key: string,
    expected: string,
    value: string,
    ttl: number,
    prefix: string,
    ticket: string,
    link: string,
  ): Promise<number>;
  gluuDeleteFlow(key: string, prefix: string): Promise<number>;
};

export class RedisFlowStore implements FlowStore {
  private readonly redis: Scripted;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gluuSaveFlow', { numberOfKeys: 1, lua: SAVE });
    redis.defineCommand('gluuDeleteFlow', { numberOfKeys: 1, lua: DELETE });
    this.redis = redis as Scripted;
  }

  private key(id: string): string {
    return `${this.prefix}flow:${id}`;
  }

  private save(flow: FlowRecord, expected: string): Promise<number> {
    const ticket = flow.ticketHash ?? '';
    const link = flow.linkHash ?? '';
    const value = `${flow.version}|${ticket}|${link}|${JSON.stringify(flow)}`;
    return this.redis.gluuSaveFlow(
      this.key(flow.id),
      expected,
      value,
      ttlUntil(flow.expiresAt, GRACE_MS),
      this.prefix,
      ticket,
      link,
    );
  }

  async create(flow: FlowRecord): Promise<void> {
    if ((await this.save(flow, '')) !== 1) throw new Error(`flow ${flow.id} already exists`);
  }

  async get(id: string): Promise<FlowRecord | undefined> {
    const value = await this.redis.get(this.key(id));
    if (value === null) return undefined;
    // The record follows the third "|" (hashes are base64url or hex: never "|").
    let at = -1;
    for (let i = 0; i < 3; i++) at = value.indexOf('|', at + 1);
    return JSON.parse(value.slice(at + 1)) as FlowRecord;
  }

  async replace(flow: FlowRecord): Promise<boolean> {
    return (await this.save(flow, String(flow.version - 1))) === 1;
  }

  async takeTicket(ticketHash: string): Promise<FlowRecord | undefined> {
    // Compare-and-set on the version: of two requests taking one ticket, exactly one moves the version on.
    for (;;) {
      const id = await this.redis.get(`${this.prefix}flow-ticket:${ticketHash}`);
      const flow = id === null ? undefined : await this.get(id);
      if (!flow || flow.ticketHash !== ticketHash) return undefined;
      const taken: FlowRecord = { ...flow, version: flow.version + 1 };
      delete taken.ticketHash;
      delete taken.ticketExpiresAt;
      if (!(await this.replace(taken))) continue;
      await this.delete(flow.id);
      return flow;
    }
  }

  async findByLink(linkHash: string): Promise<FlowRecord | undefined> {
    const id = await this.redis.get(`${this.prefix}flow-link:${linkHash}`);
    const flow = id === null ? undefined : await this.get(id);
    return flow?.linkHash === linkHash ? flow : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.redis.gluuDeleteFlow(this.key(id), this.prefix);
  }

  /** Redis expires flows by itself. */
  async purgeExpired(): Promise<number> {
    return 0;
  }
}
