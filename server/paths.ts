// Files the server serves, located from the package root so the same code works from server/ (tsx, tests)
// and from dist/server/ (the built package).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const widgetBundle = path.join(packageRoot, 'dist', 'widget', 'gluu-login.js');
/** Separately importable translations of the widget, by language tag (pt-BR.js, es.js, ...). */
export const widgetTranslations = path.join(packageRoot, 'dist', 'widget', 'i18n');
/** The widget's steps in files of their own, which it imports from beside itself when one is first shown. */
export const widgetSteps = path.join(packageRoot, 'dist', 'widget', 'steps');
export const pageStylesheet = path.join(packageRoot, 'server', 'assets', 'page.css');
