// The Theming page: a theme switcher (plain links, no script), a live preview of every step kind (each a
// `<gluu-login preview='…'>`, which renders the state without any network) and the reference of every
// `::part` and `--gluu-login-*` custom property. A theme is one stylesheet of the RP's own, linked only
// when chosen: demo/rp/themes/<name>.css at /assets/themes/<name>.css.
import { html, type Html } from './pages.js';
import type { ThemingPreview } from './theming-fixtures.js';
import type { ReferenceEntry, ThemingReference } from './theming-reference.js';
import { hostedThemeYaml } from './theming-hosted.js';

export const THEMES = [
  { name: 'default', label: 'Default', about: 'The widget as it ships: no theme stylesheet at all.' },
  { name: 'dark', label: 'Dark', about: 'Only --gluu-login-* custom properties, on a dark page.' },
  {
    name: 'brand',
    label: 'Brand',
    about:
      'Only gluu-login::part(…) rules and --gluu-login-* custom properties: ' +
      'pill buttons, a purple brand colour, uppercase headings, another font, a card.',
  },
] as const;

export type ThemeName = (typeof THEMES)[number]['name'];

/** The theme named by `?theme=`; anything else is the default. */
export function themeOf(query: string | undefined): ThemeName {
  return THEMES.find((t) => t.name === query)?.name ?? 'default';
}

/** The stylesheet a theme adds to the page, if any. */
export function themeStylesheet(theme: ThemeName): string | undefined {
  return theme === 'default' ? undefined : `/assets/themes/${theme}.css`;
}

/** `code` spans of a description (markdown backticks) as <code>; the rest as text. */
function described(text: string): Html {
  return html`${text.split('`').map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece))}`;
}

/** A long name that may break after its hyphens on a narrow screen (and nowhere else). */
function breakable(name: string): Html {
  return html`${name.split(/(?<=[a-z]-)/).map((piece, i) => (i ? html`<wbr>${piece}` : piece))}`;
}

function partRow(p: ReferenceEntry): Html {
  const name = html`<code>${breakable(p.name)}</code>`;
  return html`<tr data-part="${p.name}"><th scope="row">${name}</th><td>${described(p.description)}</td></tr>`;
}

function partsTable(parts: ReferenceEntry[]): Html {
  return html`<table id="reference-parts">
<caption>Parts: style them with <code>gluu-login::part(name)</code></caption>
<thead><tr><th scope="col">Part</th><th scope="col">What it is</th></tr></thead>
<tbody>
${parts.map(partRow)}
</tbody>
</table>`;
}

function propertiesTable(properties: ReferenceEntry[]): Html {
  return html`<table id="reference-properties">
<caption>Custom properties: set them on <code>gluu-login</code> or any ancestor</caption>
<thead><tr><th scope="col">Property</th><th scope="col">What it sets</th></tr></thead>
<tbody>
${properties.map(
  (p) =>
    html`<tr data-property="${p.name}"><th scope="row"><code>${breakable(p.name)}</code>${
      p.default ? html`<span class="default">default <code>${p.default}</code></span>` : ''
    }</th><td>${described(p.description)}</td></tr>`,
)}
</tbody>
</table>`;
}

/**
 * The provider's own sign-in page in the theme. The RP's stylesheet cannot reach it: the operator brands it
 * in the provider's configuration. A provider has one branding, and its pages refuse framing
 * (frame-ancestors 'none'), so this shows the screenshot test/e2e/branding.test.ts records and compares.
 */
function hostedSection(theme: ThemeName): Html {
  // srcset + sizes size the picture to the screen without a stylesheet rule (rp.css is the page's own).
  const label = THEMES.find((t) => t.name === theme)!.label;
  return html`<section aria-labelledby="hosted-heading">
<h2 id="hosted-heading">The hosted page</h2>
<p>When the RP sends people to the provider's own sign-in page (the hosted placement), the page is themed in
the provider's configuration, not by the RP's stylesheet: the <code>branding</code> section sets a product name,
a logo, colours, a stylesheet and texts for every page the provider shows (see <code>docs/branding.md</code>).
A provider runs one branding at a time and its pages cannot be framed, so here is the hosted page as the
provider renders it with the section below: a screenshot that <code>test/e2e/branding.test.ts</code> takes and
compares on every run.</p>
<figure class="hosted-preview">
<img id="hosted-screenshot" src="/assets/hosted/${theme}.png" srcset="/assets/hosted/${theme}.png 720w"
 sizes="(max-width: 820px) calc(100vw - 80px), 720px"
 alt="The hosted sign-in page in the ${label} theme: ${hostedAlt(theme)}">
<figcaption>The hosted page, <strong>${label}</strong></figcaption>
</figure>
<pre><code id="hosted-config">${hostedThemeYaml(theme)}</code></pre>
<p><a href="/login">Open the hosted page</a> as this demo's provider runs it (its configuration sets no branding).</p>
</section>`;
}

function hostedAlt(theme: ThemeName): string {
  if (theme === 'dark') return 'the product name over a dark card, a blue Continue button.';
  if (theme === 'brand') return 'the Acme logo and name, purple colours, pill-shaped buttons.';
  return 'the built-in look, no product name or logo.';
}

export function themingBody(
  theme: ThemeName,
  previews: ThemingPreview[],
  reference: ThemingReference,
  lang?: string,
): Html {
  const current = THEMES.find((t) => t.name === theme)!;
  const source = reference.source
    ? html`Read from <code>${reference.source}</code>, ${reference.via}.`
    : html`Read from ${reference.via}.`;
  return html`<section>
<h1>Theming</h1>
<p><code>&lt;gluu-login&gt;</code> is styled from outside: through its documented <code>::part</code> names and
<code>--gluu-login-*</code> custom properties, in the page's own stylesheet.
Pick a theme to restyle every step below.</p>
<nav class="themes" aria-label="Themes">
${THEMES.map((t) => {
  const href = `/theming${t.name === 'default' ? '' : `?theme=${t.name}`}`;
  const ariaCurrent = t.name === theme ? html` aria-current="page"` : '';
  return html`<a class="button secondary" id="theme-${t.name}" href="${href}"${ariaCurrent}>${t.label}</a>`;
})}
</nav>
<p id="theme-about"><strong>${current.label}:</strong> ${current.about}${
    theme === 'default'
      ? ''
      : html` The stylesheet: <a href="${themeStylesheet(theme)!}">${themeStylesheet(theme)!}</a>.`
  }</p>
</section>
<section class="previews-section" aria-labelledby="previews-heading">
<h2 id="previews-heading">Every step kind</h2>
<p>Each preview is a <code>&lt;gluu-login preview='…'&gt;</code> rendering a state of the flow API, with no network.</p>
<div class="previews">
${previews.map(
  (p) => html`<article class="preview" id="${p.id}" data-kind="${p.kind}" aria-labelledby="${p.id}-caption">
<h3 id="${p.id}-caption"><code>${p.kind}</code>${p.variant ? html` <span class="variant">${p.variant}</span>` : ''}</h3>
<gluu-login preview="${JSON.stringify(p.state)}" lang="${lang ?? 'en'}"></gluu-login>
</article>`,
)}
</div>
</section>
${hostedSection(theme)}
<section aria-labelledby="reference-heading">
<h2 id="reference-heading">Reference</h2>
<p class="source">${source}</p>
${partsTable(reference.parts)}
${propertiesTable(reference.properties)}
</section>`;
}
