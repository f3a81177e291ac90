// A code sent by SMS: where it went, the code input, how long the code stays valid, "Resend code" (with its
// countdown) and, when adding a number, "Use another number". WebOTP may fill the code in. The e-mail code
// step (email-code.ts) is the same form with its own words.
import { html, nothing } from 'lit';
import type { FlowState, Step } from '../../wire/flow-api.js';
import { secs } from '../controllers/countdown.js';
import type { GluuLogin } from '../gluu-login.js';
import type { MessageId } from '../messages.js';
import type { StepModule } from './index.js';

/** WebOTP: a request on entering the step, a new one after each new code. */
const read = (h: GluuLogin) => h.otp.read();

/**
 * The form of a step that sent a code: `heading`, the sentence `sent` with `to` (masked) in place of its
 * placeholder, the code input, the countdown, "Resend code" and the `change` action ("Use another …").
 */
export function codeSent(
  h: GluuLogin,
  s: FlowState,
  digits: number,
  to: string,
  heading: MessageId,
  sent: MessageId,
  change?: 'change_phone' | 'change_email',
) {
  // After a refused resend (429), the larger of the server's resend_in and retry_after.
  const wait = Math.max(secs(h.clock.resendAt), h.resendWait ? h.wait : 0);
  const [a, b] = h.t(sent).split(/\{\w+\}/);
  // Once the code expired (or none could be sent), "Resend code" is the way on: the main button, and no Verify.
  const live = h.left() > 0;
  // No code to type (the send was refused: a quota, the gateway): nothing says one was sent, or that it expired.
  return h.form(
    h.t(heading),
    s.actions.submit
      ? html`<p part="text" id=${`${h.uid}h`}>${a}<span part="identity" dir="ltr">${to}</span>${b}</p>
          ${h.input(s, 'code', 'code', 'text', 'one-time-code', digits, true)}
          ${
            // A code refused as expired says so in the error already: the countdown's "expired" would repeat it.
            live || h.error?.code !== 'code_expired'
              ? h.countdown(h.left(), 'code_valid', 'sms_expired', h.resent ? html`${h.t('resent')}<br>` : '')
              : nothing
          }`
      : nothing,
    live ? 'verify' : undefined,
    html`${s.actions.resend ? h.button('resend', () => h.act('resend'), !live, wait) : nothing}
    ${change && s.actions[change] ? h.button(change, () => h.act(change)) : nothing}`,
  );
}

export const smsCode: StepModule<Extract<Step, { kind: 'sms_code' }>> = {
  render: (h, s, step) => codeSent(h, s, step.digits, step.phone, 'sms_heading', 'sms_sent_to', 'change_phone'),
  enter: read,
  answer: (h) => h.resent && read(h),
  resume: read,
};
