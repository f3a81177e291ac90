// A new set of recovery codes, shown once: copy them, download them as text, then go on.
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import { copied, copy } from './clipboard.js';
import type { StepModule } from './index.js';

export const recoveryCodes: StepModule<Extract<Step, { kind: 'recovery_codes' }>> = {
  render(h, _s, { codes }) {
    const text = `${codes.join('\n')}\n`;
    return h.form(
      h.t('rcs_heading'),
      html`<p part="hint" class="hint">${h.t('rcs_hint')}</p>
        <ol part="codes" class="codes" dir="ltr">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ol>
        <p part="text">${h.button('copy_codes', () => copy(h, text, 'ol'))}
          <a part="button secondary-button" class="sb" download="recovery-codes.txt"
            href=${`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}>${h.t('download')}</a>
          <span part="status" aria-live="polite">${copied(h) ? h.t('copied') : ''}</span></p>`,
      undefined,
      h.button('rcs_kept', () => h.act('continue'), true),
    );
  },
  focus: 'h2',
};
