// One of the account's recovery codes, in place of a lost second factor.
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const recoveryCode: StepModule<Extract<Step, { kind: 'recovery_code' }>> = {
  render: (h, s) =>
    h.form(
      h.t('rc_heading'),
      html`<p part="hint" class="hint" id=${`${h.uid}h`}>${h.t('rc_hint')}</p>
        ${h.input(s, 'code', 'rc_code', 'text', 'off', 0, true)}`,
      'verify',
    ),
};
