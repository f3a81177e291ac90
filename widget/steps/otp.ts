// The code of the authenticator app.
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const otp: StepModule<Extract<Step, { kind: 'otp' }>> = {
  render: (h, s, step) =>
    h.form(h.t('otp_heading'), h.input(s, 'code', 'code', 'text', 'one-time-code', step.digits), 'verify'),
};
