import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/** The caller's address for rate limits and audit: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientIp(c: Context<{ Bindings: HttpBindings }>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env.incoming.socket.remoteAddress ?? 'unknown';
}
