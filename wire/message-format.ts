// The message format of the widget's texts and of the server's SMS and e-mail texts: `{name}` placeholders,
// and counts as `{n, plural, one {# second} other {# seconds}}`, the form chosen by the language's own
// rules (Intl.PluralRules: Arabic has six forms, Russian and Polish four, Japanese one). `#` is the number.
// A form holds text and `#` only; `other` is the form of last resort, so every block needs one.

/** The plural category of `n` in `lang` ("one", "few", ...); "other" for a tag Intl cannot read. */
function category(lang: string | undefined, n: number): string {
  try {
    return new Intl.PluralRules(lang || 'en').select(n);
  } catch {
    return 'other';
  }
}

/** `text` with its counts in the form `lang` needs and its `{name}` placeholders filled from `vars`. */
export function format(text: string, lang: string | undefined, vars: object = {}): string {
  const v = vars as Record<string, unknown>;
  return text
    .replace(/\{(\w+), ?plural,((?: *\w+ ?\{[^{}]*\})+) *\}/g, (whole, name: string, forms: string) => {
      const n = v[name] as number;
      const form = (key: string) => new RegExp(` ${key} ?\\{([^{}]*)`).exec(` ${forms}`)?.[1];
      return (form(category(lang, n)) ?? form('other') ?? whole).replace(/#/g, String(n));
    })
    .replace(/\{(\w+)\}/g, (m, k: string) => String(v[k] ?? m));
}
