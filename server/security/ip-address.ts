// IP addresses as rate limits and proxy trust need them: one spelling per address, one bucket per
// network an attacker controls as a whole.
import net from 'node:net';

const IPV4_MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * The canonical spelling of an address, or undefined for anything that is not one. Accepts what sockets
 * and proxies write: `[v6]:port`, `v4:port`, zone ids; IPv4-mapped IPv6 (a dual-stack socket's view of an
 * IPv4 peer) becomes the IPv4 address, so one client has one spelling whichever socket it came through.
 */
export function canonicalIp(raw: string): string | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  text = text.split('%')[0]!;
  const family = net.isIP(text);
  if (family === 4) return text;
  if (family !== 6) return undefined;
  const compressed = new URL(`http://[${text}]`).hostname.slice(1, -1);
  const mapped = IPV4_MAPPED.exec(compressed);
  if (!mapped) return compressed;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** The eight 16-bit groups of a canonical IPv6 address. */
function groups(ipv6: string): number[] {
  const [head, tail] = ipv6.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * What per-IP limits count: the address itself for IPv4, its /64 for IPv6. One subscriber or host gets a
 * whole /64 (RFC 6177), so counting single IPv6 addresses would give an attacker 2^64 fresh counters.
 */
export function rateLimitBucket(ip: string): string {
  const canonical = canonicalIp(ip);
  if (!canonical?.includes(':')) return canonical ?? ip;
  return `${groups(canonical)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** A CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a single address, as configuration writes it. */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [raw, bits, extra] = text.trim().split('/');
  if (extra !== undefined || raw === undefined) return undefined;
  const family = net.isIP(raw);
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return undefined;
  return { address: raw, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** A set of CIDR blocks to test addresses against (IPv4-mapped IPv6 matches its IPv4 block). */
export function addressSet(cidrs: readonly string[]): { has(ip: string): boolean } {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const block = parseCidr(cidr);
    if (!block) throw new Error(`not a CIDR block: ${cidr}`);
    list.addSubnet(block.address, block.prefix, block.family);
  }
  return { has: (ip) => list.check(ip, net.isIP(ip) === 6 ? 'ipv6' : 'ipv4') };
}

/**
 * The network a login's password counter is kept per (IPv4 /24, IPv6 /48): wide enough that one attacker's
 * addresses mostly share one, narrow enough that the owner at home or at work is usually on another.
 */
export function networkBucket(ip: string): string {
  const canonical = canonicalIp(ip);
  if (canonical === undefined) return ip;
  if (!canonical.includes(':')) return `${canonical.split('.').slice(0, 3).join('.')}.0/24`;
  return `${groups(canonical)
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::/48`;
}
