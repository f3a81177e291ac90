// The Redis connection: fails fast while Redis is away (no offline queue, a per-command timeout), so a
// request gets a clear "unavailable" instead of hanging, and reconnects by itself when Redis is back.
import { Redis } from 'ioredis';

export interface RedisOptions {
  url: string;
  key_prefix: string;
  timeout_ms: number;
}

export async function openRedis(options: RedisOptions, onError: (err: Error) => void): Promise<Redis> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.timeout_ms,
    connectTimeout: options.timeout_ms,
    // Keep trying to reconnect, never more than a second apart: the app recovers without a restart.
    retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
  });
  redis.on('error', onError);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis at ${redactUrl(options.url)} is unreachable: ${(err as Error).message}`, { cause: err });
  }
  return redis;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Milliseconds a record stays in Redis: until `expiresAt` (by the wall clock) plus `grace`. Callers judge
 * expiry with their own clock and say "expired" rather than "unknown" for a while, so records outlive it.
 */
export function ttlUntil(expiresAt: number, grace: number): number {
  return Math.max(expiresAt - Date.now(), 0) + grace;
}
