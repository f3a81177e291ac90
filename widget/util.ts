// Small helpers shared by the element and its step modules.

/** Only http(s) URLs, resolved against `base`; anything else (javascript:, data:, ...) becomes undefined. */
export function safeUrl(url: string, base: string): string | undefined {
  try {
    const u = new URL(url, new URL(base || '.', location.href));
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "1:45" */
export const mmss = (s: number) => `${(s / 60) | 0}:${String(s % 60).padStart(2, '0')}`;
