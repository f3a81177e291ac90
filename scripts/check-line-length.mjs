#!/usr/bin/env node
// Fails when a tracked source or data file has a line over 120 columns, the width biome.json formats to.
// Columns are counted as biome counts them: a combining mark (a Devanagari vowel sign, an accent typed
// apart) or an invisible format character takes none, so a Hindi line biome keeps whole is not refused here.
// Biome's formatter cannot break string literals, template literals or comments, so it leaves such lines
// long; this check, run by `npm run lint`, catches them. Prints `file:line: N characters` for each one.
//
// Markdown (*.md) is not checked: wrapping a table row or a URL breaks it, and prose wraps in any viewer.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const MAX_CHARACTERS = 120;
const PATTERNS = ['*.ts', '*.mts', '*.mjs', '*.js', '*.json', '*.css', '*.yaml', '*.yml', '*.html'];

/** Lines allowed to be longer, each because it cannot be wrapped: the file and how the trimmed line starts. */
const ALLOWED = [
  {
    file: 'package.json',
    lineStart: '"build": ',
    reason: 'an npm script is one JSON string, and JSON has no string concatenation',
  },
];
/** Files not checked at all, because no one writes them by hand. */
const GENERATED = new Set(['package-lock.json']);

const files = execFileSync('git', ['ls-files', '-z', '--', ...PATTERNS], { encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && !GENERATED.has(file) && existsSync(file));

let found = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const characters = [...line.replace(/\r$/, '').replace(/[\p{Mn}\p{Me}\p{Cf}]/gu, '')].length;
    if (characters <= MAX_CHARACTERS) return;
    const trimmed = line.trimStart();
    if (ALLOWED.some((allowed) => allowed.file === file && trimmed.startsWith(allowed.lineStart))) return;
    console.log(`${file}:${index + 1}: ${characters} characters`);
    found++;
  });
}
if (found > 0) {
  console.log(`${found} line(s) over ${MAX_CHARACTERS} characters: wrap them (see scripts/check-line-length.mjs).`);
  process.exit(1);
}
