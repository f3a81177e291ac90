// The e-mail of a notice, in the wording of its language: what changed (which factor and its name, which
// number or address, masked), when (UTC), who did it (the browser, IP address and application of a
// sign-in, or an administrator), and what to do if it was not the owner. Plain text, and the same in
// simple HTML. Nothing secret goes in: no code, no seed, no link that signs in.
import { summarizeUserAgent } from '../user-agents.js';
import { maskPhone } from '../phone-numbers.js';
import { html } from '../http/html.js';
import type { AccountNotice } from './types.js';
import type { Wording } from './wording/index.js';
import { maskEmail, oneLine, utcMinute } from './shown-facts.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The account as the notice shows it: its name, and its phone and address after the change. */
export interface NoticeAccount {
  username: string;
  email: string | null;
  phone: string | null;
}

/** The "this wasn't me" path's settings: notifications.contact, notifications.reset_url, and the issuer. */
export interface WhatToDo {
  contact: string | undefined;
  resetUrl: string | undefined;
  /** The provider's address, named in the last line ('': that line is left out). */
  issuer: string;
}

/** What changed, as rows of the mail's table (before "When"). */
function changeRows(notice: AccountNotice, account: NoticeAccount, w: Wording): [string, string][] {
  switch (notice.kind) {
    case 'factor_added':
    case 'factor_removed': {
      const name = w.factors[notice.factor ?? 'other'].mail;
      const label = notice.label ? oneLine(notice.label, 64) : '';
      return [[w.rows.factor, label ? `${name} "${label}"` : name]];
    }
    case 'phone_changed':
      return [
        [w.rows.phone, account.phone ? maskPhone(account.phone) : w.none],
        ...(notice.previousPhone ? [[w.rows.previousPhone, maskPhone(notice.previousPhone)] as [string, string]] : []),
      ];
    case 'email_changed':
      return [
        [w.rows.email, account.email ? maskEmail(account.email) : w.none],
        ...(notice.previousEmail ? [[w.rows.previousEmail, maskEmail(notice.previousEmail)] as [string, string]] : []),
      ];
    case 'recovery_code_used':
      return notice.remaining === undefined ? [] : [[w.rows.codesLeft, String(notice.remaining)]];
    case 'recovery_codes_regenerated':
      return notice.count === undefined ? [] : [[w.rows.codes, String(notice.count)]];
    default:
      return [];
  }
}

/** Who made the change: the sign-in's browser, address and application, or an administrator. */
function actorRows(notice: AccountNotice, w: Wording): [string, string][] {
  const by = notice.by;
  if (by.type === 'administrator') return [[w.rows.by, w.administrator]];
  return [
    [w.rows.browser, w.browser(summarizeUserAgent(by.userAgent))],
    [w.rows.ip, oneLine(by.ip, 64) || w.unknown],
    [w.rows.application, oneLine(by.clientName, 100)],
  ];
}

export function noticeMail(notice: AccountNotice, account: NoticeAccount, w: Wording, todo: WhatToDo): MailContent {
  const words = w.kinds[notice.kind];
  const rows: [string, string][] = [
    ...changeRows(notice, account, w),
    [w.rows.when, utcMinute(notice.at)],
    ...actorRows(notice, w),
  ];
  const pad = Math.max(16, ...rows.map(([name]) => name.length + 2));
  const first = notice.kind === 'factor_added' && notice.firstFactor ? w.firstFactor : undefined;
  const threat = notice.by.type === 'administrator' ? w.adminThreat : words.threat;
  const contact = todo.contact ? oneLine(todo.contact, 200) : undefined;
  const ifNot = `${threat} ${w.nextSteps({ kind: notice.kind, contact, resetUrl: todo.resetUrl })}`;
  const footer = todo.issuer ? w.footer(todo.issuer) : undefined;
  const username = oneLine(account.username, 64);

  const text = [
    w.hello(username),
    '',
    words.lead,
    '',
    ...rows.map(([name, value]) => `  ${`${name}:`.padEnd(pad)}${value}`),
    '',
    ...(first ? [first, ''] : []),
    w.ifYou,
    '',
    ifNot,
    '',
    ...(footer ? ['-- ', footer] : []),
    '',
  ].join('\n');

  // Arabic reads right to left: the page, and so the names column of the table, which starts on the right.
  const align = w.dir === 'rtl' ? 'right' : 'left';
  const body = html`<!doctype html><html lang="${w.lang}" dir="${w.dir ?? 'ltr'}"><body>
<p>${w.hello(username)}</p>
<p>${words.lead}</p>
<table>${rows.map(([name, value]) => html`<tr><th align="${align}">${name}</th><td>${value}</td></tr>`)}</table>
${first ? html`<p>${first}</p>` : ''}
<p>${w.ifYou}</p>
<p><strong>${ifNot}</strong></p>
${footer ? html`<p><small>${footer}</small></p>` : ''}
</body></html>`;
  return { subject: words.subject, text, html: body.value };
}
