// What every RP must do with the id_token's acr: the authorization request travels through the user's
// browser, so the acr asked for can be edited on the way, and a sign-in that set up a new method reports
// only what it proved. The RP ranks the acr it got against the one it asked for and refuses a weaker one.
// gluu-login's discovery lists acr_values_supported strongest first, so a later position is a weaker method.

/**
 * Why the acr `proved` does not meet `asked` (acr_values: one acr, or several the RP accepts, space-separated),
 * for the user; undefined when it ranks at or above the weakest one asked for (or nothing was asked).
 */
export function acrShortfall(proved: unknown, asked: string, supported: readonly string[]): string | undefined {
  const accepted = asked.split(' ').filter(Boolean);
  if (!accepted.length) return undefined;
  const provedRank = typeof proved === 'string' ? supported.indexOf(proved) : -1;
  const ranks = accepted.map((acr) => supported.indexOf(acr));
  // An acr the provider does not list cannot be ranked: not good enough.
  if (provedRank !== -1 && !ranks.includes(-1) && provedRank <= Math.max(...ranks)) return undefined;
  const wanted = accepted.length === 1 ? `the ${accepted[0]}` : `any of ${accepted.join(', ')}`;
  const method = typeof proved === 'string' ? proved : 'no method';
  return `This sign-in proved ${method}, weaker than ${wanted} this page asks for. Sign in again.`;
}
