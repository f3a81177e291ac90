// docs/configuration-reference.md is generated from the configuration schema (scripts/config-reference.ts):
// a schema change without `npm run docs:config` fails here, so the reference cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, renderConfigReference } from '../../scripts/config-reference.js';

describe('the configuration reference', () => {
  it('is what the schema generates (run npm run docs:config after changing the schema)', async () => {
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(await renderConfigReference());
  });

  it('lists every key with its type and default, and says what it is for', async () => {
    const page = await renderConfigReference();
    expect(page).toContain('| `port` | integer 0–65535 | `4000` |');
    expect(page).toContain('| `flow.start_limit_per_ip.max` | integer 1–10000 | `60` |');
    expect(page).toMatch(/\| `trust_proxy\.cidrs` \| list of string \| {2}\| The proxies' addresses/);
    expect(page).toMatch(/\| `storage\.postgres\.url` \| string \| required \| postgres:\/\//);
    const undescribed = page
      .split('\n')
      .filter((line) => line.startsWith('| `') && line.endsWith('|  |'))
      .map((line) => line.split('|')[1]?.trim());
    expect(undescribed).toEqual([]);
  });
});
