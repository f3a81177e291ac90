// The issuer's own address (`/`): people open it from the demo's banner or a discovery document's `issuer`.
// A short page saying what answers here and where the machine-readable parts are, instead of a bare 404.
import type { Context } from 'hono';
import { html, page } from './html.js';

export function homePage(c: Context) {
  const links = [
    ['/.well-known/openid-configuration', 'Discovery document', 'the endpoints, acrs and keys for an OIDC library'],
    ['/jwks', 'Signing keys', 'the JSON Web Key Set that id_tokens are verified with'],
    ['/healthz', 'Health', 'whether the storage and each sign-in method’s service answer'],
  ] as const;
  return c.html(
    page({
      title: 'gluu-login',
      body: html`<p class="brand">gluu-login</p>
<h1>OpenID Provider</h1>
<p>This server signs people in for the applications registered with it. There is nothing to do here: open
the application you want to use, and it sends you to sign in.</p>
<ul>
${links.map(([href, name, what]) => html`<li><a href="${href}">${name}</a>: ${what}</li>`)}
</ul>`,
    }),
  );
}
