// SMS pieces on their own: codes, their HMAC, masking, number checks, localized texts with the WebOTP line.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { CodeHasher, newCode } from '../../server/methods/sms/codes.js';
import { checkNewPhone, countryAllowed, maskPhone } from '../../server/phone-numbers.js';
import { smsText, templateFor } from '../../server/methods/sms/message.js';
import { parseConfig } from '../../server/config.js';

describe('codes', () => {
  it('are six digits from the CSPRNG, leading zeros kept, and spread over the whole range', () => {
    const seen = new Set<string>();
    let low = 0;
    for (let i = 0; i < 2000; i++) {
      const { code, codeId } = newCode();
      expect(code).toMatch(/^\d{6}$/);
      expect(codeId).toMatch(/^[\w-]{12}$/);
      seen.add(code);
      if (code.startsWith('0')) low++;
    }
    expect(seen.size).toBeGreaterThan(1990); // collisions among 2000 draws from 10^6 are rare
    expect(low).toBeGreaterThan(100); // about 10% start with 0
  });

  it('are stored as an HMAC bound to the flow and the code id', () => {
    const hasher = new CodeHasher(randomBytes(32));
    const stored = hasher.hash('flow-a', 'code-1', '123456');
    expect(stored).not.toContain('123456');
    expect(hasher.matches(stored, 'flow-a', 'code-1', '123456')).toBe(true);
    expect(hasher.matches(stored, 'flow-b', 'code-1', '123456')).toBe(false);
    expect(hasher.matches(stored, 'flow-a', 'code-2', '123456')).toBe(false);
    expect(hasher.matches(stored, 'flow-a', 'code-1', '123457')).toBe(false);
    expect(new CodeHasher(randomBytes(32)).matches(stored, 'flow-a', 'code-1', '123456')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('are masked but for the country code and the last two digits', () => {
    expect(maskPhone('+14155552671')).toBe('+1 ••• ••• •• 71');
    expect(maskPhone('+15555550134')).toBe('+1 ••• ••• •• 34');
    expect(maskPhone('+33612345678')).toBe('+33 • •• •• •• 78');
    expect(maskPhone('+5511987654321')).toBe('+55 •• ••••• •• 21');
  });

  it('are checked strictly when a user enrolls one', () => {
    expect(checkNewPhone('+1 (415) 555-2671', undefined)).toEqual({ ok: true, e164: '+14155552671', country: 'US' });
    expect(checkNewPhone('4155552671', undefined)).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(checkNewPhone('+1555555', undefined)).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(checkNewPhone('+15555550123', undefined)).toMatchObject({
      ok: false,
      code: 'invalid_phone',
      message: 'That is not a valid phone number.',
    });
    expect(checkNewPhone('+4930123456', undefined)).toMatchObject({
      ok: false,
      code: 'invalid_phone',
      message: expect.stringContaining('landline'),
    });
    expect(checkNewPhone('+33612345678', ['US', 'CA'])).toMatchObject({
      ok: false,
      code: 'phone_not_allowed',
      message: expect.stringContaining('FR'),
    });
    expect(checkNewPhone('+33612345678', ['FR'])).toMatchObject({ ok: true, country: 'FR' });
  });

  it('respect allowed_countries for existing numbers, refusing numbers of no known country', () => {
    expect(countryAllowed('+14155552671', undefined)).toBe(true);
    expect(countryAllowed('+14155552671', ['US'])).toBe(true);
    expect(countryAllowed('+33612345678', ['US'])).toBe(false);
    expect(countryAllowed('+15555550123', ['US'])).toBe(false);
  });
});

describe('message text', () => {
  const settings = parseConfig({ sms: { templates: { fr: 'Code {app} : {code}' } } }).sms;

  it('ends with the WebOTP line by default, in the user language when built in', () => {
    const text = smsText(templateFor(settings, 'en'), {
      code: '042137',
      app: 'Demo RP',
      host: 'rp.example.com',
      minutes: 5,
    });
    expect(text).toBe('042137 is your Demo RP verification code. It expires in 5 minutes.\n\n@rp.example.com #042137');
    expect(text.split('\n').at(-1)).toBe('@rp.example.com #042137');
    expect(smsText(templateFor(settings, 'pt-BR'), { code: '1', app: 'A', host: 'h', minutes: 5 })).toContain(
      'código de verificação',
    );
    expect(smsText(templateFor(settings, 'de-AT'), { code: '1', app: 'A', host: 'h', minutes: 5 })).toContain(
      'Bestätigungscode',
    );
    expect(templateFor(settings, 'sv')).toBe(templateFor(settings, 'en'));
  });

  it('uses a configured template before the built-in one', () => {
    expect(smsText(templateFor(settings, 'fr-CA'), { code: '123456', app: 'Acme', host: 'h', minutes: 5 })).toBe(
      'Code Acme : 123456',
    );
  });

  it('refuses a configured template without {code}', () => {
    expect(() => parseConfig({ sms: { templates: { en: 'Hello' } } })).toThrow(
      /sms\.templates\.en: must contain \{code\}/,
    );
  });
});
