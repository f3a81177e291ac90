// A code sent by SMS: where it went, the code input, how long the code stays valid, "Resend code" (with its
// countdown) and, when adding a number, "Use another number". WebOTP may fill the code in.
import { html, nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import { secs } from '../controllers/countdown.js';
import type { GluuLogin } from '../gluu-login.js';
import type { StepModule } from './index.js';

/** WebOTP: a request on entering the step, a new one after each new code. */
const read = (h: GluuLogin) => h.otp.read();

export const smsCode: StepModule<Extract<Step, { kind: 'sms_code' }>> = {
  render(h, s, step) {
    // After a refused resend (429), the larger of the server's resend_in and retry_after.
    const wait = Math.max(secs(h.clock.resendAt), h.resendWait ? h.wait : 0);
    return h.form(
      h.t('sms_heading'),
      html`<p part="text" id=${`${h.uid}h`}>${h.withPhone('sms_sent_to', step.phone)}</p>
        ${s.actions.submit ? h.input(s, 'code', 'code', 'text', 'one-time-code', step.digits, true) : nothing}
        ${h.countdown(h.left(), 'code_valid', 'sms_expired', h.resent ? html`${h.t('resent')}<br>` : '')}`,
      'verify',
      html`${s.actions.resend ? h.button('resend', () => h.act('resend'), false, wait) : nothing}
      ${s.actions.change_phone ? h.button('change_phone', () => h.act('change_phone')) : nothing}`,
    );
  },
  enter: read,
  answer: (h) => h.resent && read(h),
  resume: read,
};
