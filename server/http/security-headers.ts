import type { MiddlewareHandler } from 'hono';
import { pageCsp } from './html.js';

/** HSTS for a year, subdomains included: an https issuer's host is never to be reached over http again. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The protective headers of one answer, ours (Hono) or the provider's (Koa), so both say the same: HTML
 * pages get the strict CSP (unless the page set its own), no framing, no caching, and a browsing context
 * group of their own (COOP: an opener on another origin gets no handle on the sign-in window); with an
 * https issuer every answer carries HSTS.
 */
export function protectiveHeaders(answer: { html: boolean; hasCsp: boolean; https: boolean }): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
  ];
  if (answer.https) headers.push(['Strict-Transport-Security', HSTS]);
  if (answer.html) {
    if (!answer.hasCsp) headers.push(['Content-Security-Policy', pageCsp()]);
    headers.push(
      ['X-Frame-Options', 'DENY'],
      ['Cache-Control', 'no-store'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
    );
  }
  return headers;
}

/**
 * Protective headers on every answer of the Hono app. They go into the answer's own headers: `c.header()`
 * after the route would have Hono copy the whole answer once per header (under @hono/node-server, into a
 * full Web Response sent through web streams).
 */
export function securityHeaders(options: { https: boolean } = { https: false }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    const answer = {
      html: headers.get('content-type')?.includes('text/html') ?? false,
      hasCsp: headers.has('Content-Security-Policy'),
      https: options.https,
    };
    for (const [name, value] of protectiveHeaders(answer)) headers.set(name, value);
  };
}
