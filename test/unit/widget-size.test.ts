// The widget (every step of a sign-in, WebAuthn, English) stays within 16 KB minified + gzipped, measured
// the way the other sign-in widgets are (esbuild --minify, gzip -9), on a build made by this test. The steps
// a user meets rarely (adding a factor, the phone check, recovery codes, a forgotten password) are files of
// their own under steps/, each within a budget of its own, loaded from beside the bundle when first shown.
// <gluu-account> is a second bundle with a budget of its own; it imports Lit and <gluu-login> from the first.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { packageRoot } from '../../server/paths.js';
import { ACCOUNT_BUDGET_BYTES, measure, STEP_BUDGET_BYTES, WIDGET_BUDGET_BYTES } from '../../bench/widget-size.js';

const outDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-widget-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the widget bundle', () => {
  it(`is at most ${WIDGET_BUDGET_BYTES} B minified + gzipped`, async () => {
    // Production, as `npm run build` does: under vitest NODE_ENV is "test", which would resolve Lit's
    // development build (larger, with dev-mode warnings).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      configFile: path.join(packageRoot, 'vite.config.ts'),
      root: packageRoot,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    const size = await measure(path.join(outDir, 'gluu-login.js'));
    expect(size.gzipped).toBeGreaterThan(4000); // it really measured the widget (lit alone is ~5.5 KB)
    expect(size.gzipped).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  }, 120_000);

  it(`has each separate step within ${STEP_BUDGET_BYTES} B, importing only the bundle beside it`, async () => {
    const steps = readdirSync(path.join(outDir, 'steps')).sort();
    expect(steps).toEqual(
      expect.arrayContaining([
        'otp-enroll.js',
        'phonecheck.js',
        'recovery-codes.js',
        'reset-code.js',
        'new-password.js',
        'trust-browser.js',
      ]),
    );
    for (const file of steps) {
      const code = readFileSync(path.join(outDir, 'steps', file), 'utf8');
      expect((await measure(path.join(outDir, 'steps', file))).gzipped, file).toBeLessThanOrEqual(STEP_BUDGET_BYTES);
      for (const [, from] of code.matchAll(/from\s*["'`]([^"'`]+)["'`]/g))
        expect(from, file).toMatch(/^\.\.?\/[\w-]+\.js$/);
      expect(code, file).not.toContain('lit-html');
    }
    // The package's entry only names the element; the bundle is the one file a page loads.
    expect(readFileSync(path.join(outDir, 'index.js'), 'utf8')).toMatch(
      /^export\{\w+ as GluuLogin\}from"\.\/gluu-login\.js";?\s*$/,
    );
  });

  it('ships the translations as separate files, not inside the main bundle', () => {
    const files = readdirSync(outDir, { recursive: true }).map(String).sort();
    expect(files).toEqual(
      expect.arrayContaining(['gluu-login.js', 'i18n/de.js', 'i18n/es.js', 'i18n/fr.js', 'i18n/pt-BR.js']),
    );
    const main = readFileSync(path.join(outDir, 'gluu-login.js'), 'utf8');
    const portuguese = readFileSync(path.join(outDir, 'i18n/pt-BR.js'), 'utf8');
    expect(portuguese).toContain('Entrar');
    expect(main).not.toContain('Entrar');
    // A translation registers itself with the widget already on the page; it carries no copy of Lit or the widget.
    expect(portuguese.length).toBeLessThan(8000);
    expect(portuguese).not.toContain('lit-html');
  });

  it(`has <gluu-account> within ${ACCOUNT_BUDGET_BYTES} B, with Lit and <gluu-login> from gluu-login.js`, async () => {
    const file = path.join(outDir, 'gluu-account.js');
    const size = await measure(file);
    expect(size.gzipped).toBeGreaterThan(3000); // it really measured the element
    expect(size.gzipped).toBeLessThanOrEqual(ACCOUNT_BUDGET_BYTES);
    const code = readFileSync(file, 'utf8');
    expect([...code.matchAll(/from\s*["'`]([^"'`]+)["'`]/g)].map(([, from]) => from)).toEqual(['./gluu-login.js']);
    // no second copy of Lit or of the sign-in element's code
    expect(code).not.toContain('lit-html');
    expect(code).not.toContain('otp_enroll_heading');
    // and the sign-in bundle carries none of the account's code
    const main = readFileSync(path.join(outDir, 'gluu-login.js'), 'utf8');
    expect(main).not.toContain('gluu-account');
    expect(main).not.toContain('Gluu-Proof');
    // every language of <gluu-login> has the account's texts too
    const languages = readdirSync(path.join(outDir, 'i18n')).sort();
    expect(languages.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(path.join(outDir, 'account', 'i18n')).sort()).toEqual(languages);
    for (const file of languages) {
      const lang = file.replace(/\.js$/, '');
      const translation = readFileSync(path.join(outDir, 'account', 'i18n', file), 'utf8');
      expect(translation, lang).not.toMatch(/\bfrom\s*["'`]|\bimport\s*\(/);
      expect(translation.length, lang).toBeLessThan(8000);
    }
  });
});
