// Screenshot comparison with committed images: a pixel diff within a tolerance. UPDATE_SCREENSHOTS=1
// writes new reference images instead (then look at them before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { packageRoot } from '../../server/paths.js';
import { SCREENSHOTS } from './browser.js';

export const REFERENCE_DIR = path.join(packageRoot, 'test', 'e2e', '__screenshots__');

export interface Comparison {
  /** Share of pixels that differ beyond pixelmatch's per-pixel threshold. */
  differing: number;
  reference: string;
  created: boolean;
}

export function compareWithReference(name: string, png: Buffer): Comparison {
  const reference = path.join(REFERENCE_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(path.dirname(reference), { recursive: true });
    writeFileSync(reference, png);
    return { differing: 0, reference, created: true };
  }
  if (!existsSync(reference))
    throw new Error(
      `no reference image ${reference}: run the tests with UPDATE_SCREENSHOTS=1, look at the images, commit them`,
    );
  const expected = PNG.sync.read(readFileSync(reference));
  const actual = PNG.sync.read(png);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    saveForReview(name, { actual: png });
    return { differing: 1, reference, created: false };
  }
  const diff = new PNG({ width: expected.width, height: expected.height });
  const count = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, { threshold: 0.1 });
  if (count > 0) saveForReview(name, { actual: png, diff: PNG.sync.write(diff) });
  return { differing: count / (expected.width * expected.height), reference, created: false };
}

/** The images of a mismatch, in test-results/screenshots/diff/, to look at beside the reference. */
function saveForReview(name: string, images: Record<string, Buffer>): void {
  const dir = path.join(SCREENSHOTS, 'diff');
  mkdirSync(dir, { recursive: true });
  for (const [kind, png] of Object.entries(images))
    writeFileSync(path.join(dir, `${name.replace(/\//g, '__')}.${kind}.png`), png);
}
