// Hosted placement: oidc-provider sends the browser to /interaction/:uid; we start a flow for it and serve
// the page that hosts <gluu-login>. Finished flows come back through /interaction/:uid/finish (hosted) or
// through /auth with a ticket (embedded), and we hand oidc-provider the login result.
import { Hono, type Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { FlowEngine } from '../flow/engine.js';
import { redeemHosted, startHosted } from '../flow/placements/hosted.js';
import { TICKET_PARAM } from '../flow/authorization-request.js';
import { FlowApiError } from '../flow/errors.js';
import { StoreUnavailableError } from '../store/unavailable.js';
import { finishEmbedded, interactionOutcome, redeemTicket } from '../oidc/embedded-finish.js';
import { clientIp } from './client-ip.js';
import { type Html, html } from './html.js';
import type { PageText } from './page-text.js';
import { providerPages } from '../branding.js';
import { finishedPage, rememberFinished } from './finished-sign-in.js';
import { translationFor } from './assets.js';
import type { FlowStartLimit } from './flow-start-limit.js';

type Env = { Bindings: HttpBindings };

/** A page that says what went wrong and, where it helps, offers to start again. */
function problemPage(
  c: Context<Env>,
  config: Config,
  status: 400 | 403 | 404 | 410 | 429 | 503,
  words: (text: PageText) => { title: string; text: Html | string },
  retryHref?: string,
) {
  const pages = providerPages(config);
  const text = pages.text({ acceptLanguage: c.req.header('accept-language') });
  const { title, text: said } = words(text);
  const retry = retryHref
    ? html`<div class="actions"><a class="primary" href="${retryHref}">${text.t('start_again')}</a></div>`
    : '';
  c.header('Content-Security-Policy', pages.csp());
  return c.html(pages.render(text, { title, body: html`<h1>${title}</h1><p>${said}</p>${retry}` }), status);
}

export function interactionRoutes(
  provider: Provider,
  engine: FlowEngine,
  config: Config,
  logger: Logger,
  flowStarts: FlowStartLimit,
): Hono<Env> {
  const app = new Hono<Env>();

  const details = async (c: Context<Env>) => {
    try {
      const found = await provider.interactionDetails(c.env.incoming, c.env.outgoing);
      return found.uid === c.req.param('uid') ? found : undefined;
    } catch {
      return undefined;
    }
  };
  const expired = (c: Context<Env>) =>
    problemPage(c, config, 410, (t) => ({ title: t.s('expired_title'), text: t.t('expired_text') }));

  app.get('/:uid', async (c) => {
    const interaction = await details(c);
    // Back to a sign-in that finished here: the way on to the application, not "expired".
    if (!interaction) return finishedPage(c, config.clients) ?? expired(c);
    const finish = (result: InteractionResults) =>
      provider.interactionResult(c.env.incoming, c.env.outgoing, result, { mergeWithLastSubmission: false });
    const { params } = interaction;

    const ticket = params[TICKET_PARAM];
    if (typeof ticket === 'string') {
      // /auth redeems the ticket itself (server/oidc/embedded-finish.ts) and comes here only when the store
      // could not be reached then: this answers with the page that says so, or goes on if it is back.
      const result = await redeemTicket(engine, ticket, params);
      // The ticket is a bearer credential: this browser may not be the one that signed in, so the login
      // leaves no session in it (server/oidc/embedded-finish.ts).
      return c.redirect(await finishEmbedded(interaction, result), 303);
    }

    if (interaction.prompt.name !== 'login') {
      // Only reachable if a policy asks for something we do not render: end it as an error for the RP.
      logger.warn({ prompt: interaction.prompt.name }, 'interaction prompt without a page');
      return c.redirect(
        await finish({
          error: 'interaction_required',
          error_description: `prompt ${interaction.prompt.name} is not supported`,
        }),
        303,
      );
    }

    // ui_locales (or the browser's Accept-Language) picks the widget's language, and so the SMS texts'.
    const wanted =
      typeof params.ui_locales === 'string'
        ? params.ui_locales.split(' ')
        : (c.req.header('accept-language') ?? '').split(',').map((l) => l.split(';')[0]!.trim());
    const lang = wanted.find((l) => l === 'en' || l.startsWith('en-') || translationFor(l)) ?? undefined;
    const translation = translationFor(lang);
    const ip = clientIp(c, config.trust_proxy);
    const refused = await flowStarts.charge(ip, 'hosted');
    if (refused) {
      c.header('Retry-After', String(refused.retry_after));
      c.header('Cache-Control', 'no-store');
      return problemPage(
        c,
        config,
        429,
        (t) => ({ title: t.s('too_many_title'), text: t.t('too_many_text', { seconds: refused.retry_after ?? 60 }) }),
        `/interaction/${encodeURIComponent(interaction.uid)}`,
      );
    }
    let handle: string;
    try {
      handle = await startHosted(engine, {
        interactionUid: interaction.uid,
        clientId: String(params.client_id),
        acrValues: typeof params.acr_values === 'string' ? params.acr_values : undefined,
        claims: typeof params.claims === 'string' ? params.claims : undefined,
        lang,
        ip,
        userAgent: c.req.header('user-agent'),
      });
    } catch (err) {
      // The reason is the flow API's own message (English, like the error the embedded widget would show).
      if (err instanceof FlowApiError)
        return problemPage(c, config, 400, (t) => ({ title: t.s('cannot_start_title'), text: err.message }));
      if (err instanceof StoreUnavailableError)
        return problemPage(c, config, 503, (t) => ({
          title: t.s('unavailable_title'),
          text: t.t('unavailable_text'),
        }));
      throw err;
    }
    const client = engine.client(String(params.client_id));
    const clientName = client.client_name ?? client.client_id;
    const pages = providerPages(config);
    // The page's own texts in the widget's language where the catalog has it (else the visitor's next one).
    const text = pages.text({ uiLocales: [lang, ...wanted].filter(Boolean).join(' ') });
    const ownTexts = pages.brand.widgetTextsScript(lang ?? 'en');
    c.header('Content-Security-Policy', pages.csp());
    return c.html(
      pages.render(text, {
        title: text.s('sign_in_title', { client: clientName }),
        scripts: [
          '/assets/gluu-login.js',
          ...(translation ? [`/assets/i18n/${translation}.js`] : []),
          ...(ownTexts ? [ownTexts] : []),
        ],
        body: html`<p class="brand">${clientName}</p>
<gluu-login issuer="${config.issuer}" flow="${handle}" lang="${lang ?? 'en'}"></gluu-login>
<noscript><p>${text.t('needs_javascript')}</p></noscript>`,
      }),
    );
  });

  app.get('/:uid/finish', async (c) => {
    const uid = c.req.param('uid');
    const ticket = c.req.query('ticket');
    const interaction = await details(c);
    if (!interaction) return expired(c);
    const redeemed = ticket ? await redeemHosted(engine, ticket, uid) : undefined;
    if (!redeemed) {
      return problemPage(
        c,
        config,
        400,
        (t) => ({ title: t.s('link_used_title'), text: t.t('link_used_text') }),
        `/interaction/${encodeURIComponent(uid)}`,
      );
    }
    if ('login' in redeemed)
      rememberFinished(c, uid, String(interaction.params.client_id), config.issuer.startsWith('https:'));
    const to = await provider.interactionResult(c.env.incoming, c.env.outgoing, interactionOutcome(redeemed), {
      mergeWithLastSubmission: false,
    });
    return c.redirect(to, 303);
  });

  return app;
}
