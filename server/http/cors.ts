// CORS for the JSON APIs the widgets call from other origins. Hono's cors middleware writes its headers into
// `c.res` before the route runs, which makes Hono build a Response early and copy it into the route's (under
// @hono/node-server: a full Web Response whose body then goes out through web streams). Headers set with
// `c.header()` before the route are folded into the route's own response instead, at no extra cost.
import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** The origin to allow (echoed back), or null to grant nothing. */
  origin: (origin: string) => string | null;
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/** Answers preflights (204) and marks other answers for the allowed origins; never allows credentials. */
export function cors(options: CorsOptions): MiddlewareHandler {
  const methods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders.join(',');
  const exposeHeaders = options.exposeHeaders.join(',');
  return async (c, next) => {
    const allowed = options.origin(c.req.header('origin') ?? '');
    if (allowed) c.header('Access-Control-Allow-Origin', allowed);
    if (exposeHeaders) c.header('Access-Control-Expose-Headers', exposeHeaders);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', String(options.maxAgeSeconds));
      c.header('Access-Control-Allow-Methods', methods);
      c.header('Access-Control-Allow-Headers', allowHeaders);
      c.header('Vary', 'Access-Control-Request-Headers', { append: true });
      return c.body(null, 204);
    }
    await next();
  };
}
