// tru.ID PhoneCheck: the QR code of the link and the link itself (on the phone, only the link, as a button), the
// status the server reports as it changes (followed by the FlowEvents controller), a countdown; then "Show a new code"
// (`renew`) and the fallback method when offered. Verified or denied: `continue` goes by itself, once.
import { html, nothing } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';
import type { MessageId } from '../messages.js';
import { mmss } from '../controllers/countdown.js';
import { safeUrl } from '../safe-url.js';
import type { StepModule } from './index.js';

type PhoneCheck = Extract<Step, { kind: 'phonecheck' }>;

/** A phone check still under way: the QR code (or link) is shown, with its countdown. */
const underWay = (step: PhoneCheck) => /^(waiting|verifying)$/.test(step.status);

/** The status changes on the server: followed from entering the step until leaving it. */
const follow = (h: GluuLogin) => h.live.follow();

export const phonecheck: StepModule<PhoneCheck> = {
  render(h, s, step) {
    const left = h.left();
    const t = (id: MessageId, vars?: object) => h.t(id, vars);
    // The phone itself (by what the browser says it is, not by its width: a narrow desktop window is still
    // the other device, and needs the QR). Elsewhere the QR, and the link beside it for a phone in desktop mode.
    const phone = /Mobi|Android|iPhone/i.test(navigator.userAgent);
    const link = step.link && safeUrl(step.link, h.issuer);
    const open = (part: string, cls: string) =>
      link
        ? html`<a part=${part} class=${cls} target="_blank" rel="noopener" href=${link}>${t('pc_open')}</a>`
        : nothing;
    const { qr, fallback } = step;
    // The number match: the phone offers this number among decoys, and a wrong pick denies the check.
    const pick = t('pc_pick').split('{n}');
    // At 0 the check is over here, before the server says so.
    const status = left || !underWay(step) ? step.status : 'expired';
    return h.form(
      t('pc_heading'),
      html`<p part="text">${h.withPhone(left && !phone ? 'pc_scan' : 'pc_number', step.phone)}</p>
        ${
          left
            ? html`${
                phone
                  ? html`${open('button primary-button', 'pb')}<p part="hint" class="hint">${t('pc_mobile')}</p>`
                  : html`${qr ? h.qr(qr, t('pc_qr_alt')) : nothing}<p part="text" class="c">${open('link', '')}</p>`
              }
              ${
                step.number
                  ? html`<p part="text" class="c">
                  ${pick[0]}<strong part="number" class="num" dir="ltr">${step.number}</strong>
                  ${pick[1]}</p>`
                  : nothing
              }
              <p part="hint" class="hint">${t('pc_wifi')}</p>`
            : nothing
        }
        ${
          // A failure looks like every other error (and is not repeated when the error above says it already).
          /^(failed|denied)$/.test(status)
            ? h.error
              ? nothing
              : html`<p part="status error" class="er" role="alert">${
                  (status === 'failed' && step.reason) || t(`pc_${status}`)
                }</p>`
            : html`<p part="status" class="c" aria-live="polite">${t(`pc_${status}`)}</p>`
        }
        ${left ? html`<p part="countdown" class="c hint">${t('pc_expires', { time: mmss(left) })}</p>` : nothing}`,
      undefined,
      html`${s.actions.renew ? h.button('renew', () => h.act('renew'), true) : nothing}
      ${
        s.actions.use_fallback
          ? h.button(fallback?.factor === 'sms' ? 'pc_sms' : 'pc_other', () => h.act('use_fallback'))
          : nothing
      }`,
    );
  },
  enter: follow,
  resume: follow,
  // Verified or denied on the phone (then only is `continue` offered): continue by itself, once.
  answer(h, s) {
    const { live } = h;
    if (!s.actions.continue) live.auto = false;
    else if (!live.auto && !h.busy) {
      live.auto = true;
      h.act('continue');
    }
  },
  running: underWay,
  // A phone check shows itself expired at 0, and asks the server once (which then offers `renew`).
  tick: (h, _s, step) => h.left() || !underWay(step) || h.live.refresh(),
};
