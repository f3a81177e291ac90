import type { MiddlewareHandler } from 'hono';
import { pageCsp } from './html.js';

/** Protective headers on every answer of the Hono app; HTML pages also get the strict CSP and no framing. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (c.res.headers.get('content-type')?.includes('text/html')) {
      if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', pageCsp());
      c.header('X-Frame-Options', 'DENY');
      c.header('Cache-Control', 'no-store');
    }
  };
}
