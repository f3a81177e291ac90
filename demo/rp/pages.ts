// The demo RP's pages. Plain server-rendered HTML with one stylesheet and, on the embedded page, the
// widget's script: all from the RP's own origin, so its CSP needs no 'unsafe-inline'.
import { html, Html } from '../../server/index.js';

export { html, Html };

export interface LayoutOptions {
  scripts?: string[];
  /** Stylesheets after rp.css (the Theming page's theme). */
  stylesheets?: string[];
  refreshSeconds?: number;
  /** A class on <main> (the Theming page's "wide"). */
  mainClass?: string;
}

/** The header's links to the demo's pages. */
const NAV = [
  ['/', 'Home'],
  ['/phone', 'Phone'],
  ['/mailbox', 'Mailbox'],
  ['/theming', 'Theming'],
] as const;
const NAV_LINKS = NAV.map(([href, label], i) => html`${i ? ' · ' : ''}<a href="${href}">${label}</a>`);

export function layout(title: string, body: Html, options: LayoutOptions = {}): string {
  return `<!doctype html>${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · Demo RP</title>
<link rel="stylesheet" href="/assets/rp.css">
${(options.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
<header><strong>Demo RP</strong><nav>${NAV_LINKS}</nav></header>
<main${options.mainClass ? html` class="${options.mainClass}"` : ''}>
${body}
</main>
</body>
</html>`.value
  }`;
}

export function claimsTable(claims: Record<string, unknown>, id: string): Html {
  return html`<table id="${id}">
${Object.entries(claims).map(([name, value]) => {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return html`<tr data-claim="${name}"><th>${name}</th><td><code>${shown}</code></td></tr>`;
})}
</table>`;
}
