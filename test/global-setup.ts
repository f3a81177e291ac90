// The browser tests load the built widget; `npm test` builds first, but a bare `vitest` run may not have.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { packageRoot, widgetBundle } from '../server/paths.js';

function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs));
}

export default function setup(): void {
  const stale =
    !existsSync(widgetBundle) || statSync(widgetBundle).mtimeMs < newestSource(path.join(packageRoot, 'widget'));
  if (stale) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: packageRoot, stdio: 'inherit' });
}
