// The `branding` section: what an operator sets to make the provider's own pages (hosted sign-in, consent,
// sign-out, errors, the phone check's pages) theirs: a product name, a logo, colours, a stylesheet and their
// own texts. Every value is checked here so nothing an operator writes reaches a page as markup or CSS:
// colours must be colour values, texts are escaped, and a logo or stylesheet is an https URL (its origin
// joins the pages' CSP) or a file on this server's disk (served from /assets/brand/, so 'self' covers it).
import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { WIDGET_TEXT_IDS } from './branding-widget-ids.js';
import { PAGE_TEXT_BASE, placeholders } from './http/page-text.js';

/** What a logo file may be (by extension), and the Content-Type it is served with. */
export const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};
const MAX_FILE_BYTES = 512 * 1024;

const NUMBER = String.raw`(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:%|deg|turn|rad)?|none)`;
/** A colour in one of CSS's colour syntaxes, with nothing around it that could end a declaration. */
const COLOUR = new RegExp(
  '^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})' +
    String.raw`|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\((?:\s*${NUMBER}\s*[,/]?)+\))$`,
  'i',
);

const colour = z
  .string()
  .regex(COLOUR, 'must be a CSS colour: #rrggbb, #rgb, rgb(…), hsl(…) or oklch(…) with numbers only')
  .describe('A CSS colour: #rrggbb, #rgb, rgb(…), hsl(…), oklch(…).');

/** The colours of one scheme, each the widget's custom property of the same meaning (and the page's). */
export const PALETTE = {
  primary: ['--gluu-login-color-primary', 'Buttons, links and the focus ring.'],
  primary_text: ['--gluu-login-color-primary-text', 'Text on a primary button.'],
  text: ['--gluu-login-color-text', 'Body text.'],
  muted: ['--gluu-login-color-muted', 'Hints and secondary text.'],
  background: ['--page-background', 'The page around the card.'],
  surface: ['--gluu-login-color-bg', 'The card and the inputs.'],
  border: ['--gluu-login-color-border', 'Input borders and rules.'],
  error: ['--gluu-login-color-error', 'Error messages and invalid inputs.'],
  focus: ['--gluu-login-color-focus', 'The focus ring.'],
} as const;
export type PaletteName = keyof typeof PALETTE;

const palette = z
  .strictObject(
    Object.fromEntries(
      Object.entries(PALETTE).map(([name, [, about]]) => [name, colour.optional().describe(about)]),
    ) as Record<PaletteName, z.ZodOptional<typeof colour>>,
  )
  .describe('Colours of one scheme; a colour left out keeps the built-in one.');

/** "https://…" (its origin joins the CSP), or a file path; anything else with a scheme is refused. */
function asset(what: string, types: readonly string[]) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
      if (scheme === 'https') {
        if (!URL.canParse(value)) ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
        else if (new URL(value).username || new URL(value).password)
          ctx.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
        return;
      }
      if (scheme) {
        ctx.addIssue({
          code: 'custom',
          message:
            scheme === 'http'
              ? `must be an https URL or a file path: over http:// anyone on the way could change the ${what}`
              : `must be an https URL or a file path, not a ${scheme}: URL`,
        });
        return;
      }
      const ext = path.extname(value).toLowerCase();
      if (!types.includes(ext)) {
        ctx.addIssue({ code: 'custom', message: `must be a ${types.join(', ')} file (or an https URL)` });
        return;
      }
      let size: number;
      try {
        const stat = statSync(value);
        if (!stat.isFile()) throw new Error('not a file');
        size = stat.size;
      } catch {
        ctx.addIssue({ code: 'custom', message: `names no readable file (${path.resolve(value)})` });
        return;
      }
      if (size > MAX_FILE_BYTES)
        ctx.addIssue({ code: 'custom', message: `is ${size} bytes: a ${what} file may be 512 KiB at most` });
    });
}

/** Every id an override may name: the provider pages' texts and the widget's. */
const PAGE_IDS = new Set(Object.keys(PAGE_TEXT_BASE));
const WIDGET_IDS = new Set(WIDGET_TEXT_IDS);

const overrides = z
  .record(z.string(), z.record(z.string(), z.string().trim().min(1).max(1000)))
  .superRefine((byLang, ctx) => {
    for (const [lang, texts] of Object.entries(byLang)) {
      // Checked here, not as the record's key schema: zod words a refused key only as "Invalid key in record".
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) {
        ctx.addIssue({ code: 'custom', path: [lang], message: 'must be a language tag such as "en", "de" or "pt-BR"' });
        continue;
      }
      for (const [id, text] of Object.entries(texts)) {
        const where = [lang, id];
        if (!PAGE_IDS.has(id) && !WIDGET_IDS.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: where,
            message: 'is not a text of the provider pages or the widget (misspelled? see docs/branding.md)',
          });
          continue;
        }
        if (!PAGE_IDS.has(id)) continue; // the widget's own syntax (plurals) is the widget's to read
        const allowed = placeholders(PAGE_TEXT_BASE[id as keyof typeof PAGE_TEXT_BASE]);
        const unknown = placeholders(text).filter((p) => !allowed.includes(p));
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            path: where,
            message: `uses {${unknown[0]}}, which this text does not have (${
              allowed.length ? `it has ${allowed.map((p) => `{${p}}`).join(', ')}` : 'it has none'
            })`,
          });
      }
    }
  });

export const brandingSettings = z
  .strictObject({
    product_name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe("Shown at the top of every provider page, beside the logo; the logo's text alternative."),
    logo: asset('logo', Object.keys(LOGO_TYPES))
      .optional()
      .describe(
        'An https URL (its origin is added to img-src) or a .svg/.png/.webp/.jpg file on this server, ' +
          'served from /assets/brand/.',
      ),
    logo_alt: z
      .string()
      .trim()
      .max(120)
      .optional()
      .describe('Text alternative of the logo; defaults to product_name ("" when the logo is decoration).'),
    color_scheme: z
      .enum(['auto', 'light', 'dark'])
      .default('auto')
      .describe("auto follows the visitor's setting; light or dark fixes the scheme."),
    colors: z
      .strictObject({ light: palette.optional(), dark: palette.optional() })
      .prefault({})
      .describe('Colours for the light and the dark scheme, served as a stylesheet from /assets/brand/.'),
    stylesheet: asset('stylesheet', ['.css'])
      .optional()
      .describe(
        'One more stylesheet, after ours: an https URL (its origin alone is added to style-src) or a .css file ' +
          'on this server, served from /assets/brand/.',
      ),
    messages: overrides
      .default({})
      .describe('Texts by language, then by id (docs/branding.md lists them); they win over the built-in ones.'),
  })
  .prefault({})
  .describe("The provider's own pages: product name, logo, colours, stylesheet and texts.");

export type BrandingSettings = z.output<typeof brandingSettings>;
