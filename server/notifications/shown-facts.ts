// What of a change a notice may show, made safe to show. Labels and the browser's name come from the
// person who made the change, who may be an attacker: they are reduced to one short line of plain
// characters (and escaped in HTML by the mail's template), and a User-Agent is never shown in its own words.
// Addresses and numbers are masked: the notice may go to an address that is no longer the account's.
/** One line of at most `max` characters without control or formatting characters (bidi overrides, zero-width). */
export function oneLine(value: string, max: number): string {
  const flat = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "..." rather than "…": the ellipsis character is not in the GSM alphabet and would make an SMS UCS-2.
  return flat.length > max ? `${flat.slice(0, max - 3).trimEnd()}...` : flat;
}

/** "2025-01-02 03:04 UTC": the same in every language, and unambiguous whatever the reader's time zone. */
export function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "a•••@example.com": enough for the owner to recognise an address, not enough to write to it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${oneLine(address.slice(0, 1), 1)}•••@${oneLine(address.slice(at + 1), 100)}`;
}

/** The host of the provider's address, which an SMS names when no application made the change. */
export function serviceName(issuer: string): string {
  return URL.canParse(issuer) ? new URL(issuer).host : oneLine(issuer, 60);
}
