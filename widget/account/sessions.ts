// The sessions section (each browser or app signed in, this one marked; sign out one, or all but this one)
// and the trusted browsers section (until when each skips the second step; stop trusting one).
import { html, nothing } from 'lit';
import type { AccountOverview } from '../../wire/account-api.js';
import type { AccountChange, GluuAccount, Place } from '../gluu-account.js';
import type { AccountMessageId } from './messages.js';
import { agoOf, dateOf } from './dates.js';

export function sessions(a: GluuAccount, o: AccountOverview) {
  const others = o.sessions.some((s) => !s.current);
  return a.section(
    'sessions',
    'sessions',
    html`<ul part="list" class="ls">${o.sessions.map((s, i) => {
      const id = `${a.uid}s${i}`;
      return html`<li part="session" class="it">
        <h3 part="session-device" id=${id}>${s.device}${
          s.current ? html` <span part="badge" class="bd">${a.t('this_browser')}</span>` : nothing
        }</h3>
        <p part="hint" class="hint">${a.t('signed_in', { when: agoOf(a.lang, s.signed_in_at) })} ·
          ${ltr(a.t('network_at'), '{network}', s.network)}</p>
        ${s.apps.length ? html`<p part="hint" class="hint">${a.t('apps', { apps: s.apps.join(', ') })}</p>` : nothing}
        ${
          s.current
            ? nothing
            : html`<div part="actions" class="row">${a.button(
                'sign_out',
                () => end(a, 'sessions', `/sessions/${encodeURIComponent(s.id)}`, 'session_ended', 'signed_out'),
                0,
                id,
              )}</div>`
        }
      </li>`;
    })}</ul>
    ${
      others
        ? html`<div part="actions" class="row">${a.button('sign_out_others', () =>
            end(a, 'sessions', '/sessions', 'sessions_ended', 'signed_out'),
          )}</div>`
        : nothing
    }`,
  );
}

/** Absent where the provider does not offer trusted browsers. */
export function trusted(a: GluuAccount, o: AccountOverview) {
  const lang = a.lang;
  const list = o.trusted_browsers;
  if (!list) return nothing;
  return a.section(
    'trusted',
    'trusted',
    list.length
      ? html`<ul part="list" class="ls">${list.map((b, i) => {
          const id = `${a.uid}t${i}`;
          return html`<li part="session" class="it">
            <h3 part="session-device" id=${id}>${b.device}</h3>
            <p part="hint" class="hint">${a.t('trusted_at', {
              date: dateOf(lang, b.trusted_at),
              until: dateOf(lang, b.expires_at),
            })}</p>
            <div part="actions" class="row">${a.button(
              'forget',
              () =>
                end(
                  a,
                  'trusted',
                  `/trusted-browsers/${encodeURIComponent(b.id)}`,
                  'trusted_browser_removed',
                  'forgotten',
                ),
              0,
              id,
            )}</div>
          </li>`;
        })}</ul>`
      : html`<p part="hint" class="hint">${a.t('no_trusted')}</p>`,
  );
}

/** `text` with `value` in place of `slot`, kept left-to-right (a network, a number) in any language. */
function ltr(text: string, slot: string, value: string) {
  const [before, after] = text.split(slot);
  return html`${before}<span dir="ltr">${value}</span>${after}`;
}

/** Ends a session (or all others) or a trust; focus goes to the section's heading, the list having changed. */
async function end(a: GluuAccount, at: Place, path: string, what: AccountChange, said: AccountMessageId) {
  if (await a.change(at, 'DELETE', path)) {
    a.focusLater(`#${a.uid}${at}`);
    a.changed(what, a.t(said));
  }
}
