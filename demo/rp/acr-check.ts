// What every RP must do with the id_token's acr: the authorization request travels through the user's
// browser, so the acr asked for can be edited on the way, and a sign-in that set up a new method reports
// only what it proved. The RP ranks the acr it got against the one it asked for and refuses a weaker one.
// gluu-login's discovery publishes each acr's level (gluu_acr_levels): a method at the level asked for or above
// meets the request (otp and recovery_code are both 50). Without levels, acr_values_supported lists the methods
// strongest first, so a later position is a weaker method.

/**
 * Why the acr `proved` does not meet `asked` (acr_values: one acr, or several the RP accepts, space-separated),
 * for the user; undefined when it ranks at or above the weakest one asked for (or nothing was asked).
 */
export function acrShortfall(
  proved: unknown,
  asked: string,
  supported: readonly string[],
  levels?: Readonly<Record<string, number>>,
): string | undefined {
  const accepted = asked.split(' ').filter(Boolean);
  if (!accepted.length) return undefined;
  // Higher is stronger; an acr the provider does not list cannot be ranked: not good enough.
  const strength = (acr: unknown): number | undefined => {
    if (typeof acr !== 'string' || !supported.includes(acr)) return undefined;
    return levels?.[acr] ?? supported.length - supported.indexOf(acr);
  };
  const got = strength(proved);
  const needed = accepted.map(strength);
  if (got !== undefined && !needed.includes(undefined) && got >= Math.min(...(needed as number[]))) return undefined;
  const wanted = accepted.length === 1 ? `the ${accepted[0]}` : `any of ${accepted.join(', ')}`;
  const method = typeof proved === 'string' ? proved : 'no method';
  return `This sign-in proved ${method}, weaker than ${wanted} this page asks for. Sign in again.`;
}
