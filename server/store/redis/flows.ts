// Flows in Redis: one hash per flow (`d` the record as JSON, `v` its version for compare-and-set, `t`/`l`
// its ticket and link hashes), and index keys from a ticket or link hash to the flow id. Scripts keep a
// flow and its indexes consistent; every key expires an hour after the flow does.
import type { Redis } from 'ioredis';
import type { FlowRecord, FlowStore } from '../types.js';
import { ttlUntil } from './client.js';

/** A finished or expired flow is kept this long, so the user hears "expired" rather than "unknown". */
const GRACE_MS = 3600_000;

// KEYS[1] the flow; ARGV: expected version ('' = must not exist), record, version, ttl ms, prefix, ticket, link.
const SAVE = `
local cur = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then
  return 0
end
local old = redis.call('HMGET', KEYS[1], 't', 'l')
redis.call('HSET', KEYS[1], 'd', ARGV[2], 'v', ARGV[3], 't', ARGV[6], 'l', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local id = string.sub(KEYS[1], string.len(ARGV[5]) + 6)
local function index(kind, before, now)
  if before and before ~= '' and before ~= now then redis.call('DEL', ARGV[5] .. kind .. before) end
  if now ~= '' then redis.call('SET', ARGV[5] .. kind .. now, id, 'PX', ARGV[4]) end
end
index('flow-ticket:', old[1], ARGV[6])
index('flow-link:', old[2], ARGV[7])
return 1`;

// KEYS[1] the flow; ARGV: prefix.
const DELETE = `
local old = redis.call('HMGET', KEYS[1], 't', 'l')
if old[1] and old[1] ~= '' then redis.call('DEL', ARGV[1] .. 'flow-ticket:' .. old[1]) end
if old[2] and old[2] ~= '' then redis.call('DEL', ARGV[1] .. 'flow-link:' .. old[2]) end
return redis.call('DEL', KEYS[1])`;

type Scripted = Redis & {
  gluuSaveFlow(key: string, expected: string, data: string, version: string, ttl: number, prefix: string, ticket: string, link: string): Promise<number>;
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
    return this.redis.gluuSaveFlow(this.key(flow.id), expected, JSON.stringify(flow), String(flow.version), ttlUntil(flow.expiresAt, GRACE_MS), this.prefix, flow.ticketHash ?? '', flow.linkHash ?? '');
  }

  async create(flow: FlowRecord): Promise<void> {
    if ((await this.save(flow, '')) !== 1) throw new Error(`flow ${flow.id} already exists`);
  }

  async get(id: string): Promise<FlowRecord | undefined> {
    const data = await this.redis.hget(this.key(id), 'd');
    return data === null ? undefined : (JSON.parse(data) as FlowRecord);
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
      if (await this.replace(taken)) return flow;
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
