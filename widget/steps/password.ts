// The password, under the username ("Not you?"), with the username in a hidden field for password managers.
import { html, nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import { safeUrl } from '../safe-url.js';
import type { StepModule } from './index.js';

/** `PasswordCredential` (Chromium; not in TypeScript's DOM types): lets the browser offer to save a password. */
declare const PasswordCredential: new (data: { id: string; password: string; name: string }) => Credential;

export const password: StepModule<Extract<Step, { kind: 'password' }>> = {
  render(h, s, step) {
    const reg = step.registration_uri && safeUrl(step.registration_uri, h.issuer);
    return h.form(
      h.t('password_heading'),
      html`${step.changed ? html`<p part="hint" class="hint">${h.t('pw_changed')}</p>` : nothing}
        <div part="identity-box" class="id">
          <span part="identity" dir="auto">${step.username}</span>
          ${s.actions.change_username ? h.button('not_you', () => h.act('change_username')) : nothing}
        </div>
        <input class="vh" type="text" name="username" autocomplete="username" .value=${step.username}
          readonly tabindex="-1" aria-hidden="true" />
        ${h.input(s, 'password', 'password', 'password', 'current-password')}`,
      'sign_in_button',
      html`${s.actions.forgot_password ? h.button('forgot', () => h.act('forgot_password')) : nothing}
      ${reg ? html`<p part="text" class="c"><a part="link" href=${reg}>${h.t('create_account')}</a></p>` : nothing}`,
    );
  },
  // The password was right: the browser may offer to save it (never awaited; not every browser can).
  leave(h, step, next) {
    const password = h.sent()?.inputs?.password;
    if (next.error || !password) return;
    try {
      const id = step.username;
      navigator.credentials.store(new PasswordCredential({ id, password: String(password), name: id })).catch(() => {});
    } catch {
      // no PasswordCredential: the browser's own heuristics (a <form> with a submit button) remain
    }
  },
};
