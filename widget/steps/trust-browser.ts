// After a second factor, where the application lets the user choose: trust this browser, so that sign-ins
// here skip the second factor for a while (listed, and revocable, on the account page).
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const trustBrowser: StepModule<Extract<Step, { kind: 'trust_browser' }>> = {
  render: (h, _s, { days }) =>
    h.form(
      h.t('tb_heading'),
      html`<p part="hint" class="hint">${h.t('tb_hint', { n: days })}</p>`,
      undefined,
      html`${h.button('tb_trust', () => h.act('trust'), true)} ${h.button('not_now', () => h.act('skip'))}`,
    ),
  focus: 'h2',
};
