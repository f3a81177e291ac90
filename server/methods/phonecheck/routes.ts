// The phone's side of a phone check (tru.ID): the short link in the QR code opens a consent page that says
// which sign-in is being approved and offers three numbers; the one the desktop shows sends the phone to
// tru.ID's check_url (over mobile data), and tru.ID sends it back here with a code that we redeem. Every
// page answers the person holding the phone; the desktop follows along through its flow. Opening the page
// changes nothing: only an answer from that very page (consent-guard.ts) does.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { FlowEngine } from '../../flow/engine.js';
import type { MethodContext } from '../../flow/types.js';
import { reasonFor, NETWORK_REASONS, PHONECHECK_ACR, type CheckStatus, type PhoneCheckMethod } from './method.js';
import { maskPhone } from '../../phone-numbers.js';
import { auditFlow } from '../attempt.js';
import { html, type Html } from '../../http/html.js';
import type { PageText, PageTextId } from '../../http/page-text.js';
import { providerPages } from '../../branding.js';
import type { Config } from '../../config.js';
import { consentGuard, type ConsentGuard } from '../../http/consent-guard.js';
import { consentPage } from '../../http/consent-page.js';
import { describeUserAgent } from '../../user-agents.js';
import { coarseNetwork } from '../../http/network-summary.js';

const link = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const redirectQuery = z.object({
  check_id: z.string().min(1).max(64),
  code: z.string().min(1).max(256).optional(),
  error: z.string().max(64).optional(),
  error_description: z.string().max(500).optional(),
});
/** The consent form: its token, and the number picked (Allow) or none (Deny). Anything else is ignored. */
const answerForm = z.object({
  token: z.string().max(64).optional(),
  number: z
    .string()
    .regex(/^\d{2}$/)
    .transform(Number)
    .optional(),
});

const FINAL: Partial<Record<CheckStatus, { title: PageTextId; text: PageTextId }>> = {
  verified: { title: 'pc_verified_title', text: 'pc_verified_text' },
  denied: { title: 'pc_denied_title', text: 'pc_denied_text' },
  expired: { title: 'pc_expired_title', text: 'pc_expired_text' },
};

/** A page for the person holding the phone, in their browser's language, with the operator's branding. */
function phonePage(
  c: Context,
  config: Config,
  status: 200 | 400 | 403 | 404 | 410 | 413,
  words: (text: PageText) => { title: string; body: Html },
  csp?: { formAction: string[] },
) {
  const pages = providerPages(config);
  const text = pages.text({ acceptLanguage: c.req.header('accept-language') });
  const { title, body } = words(text);
  c.header('Content-Security-Policy', pages.csp(csp));
  return c.html(
    pages.render(text, { title, body: html`<p class="brand">${text.t('phone_check')}</p>${body}` }),
    status,
  );
}

/** A page with a title and its heading (the same words, or a longer heading), and paragraphs under them. */
const said =
  (title: PageTextId, heading: PageTextId, ...paragraphs: (PageTextId | Html)[]) =>
  (t: PageText) => ({
    title: t.s(title),
    body: html`<h1>${t.t(heading)}</h1>${paragraphs.map((p) => html`<p>${typeof p === 'string' ? t.t(p) : p}</p>`)}`,
  });

