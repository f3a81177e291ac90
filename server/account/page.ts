// The hosted account page: <gluu-account> on the provider's own origin. It signs in through the provider like
// any application (the built-in public client ACCOUNT_CLIENT_ID, authorization code with PKCE, in the page),
// so the provider's session is what lets the user in, and the account API sees the same kind of token as from
// an embedded element.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { ACCOUNT_CLIENT_ID, type Config } from '../config.js';
import { translationFor } from '../http/assets.js';
import { html, page, pageCsp } from '../http/html.js';
import { widgetTranslations } from '../paths.js';

/** <gluu-account>'s own texts for a translation of <gluu-login> ("de"), when this build has them. */
function accountTranslation(translation: string | undefined): string | undefined {
  const file = translation && path.join(widgetTranslations, '..', 'account', 'i18n', `${translation}.js`);
  return file && existsSync(file) ? `/assets/account/i18n/${translation}.js` : undefined;
}

export function accountPage(c: Context, config: Config): Response {
  const wanted = (c.req.query('lang') ?? c.req.header('accept-language') ?? '')
    .split(',')
    .map((l) => l.split(';')[0]!.trim())
    .filter((l) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l));
  const lang = wanted.find((l) => l === 'en' || l.startsWith('en-') || translationFor(l)) ?? 'en';
  const translation = translationFor(lang);
  const accountTexts = accountTranslation(translation);
  c.header('Content-Security-Policy', pageCsp());
  c.header('Cache-Control', 'no-store');
  return c.html(
    page({
      title: 'Your account',
      lang,
      scripts: [
        '/assets/gluu-login.js',
        '/assets/gluu-account.js',
        ...(translation ? [`/assets/i18n/${translation}.js`] : []),
        ...(accountTexts ? [accountTexts] : []),
      ],
      body: html`<p class="brand">${new URL(config.issuer).host}</p>
<gluu-account issuer="${config.issuer}" client-id="${ACCOUNT_CLIENT_ID}" lang="${lang}"></gluu-account>
<noscript><p>Your account page needs JavaScript.</p></noscript>`,
    }),
  );
}
