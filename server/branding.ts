// The operator's branding, made ready once per configuration: the card's header, the stylesheets (the
// colours as a generated stylesheet, served from 'self' like everything else: no inline style), the files
// served under /assets/brand/, the CSP origins, and the texts by language. Every provider page renders
// through providerPages(config), so they all look and read the same.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { WIDGET_TEXT_IDS } from './branding-widget-ids.js';
import { LOGO_TYPES, PALETTE, type BrandingSettings, type PaletteName } from './branding-config.js';
import type { Config } from './config.js';
import { type Html, type PageBrand, page, pageCsp } from './http/html.js';
import { type PageText, pageLanguage, pageText, type TextOverrides, wantedLanguages } from './http/page-text.js';

const PREFIX = '/assets/brand';
const WIDGET_IDS = new Set(WIDGET_TEXT_IDS);

interface Served {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const version = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('base64url').slice(0, 10);

/** The colours as custom properties on :root; page.css turns each pair into the widget's own property. */
export function brandColorsCss(settings: Pick<BrandingSettings, 'color_scheme' | 'colors'>): string | undefined {
  const lines: string[] = [];
  if (settings.color_scheme !== 'auto') lines.push(`  color-scheme: ${settings.color_scheme};`);
  for (const scheme of ['light', 'dark'] as const) {
    const colors = settings.colors[scheme] ?? {};
    for (const name of Object.keys(PALETTE) as PaletteName[]) {
      const value = colors[name];
      // Only colour values get here (branding-config.ts), so nothing can end the declaration.
      if (value) lines.push(`  --${scheme}-${name.replace('_', '-')}: ${value};`);
    }
  }
  if (!lines.length) return undefined;
  return `/* Generated from the configuration's branding section. */\n:root {\n${lines.join('\n')}\n}\n`;
}

/** A file of the operator's, by its configured path, for /assets/brand/<name><ext>. */
function fileAsset(value: string, name: string, types: Readonly<Record<string, string>>) {
  const ext = path.extname(value).toLowerCase();
  const body = new Uint8Array(readFileSync(value));
  return {
    file: `${name}${ext}`,
    served: { body, type: types[ext]! },
    href: `${PREFIX}/${name}${ext}?v=${version(body)}`,
  };
}

/** The widget's texts an operator overrode for one language (its base language's, then its own). */
function widgetOverrides(lang: string, messages: TextOverrides): Record<string, string> {
  const base = lang.split('-')[0]!;
  const merged = { ...messages[base], ...(lang === base ? {} : messages[lang]) };
  return Object.fromEntries(Object.entries(merged).filter(([id]) => WIDGET_IDS.has(id)));
}

export interface Brand extends PageBrand {
  messages: TextOverrides;
  /** What /assets/brand/ serves, by file name. */
  files: ReadonlyMap<string, Served>;
  /** The script that hands <gluu-login> the operator's texts for `lang`, if there are any. */
  widgetTextsScript(lang: string): string | undefined;
}

export function buildBrand(settings: BrandingSettings): Brand {
  const files = new Map<string, Served>();
  const stylesheets: string[] = [];
  const imgSources: string[] = [];
  const styleSources: string[] = [];

  const css = brandColorsCss(settings);
  if (css) {
    files.set('colors.css', { body: new TextEncoder().encode(css), type: 'text/css; charset=utf-8' });
    stylesheets.push(`${PREFIX}/colors.css?v=${version(css)}`);
  }
  let logo: PageBrand['logo'];
  if (settings.logo) {
    const alt = settings.logo_alt ?? settings.product_name ?? '';
    if (settings.logo.startsWith('https:')) {
      logo = { src: settings.logo, alt };
      imgSources.push(new URL(settings.logo).origin);
    } else {
      const asset = fileAsset(settings.logo, 'logo', LOGO_TYPES);
      files.set(asset.file, asset.served);
      logo = { src: asset.href, alt };
    }
  }
  if (settings.stylesheet) {
    if (settings.stylesheet.startsWith('https:')) {
      stylesheets.push(settings.stylesheet);
      styleSources.push(new URL(settings.stylesheet).origin);
    } else {
      const asset = fileAsset(settings.stylesheet, 'custom', { '.css': 'text/css; charset=utf-8' });
      files.set(asset.file, asset.served);
      stylesheets.push(asset.href);
    }
  }

  const messages = settings.messages;
  const textsVersion = version(JSON.stringify(messages));
  for (const lang of Object.keys(messages)) {
    const texts = widgetOverrides(lang, messages);
    if (!Object.keys(texts).length) continue;
    const script =
      "// Generated from the configuration's branding.messages: this language's texts of <gluu-login>.\n" +
      `const texts = ${JSON.stringify(texts)};\n` +
      "for (const el of document.querySelectorAll('gluu-login')) el.messages = { ...texts, ...el.messages };\n";
    files.set(`texts-${lang}.js`, { body: new TextEncoder().encode(script), type: 'text/javascript; charset=utf-8' });
  }
  return {
    productName: settings.product_name,
    logo,
    stylesheets,
    imgSources: [...new Set(imgSources)],
    styleSources: [...new Set(styleSources)],
    messages,
    files,
    widgetTextsScript(lang) {
      // A regional tag with no texts of its own takes its base language's (pt-BR <- pt).
      const name = [lang, lang.split('-')[0]].find((l) => files.has(`texts-${l}.js`));
      return name && `${PREFIX}/texts-${name}.js?v=${textsVersion}`;
    },
  };
}

/** The provider's pages for one configuration: their language, branding, layout and CSP. */
export interface ProviderPages {
  brand: Brand;
  /** The texts for a visitor: the request's ui_locales if any, else its Accept-Language. */
  text(request: { uiLocales?: unknown; acceptLanguage?: string | undefined }): PageText;
  render(text: PageText, options: { title: string; body: Html; scripts?: readonly string[] }): string;
  csp(extra?: { formAction?: string[] }): string;
}

const built = new WeakMap<BrandingSettings, ProviderPages>();

/** Built once per configuration (the files are read then: at start, where createApp asks first). */
export function providerPages(config: Pick<Config, 'branding'>): ProviderPages {
  let pages = built.get(config.branding);
  if (!pages) {
    const brand = buildBrand(config.branding);
    pages = {
      brand,
      text: ({ uiLocales, acceptLanguage }) =>
        pageText(pageLanguage(wantedLanguages(uiLocales, acceptLanguage), brand.messages), brand.messages),
      render: (text, options) => page({ ...options, lang: text.lang, brand }),
      csp: (extra = {}) => pageCsp({ ...extra, brand }),
    };
    built.set(config.branding, pages);
  }
  return pages;
}

/** /assets/brand/: the generated colours, the operator's logo and stylesheet files, the widget's texts. */
export function brandingRoutes(config: Pick<Config, 'branding'>): Hono {
  const { brand } = providerPages(config);
  const app = new Hono();
  app.get('/:file', (c) => {
    const served = brand.files.get(c.req.param('file'));
    if (!served) return c.text('Not found', 404);
    return c.body(served.body, 200, {
      'Content-Type': served.type,
      'Cache-Control': 'public, max-age=300',
      // An SVG opened on its own is a document: it may run nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  });
  return app;
}
