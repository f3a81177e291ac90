// Dates of the account page in the element's language: a calendar date ("3 Mar 2026"), or how long ago
// ("2 days ago", "yesterday") for what happened in the last weeks.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
];

/** Epoch seconds as a date in `lang` ("Mar 3, 2026"). */
export function dateOf(lang: string, at: number): string {
  return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'medium' }).format(at * 1000);
}

/** Epoch seconds as a time ago in `lang` within 30 days ("5 minutes ago", "yesterday"), else as a date. */
export function agoOf(lang: string, at: number): string {
  let n = Math.max(0, Date.now() / 1000 - at);
  for (const [unit, next] of UNITS) {
    if (n < next) {
      return new Intl.RelativeTimeFormat(lang || undefined, { numeric: 'auto' }).format(-Math.floor(n), unit);
    }
    n /= next;
  }
  return dateOf(lang, at);
}
