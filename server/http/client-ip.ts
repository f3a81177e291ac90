// Who is on the other end of a request, as rate limits, audit lines and secure cookies need to know it.
// Behind reverse proxies the socket's peer is the nearest proxy; each proxy appends the address it saw to
// X-Forwarded-For, and whatever stands left of the entries our proxies appended was written by the client.
// So the list is read from the right, believing only the proxies the configuration names, and Hono's
// routes and oidc-provider (a Koa app) read one and the same answer.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type Koa from 'koa';
import type { TrustProxy } from '../config.js';
import { addressSet, canonicalIp } from '../security/ip-address.js';

export interface ClientView {
  /** The client's address: the peer's, or the one the farthest trusted proxy saw. */
  ip: string;
  /** Whether the client's own connection was https (TLS here, or at a trusted proxy that says so). */
  secure: boolean;
}

type ProxyTest = (address: string, hop: number) => boolean;
const tests = new WeakMap<object, ProxyTest>();

/** Whether `address`, `hop` proxies away from us (0: the peer), is one of the configured proxies. */
function proxyTest(trust: Exclude<TrustProxy, false>): ProxyTest {
  let test = tests.get(trust);
  if (!test) {
    const cidrs = trust.cidrs && addressSet(trust.cidrs);
    test = (address, hop) => (trust.hops === undefined || hop < trust.hops) && (!cidrs || cidrs.has(address));
    tests.set(trust, test);
  }
  return test;
}

/** The comma-separated entries of a header (repeated headers arrive joined by Node). */
function entries(header: string | string[] | undefined): string[] {
  return (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client as the nearest trusted proxies saw it. A peer that is no trusted proxy is the client, and its
 * forwarding headers are ignored. Otherwise X-Forwarded-For is walked from the right past every trusted
 * proxy; the first address that is not one is the client. An entry that is no address stops the walk at
 * the last address a trusted proxy vouched for. X-Forwarded-Proto counts only from a trusted peer, and
 * only its last value: the one the nearest proxy wrote.
 */
export function clientView(req: IncomingMessage, trust: TrustProxy): ClientView {
  const peer = canonicalIp(req.socket.remoteAddress ?? '') ?? 'unknown';
  const tls = Boolean((req.socket as Partial<TLSSocket>).encrypted);
  if (!trust || !proxyTest(trust)(peer, 0)) return { ip: peer, secure: tls };
  const isProxy = proxyTest(trust);
  const forwarded = entries(req.headers['x-forwarded-for']);
  let client = peer;
  for (let i = forwarded.length - 1, hop = 1; i >= 0; i--, hop++) {
    const address = canonicalIp(forwarded[i]!);
    if (!address) break;
    client = address;
    if (!isProxy(address, hop)) break;
  }
  const proto = entries(req.headers['x-forwarded-proto']).at(-1)?.toLowerCase();
  return { ip: client, secure: tls || proto === 'https' };
}

const views = new WeakMap<IncomingMessage, ClientView>();

/** clientView, worked out once per request whichever app asks. */
function viewOf(req: IncomingMessage, trust: TrustProxy): ClientView {
  let view = views.get(req);
  if (!view) {
    view = clientView(req, trust);
    views.set(req, view);
  }
  return view;
}

/** The caller's address for rate limits and audit lines, in Hono routes. */
export function clientIp<E extends { Bindings: HttpBindings }>(c: Context<E>, trust: TrustProxy): string {
  return viewOf(c.env.incoming, trust).ip;
}

/**
 * Makes a Koa app (oidc-provider) see the client as our routes do. Koa's own `proxy` would believe any
 * peer's X-Forwarded-Proto, X-Forwarded-Host and leftmost X-Forwarded-For, so it stays off, and the
 * request prototype's `ip` and `protocol` (behind `ctx.secure`, secure cookies and the URLs the provider
 * builds) come from clientView. oidc-provider creates extra contexts for cookies from the same prototype.
 */
export function seeClientsThroughProxies(app: Koa, trust: TrustProxy): void {
  app.proxy = false;
  Object.defineProperties(app.request, {
    ip: {
      configurable: true,
      get(this: { req: IncomingMessage }) {
        return viewOf(this.req, trust).ip;
      },
    },
    protocol: {
      configurable: true,
      get(this: { req: IncomingMessage }) {
        return viewOf(this.req, trust).secure ? 'https' : 'http';
      },
    },
  });
}
