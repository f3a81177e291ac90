// The built widget's size as browsers download it: bytes minified, and gzipped at level 9.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { widgetBundle } from '../server/paths.js';

export function widgetSize(): { minified: number; gzipped: number } {
  const code = readFileSync(widgetBundle);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}
