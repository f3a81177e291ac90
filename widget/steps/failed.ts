// The flow failed for good: why (a translation of the reason, else the server's words, else English).
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const failed: StepModule<Extract<Step, { kind: 'failed' }>> = {
  render: (h, _s, step) => h.failed(h.m(step.reason, step.message || undefined) ?? ''),
};
