// Who the client is behind proxies: the walk from the right of X-Forwarded-For, and the spellings and
// buckets rate limits count by.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientView } from '../../server/http/client-ip.js';
import { canonicalIp, networkBucket, rateLimitBucket } from '../../server/security/ip-address.js';
import { parseConfig } from '../../server/config.js';

/** A request as Node hands it over: the socket's peer and the headers (repeated ones joined). */
const request = (peer: string, headers: Record<string, string> = {}, encrypted = false) =>
  ({ socket: { remoteAddress: peer, encrypted }, headers }) as unknown as IncomingMessage;
const trust = (value: unknown) => parseConfig({ trust_proxy: value }).trust_proxy;

describe('clientView', () => {
  it('believes no header without trusted proxies: the peer is the client, http unless TLS', () => {
    const spoofed = { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' };
    expect(clientView(request('203.0.113.5', spoofed), false)).toEqual({ ip: '203.0.113.5', secure: false });
    expect(clientView(request('203.0.113.5', spoofed, true), false)).toEqual({ ip: '203.0.113.5', secure: true });
  });

  it('ignores the headers of a peer outside the proxies', () => {
    const spoofed = { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' };
    expect(clientView(request('203.0.113.5', spoofed), trust({ cidrs: ['10.0.0.0/8'] }))).toEqual({
      ip: '203.0.113.5',
      secure: false,
    });
  });

  it('takes the address the trusted proxy saw, not the leftmost entry the client wrote', () => {
    const headers = { 'x-forwarded-for': '198.51.100.9, 203.0.113.5', 'x-forwarded-proto': 'https' };
    expect(clientView(request('10.1.2.3', headers), trust({ cidrs: ['10.0.0.0/8'] }))).toEqual({
      ip: '203.0.113.5',
      secure: true,
    });
    expect(clientView(request('10.1.2.3', headers), trust({ hops: 1 }))).toEqual({ ip: '203.0.113.5', secure: true });
  });

  it('walks past every trusted proxy of a chain, and counts hops', () => {
    const chain = { 'x-forwarded-for': '198.51.100.9, 203.0.113.5, 10.9.9.9, 10.8.8.8' };
    expect(clientView(request('10.1.2.3', chain), trust({ cidrs: ['10.0.0.0/8'] })).ip).toBe('203.0.113.5');
    expect(clientView(request('10.1.2.3', chain), trust({ hops: 3 })).ip).toBe('203.0.113.5');
    expect(clientView(request('10.1.2.3', chain), trust({ hops: 2 })).ip).toBe('10.9.9.9');
    // Both: a proxy must be in the blocks and among the nearest `hops`.
    expect(clientView(request('10.1.2.3', chain), trust({ cidrs: ['10.0.0.0/8'], hops: 2 })).ip).toBe('10.9.9.9');
    expect(clientView(request('10.1.2.3', chain), trust({ cidrs: ['10.1.0.0/16', '10.8.0.0/16'], hops: 5 })).ip).toBe(
      '10.9.9.9',
    );
  });

  it('falls back on the last address a trusted proxy vouched for: no header, or garbage in it', () => {
    expect(clientView(request('10.1.2.3'), trust({ hops: 1 })).ip).toBe('10.1.2.3');
    expect(
      clientView(request('10.1.2.3', { 'x-forwarded-for': 'evil<script>, 10.7.7.7' }), trust({ cidrs: ['10.0.0.0/8'] }))
        .ip,
    ).toBe('10.7.7.7');
    expect(clientView(request('10.1.2.3', { 'x-forwarded-for': 'unknown' }), trust({ hops: 1 })).ip).toBe('10.1.2.3');
  });

  it('reads the protocol the nearest proxy wrote (the last value), and IPv4-mapped peers as IPv4', () => {
    expect(
      clientView(request('::ffff:127.0.0.1', { 'x-forwarded-proto': 'https, http' }), trust({ cidrs: ['127.0.0.1'] }))
        .secure,
    ).toBe(false);
    expect(
      clientView(
        request('::ffff:127.0.0.1', { 'x-forwarded-for': '[2001:db8::5]:4431', 'x-forwarded-proto': 'http, HTTPS' }),
        trust({ cidrs: ['127.0.0.1'] }),
      ),
    ).toEqual({
      ip: '2001:db8::5',
      secure: true,
    });
  });
});

describe('addresses', () => {
  it('spells each address one way', () => {
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('2001:0DB8:0000::0001')).toBe('2001:db8::1');
    expect(canonicalIp('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(canonicalIp('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('not an address')).toBeUndefined();
  });

  it('counts IPv6 by /64 and IPv4 by address', () => {
    expect(rateLimitBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateLimitBucket('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitBucket('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('networkBucket', () => {
  it("puts a login's per-network password counter on an IPv4 /24 or an IPv6 /48", () => {
    expect(networkBucket('192.0.2.1')).toBe('192.0.2.0/24');
    expect(networkBucket('192.0.2.254')).toBe('192.0.2.0/24');
    expect(networkBucket('192.0.3.1')).toBe('192.0.3.0/24');
    expect(networkBucket('::ffff:192.0.2.9')).toBe('192.0.2.0/24');
    expect(networkBucket('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
    expect(networkBucket('2001:db8:1:ffff::1')).toBe('2001:db8:1::/48');
    expect(networkBucket('2001:db8:2::1')).toBe('2001:db8:2::/48');
  });
});
