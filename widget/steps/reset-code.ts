// A forgotten password: the code sent to the account's address (if it has one; the step does not say
// which). The SMS code's form (sms-code.ts) with its own words.
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';
import { codeSent } from './sms-code.js';

export const resetCode: StepModule<Extract<Step, { kind: 'reset_code' }>> = {
  render: (h, s, step) => codeSent(h, s, step.digits, '', 'reset_heading', 'reset_sent'),
};
