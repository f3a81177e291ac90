// The phone's side of a tru.ID phone check: the short link in the QR code opens a consent page; Allow sends
// the phone to tru.ID's check_url (over mobile data), and tru.ID sends it back here with a code that we
// redeem. Every page answers the person holding the phone; the desktop follows along through its flow.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { FlowEngine } from '../flow/engine.js';
import type { CheckStatus, PhoneCheckMethod } from '../methods/phonecheck/method.js';
import { reasonFor, NETWORK_REASONS } from '../methods/phonecheck/method.js';
import { maskPhone } from '../phone-numbers.js';
import { auditFlow } from '../methods/attempt.js';
import { html, page, pageCsp, type Html } from './html.js';

const link = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const redirectQuery = z.object({
  check_id: z.string().min(1).max(64),
  code: z.string().min(1).max(256).optional(),
  error: z.string().max(64).optional(),
  error_description: z.string().max(500).optional(),
});

const FINAL: Partial<Record<CheckStatus, { title: string; text: string }>> = {
  verified: { title: 'Verified', text: 'Verified — you can close this page and go back to the other screen.' },
  denied: { title: 'Denied', text: 'You denied the request. The sign-in on the other screen has stopped. You can close this page.' },
  expired: { title: 'Expired', text: 'This check expired. Ask for a new code on the other screen.' },
};

function phonePage(c: Context, status: 200 | 400 | 404 | 410, title: string, body: Html) {
  return c.html(page({ title, body: html`<p class="brand">Phone check</p>${body}` }), status);
}

export function phoneCheckRoutes(engine: FlowEngine, method: PhoneCheckMethod, truIdBaseUrl: string): Hono {
  // Allow answers with a redirect to tru.ID's check_url, and CSP's form-action governs that redirect too.
  const consentCsp = pageCsp({ formAction: [new URL(truIdBaseUrl).origin] });
  const app = new Hono();
  const gone = (c: Context) => phonePage(c, 410, 'Link expired', html`<h1>This link has expired</h1><p>Ask for a new code on the other screen.</p>`);
  const linkOf = (c: Context) => (link.safeParse(c.req.param('link')).success ? c.req.param('link')! : undefined);

  const outcomePage = (c: Context, status: CheckStatus, reason: string | undefined) => {
    const final = FINAL[status];
    if (final) return phonePage(c, 200, final.title, html`<h1>${final.title}</h1><p>${final.text}</p>`);
    return phonePage(c, 200, 'Not verified', html`<h1>Not verified</h1><p>${reason ?? reasonFor(undefined)}</p><p>You can close this page and try again from the other screen.</p>`);
  };

  app.get('/:link', async (c) => {
    const id = linkOf(c);
    const opened = id && (await engine.updateLinked(id, (ctx) => method.phone.opened(ctx)));
    if (!opened || !opened.result) return gone(c);
    const { result: state, client } = opened;
    if (state.status !== 'waiting' && state.status !== 'opened') return outcomePage(c, state.status, state.reason);
    const name = client.client_name ?? client.client_id;
    c.header('Content-Security-Policy', consentCsp);
    return phonePage(
      c,
      200,
      `Confirm your number for ${name}`,
      html`<h1>Confirm your number</h1>
<p><strong>${name}</strong> wants to confirm that this phone has the number <strong dir="ltr">${maskPhone(state.phone, { country: false })}</strong>.</p>
<p>Keep WiFi off so the check runs over mobile data. Your mobile network will confirm the number; nothing else is shared.</p>
<form method="post" class="actions">
<button class="primary" type="submit" formaction="/pc/${id}/allow">Allow</button>
<button type="submit" formaction="/pc/${id}/deny">Deny</button>
</form>`,
    );
  });

  app.post('/:link/allow', async (c) => {
    const id = linkOf(c);
    const allowed = id && (await engine.updateLinked(id, (ctx) => method.phone.allow(ctx)));
    if (!allowed) return gone(c);
    if (!allowed.result) return phonePage(c, 400, 'Not waiting', html`<h1>This check is not waiting for you</h1><p>It was already answered or has expired.</p>`);
    return c.redirect(allowed.result, 303);
  });

  app.post('/:link/deny', async (c) => {
    const id = linkOf(c);
    const denied = id && (await engine.updateLinked(id, (ctx) => method.phone.deny(ctx)));
    if (!denied) return gone(c);
    return outcomePage(c, 'denied', undefined);
  });

  // tru.ID's redirect_url: ?check_id&code, or ?check_id&error&error_description.
  app.get('/:link/done', async (c) => {
    const id = linkOf(c);
    const query = redirectQuery.safeParse(c.req.query());
    const ctx = id && (await engine.linked(id));
    if (!id || !ctx) return gone(c);
    const state = method.phone.state(ctx);
    if (!query.success || !state || state.checkId !== query.data.check_id || (!query.data.code && !query.data.error)) {
      // A check id that is not this flow's own (forged, or another flow's) changes nothing.
      auditFlow(ctx, { event: 'auth.attempt', method: 'tru_id', outcome: 'refused', reason: 'foreign_check' });
      return phonePage(c, 400, 'Unknown check', html`<h1>This check does not belong to this sign-in</h1><p>Start again from the other screen.</p>`);
    }
    const outcome = query.data.error
      ? { status: 'failed' as const, reason: reasonFor(query.data.error), offerFallback: NETWORK_REASONS.has(query.data.error) }
      : state.status === 'verifying'
        ? await method.phone.redeem(state.checkId, query.data.code!)
        : undefined;
    if (!outcome) return outcomePage(c, state.status, state.reason);
    const applied = await engine.updateLinked(id, (linked) => method.phone.finish(linked, query.data.check_id, outcome));
    if (!applied?.result) return gone(c);
    return outcomePage(c, outcome.status, outcome.reason);
  });

  return app;
}
