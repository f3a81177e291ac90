// The widget's size as other sign-in widgets are measured (esbuild --minify, then gzip -9), so the budget
// test and `npm run bench` compare like with like.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { widgetBundle } from '../server/paths.js';

export const WIDGET_BUDGET_BYTES = 16 * 1024;
/** <gluu-account> (dist/widget/gluu-account.js), beyond the Lit and <gluu-login> it imports from gluu-login.js. */
export const ACCOUNT_BUDGET_BYTES = 12 * 1024;
/** Each step the widget loads when first shown (dist/widget/steps/). */
export const STEP_BUDGET_BYTES = 2 * 1024;

/** Figures published by the issue, measured the same way (esbuild --minify, gzip -9). */
export const OTHER_WIDGETS = [
  { name: 'Hanko elements 2.7', bytes: 46_518 },
  { name: 'Auth0 Lock 14.3', bytes: 326_659 },
  { name: 'Okta Sign-In Widget 7.49', bytes: 364_613 },
];

export async function measure(file = widgetBundle): Promise<{ minified: number; gzipped: number }> {
  const { code } = await transform(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: 'es2022' });
  return { minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length };
}
