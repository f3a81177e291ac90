// What a pending flow costs in Redis: flows started and taken through username and password to the TOTP
// code step, then every key under the deployment's prefix weighed with MEMORY USAGE.
import type { Redis } from 'ioredis';
import { Balancer, startFlow, submit } from './load-user.js';
import { CLIENT_ID, RP_CALLBACK, type Account, type Cluster } from './load-cluster.js';

export interface KeyKind {
  kind: string;
  keys: number;
  bytes: number;
  encodings: string[];
}

export interface PendingFlows {
  flows: number;
  /** Flow hashes plus their ticket/link index keys, per flow. */
  bytesPerFlow: number;
  /** Every key under the prefix (counters, provider artifacts too), per flow. */
  allBytesPerFlow: number;
  /** The `d` field (the record as JSON), bytes. */
  jsonBytes: { avg: number; min: number; max: number };
  kinds: KeyKind[];
  sampleRecord: Record<string, unknown>;
  /** Fields of one record by the bytes they take in its JSON, largest first. */
  fieldBytes: [string, number][];
}

async function toOtpStep(cluster: Cluster, balancer: Balancer, account: Account): Promise<void> {
  // Not login()'s request: nothing redeems these flows, so a fixed PKCE challenge will do, and the short
  // state and nonce are what the README's bytes-per-flow figures were measured with (the record keeps both).
  const request = new URL('/auth', cluster.issuer);
  request.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: RP_CALLBACK,
    scope: 'openid profile',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    acr_values: 'otp',
    state: `s${Math.random().toString(36).slice(2)}`,
    nonce: `n${Math.random().toString(36).slice(2)}`,
  }).toString();
  const { flow } = await startFlow(balancer, request);
  await submit(balancer, 'username', flow, { username: account.username }, 'password');
  await submit(balancer, 'password', flow, { password: account.password }, 'otp');
}

export async function measurePendingFlows(
  cluster: Cluster,
  redis: Redis,
  prefix: string,
  accounts: Account[],
  concurrency: number,
): Promise<PendingFlows> {
  const origins = cluster.instances.map((i) => i.origin);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, user) => {
      for (let i = next++; i < accounts.length; i = next++)
        await toOtpStep(cluster, new Balancer(cluster.issuer, origins, user + i), accounts[i]!);
    }),
  );

  const keys: string[] = [];
  let cursor = '0';
  do {
    const [after, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...found);
    cursor = after;
  } while (cursor !== '0');

  const kinds = new Map<string, KeyKind>();
  const json: number[] = [];
  let sampleRecord: Record<string, unknown> = {};
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    // flow:<id>, flow-ticket:<hash>, counter:<name>:..., artifact:<Model>:<digest>: the kind is what precedes the id.
    const kind = rest.startsWith('artifact:')
      ? rest.split(':').slice(0, 2).join(':')
      : rest.startsWith('counter:')
        ? rest.split(':').slice(0, 2).join(':')
        : rest.split(':')[0]!;
    // SAMPLES 0: every field of a hash counted, not an estimate.
    const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    const encoding = String(await redis.call('OBJECT', 'ENCODING', key));
    const entry = kinds.get(kind) ?? { kind, keys: 0, bytes: 0, encodings: [] };
    entry.keys++;
    entry.bytes += bytes;
    if (!entry.encodings.includes(encoding)) entry.encodings.push(encoding);
    kinds.set(kind, entry);
    if (kind === 'flow') {
      // "<version>|<ticket hash>|<link hash>|<record as JSON>" (server/store/redis/flows.ts)
      const value = await redis.get(key);
      const data = value === null ? null : value.split('|').slice(3).join('|');
      if (data !== null) {
        json.push(Buffer.byteLength(data));
        if (!Object.keys(sampleRecord).length) sampleRecord = JSON.parse(data) as Record<string, unknown>;
      }
    }
  }
  const fieldBytes = Object.entries(sampleRecord)
    .map(([name, value]): [string, number] => [name, Buffer.byteLength(JSON.stringify({ [name]: value })) - 2])
    .sort((a, b) => b[1] - a[1]);
  const flows = kinds.get('flow')?.keys ?? 0;
  const flowBytes = ['flow', 'flow-ticket', 'flow-link'].reduce((sum, k) => sum + (kinds.get(k)?.bytes ?? 0), 0);
  const allBytes = [...kinds.values()].reduce((sum, k) => sum + k.bytes, 0);
  return {
    flows,
    bytesPerFlow: flowBytes / flows,
    allBytesPerFlow: allBytes / flows,
    jsonBytes: { avg: json.reduce((a, b) => a + b, 0) / json.length, min: Math.min(...json), max: Math.max(...json) },
    kinds: [...kinds.values()].sort((a, b) => b.bytes - a.bytes),
    sampleRecord,
    fieldBytes,
  };
}
