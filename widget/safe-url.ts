// Links the server sends (continue_url, registration_uri, the phone check's link), made safe to follow.

/** Only http(s) URLs, resolved against `base`; anything else (javascript:, data:, ...) becomes undefined. */
export function safeUrl(url: string, base: string): string | undefined {
  try {
    const u = new URL(url, new URL(base || '.', location.href));
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}
