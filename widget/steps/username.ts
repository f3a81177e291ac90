// The username; with `passkey` (and WebAuthn in the browser), "Sign in with a passkey" too, and autofill.
import { nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';
import type { StepModule } from './index.js';

/** Autofill (conditional mediation), again after each answer (a fresh challenge; see WebAuthn.passkey). */
const passkey = (h: GluuLogin) => h.wa.passkey();

export const username: StepModule<Extract<Step, { kind: 'username' }>> = {
  render(h, s) {
    const name = s.client?.name;
    return h.form(
      name ? h.t('sign_in_to', { client: name }) : h.t('sign_in'),
      h.input(s, 'username', 'username', 'text', 'username webauthn'),
      'continue',
      h.wa.options() ? h.button('pk', () => h.wa.passkey(true)) : nothing,
    );
  },
  answer: passkey,
  resume: passkey,
};
