// The notice to an address that an account no longer uses: which address took its place (masked), when,
// from which browser and address, for which application, and what to do if it was not the owner. It holds
// no code and no link. The new address hears of it through the factor-bound notice.
import { html } from '../../http/html.js';
import { type MailContent, oneLine, utcMinute } from '../../notifications/factor-bound-text.js';
import { describeUserAgent } from '../../user-agents.js';

export const EMAIL_CHANGED_SUBJECT = 'The e-mail address of your account was changed';

export interface EmailChangedNotice {
  /** The new address, masked. */
  added: string;
  at: number;
  ip: string;
  userAgent?: string;
  clientName: string;
  /** notifications.contact */
  contact?: string;
}

export function emailChangedMail(notice: EmailChangedNotice): MailContent {
  const turnTo = notice.contact ? oneLine(notice.contact, 200) : 'your administrator';
  const rows: [string, string][] = [
    ['New address', oneLine(notice.added, 100)],
    ['When', utcMinute(notice.at)],
    ['Browser', describeUserAgent(notice.userAgent)],
    ['IP address', oneLine(notice.ip, 64) || 'unknown'],
    ['Application', oneLine(notice.clientName, 100)],
  ];
  const lead = 'The e-mail address of your account was changed: sign-in codes and notices now go to the new one.';
  const ifYou = 'If this was you, there is nothing to do.';
  const ifNot =
    'If it was not you, someone who can sign in as you changed it. ' +
    `Change your password now and contact ${turnTo}.`;
  const text = [
    'Hello,',
    '',
    lead,
    '',
    ...rows.map(([k, v]) => `  ${`${k}:`.padEnd(16)}${v}`),
    '',
    ifYou,
    '',
    ifNot,
    '',
  ].join('\n');
  const body = html`<!doctype html><html><body>
<p>Hello,</p>
<p>${lead}</p>
<table>${rows.map(([k, v]) => html`<tr><th align="left">${k}</th><td>${v}</td></tr>`)}</table>
<p>${ifYou}</p>
<p><strong>${ifNot}</strong></p>
</body></html>`;
  return { subject: EMAIL_CHANGED_SUBJECT, text, html: body.value };
}
