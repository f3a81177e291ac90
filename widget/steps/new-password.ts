// A forgotten password's new one, once the address (and a second factor, if the account has one) is proven.
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const newPassword: StepModule<Extract<Step, { kind: 'new_password' }>> = {
  render: (h, s, step) =>
    h.form(
      h.t('new_pw_heading'),
      html`<p part="hint" class="hint" id=${`${h.uid}h`}>${h.t('new_pw_hint', { n: step.min_length })}</p>
        ${h.input(s, 'password', 'new_password', 'password', 'new-password', 0, true)}`,
      'save_password',
    ),
};
