// A relying party as a web developer would write one: openid-client v6 (code flow, PKCE S256, state,
// nonce), a "Log in" that redirects to the provider (hosted), a page with <gluu-login> inside it
// (embedded), one /callback for both, and RP-initiated logout. Its Theming page shows every step of the
// widget in three themes of its own stylesheets (see theming.ts).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { getRequestListener } from '@hono/node-server';
import * as oidc from 'openid-client';
import path from 'node:path';
import { packageRoot, translationFor, widgetBundle, widgetStepFile, widgetTranslations } from '../../server/index.js';
import { claimsTable, html, layout } from './pages.js';
import { THEMES, themeOf, themeStylesheet, themingBody } from './theming.js';
import { themingFixtures, type ThemingPreview } from './theming-fixtures.js';
import { themingReference } from './theming-reference.js';
import { hostedScreenshot } from './theming-hosted.js';
import type { PhoneInbox } from '../stand-ins/inbox.js';
import { acrShortfall } from './acr-check.js';
import { ACCOUNT_PAGE_SCRIPT, ACCOUNT_SCOPE, type AccountToken, accountBody } from './account.js';
import type { MailInbox } from '../stand-ins/smtp.js';

export interface RpOptions {
  port: number;
  host?: string;
  /** The RP's own public URL (its origin must be in the client's allowed_origins for the embedded page). */
  url: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The stand-ins' received SMS, shown on the Phone page (absent: no Phone page). */
  inbox?: PhoneInbox;
  /** The SMTP stand-in's received mail, shown on the Mailbox page (absent: no Mailbox page). */
  mailbox?: MailInbox;
  /**
   * acr_values offered besides each supported acr, e.g. "tru_id twilio_sms": the phone check, or the text
   * message it falls back to, both accepted (an RP accepts only what it asked for).
   */
  acrChoices?: string[];
  /** The demo user, shown on the home page: its username and where its password is (never the password). */
  demoUser?: { username: string; passwordAt: string };
}

interface PendingLogin {
  verifier: string;
  nonce: string;
  acr: string;
  /** account: a token for the account API (the Account page), not a sign-in. */
  placement: 'hosted' | 'embedded' | 'account';
  createdAt: number;
}

interface RpSession {
  pending: Map<string, PendingLogin>;
  idToken?: string;
  claims?: Record<string, unknown>;
  userinfo?: Record<string, unknown>;
  error?: string;
  /** A sign-in refused for a weaker acr than asked: what to ask for again, and where. */
  retry?: { acr: string; placement: PendingLogin['placement'] };
  /** A token for the account API, for the Account page. */
  account?: AccountToken;
}

const SCOPE = 'openid profile email phone';
const PENDING_TTL_MS = 15 * 60_000;

export interface RunningRp {
  url: string;
  port: number;
  close(): Promise<void>;
}

// The Phone and Mailbox pages show every code and notice to whoever reaches this port: the demo listens on
// this computer only, and says so where the codes are.
const LOOPBACK_TEXT =
  'Anyone who can open this page sees every code on it. ' +
  'The demo listens on this computer only (127.0.0.1): do not expose it to a network.';
const LOOPBACK_NOTE = html`<p class="hint" id="loopback-note">${LOOPBACK_TEXT}</p>`;

/** When a stand-in received a message, as the Phone and Mailbox pages show it (to the second). */
const receivedAt = (iso: string) => iso.replace('T', ' ').slice(0, 19);

/** The offer to sign in again, on the same placement, with the acr the user just set up. */
function signInAgain(retry: NonNullable<RpSession['retry']>) {
  const action = retry.placement === 'hosted' ? '/login' : '/embedded';
  const field = html`<input type="hidden" name="acr" value="${retry.acr}">`;
  const offer = html`<p>If you just set up ${retry.acr}, sign in again to use it.</p>`;
  const button = html`<button class="button" id="sign-in-again" type="submit">Sign in again</button>`;
  return html`<form method="get" action="${action}">${field}${offer}<div class="row">${button}</div></form><hr>`;
}

