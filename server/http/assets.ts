// The widget bundle and the pages' stylesheet, from files built or shipped with the package.
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { pageStylesheet, widgetBundle } from '../paths.js';

const files: Record<string, { path: string; type: string }> = {
  'gluu-login.js': { path: widgetBundle, type: 'text/javascript; charset=utf-8' },
  'page.css': { path: pageStylesheet, type: 'text/css; charset=utf-8' },
};

export function assetRoutes(): Hono {
  const app = new Hono();
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
    return c.body(new Uint8Array(body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
  });
  return app;
}
