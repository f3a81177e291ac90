// The network a sign-in came from, coarsened for a page that another device shows: enough for its owner
// to notice "that is not my network", not a full address handed to whoever holds the link.
import { isIPv4, isIPv6 } from 'node:net';

/** 203.0.113.x for an IPv4 address (its /24); 2001:db8:85a3:… for IPv6 (its /48); undefined otherwise. */
export function coarseNetwork(ip: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.x`;
  if (!isIPv6(ip)) return undefined;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const groups = head ? head.split(':') : [];
  // "::" stands for the zero groups between head and tail; only the first three groups are shown.
  if (ip.includes('::')) {
    const tailGroups = tail ? tail.split(':') : [];
    while (groups.length + tailGroups.length < 8) groups.push('0');
    groups.push(...tailGroups);
  }
  return `${groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}:…`;
}
