// Retry-After (RFC 9110 section 10.2.3), as Twilio and tru.ID send it when they throttle us: either
// seconds or an HTTP date.

/** Milliseconds to wait from `now`; undefined when the header is absent or unreadable. */
export function retryAfterMs(value: unknown, now: number): number | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
