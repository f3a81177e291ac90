// The data directory may already exist (created by an installer, a volume mount, `mkdir -p`) with the
// usual 0755: its files must still be readable by their owner only, whatever the umask lets through.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBackend } from '../helpers/backend.js';

const parent = mkdtempSync(path.join(tmpdir(), 'gluu-login-files-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('data files', () => {
  it('are created 0600 in an existing world-readable directory: the SQLite file, -wal, -shm, seal key', async () => {
    const dataDir = path.join(parent, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const umask = process.umask(0o022);
    try {
      const backend = await startTestBackend({ dataDir, shared: false, keepData: true });
      await backend.addUser('mode', 'mode password 12');
      const modes = Object.fromEntries(
        readdirSync(dataDir)
          .filter((name) => statSync(path.join(dataDir, name)).isFile())
          .map((name) => [name, (statSync(path.join(dataDir, name)).mode & 0o777).toString(8)]),
      );
      await backend.close();
      expect(modes).toEqual({
        'gluu-login.sqlite': '600',
        'gluu-login.sqlite-wal': '600',
        'gluu-login.sqlite-shm': '600',
        'seal.key': '600',
      });
    } finally {
      process.umask(umask);
    }
  });
});
