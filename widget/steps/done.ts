// Signed in: the element goes on to `continue_url` (unless a gluu-login-success listener prevents it).
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const done: StepModule<Extract<Step, { kind: 'done' }>> = {
  render: (h) => html`<h2 part="heading" tabindex="-1">${h.t('done')}</h2>`,
  enter: (h, s, step) => h.preview || h.finish(s, step.continue_url),
};
