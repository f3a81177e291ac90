// Back to the sign-in page after it finished: oidc-provider has ended the interaction, so the page would say
// "expired" and leave the user nowhere. A cookie scoped to that one interaction's path remembers which
// application it signed in to, and the page offers the way back there instead.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ClientConfig } from '../config.js';
import { html, page } from './html.js';

const COOKIE = 'gluu_done';
// Long enough for a Back press; the cookie names only a client, never the user or a credential.
const COOKIE_SECONDS = 15 * 60;

/** Remembers, for this interaction's page only, that it signed in to `clientId`. */
export function rememberFinished(c: Context, uid: string, clientId: string, secure: boolean): void {
  setCookie(c, COOKIE, clientId, {
    path: `/interaction/${encodeURIComponent(uid)}`,
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: COOKIE_SECONDS,
  });
}

/** Where "Continue to <app>" goes: a page of the client's that takes no parameters, else its site's root. */
function appHome(client: ClientConfig): string | undefined {
  const home = client.post_logout_redirect_uris[0];
  if (home) return home;
  const callback = client.redirect_uris[0];
  return callback ? `${new URL(callback).origin}/` : undefined;
}

/**
 * The page of an interaction that finished in this browser ("continue to <app>"), or undefined when the
 * cookie is absent or names no registered client (then the page says "expired" as before).
 */
export function finishedPage(c: Context, clients: ClientConfig[]) {
  const id = getCookie(c, COOKIE);
  const client = id === undefined ? undefined : clients.find((k) => k.client_id === id);
  const href = client && appHome(client);
  if (!client || !href) return undefined;
  const name = client.client_name ?? client.client_id;
  return c.html(
    page({
      title: 'This sign-in is complete',
      body: html`<h1>This sign-in is complete</h1>
<p>You already signed in to ${name} here. There is nothing more to do on this page.</p>
<div class="actions"><a class="primary" id="back-to-app" href="${href}">Continue to ${name}</a></div>`,
    }),
    200,
  );
}
