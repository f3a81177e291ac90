import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../../server/config.js';
import { loadConfig } from '../../server/config-loading.js';
import { X509Certificate } from 'node:crypto';
import { AttestationCA } from '../helpers/attestation-ca.js';

function problems(raw: unknown): string {
  try {
    parseConfig(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('has working defaults: issuer from the port, SQLite in the data directory, safe argon2 and lockout', () => {
    const config = parseConfig({ port: 4100, data_dir: '/srv/gluu' });
    expect(config.issuer).toBe('http://localhost:4100');
    expect(config.storage).toEqual({ driver: 'sqlite', sqlite_path: '/srv/gluu/gluu-login.sqlite' });
    expect(config.password.argon2).toEqual({ memory_kib: 19456, time_cost: 2, parallelism: 1 });
    // Waits only by default, forgotten after a quiet day: the permanent lock (max_failures) is opt-in.
    expect(config.lockout.account).toMatchObject({
      max_failures: 0,
      forget_after_seconds: 86_400,
      max_wait_seconds: 900,
    });
    expect(config.lockout.device_token_days).toBe(180);
    expect(config.methods.password).toEqual({ enabled: true, level: 10 });
  });

  it('names every bad key with what is allowed', () => {
    const message = problems({
      issuer: 'http://example.com/',
      password: { min_length: 6, argon2: { time_cost: 1 } },
      lockout: { ip: { free_attempts: 0 } },
      methods: { password: { enabled: false } },
      clients: [
        { client_id: 'a', client_secret: 'short', redirect_uris: ['https://rp.example/cb#frag'] },
        {
          client_id: 'b',
          token_endpoint_auth_method: 'none',
          client_secret: 'x'.repeat(32),
          redirect_uris: ['https://rp.example/cb'],
          allowed_origins: ['https://rp.example/app'],
        },
      ],
      typo: true,
    });
    for (const expected of [
      'issuer: must not end with "/"',
      'password.min_length: must be at least 8 (NIST 800-63B)',
      'password.argon2.time_cost: must be at least 2',
      'lockout.ip.free_attempts:',
      'methods.password.enabled: the password method cannot be disabled',
      'clients.0.client_secret: must be at least 32 characters',
      'clients.0.redirect_uris.0: must not contain a fragment',
      'clients.1.client_secret: ' +
        'a client_secret is required unless token_endpoint_auth_method is "none" (and forbidden then)',
      'clients.1.allowed_origins.0: must be an origin',
      '(top level): is not a setting here (misspelled?): "typo"',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('checks references between keys once each key is valid on its own', () => {
    const client = { client_secret: 'x'.repeat(32), redirect_uris: ['https://rp.example/cb'] };
    const message = problems({
      default_acr: 'otp',
      clients: [
        { client_id: 'a', ...client, default_acr: 'sms' },
        { client_id: 'a', ...client },
      ],
      lockout: { account: { initial_wait_seconds: 600, max_wait_seconds: 60 } },
    });
    expect(message).toContain('default_acr: "otp" is not an enabled method (enabled: password)');
    expect(message).toContain('clients.0.default_acr: "sms" is not an enabled method');
    expect(message).toContain('clients.1.client_id: duplicate client_id "a"');
    expect(message).toContain('lockout.account.max_wait_seconds: must be at least initial_wait_seconds');
  });

  it('checks the OTP settings and names the bad key', () => {
    const message = problems({
      methods: {
        otp: {
          enabled: true,
          otp_type: 'motp',
          totp: { digits: 9, window: 3, hmacShaAlgorithm: 'md5', keyLength: 10 },
          hotp: { lookAheadWindow: -1 },
          qr_options: { width: 50 },
        },
      },
    });
    for (const expected of [
      'methods.otp.otp_type: must be "totp" or "hotp"',
      'methods.otp.totp.digits: must be 6, 7 or 8',
      'methods.otp.totp.window: must be 0, 1 or 2',
      'methods.otp.totp.hmacShaAlgorithm: must be sha1, sha256 or sha512',
      'methods.otp.totp.keyLength: must be at least 20 bytes (160 bits, RFC 4226)',
      'methods.otp.hotp.lookAheadWindow:',
      'methods.otp.qr_options.width:',
    ]) {
      expect(message).toContain(expected);
    }
    expect(problems({ methods: { otp: { enabled: true } } })).toContain(
      'methods.otp.issuer: is required when the otp method is enabled',
    );
    expect(problems({ methods: { otp: { enabled: true, issuer: 'Acme:Corp' } } })).toContain(
      'methods.otp.issuer: must not contain ":"',
    );
  });

  it('enables OTP with safe defaults and lists it for acr checks', () => {
    const config = parseConfig({ methods: { otp: { enabled: true, issuer: 'Acme' } }, default_acr: 'otp' });
    expect(config.methods.otp).toMatchObject({
      otp_type: 'totp',
      level: 50,
      enrollment_ttl_seconds: 120,
      totp: { keyLength: 20, digits: 6, timeStep: 30, hmacShaAlgorithm: 'sha1', window: 1 },
    });
    expect(config.default_acr).toBe('otp');
  });

  it('reads environment variables, fixed and generic', () => {
    const config = loadConfig({
      env: {
        GLUU_PORT: '4321',
        GLUU_ISSUER: 'https://login.example.com',
        GLUU__FLOW__TTL_SECONDS: '120',
        GLUU__LOCKOUT__ACCOUNT__FREE_ATTEMPTS: '3',
        GLUU_LOG_LEVEL: 'warn',
      },
    });
    expect(config.port).toBe(4321);
    expect(config.issuer).toBe('https://login.example.com');
    expect(config.flow.ttl_seconds).toBe(120);
    expect(config.lockout.account.free_attempts).toBe(3);
    expect(config.log.level).toBe('warn');
  });

  it('refuses a seal key of the wrong size', () => {
    expect(problems({ seal_key: 'c2hvcnQ' })).toContain('seal_key: must be 32 bytes');
  });
});

describe('notifications', () => {
  it('sends nothing by e-mail and texts verified phones unless told otherwise', () => {
    expect(parseConfig({}).notifications).toEqual({
      email: { require_tls: false, timeout_ms: 5000 },
      sms: true,
      new_sign_in: false,
    });
  });

  it('takes a reset page for the "it was not me" path, and new-sign-in notices only with device tokens', () => {
    expect(
      parseConfig({ notifications: { reset_url: 'https://login.example.com/reset', new_sign_in: true } }).notifications,
    ).toMatchObject({ reset_url: 'https://login.example.com/reset', new_sign_in: true });
    expect(problems({ notifications: { reset_url: 'javascript:alert(1)' } })).toContain(
      'notifications.reset_url: must be an http:// or https:// URL',
    );
    expect(problems({ notifications: { reset_url: 'reset' } })).toContain('notifications.reset_url:');
    expect(problems({ notifications: { new_sign_in: true }, lockout: { device_token_days: 0 } })).toContain(
      'notifications.new_sign_in: needs device tokens (lockout.device_token_days above 0)',
    );
  });

  it('takes a relay as smtp:// or smtps:// with credentials, a sender address, a timeout and a contact', () => {
    const config = loadConfig({
      env: {
        GLUU__NOTIFICATIONS__EMAIL__SMTP_URL: 'smtps://notices%40example.com:s3cret@mail.example.com:465',
        GLUU__NOTIFICATIONS__EMAIL__FROM: 'no-reply@example.com',
        GLUU__NOTIFICATIONS__EMAIL__TIMEOUT_MS: '2000',
        GLUU__NOTIFICATIONS__SMS: 'false',
      },
    });
    expect(config.notifications.email).toEqual({
      smtp_url: 'smtps://notices%40example.com:s3cret@mail.example.com:465',
      from: 'no-reply@example.com',
      require_tls: false,
      timeout_ms: 2000,
    });
    expect(config.notifications.sms).toBe(false);
    expect(
      parseConfig({
        notifications: {
          email: { smtp_url: 'smtp://127.0.0.1:2525', from: 'a@example.com', require_tls: true },
          contact: ' security@example.com ',
        },
      }).notifications,
    ).toMatchObject({
      email: { smtp_url: 'smtp://127.0.0.1:2525', require_tls: true },
      contact: 'security@example.com',
    });
  });

  it('names every bad key with a clear message', () => {
    expect(
      problems({ notifications: { email: { smtp_url: 'http://mail.example.com', from: 'a@example.com' } } }),
    ).toContain(
      'notifications.email.smtp_url: must be an smtp:// or smtps:// URL, ' +
        'e.g. smtps://user:password@mail.example.com:465',
    );
    // Not a URL at all: the same message, not a crash of the refinements behind it.
    expect(problems({ notifications: { email: { smtp_url: 'mail.example.com', from: 'a@example.com' } } })).toContain(
      'notifications.email.smtp_url: must be an smtp:// or smtps:// URL',
    );
    expect(
      problems({
        notifications: { email: { smtp_url: 'smtp://mail.example.com/relay?requireTLS=false', from: 'a@example.com' } },
      }),
    ).toContain('notifications.email.smtp_url: must have no path, query or fragment');
    expect(problems({ notifications: { email: { smtp_url: 'smtp://mail.example.com' } } })).toContain(
      'notifications.email.from: is required when smtp_url is set',
    );
    expect(problems({ notifications: { email: { from: 'no-reply' } } })).toContain(
      'notifications.email.from: must be an e-mail address',
    );
    expect(problems({ notifications: { email: { timeout_ms: 100 } } })).toContain('notifications.email.timeout_ms:');
    expect(problems({ notifications: { sms: 'yes' } })).toContain('notifications.sms:');
    expect(problems({ notifications: { contact: '   ' } })).toContain('notifications.contact: must not be empty');
    expect(problems({ notifications: { pager: true } })).toContain(
      'notifications: is not a setting here (misspelled?): "pager"',
    );
  });
});

describe('webauthn', () => {
  it('takes attestation roots as PEM CA certificates, none by default', () => {
    expect(parseConfig({}).webauthn.attestation_roots).toEqual([]);
    const root = new AttestationCA().pem;
    expect(parseConfig({ webauthn: { attestation_roots: [root] } }).webauthn.attestation_roots).toEqual([root]);
  });

  it('refuses an attestation root that is not one valid CA certificate, naming it', () => {
    const vendor = new AttestationCA({ C: 'SE', O: 'Test Vendor AB', CN: 'Vendor Root' });
    const leaf = new X509Certificate(vendor.issueAttestationKey().chain[0]!).toString();
    const expired = new AttestationCA(
      { C: 'SE', O: 'Old Vendor AB', CN: 'Old Root' },
      { notBefore: new Date(Date.now() - 800 * 86_400_000), notAfter: new Date(Date.now() - 400 * 86_400_000) },
    );
    const message = problems({
      webauthn: {
        attestation_roots: [
          'not a certificate',
          `${vendor.pem}${vendor.pem}`,
          leaf,
          expired.pem,
          vendor.pem
            .split('\n')
            .filter((_, i) => i !== 2)
            .join('\n'),
        ],
      },
    });
    expect(message).toContain('webauthn.attestation_roots.0: must be one PEM certificate');
    expect(message).toContain('webauthn.attestation_roots.1: must be one PEM certificate');
    expect(message).toContain(
      'webauthn.attestation_roots.2: ' +
        'C=SE, O=Test Vendor AB, OU=Authenticator Attestation, CN=Test Key Attestation is not a CA certificate',
    );
    expect(message).toMatch(/webauthn\.attestation_roots\.3: C=SE, O=Old Vendor AB, CN=Old Root expired on /);
    expect(message).toContain('webauthn.attestation_roots.4: must be one PEM certificate');
  });

  it('refuses an origin allow-list entry that no flow could use (neither the issuer nor any client’s)', () => {
    const client = {
      client_id: 'a',
      client_secret: 'x'.repeat(32),
      redirect_uris: ['https://app.example.com/cb'],
      allowed_origins: ['https://app.example.com'],
    };
    const config = parseConfig({
      issuer: 'https://login.example.com',
      webauthn: { rp_id: 'example.com', origins: ['https://login.example.com', 'https://app.example.com'] },
      clients: [client],
    });
    expect(config.webauthn.origins).toEqual(['https://login.example.com', 'https://app.example.com']);
    expect(
      problems({
        issuer: 'https://login.example.com',
        webauthn: { rp_id: 'example.com', origins: ['https://old.example.com'] },
        clients: [client],
      }),
    ).toContain(
      "webauthn.origins.0: https://old.example.com is neither the issuer's origin nor in any client's allowed_origins",
    );
  });
});

describe('enrollment', () => {
  it('binds a first factor on the password alone only when asked to', () => {
    expect(parseConfig({}).enrollment.first_factor).toBe(false);
    expect(parseConfig({ enrollment: { first_factor: true } }).enrollment.first_factor).toBe(true);
    expect(problems({ enrollment: { first_factor: 'yes' } })).toContain('enrollment.first_factor');
    expect(problems({ enrollment: { first_factor: true, trust_on_first_use: true } })).toContain('enrollment');
  });
});

describe('client minimum_acr', () => {
  const client = { client_id: 'a', client_secret: 'x'.repeat(32), redirect_uris: ['https://rp.example/cb'] };
  const otp = { enabled: true, issuer: 'Acme' };

  it('takes an enabled method', () => {
    expect(
      parseConfig({ methods: { otp }, clients: [{ ...client, minimum_acr: 'otp' }] }).clients[0]!.minimum_acr,
    ).toBe('otp');
  });

  it('refuses a method that is not enabled, naming the key', () => {
    expect(problems({ clients: [{ ...client, minimum_acr: 'otp' }] })).toContain(
      'clients.0.minimum_acr: "otp" is not an enabled method (enabled: password)',
    );
  });

  it('refuses what could only end below it: a weaker default_acr, the password grant, a weaker tru.ID fallback', () => {
    expect(
      problems({ methods: { otp }, clients: [{ ...client, default_acr: 'password', minimum_acr: 'otp' }] }),
    ).toContain(`clients.0.default_acr: "password" is below this client's minimum_acr "otp"`);
    const twilio = {
      enabled: true,
      twilio_sid: `AC${'0'.repeat(32)}`,
      twilio_token: 't'.repeat(32),
      from_number: '+15551234567',
    };
    expect(
      problems({
        methods: { otp, twilio_sms: twilio },
        ropc: { enabled: true },
        clients: [{ ...client, grant_types: ['password'], minimum_acr: 'otp' }],
      }),
    ).toContain(`clients.0.minimum_acr: "otp" is above the password grant's acr "twilio_sms" (ropc.sms_method)`);
    const truId = { enabled: true, truid_client_id: 'id', truid_client_secret: 'secret', fallback_acr: 'twilio_sms' };
    expect(
      problems({ methods: { twilio_sms: twilio, tru_id: truId }, clients: [{ ...client, minimum_acr: 'tru_id' }] }),
    ).toContain(
      'clients.0.minimum_acr: "tru_id" is above methods.tru_id.fallback_acr "twilio_sms": ' +
        'a tru_id sign-in for this client could fall back below it',
    );
    // A floor the fallback still meets is fine.
    expect(
      parseConfig({
        methods: { twilio_sms: twilio, tru_id: truId },
        clients: [{ ...client, minimum_acr: 'twilio_sms' }],
      }).clients[0]!.minimum_acr,
    ).toBe('twilio_sms');
  });
});

describe('wording', () => {
  it('says what each setting must be, in place of zod’s own words', () => {
    const message = problems({
      port: 'abc',
      flow: { ttl_seconds: 5 },
      password: { min_length: 9.5 },
      methods: { otp: { enabled: 'yes' } },
      clients: {},
      ropc: { sms_method: 'otp' },
      tipo: 1,
      lockout: { ip: { free_attempts: 1_000_000 } },
    });
    for (const expected of [
      'port: must be a number, not "abc"',
      'flow.ttl_seconds: must be at least 60',
      'password.min_length: must be a whole number, not 9.5',
      'methods.otp.enabled: must be true or false, not "yes"',
      'clients: must be a list, not a section',
      'ropc.sms_method: must be one of "twilio_sms", "smpp", not "otp"',
      '(top level): is not a setting here (misspelled?): "tipo"',
      'lockout.ip.free_attempts: must be at most 100000',
    ])
      expect(message).toContain(expected);
    expect(message).not.toMatch(/Invalid input|Too small|Too big|Unrecognized key/);
  });
});

describe('settings derived from the methods', () => {
  const truId = { enabled: true, truid_client_id: 'id', truid_client_secret: 'secret' };

  it('lets the password grant end only with a method that sends SMS codes, naming the ones that do', () => {
    expect(problems({ ropc: { enabled: true, sms_method: 'otp' } })).toMatch(
      /ropc\.sms_method: .*"twilio_sms".*"smpp"/,
    );
    expect(parseConfig({}).ropc.sms_method).toBe('twilio_sms');
  });

  it('refuses a fallback to the method itself or to one that is not enabled', () => {
    expect(problems({ methods: { tru_id: { ...truId, fallback_acr: 'tru_id' } } })).toContain(
      'methods.tru_id.fallback_acr: cannot be tru_id itself',
    );
    expect(problems({ methods: { tru_id: { ...truId, fallback_acr: 'smpp' } } })).toContain(
      'methods.tru_id.fallback_acr: "smpp" is not an enabled method (enabled: password, tru_id)',
    );
  });

  it('has each shared section once, with its defaults, whichever of its methods are enabled', () => {
    const config = parseConfig({});
    expect(config.sms.code_ttl_seconds).toBe(300);
    expect(config.webauthn.second_factor).toBe('off');
    expect(problems({ sms: { code_ttl_seconds: 5 } })).toContain('sms.code_ttl_seconds:');
  });
});

describe('origins', () => {
  it('names a value that is no URL at all instead of failing on it', () => {
    expect(problems({ webauthn: { origins: ['not a url'] } })).toContain('webauthn.origins.0: must be an http(s) URL');
    const client = {
      client_id: 'a',
      client_secret: 'x'.repeat(32),
      redirect_uris: ['https://app.example.com/cb'],
      allowed_origins: ['app.example.com'],
    };
    expect(problems({ clients: [client] })).toContain('clients.0.allowed_origins.0: must be an http(s) URL');
  });
});

describe('trust_proxy', () => {
  it('trusts no proxy by default and takes the proxies by count, by address, or both', () => {
    expect(parseConfig({}).trust_proxy).toBe(false);
    expect(parseConfig({ trust_proxy: false }).trust_proxy).toBe(false);
    expect(parseConfig({ trust_proxy: { hops: 1 } }).trust_proxy).toEqual({ hops: 1 });
    expect(
      parseConfig({ trust_proxy: { cidrs: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7'], hops: 2 } }).trust_proxy,
    ).toEqual({ cidrs: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7'], hops: 2 });
    expect(loadConfig({ env: { GLUU__TRUST_PROXY: '{"cidrs":["127.0.0.1"]}' } }).trust_proxy).toEqual({
      cidrs: ['127.0.0.1'],
    });
  });

  it('refuses the old true (it trusted the client-written leftmost X-Forwarded-For), says what to use instead', () => {
    expect(problems({ trust_proxy: true })).toContain(
      'trust_proxy: true is no longer accepted (it believed the client-written leftmost X-Forwarded-For): ' +
        'name the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }',
    );
    expect(loadConfig.bind(null, { env: { GLUU__TRUST_PROXY: 'true' } })).toThrow(
      /trust_proxy: true is no longer accepted/,
    );
  });

  it('names a bad proxy setting: no proxies, a bad block, a /0 that trusts everyone, a hop count out of range', () => {
    expect(problems({ trust_proxy: {} })).toContain(
      'trust_proxy: name the proxies: hops (how many), cidrs (their addresses), or both',
    );
    expect(problems({ trust_proxy: 'yes' })).toContain(
      'trust_proxy: must be false or the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }',
    );
    const message = problems({ trust_proxy: { cidrs: ['10.0.0.0/33', 'proxy.internal', '0.0.0.0/0'], hops: 0 } });
    expect(message).toContain('trust_proxy.cidrs.0: must be an IP address or a CIDR block (10.0.0.0/8, 2001:db8::/32)');
    expect(message).toContain('trust_proxy.cidrs.1: must be an IP address or a CIDR block (10.0.0.0/8, 2001:db8::/32)');
    expect(message).toContain('trust_proxy.cidrs.2: must not be a /0');
    expect(message).toContain('trust_proxy.hops: must be at least 1');
    expect(problems({ trust_proxy: { cidrs: [] } })).toContain('trust_proxy.cidrs: name at least one proxy address');
  });
});
