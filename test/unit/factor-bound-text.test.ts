// The words of a factor-bound notice: what a person recognises of their browser, an SMS that stays one
// message, and attacker-typed text that cannot pass for part of the notice.
import { describe, expect, it } from 'vitest';
import { factorBoundMail, factorBoundSms, oneLine } from '../../server/notifications/factor-bound-text.js';
import { describeUserAgent } from '../../server/user-agents.js';
import type { BoundFactor, FactorBoundNotice } from '../../server/notifications/types.js';

const notice = (extra: Partial<FactorBoundNotice> = {}): FactorBoundNotice => ({
  userId: 'u1',
  factor: 'otp',
  clientName: 'Demo RP',
  ip: '192.0.2.1',
  at: Date.UTC(2025, 0, 2, 3, 4, 5),
  firstFactor: false,
  ...extra,
});

describe('factor-bound notice text', () => {
  it('names the browser and system of common User-Agent headers', () => {
    const cases: [string, string][] = [
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ' +
          '(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        'Chrome on Windows',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ' +
          '(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
        'Edge on Windows',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ' +
          'AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
        'Safari on macOS',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 ' +
          '(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
        'Safari on iPhone',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 ' +
          '(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
        'Chrome on iPhone',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 ' +
          '(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        'Chrome on Android',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, ' +
          'like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
        'Samsung Internet on Android',
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
      [
        'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 ' +
          '(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        'Chrome on ChromeOS',
      ],
      ['curl/8.5.0', 'an unknown browser'],
    ];
    for (const [ua, expected] of cases) expect(describeUserAgent(ua), ua).toBe(expected);
    expect(describeUserAgent(undefined)).toBe('an unknown browser');
    expect(describeUserAgent('   ')).toBe('an unknown browser');
  });

  it('keeps the SMS within one GSM message for every factor, even with the longest application name', () => {
    for (const factor of ['otp', 'passkey', 'phone'] as BoundFactor[]) {
      const text = factorBoundSms(notice({ factor, clientName: 'A'.repeat(100) }));
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toMatch(
        new RegExp(
          String.raw`^A+\.\.\.: an? [a-z ]+ was added to your account on 2025-01-02 03:04 UTC\. ` +
            String.raw`Not you\? Change your password and contact support\.$`,
        ),
      );
    }
    expect(factorBoundSms(notice())).toBe(
      'Demo RP: an authenticator app was added to your account on 2025-01-02 03:04 UTC. ' +
        'Not you? Change your password and contact support.',
    );
  });

  it('reduces attacker-typed text to one plain line: no line breaks, bidi overrides or zero-width characters', () => {
    expect(oneLine('a\r\nb\u2028c\u202Ed\u200Be\tf', 64)).toBe('a b c d e f');
    expect(oneLine('x'.repeat(100), 10)).toBe('xxxxxxx...');
    const mail = factorBoundMail(
      notice({ label: '\u202Eevil\u202C\nline', userAgent: 'UA\nWhen: never' }),
      'anna',
      undefined,
    );
    expect(mail.text).toContain('authenticator app "evil line"');
    expect(mail.text).toContain('contact your administrator');
    expect(mail.text.split('\n').filter((l) => l.trimStart().startsWith('When:'))).toHaveLength(1);
  });
});
