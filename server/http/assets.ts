// The widget bundle and the pages' stylesheet, from files built or shipped with the package.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { shippedTag } from '../../wire/language-tags.js';
import { pageStylesheet, widgetBundle, widgetSteps, widgetTranslations } from '../paths.js';

let translations: Map<string, string> | undefined;

/**
 * The widget's translations present in this build, by lower-cased language tag (e.g. "pt-br" -> "pt-BR").
 * Read once (every hosted page asks); an empty answer is not kept, so a build made after the start counts.
 */
export function availableTranslations(): Map<string, string> {
  if (translations) return translations;
  const found = existsSync(widgetTranslations) ? readdirSync(widgetTranslations).filter((f) => f.endsWith('.js')) : [];
  const map = new Map(found.map((f) => [f.slice(0, -3).toLowerCase(), f.slice(0, -3)]));
  if (map.size) translations = map;
  return map;
}

/**
 * The translation to load for a requested language: the exact tag, else its base language (pt-PT -> none, de-AT -> de).
 */
export function translationFor(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const available = availableTranslations();
  const tag = shippedTag(lang).toLowerCase(); // "zh" and "zh-Hans" -> zh-CN; "zh-TW" finds none
  return (
    available.get(tag) ??
    available.get(tag.split('-')[0]!) ??
    [...available.entries()].find(([k]) => k.split('-')[0] === tag)?.[1]
  );
}

const files: Record<string, { path: string; type: string }> = {
  'gluu-login.js': { path: widgetBundle, type: 'text/javascript; charset=utf-8' },
  // <gluu-account> (the hosted /account page's element), which imports gluu-login.js from beside itself
  'gluu-account.js': {
    path: path.join(path.dirname(widgetBundle), 'gluu-account.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'page.css': { path: pageStylesheet, type: 'text/css; charset=utf-8' },
};

/** A step file of the widget (dist/widget/steps/<name>.js), or undefined for any other name. */
export async function widgetStepFile(file: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!/^[a-z][a-z-]{0,40}\.js$/.test(file)) return undefined;
  try {
    return new Uint8Array(await readFile(path.join(widgetSteps, file)));
  } catch {
    return undefined;
  }
}

export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/steps/:file', async (c) => {
    const body = await widgetStepFile(c.req.param('file'));
    if (!body) return c.text('Not found', 404);
    return c.body(body, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });
  app.get('/i18n/:file', async (c) => {
    const name = c.req.param('file').replace(/\.js$/, '');
    const file = availableTranslations().get(name.toLowerCase());
    if (!file || `${file}.js` !== c.req.param('file')) return c.text('Not found', 404);
    return c.body(new Uint8Array(await readFile(path.join(widgetTranslations, `${file}.js`))), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });

  // <gluu-account>'s translations (dist/widget/account/i18n/<lang>.js)
  app.get('/account/i18n/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[a-z]{2,3}(-[A-Z]{2})?\.js$/.test(file)) return c.text('Not found', 404);
    try {
      return c.body(new Uint8Array(await readFile(path.join(widgetTranslations, '..', 'account', 'i18n', file))), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
      });
    } catch {
      return c.text('Not found', 404);
    }
  });

  app.get('/:name', async (c) => {
    const file = files[c.req.param('name')];
    if (!file) return c.text('Not found', 404);
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      return c.text(`${c.req.param('name')} is not built: run "npm run build".`, 503);
    }
    // Short cache with revalidation: a new build is picked up without renaming the stable URL.
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': file.type,
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    });
  });
  return app;
}
