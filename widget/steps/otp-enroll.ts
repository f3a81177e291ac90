// First OTP sign-in: the QR code (with a link, and the key for when it cannot be scanned), a countdown and
// the code input; once the QR code expired, only "Show a new code" (`renew`).
import { html, nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { MessageId } from '../messages.js';
import { copied, copy } from './clipboard.js';
import type { StepModule } from './index.js';

export const otpEnroll: StepModule<Extract<Step, { kind: 'otp_enroll' }>> = {
  render(h, s, step) {
    const left = h.left();
    const t = (id: MessageId, vars?: object) => h.t(id, vars);
    const { qr } = step;
    return h.form(
      t('otp_enroll_heading'),
      html`${
        left
          ? html`<p part="hint" class="hint">${t('otp_enroll_hint')}</p>
              ${step.label ? html`<p part="text" class="c">${step.label}</p>` : nothing}
              ${h.qr(qr, t('qr_alt', step))}`
          : nothing
      }
        ${h.countdown(left, 'qr_expires', 'qr_expired')}
        ${
          left
            ? html`<p part="text" class="c"><a part="link" href=${step.otpauth_uri}>${t('open_app')}</a></p>
              <details part="details">
                <summary part="summary">${t('cant_scan')}</summary>
                <code part="secret" dir="ltr">${step.secret.replace(/.{4}(?=.)/g, '$& ')}</code>
                <p part="hint" class="hint">${t('otp_account', step)}<br>
                  ${`${step.type} · ${step.algorithm}`.toUpperCase()} ·
                  ${t('otp_digits', step)}${step.period ? ` · ${t('otp_period', step)}` : ''}</p>
                <p part="text">${h.button('copy_key', () => copy(h, step.secret, 'code'))}
                  <span part="status" aria-live="polite">${copied(h) ? t('copied') : ''}</span></p>
              </details>
              ${h.input(s, 'code', 'code_app', 'text', 'one-time-code', step.digits)}`
            : h.button('renew', () => h.act('renew'), true)
        }`,
      left ? 'verify' : undefined,
      // In place of a lost app, after a recovery code: this can wait.
      s.actions.skip ? h.button('not_now', () => h.act('skip')) : nothing,
    );
  },
  // The heading: the QR comes first, and a phone keyboard would cover it.
  focus: 'h2',
};
