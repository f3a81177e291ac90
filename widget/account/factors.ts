// The sign-in methods section: each factor with its kind, name and dates, an inline rename form, Remove with
// a confirm step (or why it cannot be removed), and "Add a …" for the kinds the provider offers.
import { html, nothing } from 'lit';
import type { AccountFactor, AccountOverview } from '../../wire/account-api.js';
import type { GluuAccount } from '../gluu-account.js';
import { agoOf, dateOf } from './dates.js';

export function factors(a: GluuAccount, o: AccountOverview) {
  return a.section(
    'factors',
    'factors',
    html`${
      o.factors.length
        ? html`<ul part="list" class="ls">${o.factors.map((f, i) => factor(a, f, i))}</ul>`
        : html`<p part="hint" class="hint">${a.t('no_factors')}</p>`
    }
    ${
      o.can_add.length
        ? html`<div part="actions" class="row">
            ${o.can_add.map((kind) => a.button(`add_${kind}`, () => a.add(kind)))}
          </div>`
        : nothing
    }`,
  );
}

function factor(a: GluuAccount, f: AccountFactor, i: number) {
  const id = `${a.uid}f${i}`;
  const lang = a.lang;
  const dates = [
    f.added_at === null ? '' : a.t('added', { date: dateOf(lang, f.added_at) }),
    f.last_used_at === null ? a.t('never_used') : a.t('last_used', { when: agoOf(lang, f.last_used_at) }),
  ];
  return html`<li part="factor" class="it" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && close(a, i)}>
    <h3 part="factor-name" id=${id}>${f.name}</h3>
    <p part="factor-kind" class="hint">${a.t(`k_${f.kind}`)}${
      f.detail ? html` · <span dir="ltr">${f.detail}</span>` : nothing
    }</p>
    <p part="hint" class="hint">${dates.filter(Boolean).join(' · ')}</p>
    ${a.editing === f.id ? rename(a, f, i) : a.confirming === f.id ? confirm(a, f, i) : actions(a, f, i)}
  </li>`;
}

function actions(a: GluuAccount, f: AccountFactor, i: number) {
  const id = `${a.uid}f${i}`;
  const refused = !f.removable && f.removal_refused;
  return html`${refused ? html`<p part="hint" class="hint">${refused}</p>` : nothing}
    ${
      f.renamable || f.removable
        ? html`<div part="actions" class="row">
          ${f.renamable ? a.button('rename', () => open(a, 'editing', f, `#${id}n`), 0, id) : nothing}
          ${f.removable ? a.button('remove', () => open(a, 'confirming', f, `#${id}y`), 0, id) : nothing}
        </div>`
        : nothing
    }`;
}

/** The inline rename form; Enter saves, Escape (anywhere in the item) or Cancel closes it. */
function rename(a: GluuAccount, f: AccountFactor, i: number) {
  const id = `${a.uid}f${i}`;
  const bad = a.error?.at === 'factors' && a.error.field === 'name';
  return html`<form part="form" class="rn" @submit=${(e: SubmitEvent) => save(a, f, i, e)}>
    <div part="field">
      <label part="label" for=${`${id}n`}>${a.t('rename_label', { name: f.name })}</label>
      <input part="input" id=${`${id}n`} name="name" .value=${f.name} required maxlength="64" autocomplete="off"
        aria-invalid=${bad ? 'true' : nothing} aria-describedby=${bad ? `${a.uid}e` : nothing} />
    </div>
    <div part="actions" class="row">
      <button type="submit" part="button primary-button" class="pb">${a.t('save')}</button>
      ${a.button('cancel', () => close(a, i))}
    </div>
  </form>`;
}

/** "Remove …? You will no longer be able to sign in with it." with Remove (focused) and Cancel. */
function confirm(a: GluuAccount, f: AccountFactor, i: number) {
  const q = `${a.uid}f${i}q`;
  return html`<div part="confirm" class="cf" role="group" aria-labelledby=${q}>
    <p part="text" id=${q}>${a.t('remove_confirm', { name: f.name })}</p>
    <div part="actions" class="row">
      <button type="button" part="button primary-button danger-button" class="pb dg" id=${`${a.uid}f${i}y`}
        @click=${() => remove(a, f)}>${a.t('remove')}</button>
      ${a.button('cancel', () => close(a, i))}
    </div>
  </div>`;
}

function open(a: GluuAccount, what: 'editing' | 'confirming', f: AccountFactor, focus: string): void {
  a.editing = a.confirming = undefined;
  a[what] = f.id;
  a.error = undefined;
  a.focusLater(focus);
  a.requestUpdate();
}

/** Closes the item's form or question; focus goes back to the item's first button. */
function close(a: GluuAccount, i: number): void {
  if (!a.editing && !a.confirming) return;
  a.editing = a.confirming = undefined;
  if (a.error?.at === 'factors') a.error = undefined;
  a.focusLater(`[aria-describedby="${a.uid}f${i}"]`);
  a.requestUpdate();
}

async function save(a: GluuAccount, f: AccountFactor, i: number, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const name = String(new FormData(e.target as HTMLFormElement).get('name') ?? '').trim();
  if (name === f.name) return close(a, i);
  if (await a.change('factors', 'PATCH', `/factors/${encodeURIComponent(f.id)}`, { name })) {
    close(a, i);
    a.changed('factor_renamed', a.t('renamed', { name }));
  }
}

async function remove(a: GluuAccount, f: AccountFactor): Promise<void> {
  if (await a.change('factors', 'DELETE', `/factors/${encodeURIComponent(f.id)}`)) {
    a.confirming = undefined;
    a.focusLater(`#${a.uid}factors`);
    a.changed('factor_removed', a.t('removed', { name: f.name }));
  }
}
