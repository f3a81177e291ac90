// A code sent by e-mail: the SMS code's form (sms-code.ts) with its own words; no WebOTP (it reads texts only).
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';
import { codeSent } from './sms-code.js';

export const emailCode: StepModule<Extract<Step, { kind: 'email_code' }>> = {
  render: (h, s, step) => codeSent(h, s, step.digits, step.email, 'email_heading', 'email_sent_to', 'change_email'),
};
