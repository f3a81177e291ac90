// Adding a phone number: typed in any usual format, sent in E.164 (see GluuLogin's submit).
import { html } from 'lit';
import type { Step } from '../../wire/flow-api.js';
import type { StepModule } from './index.js';

export const phoneEnroll: StepModule<Extract<Step, { kind: 'phone_enroll' }>> = {
  render(h, s, step) {
    const list = step.allowed_countries;
    let names = list?.join(', ');
    try {
      const region = new Intl.DisplayNames(h.lang || 'en', { type: 'region' });
      // "A, B, and C", "A、B、C", "A وB وC": the list as the language writes one
      names = list && new Intl.ListFormat(h.lang || 'en').format(list.map((c) => region.of(c) ?? c));
    } catch {
      // no Intl.DisplayNames or Intl.ListFormat, or an unknown code: the codes themselves
    }
    return h.form(
      h.t('phone_enroll_heading'),
      html`<p part="hint" class="hint" id=${`${h.uid}h`}>${h.t('phone_enroll_hint')}${
        names ? ` ${h.t('countries', { list: names })}` : ''
      }</p>
        ${h.input(s, 'phone', 'phone', 'tel', 'tel', 0, true)}`,
      'send_code',
    );
  },
};
