// AES-256-GCM for secrets at rest (signing keys, OTP seeds). Each sealed value is bound to a context
// string (as additional authenticated data), so a value cannot be moved to another row or purpose.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the seal key must be 32 bytes');
  }

  /** A key for another purpose (HMACs of codes, tickets), derived so the seal key itself is never reused. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `gluu-login ${purpose}`, 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    const [version, ivText, bodyText] = sealed.split('.');
    if (version !== VERSION || !ivText || !bodyText) throw new Error('not a sealed value');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key, or one generated once into <data_dir>/seal.key (mode 0600) so the demo needs no setup.
 * Production should configure `seal_key` (or GLUU_SEAL_KEY) and keep it out of the data directory's backups.
 */
export function resolveSealKey(
  configured: string | undefined,
  dataDir: string,
): { key: Buffer; source: 'config' | 'file' | 'generated' } {
  if (configured) return { key: Buffer.from(configured, 'base64url'), source: 'config' };
  const file = path.join(dataDir, 'seal.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64url key`);
    return { key, source: 'file' };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process (a second instance, the CLI) wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return resolveSealKey(undefined, dataDir);
    throw err;
  }
  return { key, source: 'generated' };
}
