// A passkey or security key: `authenticate` ("Continue"; started by itself once, on entering) or `register`
// ("Create a passkey", only on request; "Not now" when `skip` is offered). Passwordless after a typed
// username offers `change_username` ("Use another account").
import { html, nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import { supported } from '../controllers/webauthn.js';
import type { StepModule } from './index.js';

export const webauthn: StepModule<Extract<Step, { kind: 'webauthn' }>> = {
  render(h, s, step) {
    const reg = step.mode === 'register';
    return h.form(
      h.t(reg ? 'wa_reg' : 'wa_auth'),
      html`<p part="text">${h.t(reg ? 'wa_reg_hint' : 'wa_auth_hint')}</p>
        ${h.wa.press ? html`<p part="hint" class="hint">${h.t('wa_press')}</p>` : nothing}`,
      undefined,
      html`${
        s.actions.submit && supported()
          ? h.button(reg ? 'wa_create' : 'continue', () => h.wa.ceremony(step), true)
          : nothing
      }
      ${s.actions.skip ? h.button('not_now', () => h.act('skip')) : nothing}
      ${s.actions.change_username ? h.button('other_user', () => h.act('change_username')) : nothing}`,
    );
  },
  // authenticate: the ceremony starts by itself once; register only when asked.
  enter: (h, _s, step) => step.mode === 'authenticate' && h.wa.ceremony(step, true),
  answer: (h, s) => supported() || s.error || h.local('wa_none'),
  // Its primary button ("Continue", "Create a passkey").
  focus: '.pb',
};
