// The few server-rendered pages (hosted sign-in, logout, errors) share one layout and one stylesheet:
// no inline script or style anywhere, so they run under a CSP without 'unsafe-inline'.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const part = Array.isArray(value)
      ? value.map((v) => (v instanceof Html ? v.value : escapeHtml(v))).join('')
      : value instanceof Html
        ? value.value
        : escapeHtml(value ?? '');
    out += part + strings[i + 1]!;
  });
  return new Html(out);
}

export function page(options: { title: string; body: Html; lang?: string | undefined; scripts?: string[] }): string {
  return `<!doctype html>${
    html`<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<link rel="stylesheet" href="/assets/page.css">
${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
<main class="card">
${options.body}
</main>
</body>
</html>`.value
  }`;
}

/** The CSP of every server-rendered page: our own scripts and styles only, no framing. */
export function pageCsp(extra: { formAction?: string[] } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action 'self'${extra.formAction?.length ? ` ${extra.formAction.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
