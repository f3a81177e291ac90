// What a developer installing the package gets: entry points that resolve, type declarations for the
// element (with its tag in HTMLElementTagNameMap), and a custom-elements manifest describing its API.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../server/paths.js';

const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  customElements: string;
  bin: Record<string, string>;
  engines: { node: string };
};

describe('the package', () => {
  it('has an existing file behind every export (after npm run build)', () => {
    const files = Object.entries(pkg.exports)
      .flatMap(([entry, target]) =>
        (typeof target === 'string' ? [target] : Object.values(target)).map((file) => [entry, file] as const),
      )
      .filter(([, file]) => !file.includes('*')); // a pattern names no one file
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const [entry, file] of files)
      expect(existsSync(path.join(packageRoot, file)), `${entry} -> ${file}`).toBe(true);
    const bin = path.join(packageRoot, pkg.bin['gluu-login']!);
    expect(existsSync(bin)).toBe(true);
    // `npx gluu-login` runs the file itself: the build leaves it executable (tsc writes 0644).
    expect(statSync(bin).mode & 0o111).toBe(0o111);
    expect(pkg.engines.node).toBe('>=22.12'); // a maintained LTS; .ci/run tests on 24
  });

  it('ships the license its package.json names, in full', () => {
    expect((pkg as { license?: string }).license).toBe('Apache-2.0');
    const text = readFileSync(path.join(packageRoot, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('imports its server entry by name', async () => {
    const server = (await import('gluu-login/server')) as Record<string, unknown>;
    for (const name of ['startServer', 'createBackend', 'loadConfig', 'parseConfig', 'FLOW_HEADER'])
      expect(server[name], name).toBeDefined();
  });

  it('declares the element’s types, its tag included', () => {
    const types = readFileSync(path.join(packageRoot, 'dist/types/widget/gluu-login.d.ts'), 'utf8');
    expect(types).toContain("'gluu-login': GluuLogin");
    expect(types).toContain("'gluu-login-success': CustomEvent<GluuLoginSuccessDetail>");
  });

  it('describes the element in custom-elements.json: attributes, events, parts and custom properties', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageRoot, pkg.customElements), 'utf8')) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: { name: string }[];
          events?: { name: string }[];
          cssParts?: { name: string }[];
          cssProperties?: { name: string }[];
        }[];
      }[];
    };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'gluu-login');
    expect(element).toBeDefined();
    expect(element!.attributes!.map((a) => a.name)).toEqual(
      expect.arrayContaining(['issuer', 'flow', 'authorization-request', 'acr', 'lang', 'no-shadow']),
    );
    expect(element!.events!.map((e) => e.name)).toEqual(
      expect.arrayContaining(['gluu-login-step', 'gluu-login-success', 'gluu-login-error']),
    );
    expect(element!.cssParts!.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'form',
        'label',
        'input',
        'otp-input',
        'button',
        'primary-button',
        'secondary-button',
        'link',
        'error',
        'hint',
        'qr',
        'heading',
      ]),
    );
    expect(element!.cssProperties!.length).toBeGreaterThanOrEqual(10);
    expect(element!.cssProperties!.every((p) => p.name.startsWith('--gluu-login-'))).toBe(true);
  });
});

describe('the demo, as a consumer of the package', () => {
  it('imports the server only through the package entry (server/index.ts), like any application would', () => {
    const demo = path.join(packageRoot, 'demo');
    const files = readdirSync(demo, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const deep: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(demo, file), 'utf8');
      for (const [, from] of source.matchAll(/from '([^']+)'/g)) {
        const target = path.relative(packageRoot, path.resolve(path.dirname(path.join(demo, file)), from!));
        const intoPackage = /^(server|wire|widget)(\/|$)/.test(target);
        if (from!.startsWith('.') && intoPackage && target !== path.join('server', 'index.js')) {
          deep.push(`${file}: ${from}`);
        }
      }
    }
    expect(deep).toEqual([]);
  });
});
