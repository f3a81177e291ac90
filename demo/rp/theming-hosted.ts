// The provider's own pages in the Theming page's three themes: the `branding` section an operator would
// write for each (what test/e2e/branding.test.ts starts the provider with, and what the Theming page and
// docs/branding.md show). The provider has one branding, so the Theming page shows these as screenshots
// (docs/images/branding-<theme>.png) beside the configuration that made them.
import path from 'node:path';
import { type ConfigInput, packageRoot } from '../../server/index.js';
import type { ThemeName } from './theming.js';

export type BrandingInput = NonNullable<ConfigInput['branding']>;

const asset = (file: string) => path.join(packageRoot, 'demo', 'branding', file);

export const HOSTED_THEMES: Record<ThemeName, BrandingInput> = {
  default: {},
  dark: {
    product_name: 'gluu-login demo',
    color_scheme: 'dark',
    colors: {
      dark: {
        primary: '#4493f8',
        primary_text: '#0d1117',
        text: '#e6edf3',
        muted: '#9da7b3',
        background: '#010409',
        surface: '#0d1117',
        border: '#8b949e',
        error: '#ff7b72',
        focus: '#79c0ff',
      },
    },
  },
  brand: {
    product_name: 'Acme',
    logo: asset('logo.svg'),
    color_scheme: 'light',
    colors: {
      light: {
        primary: '#6b21a8',
        primary_text: '#ffffff',
        text: '#1e1530',
        muted: '#5b4f6e',
        background: '#f5f0ff',
        surface: '#faf7ff',
        border: '#7c6699',
        error: '#b4235a',
        focus: '#a21caf',
      },
    },
    stylesheet: asset('brand.css'),
    messages: {
      en: { sign_in_title: 'Sign in to {client} with Acme', sign_in_to: 'Sign in to {client} with your Acme ID' },
      de: { sign_in_title: 'Mit Acme bei {client} anmelden', sign_in_to: 'Mit Ihrer Acme-ID bei {client} anmelden' },
    },
  },
};

/** The hosted page in `theme`, as test/e2e/branding.test.ts recorded and compares it (and the docs show). */
export function hostedScreenshot(theme: ThemeName): string {
  return path.join(packageRoot, 'docs', 'images', `branding-${theme}.png`);
}

/** How the configuration file says it (YAML), for the page and the docs; paths relative to the package. */
export function hostedThemeYaml(theme: ThemeName): string {
  const relative = (value: unknown): unknown =>
    typeof value === 'string' && value.startsWith(packageRoot) ? path.relative(packageRoot, value) : value;
  const lines: string[] = ['branding:'];
  const write = (value: unknown, indent: string) => {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v && typeof v === 'object') {
        lines.push(`${indent}${key}:`);
        write(v, `${indent}  `);
      } else lines.push(`${indent}${key}: ${JSON.stringify(relative(v))}`);
    }
  };
  write(HOSTED_THEMES[theme], '  ');
  return lines.length === 1 ? 'branding: {}' : lines.join('\n');
}
