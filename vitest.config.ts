import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { acceptsConnections } from './test/helpers/ports.js';

// The integration suite runs twice: over the SQLite default, and over PostgreSQL + Redis (each backend in
// its own schema and key prefix) when those answer. test/scale (several instances, faults) needs them.
const STORAGE_TESTS = [
  'test/integration/oidc-code-flow.test.ts',
  'test/integration/flow-api-input.test.ts',
  'test/integration/password-lockout.test.ts',
  'test/integration/enumeration-and-lockout.test.ts',
  'test/integration/provider-session.test.ts',
  'test/integration/otp.test.ts',
  'test/integration/sms.test.ts',
  'test/integration/notifications.test.ts',
  'test/integration/email-otp.test.ts',
  'test/integration/phonecheck.test.ts',
  'test/integration/webauthn.test.ts',
  'test/integration/factor-binding.test.ts',
  'test/integration/another-way.test.ts',
  'test/integration/account-api.test.ts',
  'test/integration/password-reset.test.ts',
  'test/integration/password-grant.test.ts',
  'test/integration/cli-login.test.ts',
  'test/integration/acr-floors.test.ts',
  'test/integration/costs.test.ts',
  'test/integration/proxies.test.ts',
  'test/integration/ldap-users.test.ts',
  'test/security/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
];

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const services = (await Promise.all([acceptsConnections(5432), acceptsConnections(6379)])).every(Boolean);
  if (!services) {
    const message =
      'PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) does not answer: ' +
      'the PostgreSQL + Redis variant and test/scale are not run.';
    if (process.env.GLUU_REQUIRE_SERVICES === '1') throw new Error(`${message} (GLUU_REQUIRE_SERVICES=1)`);
    console.warn(`\n!!! ${message}\n`);
  }
  return {
    test: {
      testTimeout: 60_000,
      hookTimeout: 120_000,
      pool: 'forks',
      // Browser tests start Chromium; two cores are enough for two files at a time.
      maxWorkers: 2,
      globalSetup: ['test/global-setup.ts'],
      projects: [
        { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/scale/**'] } },
        ...(services
          ? [
              {
                extends: true as const,
                test: {
                  name: 'postgres+redis',
                  include: [...STORAGE_TESTS, 'test/scale/**/*.test.ts'],
                  env: { GLUU_TEST_STORAGE: 'postgres' },
                },
              },
            ]
          : []),
      ],
    },
  };
});
