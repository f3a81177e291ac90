// The phone-check consent page: it says plainly that a sign-in on ANOTHER device is being approved, which
// one (its browser, when it started, its network), and asks for the number that device shows. The three
// numbers are the approve buttons; Deny stops the sign-in. No script, so it works under the pages' CSP.
import { html, type Html } from './html.js';
import { type PageText, pageText, startedAgo as startedAgoIn } from './page-text.js';

export interface ConsentView {
  link: string;
  /** The form's token (see consent-guard.ts). */
  token: string;
  clientName: string;
  /** The account's number, masked. */
  phone: string;
  /** "Chrome on Windows". */
  device: string;
  startedAt: number;
  now: number;
  /** Coarsened, e.g. 203.0.113.x; absent when unknown. */
  network: string | undefined;
  /** The number match's choices, in the order to show them. */
  choices: number[];
}

/** "just now", "3 minutes ago" in English: the sign-in is minutes old at most, the phone's time zone unknown. */
export function startedAgo(startedAt: number, now: number): string {
  return startedAgoIn(pageText('en'), startedAt, now);
}

export function consentPage(view: ConsentView, text: PageText = pageText('en')): { title: string; body: Html } {
  const title = text.s('consent_title', { client: view.clientName });
  return {
    title,
    body: html`<h1>${title}</h1>
<p>${text.t('consent_intro', { client: html`<strong>${view.clientName}</strong>` })}</p>
<dl class="request">
<dt>${text.t('consent_device')}</dt><dd>${view.device}</dd>
<dt>${text.t('consent_started')}</dt><dd><time datetime="${new Date(view.startedAt).toISOString()}">${startedAgoIn(
      text,
      view.startedAt,
      view.now,
    )}</time></dd>
<dt>${text.t('consent_network')}</dt><dd dir="ltr">${view.network ?? text.s('consent_network_unknown')}</dd>
</dl>
<form method="post" action="/pc/${view.link}/allow">
<input type="hidden" name="token" value="${view.token}">
<fieldset>
<legend>${text.t('consent_choose')}</legend>
<div class="choices">
${view.choices.map((n) => html`<button type="submit" name="number" value="${n}">${n}</button>`)}
</div>
</fieldset>
<p>${text.t('consent_phone', { phone: html`<strong dir="ltr">${view.phone}</strong>` })}</p>
<div class="actions">
<button type="submit" formaction="/pc/${view.link}/deny">${text.t('consent_deny')}</button>
</div>
</form>`,
  };
}
