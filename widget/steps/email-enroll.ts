// Adding an e-mail address: typed, then confirmed by the code sent to it (the email_code step).
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const emailEnroll: StepModule<Extract<Step, { kind: 'email_enroll' }>> = {
  render: (h, s) =>
    h.form(
      h.t('email_enroll_heading'),
      html`<p part="hint" class="hint" id=${`${h.uid}h`}>${h.t('email_enroll_hint')}</p>
        ${h.input(s, 'email', 'email', 'email', 'email', 0, true)}`,
      'send_code',
    ),
};
