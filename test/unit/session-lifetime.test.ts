// Provider sessions end 12 h after the sign-in and 30 min after their last use (NIST 800-63B AAL2), by
// default: the ttl oidc-provider saves a session with on each use.
import { describe, expect, it } from 'vitest';
import type { Session } from 'oidc-provider';
import { parseConfig } from '../../server/config.js';
import { sessionLifetime } from '../../server/oidc/session-lifetime.js';

const config = parseConfig({ data_dir: '/tmp/unused' });
const NOW = 1_800_000_000;
const ttl = sessionLifetime(config, () => NOW * 1000);
const session = (fields: Partial<Session>) => fields as Session;

describe('provider session lifetime', () => {
  it('defaults to 12 h absolute and 30 min idle', () => {
    expect(config.tokens).toMatchObject({ session_ttl_seconds: 12 * 3600, session_idle_seconds: 30 * 60 });
  });

  it('lives 30 min past each use, never past 12 h after the sign-in', () => {
    expect(ttl(undefined, session({ loginTs: NOW }))).toBe(1800);
    expect(ttl(undefined, session({ loginTs: NOW - 11 * 3600 }))).toBe(1800);
    expect(ttl(undefined, session({ loginTs: NOW - (12 * 3600 - 600) }))).toBe(600);
    expect(ttl(undefined, session({ loginTs: NOW - 13 * 3600 }))).toBe(1);
  });

  it('keeps the short life of an embedded finish’s transient session', () => {
    expect(ttl(undefined, session({ transient: true, loginTs: NOW }))).toBe(
      config.tokens.code_ttl_seconds + config.tokens.access_token_ttl_seconds,
    );
  });

  it('follows the configured figures', () => {
    const custom = parseConfig({
      data_dir: '/tmp/unused',
      tokens: { session_ttl_seconds: 8 * 3600, session_idle_seconds: 900 },
    });
    const customTtl = sessionLifetime(custom, () => NOW * 1000);
    expect(customTtl(undefined, session({ loginTs: NOW }))).toBe(900);
    expect(customTtl(undefined, session({ loginTs: NOW - (8 * 3600 - 60) }))).toBe(60);
  });
});
