// The few server-rendered pages (hosted sign-in, logout, errors) share one layout and one stylesheet:
// no inline script or style anywhere, so they run under a CSP without 'unsafe-inline'.
import { isRightToLeft } from '../../wire/language-tags.js';

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

/**
 * What the layout needs of the operator's branding (server/branding.ts builds it from config): the card's
 * header, the stylesheets after ours, and the origins those come from for the CSP.
 */
export interface PageBrand {
  productName?: string | undefined;
  logo?: { src: string; alt: string } | undefined;
  /** Linked after /assets/page.css, in order. */
  stylesheets: readonly string[];
  /** Origins beyond 'self' the pages load images (the logo) and stylesheets from. */
  imgSources: readonly string[];
  styleSources: readonly string[];
}

export interface PageOptions {
  title: string;
  body: Html;
  lang?: string | undefined;
  scripts?: readonly string[];
  /** The operator's branding; without it the page is the plain one. */
  brand?: PageBrand | undefined;
}

/** The product's logo and name at the top of the card, when the operator set either. */
function brandHeader(brand: PageBrand | undefined): Html | string {
  if (!brand?.logo && !brand?.productName) return '';
  const logo = brand.logo ? html`<img class="logo" src="${brand.logo.src}" alt="${brand.logo.alt}">` : '';
  // The name beside a logo that already says it is decoration to a screen reader.
  const name = brand.productName
    ? html`<span class="product"${brand.logo?.alt === brand.productName ? html` aria-hidden="true"` : ''}>${
        brand.productName
      }</span>`
    : '';
  return html`<header class="product-header">${logo}${name}</header>\n`;
}

export function page(options: PageOptions): string {
  const sheets = ['/assets/page.css', ...(options.brand?.stylesheets ?? [])];
  return `<!doctype html>${
    html`<html lang="${options.lang ?? 'en'}" dir="${isRightToLeft(options.lang) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
${sheets.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${(options.scripts ?? []).map(
  (src) => html`<script type="module" src="${src}"></script>\n`,
)}</head>
<body>
<main class="card">
${brandHeader(options.brand)}${options.body}
</main>
</body>
</html>`.value
  }`;
}

/**
 * The CSP of every server-rendered page: our own scripts and styles only, no framing; a branded page adds
 * exactly the origins of the operator's logo (img-src) and stylesheet (style-src), nothing else.
 */
export function pageCsp(extra: { formAction?: string[]; brand?: PageBrand | undefined } = {}): string {
  const plus = (sources: readonly string[] | undefined) => (sources?.length ? ` ${sources.join(' ')}` : '');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${plus(extra.brand?.styleSources)}`,
    `img-src 'self' data:${plus(extra.brand?.imgSources)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action 'self'${plus(extra.formAction)}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
