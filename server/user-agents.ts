// "Chrome on Windows": what a person recognises of the browser that started a sign-in or added a factor,
// read from its User-Agent (the consent page of the phone check, the factor-bound notices). Only the major
// browsers and systems, by their tokens, without versions (reduced User-Agents freeze them anyway);
// anything else is "an unknown browser" rather than a guess, and never the header's own words: whoever
// sends the header writes them, and they would be shown to the person deciding whether to approve.

// First match wins: browsers built on Chromium name Chrome too, and Chrome names Safari, so they come first.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/Chrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

// iOS says "like Mac OS X", Android and ChromeOS say Linux: the specific ones first.
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const first = (table: [RegExp, string][], userAgent: string) => table.find(([pattern]) => pattern.test(userAgent))?.[1];

export interface UserAgentSummary {
  browser?: string;
  os?: string;
}

export function summarizeUserAgent(userAgent: string | undefined): UserAgentSummary {
  if (!userAgent) return {};
  const browser = first(BROWSERS, userAgent);
  const os = first(SYSTEMS, userAgent);
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}

/** One phrase for a page: "Chrome on Windows", "a browser on Linux", "Firefox", "an unknown browser". */
export function describeUserAgent(userAgent: string | undefined): string {
  const { browser, os } = summarizeUserAgent(userAgent);
  if (browser && os) return `${browser} on ${os}`;
  if (os) return `a browser on ${os}`;
  return browser ?? 'an unknown browser';
}
