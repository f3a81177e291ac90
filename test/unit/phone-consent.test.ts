// What the phone-check consent page tells about the sign-in it approves (the browser, the network, when),
// and the number match it asks for.
import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../../server/user-agents.js';
import { coarseNetwork } from '../../server/http/network-summary.js';
import { startedAgo } from '../../server/http/consent-page.js';
import { newNumberMatch } from '../../server/methods/phonecheck/number-match.js';

describe('the requesting browser, as a person recognises it', () => {
  const cases: [string, string][] = [
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Chrome on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ' +
        '(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ' +
        'AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari on macOS',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on macOS'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, ' +
        'like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
      'Opera on Linux',
    ],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Chrome on ChromeOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, ' +
        'like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet on Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
        '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
        '(KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
      'Chrome on iPhone',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
        '(KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
      'Firefox on iPad',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
      'Chrome on Linux',
    ],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) SomethingNew/1.0', 'a browser on Windows'],
    ['curl/8.5.0', 'an unknown browser'],
  ];
  it.each(cases)('%s -> %s', (userAgent, expected) => {
    expect(describeUserAgent(userAgent)).toBe(expected);
  });
  it('says "an unknown browser" when the flow has no User-Agent', () => {
    expect(describeUserAgent(undefined)).toBe('an unknown browser');
    expect(describeUserAgent('')).toBe('an unknown browser');
  });
});

describe('the requesting network, coarsened', () => {
  it('keeps an IPv4 /24 and an IPv6 /48, and nothing of what is not an address', () => {
    expect(coarseNetwork('203.0.113.57')).toBe('203.0.113.x');
    expect(coarseNetwork('::ffff:198.51.100.7')).toBe('198.51.100.x');
    expect(coarseNetwork('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:…');
    expect(coarseNetwork('2001:0db8::1')).toBe('2001:db8:0:…');
    expect(coarseNetwork('::1')).toBe('0:0:0:…');
    expect(coarseNetwork('fe80::1%eth0')).toBe('fe80:0:0:…');
    expect(coarseNetwork('unknown')).toBeUndefined();
    expect(coarseNetwork('<script>')).toBeUndefined();
  });
});

describe('when the sign-in started', () => {
  it('is said relative to now, in minutes', () => {
    const t = Date.parse('2026-01-01T12:00:00Z');
    expect(startedAgo(t, t + 59_000)).toBe('just now');
    expect(startedAgo(t, t + 60_000)).toBe('1 minute ago');
    expect(startedAgo(t, t + 5 * 60_000 + 1)).toBe('5 minutes ago');
    expect(startedAgo(t, t + 2 * 3600_000)).toBe('over an hour ago');
    // A clock a little behind another instance's: never "in the future".
    expect(startedAgo(t, t - 5_000)).toBe('just now');
  });
});

describe('the number match', () => {
  it('offers the number and two distinct 2-digit decoys, in every position', () => {
    const positions = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const { number, choices } = newNumberMatch();
      expect(choices).toHaveLength(3);
      expect(new Set(choices).size).toBe(3);
      for (const n of choices) {
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(10);
        expect(n).toBeLessThanOrEqual(99);
      }
      positions.add(choices.indexOf(number));
    }
    // The right number is not always first (chance of missing a position in 300 draws: about 3 x (2/3)^300).
    expect([...positions].sort()).toEqual([0, 1, 2]);
  });
});
