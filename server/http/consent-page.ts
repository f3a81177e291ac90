// The phone-check consent page: it says plainly that a sign-in on ANOTHER device is being approved, which
// one (its browser, when it started, its network), and asks for the number that device shows. The three
// numbers are the approve buttons; Deny stops the sign-in. No script, so it works under the pages' CSP.
import { html, type Html } from './html.js';

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

/** "just now", "3 minutes ago": the sign-in is minutes old at most, and the phone's time zone is unknown here. */
export function startedAgo(startedAt: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - startedAt) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes >= 60) return 'over an hour ago';
  return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
}

export function consentPage(view: ConsentView): { title: string; body: Html } {
  const title = `Approve a sign-in to ${view.clientName} on another device`;
  return {
    title,
    body: html`<h1>${title}</h1>
<p>Someone is signing in to <strong>${view.clientName}</strong> with your account on another device,
and this phone is asked to approve it. Approve only if it is you.</p>
<dl class="request">
<dt>Device</dt><dd>${view.device}</dd>
<dt>Started</dt><dd><time datetime="${new Date(view.startedAt).toISOString()}">${startedAgo(
      view.startedAt,
      view.now,
    )}</time></dd>
<dt>Network</dt><dd dir="ltr">${view.network ?? 'unknown'}</dd>
</dl>
<form method="post" action="/pc/${view.link}/allow">
<input type="hidden" name="token" value="${view.token}">
<fieldset>
<legend>To approve, choose the number the other device shows</legend>
<div class="actions">
${view.choices.map((n) => html`<button type="submit" name="number" value="${n}">${n}</button>`)}
</div>
</fieldset>
<p>Your mobile network then confirms that this phone has the number <strong dir="ltr">${view.phone}</strong>:
keep WiFi off so the check runs over mobile data. Nothing else is shared.</p>
<div class="actions">
<button type="submit" formaction="/pc/${view.link}/deny">Deny</button>
</div>
</form>`,
  };
}