/** The demo's address switches, said where they are used: the language, and the widget in light DOM. */
function switches(lang: string | undefined, light: boolean) {
  const now = [lang ? `lang=${lang}` : '', light ? 'light=1' : ''].filter(Boolean).join(', ');
  return html`<p class="hint" id="switches">Add <a href="/?lang=de"><code>?lang=de</code></a> (or <code>es</code>,
<code>fr</code>, <code>pt-BR</code>, any language tag) to this page's address for the widget, the provider's page
and the texted codes in that language rather than your browser's, and <a href="/?light=1"><code>?light=1</code></a>
for <b>Log in on this page</b> with the widget in the page's light DOM, where password managers see its inputs.${
    now ? html` Now: <strong>${now}</strong> (<a href="/">clear</a>).` : ''
  }</p>`;
}

export async function startRp(options: RpOptions): Promise<RunningRp> {
  const sessions = new Map<string, RpSession>();
  const callbackUrl = `${options.url}/callback`;
  // The widget calls the provider's flow API; forms may lead there too (the hosted login's redirect).
  const issuerOrigin = new URL(options.issuer).origin;
  let discovered: Promise<oidc.Configuration> | undefined;

  // Discovery is lazy so the RP can start before the provider answers; a failure is retried next time.
  const config = () => {
    discovered ??= oidc
      .discovery(new URL(options.issuer), options.clientId, undefined, oidc.ClientSecretBasic(options.clientSecret), {
        execute: options.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  const session = (c: Context): RpSession => {
    let id = getCookie(c, 'rp_session');
    let found = id ? sessions.get(id) : undefined;
    if (!id || !found) {
      id = randomBytes(16).toString('base64url');
      found = { pending: new Map() };
      sessions.set(id, found);
      setCookie(c, 'rp_session', id, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: options.url.startsWith('https:'),
      });
    }
    return found;
  };

  /**
   * The widget's language on the RP's pages, and the translation script to load with it: ?lang=, else the
   * browser's own (the first of its Accept-Language that is English or has a translation), as the
   * provider's hosted page chooses; undefined when neither names one.
   */
  const language = (c: Context) => {
    const tag = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
    const asked = c.req.query('lang');
    const lang = asked
      ? tag.test(asked)
        ? asked
        : undefined
      : (c.req.header('accept-language') ?? '')
          .split(',')
          .map((l) => l.split(';')[0]!.trim())
          .find((l) => tag.test(l) && (/^en(-|$)/i.test(l) || translationFor(l)));
    const translation = lang && translationFor(lang);
    return { lang, translation, scripts: translation ? [`/assets/i18n/${translation}.js`] : ([] as string[]) };
  };

  /** Builds the authorization request exactly the same way for both placements. */
  const authorizationUrl = async (
    c: Context,
    placement: PendingLogin['placement'],
    acrOverride?: string,
  ): Promise<URL> => {
    const s = session(c);
    const configuration = await config();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const acr = acrOverride ?? c.req.query('acr') ?? '';
    // ?lang= becomes ui_locales: the provider's page (and the SMS texts) then use that language.
    const uiLocales = language(c).lang;
    const now = Date.now();
    for (const [key, value] of s.pending) if (now - value.createdAt > PENDING_TTL_MS) s.pending.delete(key);
    s.pending.set(state, { verifier, nonce, acr, placement, createdAt: now });
    const account = placement === 'account';
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: callbackUrl,
      scope: account ? ACCOUNT_SCOPE : SCOPE,
      ...(account ? { resource: `${options.issuer}/account` } : {}),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(acr ? { acr_values: acr } : {}),
      ...(uiLocales ? { ui_locales: uiLocales } : {}),
    });
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.res.headers.get('content-type')?.includes('text/html')) {
      c.header(
        'Content-Security-Policy',
        [
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          `connect-src ${issuerOrigin}`,
          `form-action 'self' ${issuerOrigin}`,
          "base-uri 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
      c.header('Cache-Control', 'no-store');
    }
  });

  app.get('/assets/rp.css', async (c) =>
    c.body(new Uint8Array(await readFile(path.join(packageRoot, 'demo', 'rp', 'rp.css'))), 200, {
      'Content-Type': 'text/css; charset=utf-8',
    }),
  );
  app.get('/assets/gluu-login.js', async (c) => {
    try {
      return c.body(new Uint8Array(await readFile(widgetBundle)), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
      });
    } catch {
      return c.text('The widget is not built: run "npm run build".', 503);
    }
  });

  // The steps the widget loads when first shown, from beside it.
  app.get('/assets/steps/:file', async (c) => {
    const body = await widgetStepFile(c.req.param('file'));
    if (!body) return c.text('Not found', 404);
    return c.body(body, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  // The widget's translations, from the RP's own origin like the widget itself.
  app.get('/assets/i18n/:file', async (c) => {
    const name = translationFor(c.req.param('file').replace(/\.js$/, ''));
    if (!name || `${name}.js` !== c.req.param('file')) return c.text('Not found', 404);
    return c.body(new Uint8Array(await readFile(path.join(widgetTranslations, `${name}.js`))), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });
  // <gluu-account>'s translations, for the Account page: one for each of the widget's (the build makes both).
  app.get('/assets/account/i18n/:file', async (c) => {
    const name = translationFor(c.req.param('file').replace(/\.js$/, ''));
    if (!name || `${name}.js` !== c.req.param('file')) return c.text('Not found', 404);
    const file = path.join(widgetTranslations, '..', 'account', 'i18n', `${name}.js`);
    const body = await readFile(file).catch(() => undefined);
    if (!body) return c.text('Not found', 404);
    return c.body(new Uint8Array(body), 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  // The Theming page's themes: stylesheets of the RP's own, like any site's.
  for (const theme of THEMES) {
    if (theme.name === 'default') continue;
    app.get(`/assets/themes/${theme.name}.css`, async (c) =>
      c.body(new Uint8Array(await readFile(path.join(packageRoot, 'demo', 'rp', 'themes', `${theme.name}.css`))), 200, {
        'Content-Type': 'text/css; charset=utf-8',
      }),
    );
  }

  // The hosted page in each theme: the screenshots test/e2e/branding.test.ts compares (docs/images/).
  app.get('/assets/hosted/:file', async (c) => {
    const theme = THEMES.find((t) => `${t.name}.png` === c.req.param('file'));
    const png = theme && (await readFile(hostedScreenshot(theme.name)).catch(() => undefined));
    if (!png) return c.text('Not found', 404);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png' });
  });

  // Every step kind in the chosen theme (previews: no provider needed), and the reference of parts and
  // custom properties as the widget documents them now.
  let previews: Promise<ThemingPreview[]> | undefined;
  app.get('/theming', async (c) => {
    const theme = themeOf(c.req.query('theme'));
    previews ??= themingFixtures(options.issuer).catch((err: unknown) => {
      previews = undefined;
      throw err;
    });
    const stylesheet = themeStylesheet(theme);
    const { lang, scripts } = language(c);
    return c.html(
      layout('Theming', themingBody(theme, await previews, await themingReference(), lang), {
        scripts: ['/assets/gluu-login.js', ...scripts],
        ...(stylesheet ? { stylesheets: [stylesheet] } : {}),
        mainClass: 'wide',
      }),
    );
  });

  app.get('/', async (c) => {
    const s = session(c);
    if (s.claims) {
      return c.html(
        layout(
          'Signed in',
          html`<section>
<h1>You are signed in</h1>
<p>Signed in as <strong id="username">${String(s.userinfo?.preferred_username ?? s.claims.sub)}</strong>.</p>
<h2>ID token claims</h2>
${claimsTable(s.claims, 'id-token-claims')}
<h2>UserInfo</h2>
<pre id="userinfo">${JSON.stringify(s.userinfo ?? {}, null, 2)}</pre>
<div class="row"><a class="button" id="account" href="/account">Your account</a>
<a class="button secondary" id="logout" href="/logout">Log out</a></div>
</section>`,
        ),
      );
    }
    let acrs: string[] = [];
    let problem = s.error ?? '';
    const retry = s.retry;
    delete s.error;
    delete s.retry;
    try {
      acrs = ((await config()).serverMetadata().acr_values_supported as string[] | undefined) ?? [];
    } catch (err) {
      problem ||= `The provider at ${options.issuer} does not answer (${(err as Error).message}).`;
    }
    const choices = [...acrs, ...(acrs.length ? (options.acrChoices ?? []) : [])];
    const phoneLink = html`<a href="/phone">Phone</a>`;
    const mailLink = html`<a href="/mailbox">Mailbox</a>`;
    const smsHint = html`<p>Signing in with an SMS method? The codes arrive on the demo's ${phoneLink} page; e-mail
codes (email_otp) and notices on its ${mailLink} page.</p>`;
    const user = options.demoUser;
    const userHint = user
      ? html`<p id="demo-user">Demo user: <strong>${user.username}</strong>. Its password: ${user.passwordAt}.</p>`
      : '';
    // ?lang= and ?light=1 on this page's address reach both Log in buttons (the browser's language does anyway).
    const lang = c.req.query('lang') && language(c).lang;
    const light = c.req.query('light') === '1';
    const carried = html`${lang ? html`<input type="hidden" name="lang" value="${lang}">` : ''}${
      light ? html`<input type="hidden" name="light" value="1">` : ''
    }`;
    return c.html(
      layout(
        'Home',
        html`<section>
<h1>Welcome to the demo RP</h1>
<p>This application signs you in through gluu-login at
<a href="${options.issuer}"><code>${options.issuer}</code></a>.</p>
${userHint}
${problem ? html`<p class="error" id="rp-error" role="alert">${problem}</p>` : ''}
${retry ? signInAgain(retry) : ''}
<form method="get" action="/login">
<label for="acr">Authentication method (acr_values)</label>
<select id="acr" name="acr">
<option value="">Provider default</option>
${choices.map((acr) => html`<option value="${acr}">${acr}</option>`)}
</select>
${carried}
<div class="row">
<button class="button" id="login" type="submit">Log in</button>
<button class="button secondary" id="embedded" type="submit" formaction="/embedded">Log in on this page</button>
</div>
</form>
${inbox ? smsHint : ''}
${switches(lang, light)}
</section>`,
      ),
    );
  });

  // Hosted placement: off to the provider's own page.
  app.get('/login', async (c) => c.redirect((await authorizationUrl(c, 'hosted')).href, 302));

  // Embedded placement: the same authorization request, handed to <gluu-login> on our page.
  // ?light=1 renders it in light DOM (no-shadow), where password managers see the inputs.
  app.get('/embedded', async (c) => {
    const url = await authorizationUrl(c, 'embedded');
    const { lang, scripts } = language(c);
    const noShadow = c.req.query('light') === '1' ? html` no-shadow` : '';
    const attributes = html`issuer="${options.issuer}" authorization-request="${url.href}" lang="${lang ?? 'en'}"`;
    return c.html(
      layout(
        'Sign in',
        html`<section class="signin">
<gluu-login ${attributes}${noShadow}></gluu-login>
</section>`,
        { scripts: ['/assets/gluu-login.js', ...scripts] },
      ),
    );
  });

  // One callback for both placements: openid-client checks state, iss, PKCE, nonce and the id_token.
  app.get('/callback', async (c) => {
    const s = session(c);
    const current = new URL(c.req.url);
    const state = current.searchParams.get('state') ?? '';
    const pending = s.pending.get(state);
    if (!pending) {
      s.error = 'This sign-in response does not belong to a sign-in started here (unknown state). Try again.';
      return c.redirect('/', 302);
    }
    s.pending.delete(state);
    try {
      const configuration = await config();
      const tokens = await oidc.authorizationCodeGrant(
        configuration,
        new URL(current.pathname + current.search, options.url),
        {
          pkceCodeVerifier: pending.verifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
      const claims = tokens.claims()!;
      if (pending.placement === 'account') {
        // Only for the user signed in here: another account's token would manage someone else's factors.
        if (claims.sub !== s.claims?.sub) throw new Error('the account token is for another user; sign in again');
        s.account = { token: tokens.access_token, expiresAt: Date.now() + (tokens.expires_in ?? 0) * 1000 };
        return c.redirect(`/account${language(c).lang ? `?lang=${language(c).lang}` : ''}`, 302);
      }
      // The request passed through the browser and may have been edited: refuse a weaker method than asked.
      const metadata = configuration.serverMetadata();
      const shortfall = acrShortfall(
        claims.acr,
        pending.acr,
        (metadata.acr_values_supported as string[] | undefined) ?? [],
        metadata.gluu_acr_levels as Record<string, number> | undefined,
      );
      if (shortfall) {
        s.error = shortfall;
        s.retry = { acr: pending.acr, placement: pending.placement };
        return c.redirect('/', 302);
      }
      s.claims = { ...claims };
      s.idToken = tokens.id_token!;
      s.userinfo = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)) };
    } catch (err) {
      const e = err as { error?: string; error_description?: string; message: string };
      const description = e.error_description ? ` (${e.error_description})` : '';
      s.error = `Sign-in failed: ${e.error ? `${e.error}${description}` : e.message}`;
    }
    return c.redirect('/', 302);
  });

  // The Account page: <gluu-account> with a token for the account API, asked for when there is none (or it expired).
  app.get('/account', async (c) => {
    const s = session(c);
    if (!s.claims) return c.redirect('/', 302);
    const { lang, translation, scripts } = language(c);
    if (!s.account || s.account.expiresAt - Date.now() < 30_000 || c.req.query('renew') === '1') {
      delete s.account;
      // The acr the user signed in with: the provider's session meets it, so no new sign-in is asked for (every
      // change on the page asks for a fresh proof of its own).
      const signedInWith = typeof s.claims.acr === 'string' ? s.claims.acr : undefined;
      return c.redirect((await authorizationUrl(c, 'account', signedInWith)).href, 302);
    }
    return c.html(
      layout('Your account', accountBody(options.issuer, s.account.token, lang), {
        scripts: [
          '/assets/gluu-login.js',
          '/assets/gluu-account.js',
          '/assets/account-page.js',
          ...scripts,
          ...(translation ? [`/assets/account/i18n/${translation}.js`] : []),
        ],
      }),
    );
  });
  app.get('/assets/account-page.js', (c) =>
    c.body(ACCOUNT_PAGE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/assets/gluu-account.js', async (c) => {
    try {
      return c.body(new Uint8Array(await readFile(path.join(path.dirname(widgetBundle), 'gluu-account.js'))), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
      });
    } catch {
      return c.text('The widget is not built: run "npm run build".', 503);
    }
  });

  app.get('/logout', async (c) => {
    const s = session(c);
    const idToken = s.idToken;
    delete s.account;
    delete s.claims;
    delete s.idToken;
    delete s.userinfo;
    if (!idToken) return c.redirect('/', 302);
    const url = oidc.buildEndSessionUrl(await config(), {
      id_token_hint: idToken,
      post_logout_redirect_uri: `${options.url}/`,
    });
    return c.redirect(url.href, 302);
  });

  // The "phone" of a person running the demo: every SMS the Twilio and SMPP stand-ins received.
  const inbox = options.inbox;
  if (inbox) {
    app.get('/phone/messages', (c) => {
      const to = c.req.query('to');
      return c.json(
        inbox.list(to || undefined).map(({ raw: _raw, ...m }) => m),
        200,
        { 'Cache-Control': 'no-store' },
      );
    });
    app.get('/phone', (c) => {
      const to = c.req.query('to') || undefined;
      const numbers = [...new Set(inbox.list().map((m) => m.to))];
      const messages = inbox.list(to);
      const numberLinks = numbers.map(
        (n) => html`<a class="button secondary" href="/phone?to=${encodeURIComponent(n)}">${n}</a>`,
      );
      return c.html(
        layout(
          'Phone',
          html`<section>
<h1>Phone</h1>
<p>Every text message the SMS stand-ins received, newest first. This page refreshes every 3 seconds.</p>
${LOOPBACK_NOTE}
<nav class="row" aria-label="Numbers"><a class="button secondary" href="/phone">All numbers</a>${numberLinks}</nav>
${
  messages.length
    ? html`<table id="messages"><tr><th>Received</th><th>To · via</th><th>Text</th></tr>${messages.map(
        (m) =>
          html`<tr><td>${receivedAt(m.receivedAt)}</td><td>${m.to}<br>${m.via}</td><td><pre>${m.body}</pre></td></tr>`,
      )}</table>`
    : html`<p id="messages">No messages${to ? html` to ${to}` : ''} yet.</p>`
}
</section>`,
          { refreshSeconds: 3 },
        ),
      );
    });
  }

  // The mailbox of a person running the demo: the codes and notices the SMTP stand-in received.
  const mailbox = options.mailbox;
  if (mailbox) {
    app.get('/mailbox/messages', (c) => {
      const to = c.req.query('to');
      return c.json(
        mailbox.list(to || undefined).map((m) => ({
          id: m.id,
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          received_at: m.receivedAt,
        })),
        200,
        { 'Cache-Control': 'no-store' },
      );
    });
    app.get('/mailbox', (c) => {
      const to = c.req.query('to') || undefined;
      const addresses = [...new Set(mailbox.list().flatMap((m) => m.to))];
      const messages = mailbox.list(to);
      const addressLinks = addresses.map(
        (a) => html`<a class="button secondary" href="/mailbox?to=${encodeURIComponent(a)}">${a}</a>`,
      );
      return c.html(
        layout(
          'Mailbox',
          html`<section>
<h1>Mailbox</h1>
<p>Every e-mail the SMTP stand-in received (sign-in codes, notices), newest first. This page refreshes every 3
seconds.</p>
${LOOPBACK_NOTE}
<nav class="row" aria-label="Addresses">
<a class="button secondary" href="/mailbox">All addresses</a>${addressLinks}</nav>
${
  messages.length
    ? html`<table id="messages"><tr><th>Received</th><th>To · from</th><th>Message</th></tr>${messages.map((m) => {
        const message = html`<td><strong>${m.subject}</strong><pre>${m.text}</pre></td>`;
        return html`<tr><td>${receivedAt(m.receivedAt)}</td><td>${m.to.join(', ')}<br>${m.from}</td>${message}</tr>`;
      })}</table>`
    : html`<p id="messages">No mail${to ? html` to ${to}` : ''} yet.</p>`
}
</section>`,
          { refreshSeconds: 3 },
        ),
      );
    });
    // The Mail page's old addresses, kept for bookmarks.
    const moved = (path: string) => (c: Context) => {
      const query = new URL(c.req.url).search;
      return c.redirect(`${path}${query}`, 301);
    };
    app.get('/mail', moved('/mailbox'));
    app.get('/mail/messages', moved('/mailbox/messages'));
  }

  const server = http.createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: options.url,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
