// Proof that an answer to the phone-check consent page comes from that page, in the browser it was shown
// in. The link alone proves nothing: whoever started the sign-in knows it (it is their own QR code) and can
// fetch the page too. So the page's GET gives the browser a random secret in a cookie (HttpOnly, SameSite
// Strict) and puts in its form an HMAC over the link, that secret and the check id; an answer needs the
// cookie, the matching token, and fetch metadata saying it was sent from our own origin. A page elsewhere
// that posts to the link has neither the cookie (not sent cross-site, not readable) nor a token for it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomHandle } from '../security/random.js';

const SECRET = /^[A-Za-z0-9_-]{22}$/;
/** Long enough to read the page and answer; a reload sets it again. */
const COOKIE_SECONDS = 900;

export interface ConsentBinding {
  link: string;
  checkId: string;
}

export interface ConsentGuard {
  /** Sets (or keeps) the browser's secret and answers the token to put in the page's form. */
  issue(c: Context, binding: ConsentBinding): string;
  /** Why the answer is refused, or undefined when it comes from the page this browser was shown. */
  refusal(
    c: Context,
    binding: ConsentBinding,
    token: string | undefined,
  ): 'cross_site' | 'no_cookie' | 'bad_token' | undefined;
}

/**
 * `key` is for these tokens only (derived from the seal key). On https the cookie is `__Host-` (Secure,
 * Path=/, no Domain), so a sibling subdomain cannot plant a secret of its own choosing; on plain http
 * (development) it is scoped to the phone pages.
 */
export function consentGuard(issuer: string, key: Buffer): ConsentGuard {
  const url = new URL(issuer);
  const secure = url.protocol === 'https:';
  const name = secure ? '__Host-gluu-pc' : 'gluu-pc';
  const path = secure ? '/' : `${url.pathname.replace(/\/+$/, '')}/pc`;
  const tokenFor = (secret: string, { link, checkId }: ConsentBinding) =>
    createHmac('sha256', key)
      .update(JSON.stringify(['phonecheck-consent', link, secret, checkId]))
      .digest('base64url');
  const secretOf = (c: Context) => {
    const value = getCookie(c, name);
    return value && SECRET.test(value) ? value : undefined;
  };

  return {
    issue(c, binding) {
      // Kept when present: two tabs of the page (or a reload) stay answerable.
      const secret = secretOf(c) ?? randomHandle();
      setCookie(c, name, secret, { path, secure, httpOnly: true, sameSite: 'Strict', maxAge: COOKIE_SECONDS });
      return tokenFor(secret, binding);
    },

    refusal(c, binding, token) {
      if (!fromOwnOrigin(c, url.origin)) return 'cross_site';
      const secret = secretOf(c);
      if (!secret) return 'no_cookie';
      const expected = Buffer.from(tokenFor(secret, binding));
      const given = Buffer.from(token ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'bad_token';
    },
  };
}

/**
 * Fetch metadata: `same-origin` (our page's form) or `none` (the user's own navigation). Browsers that do
 * not send it send Origin with a POST, which must then be ours. Anything else, including neither header,
 * is refused: a same-site page (a sibling subdomain) is not our page either.
 */
function fromOwnOrigin(c: Context, origin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return c.req.header('origin') === origin;
}