export function phoneCheckRoutes(engine: FlowEngine, method: PhoneCheckMethod, checkApiBaseUrl: string): Hono {
  // Allow answers with a redirect to tru.ID's check_url, and CSP's form-action governs that redirect too.
  const consentCsp = { formAction: [new URL(checkApiBaseUrl).origin] };
  const config = engine.deps.config;
  const app = new Hono();
  const gone = (c: Context) =>
    phonePage(c, config, 410, said('pc_link_expired_title', 'pc_link_expired_heading', 'pc_link_expired_text'));
  const linkOf = (c: Context) => (link.safeParse(c.req.param('link')).success ? c.req.param('link')! : undefined);
  // One guard per issuer and key; both come with every flow's context and never change while running.
  let guard: ConsentGuard | undefined;
  const guardFor = (ctx: MethodContext) =>
    (guard ??= consentGuard(ctx.deps.config.issuer, ctx.deps.sealer.derive('phonecheck consent')));

  const outcomePage = (c: Context, status: CheckStatus, reason: string | undefined) => {
    const final = FINAL[status];
    if (final) return phonePage(c, config, 200, said(final.title, final.title, final.text));
    // The reason is the method's own words (English), as the other screen shows it too.
    return phonePage(
      c,
      config,
      200,
      said('pc_not_verified', 'pc_not_verified', html`${reason ?? reasonFor(undefined)}`, 'pc_try_again'),
    );
  };
  const notWaiting = (c: Context) =>
    phonePage(c, config, 400, said('pc_not_waiting_title', 'pc_not_waiting_heading', 'pc_not_waiting_text'));

  app.get('/:link', async (c) => {
    const id = linkOf(c);
    const ctx = id && (await engine.linked(id));
    const state = ctx && method.phone.state(ctx);
    if (!id || !ctx || !state) return gone(c);
    if (state.status !== 'waiting' || !state.choices) return outcomePage(c, state.status, state.reason);
    const text = providerPages(config).text({ acceptLanguage: c.req.header('accept-language') });
    const view = consentPage(
      {
        link: id,
        token: guardFor(ctx).issue(c, { link: id, checkId: state.checkId }),
        clientName: ctx.client.client_name ?? ctx.client.client_id,
        phone: maskPhone(state.phone, { country: false }),
        device: describeUserAgent(ctx.flow.userAgent),
        startedAt: ctx.flow.createdAt,
        now: ctx.deps.clock(),
        network: coarseNetwork(ctx.flow.ip),
        choices: state.choices,
      },
      text,
    );
    return phonePage(c, config, 200, () => view, consentCsp);
  });

  // An answer: the link's flow, and proof that the consent page this browser was shown sent it; else a
  // refusal that changes nothing. A forged answer is audited: someone tried to approve for this phone.
  const limit = bodyLimit({
    maxSize: 2048,
    onError: (c) => phonePage(c, config, 413, said('pc_too_large_title', 'pc_too_large_heading')),
  });
  const answer =
    (handle: (c: Context, id: string, number: number | undefined) => Promise<Response>) => async (c: Context) => {
      const id = linkOf(c);
      const ctx = id && (await engine.linked(id));
      const state = ctx && method.phone.state(ctx);
      if (!id || !ctx || !state) return gone(c);
      const form = answerForm.safeParse(await c.req.parseBody().catch(() => ({})));
      const refusal = guardFor(ctx).refusal(
        c,
        { link: id, checkId: state.checkId },
        form.success ? form.data.token : undefined,
      );
      if (refusal) {
        auditFlow(ctx, { event: 'auth.attempt', method: PHONECHECK_ACR, outcome: 'refused', reason: 'consent_forged' });
        ctx.deps.logger.info(
          { flow: ctx.flow.id.slice(0, 8), refusal },
          'phone check: answer not from its consent page',
        );
        return phonePage(
          c,
          config,
          403,
          said('pc_not_accepted_title', 'pc_not_accepted_heading', 'pc_not_from_page', 'pc_scan_again'),
        );
      }
      return handle(c, id, form.success ? form.data.number : undefined);
    };

  app.post(
    '/:link/allow',
    limit,
    answer(async (c, id, number) => {
      if (number === undefined)
        return phonePage(c, config, 400, said('pc_choose_title', 'pc_choose_title', 'pc_choose_text'));
      const allowed = await engine.updateLinked(id, (linked) => method.phone.allow(linked, number));
      if (!allowed) return gone(c);
      if (!allowed.result) return notWaiting(c);
      if (allowed.result === 'mismatch') {
        return phonePage(c, config, 200, said('pc_wrong_title', 'pc_wrong_heading', 'pc_wrong_text', 'pc_wrong_retry'));
      }
      return c.redirect(allowed.result.checkUrl, 303);
    }),
  );

  app.post(
    '/:link/deny',
    limit,
    answer(async (c, id) => {
      const denied = await engine.updateLinked(id, (ctx) => method.phone.deny(ctx));
      if (!denied) return gone(c);
      if (!denied.result) return notWaiting(c);
      return outcomePage(c, 'denied', undefined);
    }),
  );

  // tru.ID's redirect_url: ?check_id&code, or ?check_id&error&error_description.
  app.get('/:link/done', async (c) => {
    const id = linkOf(c);
    const query = redirectQuery.safeParse(c.req.query());
    const ctx = id && (await engine.linked(id));
    if (!id || !ctx) return gone(c);
    const state = method.phone.state(ctx);
    if (!query.success || !state || state.checkId !== query.data.check_id || (!query.data.code && !query.data.error)) {
      // A check id that is not this flow's own (forged, or another flow's) changes nothing.
      auditFlow(ctx, { event: 'auth.attempt', method: PHONECHECK_ACR, outcome: 'refused', reason: 'foreign_check' });
      return phonePage(c, config, 400, said('pc_unknown_title', 'pc_unknown_heading', 'pc_unknown_text'));
    }
    const outcome = query.data.error
      ? {
          status: 'failed' as const,
          reason: reasonFor(query.data.error),
          offerFallback: NETWORK_REASONS.has(query.data.error),
        }
      : state.status === 'verifying'
        ? await method.phone.redeem(state.checkId, query.data.code!)
        : undefined;
    if (!outcome) return outcomePage(c, state.status, state.reason);
    const applied = await engine.updateLinked(id, (linked) =>
      method.phone.finish(linked, query.data.check_id, outcome),
    );
    if (!applied?.result) return gone(c);
    return outcomePage(c, outcome.status, outcome.reason);
  });

  return app;
}
