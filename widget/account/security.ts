// The recovery codes section (how many are left; a new set, shown once with Copy) and the password form.
import { html, nothing } from 'lit';
import type { AccountOverview, RecoveryCodesIssued } from '../../wire/account-api.js';
import type { GluuAccount } from '../gluu-account.js';

/** The least length the password form asks for when the overview names none (the provider's default). */
const MIN_PASSWORD = 8;

export function codes(a: GluuAccount, o: AccountOverview) {
  const left = o.recovery_codes?.left;
  if (left === undefined && !a.codes) return nothing;
  const shown = a.codes;
  return a.section(
    'codes',
    'codes',
    shown
      ? html`<p part="text" id=${`${a.uid}cs`} tabindex="-1">${a.t('codes_shown')}</p>
          <ol part="codes" class="codes" dir="ltr">${shown.map((c) => html`<li><code>${c}</code></li>`)}</ol>
          <div part="actions" class="row">
            ${a.button('copy_codes', () => copy(a, shown))}
            ${a.button('codes_kept', () => kept(a), 1)}
          </div>`
      : html`<p part="text">${left ? a.t('codes_left', { n: left }) : a.t('codes_none')}</p>
          <p part="hint" class="hint" id=${`${a.uid}ch`}>${a.t('codes_hint')}</p>
          <div part="actions" class="row">${a.button('new_codes', () => issue(a), 0, `${a.uid}ch`)}</div>`,
  );
}

async function issue(a: GluuAccount): Promise<void> {
  const b = (await a.change('codes', 'POST', '/recovery-codes')) as RecoveryCodesIssued | undefined;
  if (b?.codes) {
    a.codes = b.codes;
    a.focusLater(`#${a.uid}cs`);
    a.changed('recovery_codes', '');
  }
}

/** Copies the codes; where the clipboard is refused, selects them for the user to copy. */
async function copy(a: GluuAccount, list: string[]): Promise<void> {
  try {
    await navigator.clipboard.writeText(`${list.join('\n')}\n`);
    a.status = { at: 'codes', text: a.t('copied') };
    a.requestUpdate();
  } catch {
    getSelection()?.selectAllChildren(a.renderRoot.querySelector('ol')!);
  }
}

function kept(a: GluuAccount): void {
  a.codes = undefined;
  a.status = undefined;
  a.focusLater(`[aria-describedby="${a.uid}ch"]`);
  a.requestUpdate();
}

export function password(a: GluuAccount, o: AccountOverview) {
  const id = `${a.uid}pw`;
  const min = o.password?.min_length ?? MIN_PASSWORD;
  const bad = a.error?.at === 'password';
  return a.section(
    'password',
    'password',
    html`<form part="form" @submit=${(e: SubmitEvent) => change(a, e)}>
      <input hidden autocomplete="username" name="username" .value=${o.user.username} />
      <div part="field">
        <label part="label" for=${id}>${a.t('new_password')}</label>
        <input part="input" id=${id} name="password" type="password" autocomplete="new-password" required
          minlength=${min} aria-invalid=${bad ? 'true' : nothing}
          aria-describedby=${`${id}h${bad ? ` ${a.uid}e` : ''}`} />
      </div>
      <p part="hint" class="hint" id=${`${id}h`}>${a.t('password_hint', { n: min })}</p>
      <button type="submit" part="button primary-button" class="pb">
        ${a.t('change_password')}
      </button>
    </form>`,
  );
}

async function change(a: GluuAccount, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const value = String(new FormData(form).get('password') ?? '');
  if (await a.change('password', 'POST', '/password', { password: value })) {
    form.reset();
    a.changed('password', a.t('password_changed'));
  }
}
