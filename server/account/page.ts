// The hosted account page: <gluu-account> on the provider's own origin, branded and worded like the provider's
// other pages. It signs in through the provider like any application (the built-in public client
// ACCOUNT_CLIENT_ID, authorization code with PKCE, in the page), so the provider's session is what lets the user
// in, and the account API sees the same kind of token as from an embedded element.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { ACCOUNT_CLIENT_ID, type Config } from '../config.js';
import { providerPages } from '../branding.js';
import { translationFor } from '../http/assets.js';
import { html } from '../http/html.js';
import { widgetTranslations } from '../paths.js';

/** <gluu-account>'s own texts for a translation of <gluu-login> ("de"), when this build has them. */
function accountTranslation(translation: string | undefined): string | undefined {
  const file = translation && path.join(widgetTranslations, '..', 'account', 'i18n', `${translation}.js`);
  return file && existsSync(file) ? `/assets/account/i18n/${translation}.js` : undefined;
}

export function accountPage(c: Context, config: Config): Response {
  const pages = providerPages(config);
  // ?lang= first (a link from an application in the user's language), then the browser's languages.
  const text = pages.text({ uiLocales: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') });
  const lang = text.lang;
  const translation = translationFor(lang);
  const accountTexts = accountTranslation(translation);
  const ownTexts = pages.brand.widgetTextsScript(lang);
  c.header('Content-Security-Policy', pages.csp());
  c.header('Cache-Control', 'no-store');
  return c.html(
    pages.render(text, {
      title: text.s('account_title'),
      scripts: [
        '/assets/gluu-login.js',
        '/assets/gluu-account.js',
        ...(translation ? [`/assets/i18n/${translation}.js`] : []),
        ...(accountTexts ? [accountTexts] : []),
        ...(ownTexts ? [ownTexts] : []),
      ],
      body: html`<gluu-account issuer="${config.issuer}" client-id="${ACCOUNT_CLIENT_ID}" lang="${lang}"></gluu-account>
<noscript><p>${text.t('account_needs_javascript')}</p></noscript>`,
    }),
  );
}
