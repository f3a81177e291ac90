// The demo RP's Account page: <gluu-account> in the RP's own page, as a site would embed it. The RP asks the
// provider for an access token for the account API (resource {issuer}/account, scope account) with the same
// code flow as its sign-in, keeps it in its server-side session, and hands it to the element. The token is
// short-lived; when the element says it expired, the page asks for a new one (the provider's session answers
// without a new sign-in).
import { html } from './pages.js';

/** What the RP keeps of the account API token in its session. */
export interface AccountToken {
  token: string;
  /** ms since the epoch. */
  expiresAt: number;
}

export const ACCOUNT_SCOPE = 'openid account';

/** Fetches a new token when the element reports the old one expired (no inline script under the RP's CSP). */
export const ACCOUNT_PAGE_SCRIPT =
  "document.querySelector('gluu-account')?.addEventListener('gluu-account-token-expired', () => " +
  "location.assign('/account?renew=1'));\n";

export function accountBody(issuer: string, token: string, lang: string | undefined) {
  return html`<section class="account">
<h1>Your account</h1>
<p class="hint">Your sign-in methods, signed-in browsers and password, managed here through the provider at
<code>${issuer}</code>. Every change asks you to confirm it is you first.</p>
<gluu-account issuer="${issuer}" access-token="${token}" lang="${lang ?? 'en'}"></gluu-account>
<div class="row"><a class="button secondary" href="/">Back</a></div>
</section>`;
}
