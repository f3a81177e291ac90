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
import { html, page, pageCsp, type Html } from '../../http/html.js';
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

const FINAL: Partial<Record<CheckStatus, { title: string; text: string }>> = {
  verified: { title: 'Verified', text: 'Verified — you can close this page and go back to the other screen.' },
  denied: {
    title: 'Denied',
    text: 'You denied the request. The sign-in on the other screen has stopped. You can close this page.',
  },
  expired: { title: 'Expired', text: 'This check expired. Ask for a new code on the other screen.' },
};

const TRY_AGAIN = html`<p>You can close this page and try again from the other screen.</p>`;
const NOT_FROM_PAGE = [
  html`<p>It did not come from the page this phone was shown, so nothing was approved or denied.</p>`,
  html`<p>To answer, scan the QR code on the other screen again with this phone.</p>`,
];
const WRONG_NUMBER = [
  html`<p>The number you chose is not the one the other screen shows, so that sign-in was stopped.</p>`,
  html`<p>If it was you, start again on the other screen and choose the number it shows.</p>`,
];

function phonePage(c: Context, status: 200 | 400 | 403 | 404 | 410 | 413, title: string, body: Html) {
  return c.html(page({ title, body: html`<p class="brand">Phone check</p>${body}` }), status);
}

export function phoneCheckRoutes(engine: FlowEngine, method: PhoneCheckMethod, checkApiBaseUrl: string): Hono {
  // Allow answers with a redirect to tru.ID's check_url, and CSP's form-action governs that redirect too.
  const consentCsp = pageCsp({ formAction: [new URL(checkApiBaseUrl).origin] });
  const app = new Hono();
  const gone = (c: Context) =>
    phonePage(
      c,
      410,
      'Link expired',
      html`<h1>This link has expired</h1><p>Ask for a new code on the other screen.</p>`,
    );
  const linkOf = (c: Context) => (link.safeParse(c.req.param('link')).success ? c.req.param('link')! : undefined);
  // One guard per issuer and key; both come with every flow's context and never change while running.
  let guard: ConsentGuard | undefined;
  const guardFor = (ctx: MethodContext) =>
    (guard ??= consentGuard(ctx.deps.config.issuer, ctx.deps.sealer.derive('phonecheck consent')));

  const outcomePage = (c: Context, status: CheckStatus, reason: string | undefined) => {
    const final = FINAL[status];
    if (final) return phonePage(c, 200, final.title, html`<h1>${final.title}</h1><p>${final.text}</p>`);
    return phonePage(
      c,
      200,
      'Not verified',
      html`<h1>Not verified</h1><p>${reason ?? reasonFor(undefined)}</p>${TRY_AGAIN}`,
    );
  };
  const notWaiting = (c: Context) =>
    phonePage(
      c,
      400,
      'Not waiting',
      html`<h1>This check is not waiting for you</h1><p>It was already answered or has expired.</p>`,
    );

  app.get('/:link', async (c) => {
    const id = linkOf(c);
    const ctx = id && (await engine.linked(id));
    const state = ctx && method.phone.state(ctx);
    if (!id || !ctx || !state) return gone(c);
    if (state.status !== 'waiting' || !state.choices) return outcomePage(c, state.status, state.reason);
    const view = consentPage({
      link: id,
      token: guardFor(ctx).issue(c, { link: id, checkId: state.checkId }),
      clientName: ctx.client.client_name ?? ctx.client.client_id,
      phone: maskPhone(state.phone, { country: false }),
      device: describeUserAgent(ctx.flow.userAgent),
      startedAt: ctx.flow.createdAt,
      now: ctx.deps.clock(),
      network: coarseNetwork(ctx.flow.ip),
      choices: state.choices,
    });
    c.header('Content-Security-Policy', consentCsp);
    return phonePage(c, 200, view.title, view.body);
  });

  // An answer: the link's flow, and proof that the consent page this browser was shown sent it; else a
  // refusal that changes nothing. A forged answer is audited: someone tried to approve for this phone.
  const limit = bodyLimit({
    maxSize: 2048,
    onError: (c) => phonePage(c, 413, 'Too large', html`<h1>This request is too large</h1>`),
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
        return phonePage(c, 403, 'Not accepted', html`<h1>This answer was not accepted</h1>${NOT_FROM_PAGE}`);
      }
      return handle(c, id, form.success ? form.data.number : undefined);
    };

  app.post(
    '/:link/allow',
    limit,
    answer(async (c, id, number) => {
      if (number === undefined)
        return phonePage(
          c,
          400,
          'Choose a number',
          html`<h1>Choose a number</h1><p>Go back and choose the number the other screen shows.</p>`,
        );
      const allowed = await engine.updateLinked(id, (linked) => method.phone.allow(linked, number));
      if (!allowed) return gone(c);
      if (!allowed.result) return notWaiting(c);
      if (allowed.result === 'mismatch') {
        return phonePage(c, 200, 'Wrong number', html`<h1>That was not the number</h1>${WRONG_NUMBER}`);
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
      return phonePage(
        c,
        400,
        'Unknown check',
        html`<h1>This check does not belong to this sign-in</h1><p>Start again from the other screen.</p>`,
      );
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
