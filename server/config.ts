// The whole configuration: one file (JSON or YAML) plus environment variables, validated once at start.
// Every other module receives the parsed `Config`; nothing reads process.env on its own.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseCidr } from './security/ip-address.js';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((u) => !u.includes('#'), 'must not contain a fragment');

// Refinements run on a value the URL check already refused too: they must not assume it parses.
const origin = httpUrl.refine(
  (u) => !URL.canParse(u) || new URL(u).origin === u,
  'must be an origin (scheme://host[:port]) with no path',
);

/** A proxy's address block: `10.0.0.0/8`, `2001:db8::/32`, or one address. */
const proxyCidr = z.string().superRefine((text, ctx) => {
  const block = parseCidr(text);
  if (!block)
    ctx.addIssue({ code: 'custom', message: 'must be an IP address or a CIDR block (10.0.0.0/8, 2001:db8::/32)' });
  else if (block.prefix === 0)
    ctx.addIssue({
      code: 'custom',
      message: 'must not be a /0: that trusts every address as a proxy, and the client could choose its own address',
    });
});

// The client writes X-Forwarded-For and X-Forwarded-Proto as freely as the proxies do: only the entries
// the named proxies appended are believed (see server/http/client-ip.ts). The old `true` believed the
// client's own leftmost entry, so it is refused rather than read as some guess about the deployment.
const trustProxy = z
  .union(
    [
      z.literal(false),
      z
        .strictObject({
          /** How many proxies stand in front of the server (the nearest is the one that connects). */
          hops: z.number().int().min(1).max(10).optional(),
          /** The proxies' addresses: a peer outside them is a client, whatever headers it sends. */
          cidrs: z
            .array(proxyCidr)
            .min(1, 'name at least one proxy address (or leave cidrs out and set hops)')
            .optional(),
        })
        .refine(
          (t) => t.hops !== undefined || t.cidrs !== undefined,
          'name the proxies: hops (how many), cidrs (their addresses), or both',
        ),
    ],
    {
      error: (issue) =>
        issue.input === true
          ? 'true is no longer accepted (it believed the client-written leftmost X-Forwarded-For): name the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }'
          : 'must be false or the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }',
    },
  )
  .default(false);
export type TrustProxy = z.output<typeof trustProxy>;

const lockoutPolicy = (defaults: {
  free_attempts: number;
  initial_wait_seconds: number;
  max_failures: number;
  forget_after_seconds: number;
}) =>
  z
    .strictObject({
      /** Failures allowed before the first wait. */
      free_attempts: z.number().int().min(1).max(100_000).default(defaults.free_attempts),
      /** Wait after the first failure beyond the free ones; doubles with each further failure. */
      initial_wait_seconds: z.number().int().min(1).max(86_400).default(defaults.initial_wait_seconds),
      max_wait_seconds: z.number().int().min(1).max(86_400).default(900),
      /** Consecutive failures after which the key stays locked until an administrator unlocks it (0: never). */
      max_failures: z
        .number()
        .int()
        .min(0)
        .max(100, 'must be at most 100 (NIST 800-63B)')
        .default(defaults.max_failures),
      /** Forget failures after this long without a new one (0: only a success forgets them). */
      forget_after_seconds: z.number().int().min(0).default(defaults.forget_after_seconds),
    })
    .prefault({});
export type LockoutPolicy = z.output<ReturnType<typeof lockoutPolicy>>;

const methodBase = {
  enabled: z.boolean(),
  /** Gluu's script level: with no acr requested and no default, the enabled method with the highest level wins. */
  level: z.number().int().min(0).max(1000),
};

const passwordMethod = z.strictObject({
  level: methodBase.level.default(10),
  enabled: z
    .literal(true, { error: 'the password method cannot be disabled: every other method starts with it' })
    .default(true),
  /** When set, the password step shows a "Create an account" link to this URL. */
  registration_uri: httpUrl.optional(),
});

/** The size of a QR code image, in pixels. */
const qrSize = (pixels: number) =>
  z
    .strictObject({
      width: z.number().int().min(120).max(1024).default(pixels),
      height: z.number().int().min(120).max(1024).default(pixels),
    })
    .prefault({});

/** The key and code settings TOTP and HOTP share (seed 004). */
const otpKeySettings = {
  keyLength: z.number().int().min(20, 'must be at least 20 bytes (160 bits, RFC 4226)').max(64).default(20),
  digits: z.number().int().min(6, 'must be 6, 7 or 8').max(8, 'must be 6, 7 or 8').default(6),
  hmacShaAlgorithm: z.enum(['sha1', 'sha256', 'sha512'], { error: 'must be sha1, sha256 or sha512' }).default('sha1'),
};

/** A provider's API root (only changed to point at a stand-in): no trailing "/", no query. */
const apiBaseUrl = (standard: string) =>
  httpUrl
    .refine((u) => !u.endsWith('/'), 'must not end with "/"')
    .refine((u) => !new URL(u).search, 'must not have a query')
    .default(standard);

/** Seed 004's OTP configuration file, inline. Every key has a safe default; a wrong value stops the server. */
const otpMethod = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(50),
    otp_type: z.enum(['totp', 'hotp'], { error: 'must be "totp" or "hotp"' }).default('totp'),
    /** Shown in the authenticator app; required when enabled (seed 004's mandatory property). */
    issuer: z
      .string()
      .min(1)
      .max(64)
      .refine((s) => !s.includes(':'), 'must not contain ":" (it separates issuer and account in the otpauth label)')
      .optional(),
    /** A caption shown above the QR code. */
    label: z.string().min(1).max(64).optional(),
    qr_options: qrSize(240),
    registration_uri: httpUrl.optional(),
    /** How long an enrollment QR code (and its secret) can be confirmed before a new one is needed. */
    enrollment_ttl_seconds: z.number().int().min(30).max(900).default(120),
    totp: z
      .strictObject({
        ...otpKeySettings,
        timeStep: z.number().int().min(15).max(60, 'must be at most 60 seconds').default(30),
        /** Time steps accepted either side of the current one (clock drift). */
        window: z.number().int().min(0).max(2, 'must be 0, 1 or 2').default(1),
      })
      .prefault({}),
    hotp: z
      .strictObject({
        ...otpKeySettings,
        lookAheadWindow: z.number().int().min(0).max(100).default(10),
      })
      .prefault({}),
  })
  .superRefine((m, ctx) => {
    if (m.enabled && m.issuer === undefined)
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'is required when the otp method is enabled' });
  });
export type OtpConfig = z.output<typeof otpMethod>;

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +15551234567');

/** Twilio Messages API (seed 002's properties), reached through the official SDK. */
const twilioSmsMethod = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(40),
    twilio_sid: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID ("AC" + 32 hex characters)')
      .optional(),
    twilio_token: z.string().min(16, 'must be a Twilio auth token').optional(),
    from_number: e164.optional(),
    messaging_service_sid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID ("MG" + 32 hex characters)')
      .optional(),
    /** Where the SDK sends its requests; only changed to point at a stand-in. */
    api_base_url: apiBaseUrl('https://api.twilio.com'),
    timeout_ms: z.number().int().min(500).max(60_000).default(10_000),
  })
  .superRefine((m, ctx) => {
    if (!m.enabled) return;
    if (!m.twilio_sid)
      ctx.addIssue({ code: 'custom', path: ['twilio_sid'], message: 'is required when twilio_sms is enabled' });
    if (!m.twilio_token)
      ctx.addIssue({ code: 'custom', path: ['twilio_token'], message: 'is required when twilio_sms is enabled' });
    if (!m.from_number === !m.messaging_service_sid) {
      ctx.addIssue({
        code: 'custom',
        path: ['from_number'],
        message: 'set exactly one of from_number or messaging_service_sid',
      });
    }
  });
export type TwilioSmsConfig = z.output<typeof twilioSmsMethod>;

const ton = z.enum([
  'UNKNOWN',
  'INTERNATIONAL',
  'NATIONAL',
  'NETWORK_SPECIFIC',
  'SUBSCRIBER_NUMBER',
  'ALPHANUMERIC',
  'ABBREVIATED',
]);
const npi = z.enum([
  'UNKNOWN',
  'ISDN',
  'DATA',
  'TELEX',
  'LAND_MOBILE',
  'NATIONAL',
  'PRIVATE',
  'ERMES',
  'INTERNET',
  'WAP',
]);

/** An SMSC over SMPP 3.4 (seed 003's properties), through the `smpp` package, on one long-lived bind. */
const smppSmsMethod = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(40),
    smpp_server: z.string().min(1).optional(),
    smpp_port: z.number().int().min(1).max(65_535).default(2775),
    system_id: z.string().max(15, 'must be at most 15 characters (SMPP 3.4)').default(''),
    password: z.string().max(8, 'must be at most 8 characters (SMPP 3.4)').default(''),
    source_addr: z.string().min(1).max(20).default('Gluu OTP'),
    source_addr_ton: ton.default('ALPHANUMERIC'),
    source_addr_npi: npi.default('ISDN'),
    dest_addr_ton: ton.default('INTERNATIONAL'),
    dest_addr_npi: npi.default('ISDN'),
    priority_flag: z.number().int().min(0).max(3).default(3),
    /** SMPP data_coding; unset lets the library choose GSM 7-bit, Latin-1 or UCS-2 from the text. */
    data_coding: z
      .union([z.literal(0), z.literal(1), z.literal(3), z.literal(8)], {
        error: 'must be 0 (SMSC default), 1 (IA5), 3 (Latin-1) or 8 (UCS-2): the smpp package encodes no other',
      })
      .optional(),
    tls: z.boolean().default(false),
    enquire_link_period_seconds: z.number().int().min(5).max(600).default(30),
    registered_delivery: z.boolean().default(true),
    submit_timeout_ms: z.number().int().min(500).max(60_000).default(10_000),
    /** Waits between reconnection attempts start here and double up to reconnect_max_ms. */
    reconnect_initial_ms: z.number().int().min(50).max(60_000).default(500),
    reconnect_max_ms: z.number().int().min(100).max(600_000).default(30_000),
  })
  .superRefine((m, ctx) => {
    if (m.enabled && !m.smpp_server)
      ctx.addIssue({ code: 'custom', path: ['smpp_server'], message: 'is required when smpp is enabled' });
  });
export type SmppSmsConfig = z.output<typeof smppSmsMethod>;

/** tru.ID PhoneCheck v0.2 (seed 000): the SIM in the phone proves the number over mobile data. */
const truIdMethod = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(45),
    /** Regional API, e.g. https://eu.api.tru.id (or a stand-in). */
    truid_api_base_url: apiBaseUrl('https://eu.api.tru.id'),
    truid_client_id: z.string().min(1).optional(),
    truid_client_secret: z.string().min(1).optional(),
    timeout_ms: z.number().int().min(500).max(60_000).default(10_000),
    /** An enabled method offered when the check cannot run (network not supported, WiFi, ...), e.g. twilio_sms. */
    fallback_acr: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a method name such as "twilio_sms"')
      .optional(),
    qr_options: qrSize(220),
    /** Every check is billed by tru.ID: new checks (start and renew) are limited like SMS sends. */
    limits: z
      .strictObject({
        per_user: sendLimit(5, 900),
        per_ip: sendLimit(30, 3600),
        global_per_minute: z.number().int().min(1).max(1_000_000).default(120),
      })
      .prefault({}),
  })
  .superRefine((m, ctx) => {
    if (!m.enabled) return;
    if (!m.truid_client_id)
      ctx.addIssue({ code: 'custom', path: ['truid_client_id'], message: 'is required when tru_id is enabled' });
    if (!m.truid_client_secret)
      ctx.addIssue({ code: 'custom', path: ['truid_client_secret'], message: 'is required when tru_id is enabled' });
  });
export type TruIdConfig = z.output<typeof truIdMethod>;

/**
 * Seed 001's multi-step password grant for API clients: username, then an SMS code, then the password.
 * Discouraged (RFC 9700, ASVS 10.4.4): off by default, and per client through grant_types.
 */
const ropcSettings = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Which SMS method sends the code (its acr is the one the id_token carries). */
    sms_method: z.enum(['twilio_sms', 'smpp']).default('twilio_sms'),
  })
  .prefault({});

/** Passkeys and security keys: the relying party as browsers see it, and where they are asked for. */
/** One trust anchor for attestation: a CA certificate in PEM that is valid now (an expired one would be skipped in silence). */
const attestationRoot = z
  .string()
  .max(16_384)
  .superRefine((pem, ctx) => {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
    let cert: X509Certificate | undefined;
    try {
      if (blocks === 1) cert = new X509Certificate(pem);
    } catch {
      // reported below
    }
    if (!cert)
      return void ctx.addIssue({
        code: 'custom',
        message: 'must be one PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
      });
    if (!cert.ca)
      ctx.addIssue({
        code: 'custom',
        message: `${cert.subject.replace(/\n/g, ', ')} is not a CA certificate (basicConstraints CA:TRUE)`,
      });
    if (Date.parse(cert.validTo) < Date.now())
      ctx.addIssue({ code: 'custom', message: `${cert.subject.replace(/\n/g, ', ')} expired on ${cert.validTo}` });
  });

const webauthnSettings = z
  .strictObject({
    /** The RP ID: a registrable suffix of every origin below (defaults to the issuer's host name). */
    rp_id: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/i, 'must be a host name such as "example.com"')
      .optional(),
    rp_name: z.string().min(1).max(64).default('gluu-login'),
    /**
     * An allow-list of origins for client data. A flow accepts the issuer's origin (hosted) or its own
     * client's allowed_origins (embedded), narrowed to these when set; never another client's.
     */
    origins: z.array(origin).optional(),
    /**
     * Root certificates (PEM) of the security-key vendors whose attestation makes a key count as hardware
     * (amr hwk). When set, registration asks for attestation ("direct"); when empty every passkey is swk.
     */
    attestation_roots: z.array(attestationRoot).max(50).default([]),
    /** After the password: off, optional (a user without a key may skip registering), required. */
    second_factor: z
      .enum(['off', 'optional', 'required'], { error: 'must be off, optional or required' })
      .default('off'),
    /** For the second factor; passwordless sign-in (acr passkey) always requires user verification. */
    user_verification: z.enum(['required', 'preferred', 'discouraged']).default('preferred'),
    timeout_seconds: z.number().int().min(30).max(600).default(120),
  })
  .prefault({});
export type WebauthnSettings = z.output<typeof webauthnSettings>;

/** Passwordless sign-in with a discoverable passkey. */
const passkeyMethod = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(60),
  })
  .prefault({});

// A function declaration: tru_id's settings above use it too.
function sendLimit(max: number, window: number) {
  return z
    .strictObject({
      max: z.number().int().min(1).max(10_000).default(max),
      window_seconds: z
        .number()
        .int()
        .min(60)
        .max(7 * 86_400)
        .default(window),
    })
    .prefault({});
}

/** What every SMS method shares: the code's life, the limits against SMS pumping, the text. */
const smsSettings = z
  .strictObject({
    code_ttl_seconds: z
      .number()
      .int()
      .min(60)
      .max(600, 'must be at most 600 (ASVS: OOB codes live 10 minutes at most)')
      .default(300),
    max_attempts_per_code: z.number().int().min(1).max(10).default(5),
    resend_cooldown_seconds: z.number().int().min(10).max(600).default(30),
    /** Users without a verified phone may add one (confirmed by a code); otherwise they are told to contact an administrator. */
    enroll_phone: z.boolean().default(false),
    /** ISO 3166 alpha-2 codes; when set, only numbers of these countries get an SMS. */
    allowed_countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as "US"'))
      .optional(),
    /** Message text by language; placeholders {code}, {app}, {host}, {minutes}. English is built in. */
    templates: z
      .record(
        z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'keys must be language tags'),
        z
          .string()
          .min(1)
          .max(500)
          .refine((t) => t.includes('{code}'), 'must contain {code}'),
      )
      .default({}),
    limits: z
      .strictObject({
        per_user: sendLimit(5, 900),
        per_phone: sendLimit(5, 900),
        per_ip: sendLimit(30, 3600),
        /** Across all users, per minute: a distributed pumping run (many accounts, many addresses) stops here. */
        global_per_minute: z.number().int().min(1).max(1_000_000).default(300),
      })
      .prefault({}),
  })
  .prefault({});
export type SmsSettings = z.output<typeof smsSettings>;

/**
 * Binding second factors in a sign-in flow. An account that has one (authenticator app, passkey, verified
 * phone) binds another only after proving an existing one in the same flow (NIST 800-63B 6.1.2.1), always.
 */
const enrollmentSettings = z
  .strictObject({
    /**
     * An account with no second factor may bind its first one right after the password (trust on first use).
     * The risk: whoever holds the password then owns the account's second factor. Off: an administrator
     * adds the first factor (`gluu-login user add --phone`, ...), and such users cannot complete a method that
     * needs one.
     */
    first_factor: z.boolean().default(false),
  })
  .prefault({});

/** A mail relay: smtp:// (STARTTLS when the relay offers it) or smtps:// (TLS from the start), credentials in the URL. */
const smtpUrl = z
  .url({
    protocol: /^smtps?$/,
    error: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465',
  })
  // Refinements run even after the URL check failed: each parses only what can be parsed.
  .refine((u) => !URL.canParse(u) || new URL(u).hostname !== '', 'must name a host')
  .refine((u) => {
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return (url.pathname === '' || url.pathname === '/') && !url.search && !url.hash;
  }, 'must have no path, query or fragment (require_tls and timeout_ms are keys of their own)');

/**
 * Telling an account's owner that something changed on it (a second factor was added): by e-mail through
 * a relay, and by SMS to the account's verified phone through the first enabled SMS method.
 */
const notificationSettings = z
  .strictObject({
    email: z
      .strictObject({
        /** Unset: no notice by e-mail. */
        smtp_url: smtpUrl.optional(),
        from: z.email({ error: 'must be an e-mail address, e.g. no-reply@example.com' }).max(254).optional(),
        /** smtp:// only: refuse to send unless the relay upgrades to TLS (STARTTLS). */
        require_tls: z.boolean().default(false),
        /** Bounds connecting, the greeting and each reply, and the whole delivery. */
        timeout_ms: z.number().int().min(500).max(60_000).default(5000),
      })
      .superRefine((m, ctx) => {
        if (m.smtp_url && !m.from)
          ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required when smtp_url is set' });
      })
      .prefault({}),
    /** Text the account's verified phone, when an SMS method (twilio_sms, smpp) is enabled. */
    sms: z.boolean().default(true),
    /** Who to contact when a change was not the owner's (an address or URL), named in the e-mail. */
    contact: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  })
  .prefault({});
export type NotificationSettings = z.output<typeof notificationSettings>;

const acrName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a method name such as "password"');

const clientSchema = z
  .strictObject({
    client_id: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only'),
    client_secret: z.string().min(32, 'must be at least 32 characters').optional(),
    client_name: z.string().min(1).max(100).optional(),
    /** Required for authorization_code (the browser flows); an API client with only the password grant has none. */
    redirect_uris: z.array(httpUrl).default([]),
    post_logout_redirect_uris: z.array(httpUrl).default([]),
    /** Origins whose pages may embed <gluu-login> for this client (CORS on the flow API). */
    allowed_origins: z.array(origin).default([]),
    default_acr: acrName.optional(),
    /**
     * The weakest method this client accepts: a request for less (acr_values is the user's to edit) is
     * raised to it, and a session made with less is not reused for this client.
     */
    minimum_acr: acrName.optional(),
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'none'])
      .default('client_secret_basic'),
    /** password: the multi-step password grant (needs `ropc.enabled`); refresh_token: refresh tokens with offline_access. */
    grant_types: z
      .array(
        z.enum(['authorization_code', 'password', 'refresh_token'], {
          error: 'must be authorization_code, password or refresh_token',
        }),
      )
      .min(1)
      .default(['authorization_code']),
  })
  .refine((c) => (c.token_endpoint_auth_method === 'none') === (c.client_secret === undefined), {
    message: 'a client_secret is required unless token_endpoint_auth_method is "none" (and forbidden then)',
    path: ['client_secret'],
  })
  .refine((c) => !c.grant_types.includes('authorization_code') || c.redirect_uris.length > 0, {
    message: 'at least one redirect URI is required',
    path: ['redirect_uris'],
  })
  .refine((c) => !c.grant_types.includes('password') || c.token_endpoint_auth_method !== 'none', {
    message: 'the password grant is for confidential clients only (set a client_secret)',
    path: ['grant_types'],
  });
export type ClientConfig = z.infer<typeof clientSchema>;

export const configSchema = z
  .strictObject({
    issuer: httpUrl
      .refine((u) => !u.endsWith('/'), 'must not end with "/"')
      .refine((u) => !new URL(u).search, 'must not have a query')
      .optional(),
    port: z.number().int().min(0).max(65_535).default(4000),
    host: z.string().min(1).default('127.0.0.1'),
    data_dir: z.string().min(1).default('./data'),
    storage: z
      .discriminatedUnion('driver', [
        z.strictObject({
          driver: z.literal('sqlite'),
          /** Defaults to <data_dir>/gluu-login.sqlite. */
          sqlite_path: z.string().min(1).optional(),
        }),
        // Several instances over one PostgreSQL (users, credentials, signing keys) and one Redis (flows,
        // provider artifacts, counters): every instance is stateless and any of them can take any request.
        z.strictObject({
          driver: z.literal('postgres'),
          postgres: z.strictObject({
            /** postgres://user:password@host:5432/database */
            url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
            /** Tables go in this schema (created if missing); one schema per deployment. */
            schema: z
              .string()
              .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
              .default('public'),
            pool_size: z.number().int().min(1).max(100).default(10),
            /** How long a request waits for a connection (or a query) before failing with "unavailable". */
            timeout_ms: z.number().int().min(100).max(60_000).default(3000),
          }),
          redis: z.strictObject({
            /** redis://[:password@]host:6379[/db] or rediss:// */
            url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
            /** Prefix of every key, so deployments (and tests) can share one Redis. */
            key_prefix: z
              .string()
              .regex(/^[\w.:-]{0,64}$/, 'letters, digits and _ . : - only')
              .default('gluu:'),
            timeout_ms: z.number().int().min(100).max(60_000).default(3000),
          }),
        }),
      ])
      .prefault({ driver: 'sqlite' }),
    /** Key that seals secrets at rest (signing keys, OTP seeds): 32 bytes, base64url. Generated into data_dir when absent. */
    seal_key: z
      .string()
      .refine((k) => Buffer.from(k, 'base64url').length === 32, 'must be 32 bytes encoded as base64url (43 characters)')
      .optional(),
    /** The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; false: none (direct clients). */
    trust_proxy: trustProxy,
    log: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .prefault({}),
    default_acr: acrName.optional(),
    flow: z
      .strictObject({
        ttl_seconds: z.number().int().min(60).max(3600).default(600),
        /** Life of the one-time ticket that carries a finished flow into the provider. */
        ticket_ttl_seconds: z.number().int().min(10).max(300).default(60),
        /** New flows (POST /flow, the hosted sign-in page) per client address, in fixed windows. */
        start_limit_per_ip: sendLimit(60, 60),
        /** Open /flow/events streams: each holds a connection and polls the store. */
        max_streams_per_flow: z.number().int().min(1).max(100).default(3),
        max_streams_per_ip: z.number().int().min(1).max(10_000).default(20),
      })
      .prefault({}),
    tokens: z
      .strictObject({
        access_token_ttl_seconds: z.number().int().min(60).max(86_400).default(3600),
        id_token_ttl_seconds: z.number().int().min(60).max(86_400).default(3600),
        code_ttl_seconds: z.number().int().min(10).max(600).default(60),
        /** A provider session's absolute lifetime after the sign-in (NIST 800-63B AAL2: 12 h). */
        session_ttl_seconds: z
          .number()
          .int()
          .min(300)
          .max(30 * 86_400)
          .default(12 * 3600),
        /** ...and how long it lives unused (AAL2: 30 min); each use of the session restarts this. */
        session_idle_seconds: z
          .number()
          .int()
          .min(60)
          .max(30 * 86_400)
          .default(30 * 60),
      })
      .prefault({}),
    password: z
      .strictObject({
        min_length: z.number().int().min(8, 'must be at least 8 (NIST 800-63B)').max(64).default(8),
        max_length: z.number().int().min(64, 'must allow at least 64 characters').max(4096).default(1024),
        argon2: z
          .strictObject({
            memory_kib: z.number().int().min(19_456, 'must be at least 19456 KiB (OWASP / ASVS)').default(19_456),
            time_cost: z.number().int().min(2, 'must be at least 2').max(20).default(2),
            parallelism: z.number().int().min(1).max(8).default(1),
          })
          .prefault({}),
      })
      .prefault({}),
    lockout: z
      .strictObject({
        // Accounts (per typed login, or per login and trusted device): growing waits, forgotten after a quiet
        // day. A permanent lock (max_failures, at most NIST's 100) is opt-in: anyone who knows a username
        // could otherwise lock its owner out for good.
        // Counted per typed login and network (and per trusted device, and per account for second factors).
        account: lockoutPolicy({
          free_attempts: 5,
          initial_wait_seconds: 30,
          max_failures: 0,
          forget_after_seconds: 86_400,
        }),
        // A typed login over every network the account has not signed in from: caps an attacker who spreads
        // guesses over many networks (the total stays near one network's), without charging familiar ones.
        account_all_networks: lockoutPolicy({
          free_attempts: 50,
          initial_wait_seconds: 60,
          max_failures: 0,
          forget_after_seconds: 86_400,
        }),
        /** How long a network (IPv4 /24, IPv6 /48) an account signed in from stays exempt from the ceiling; 0: none is. */
        familiar_network_days: z.number().int().min(0).max(3650).default(30),
        /** How long a browser's device token (its own password counter, see server/security/device-trust.ts) lives; 0: none issued. */
        device_token_days: z.number().int().min(0).max(3650).default(180),
        // Addresses are shared (NAT, offices): waits only, never a permanent lock, forgotten after an hour.
        ip: lockoutPolicy({ free_attempts: 20, initial_wait_seconds: 10, max_failures: 0, forget_after_seconds: 3600 }),
      })
      .prefault({}),
    methods: z
      .strictObject({
        password: passwordMethod.prefault({}),
        otp: otpMethod.prefault({}),
        twilio_sms: twilioSmsMethod.prefault({}),
        smpp: smppSmsMethod.prefault({}),
        tru_id: truIdMethod.prefault({}),
        passkey: passkeyMethod,
      })
      .prefault({}),
    sms: smsSettings,
    webauthn: webauthnSettings,
    enrollment: enrollmentSettings,
    notifications: notificationSettings,
    ropc: ropcSettings,
    clients: z.array(clientSchema).default([]),
  })
  .superRefine((cfg, ctx) => {
    const enabled = enabledMethodNames(cfg.methods);
    const checkAcr = (acr: string | undefined, where: (string | number)[]) => {
      if (acr !== undefined && !enabled.includes(acr)) {
        ctx.addIssue({
          code: 'custom',
          path: where,
          message: `"${acr}" is not an enabled method (enabled: ${enabled.join(', ')})`,
        });
      }
    };
    checkAcr(cfg.default_acr, ['default_acr']);
    if (cfg.methods.tru_id.enabled) {
      checkAcr(cfg.methods.tru_id.fallback_acr, ['methods', 'tru_id', 'fallback_acr']);
      if (cfg.methods.tru_id.fallback_acr === 'tru_id')
        ctx.addIssue({
          code: 'custom',
          path: ['methods', 'tru_id', 'fallback_acr'],
          message: 'cannot be tru_id itself',
        });
    }
    const seen = new Set<string>();
    if (cfg.ropc.enabled && !enabled.includes(cfg.ropc.sms_method)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ropc', 'sms_method'],
        message: `"${cfg.ropc.sms_method}" is not an enabled method (enabled: ${enabled.join(', ')})`,
      });
    }
    const levelOf = (acr: string) => cfg.methods[acr as keyof typeof cfg.methods].level;
    cfg.clients.forEach((c, i) => {
      checkAcr(c.default_acr, ['clients', i, 'default_acr']);
      checkAcr(c.minimum_acr, ['clients', i, 'minimum_acr']);
      const floor = c.minimum_acr !== undefined && enabled.includes(c.minimum_acr) ? c.minimum_acr : undefined;
      if (floor) {
        const below = (acr: string) => levelOf(acr) < levelOf(floor);
        if (c.default_acr && enabled.includes(c.default_acr) && below(c.default_acr)) {
          ctx.addIssue({
            code: 'custom',
            path: ['clients', i, 'default_acr'],
            message: `"${c.default_acr}" is below this client's minimum_acr "${floor}"`,
          });
        }
        // The password grant always ends with ropc.sms_method's acr: it cannot reach a higher floor.
        if (c.grant_types.includes('password') && below(cfg.ropc.sms_method)) {
          ctx.addIssue({
            code: 'custom',
            path: ['clients', i, 'minimum_acr'],
            message: `"${floor}" is above the password grant's acr "${cfg.ropc.sms_method}" (ropc.sms_method): remove "password" from grant_types or lower minimum_acr`,
          });
        }
        // tru.ID's fallback is a button the user presses: it must not lead below the floor.
        const fallback = cfg.methods.tru_id.enabled ? cfg.methods.tru_id.fallback_acr : undefined;
        if (fallback && enabled.includes(fallback) && below(fallback) && !below('tru_id')) {
          ctx.addIssue({
            code: 'custom',
            path: ['clients', i, 'minimum_acr'],
            message: `"${floor}" is above methods.tru_id.fallback_acr "${fallback}": a tru_id sign-in for this client could fall back below it`,
          });
        }
      }
      if (c.grant_types.includes('password') && !cfg.ropc.enabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'grant_types'],
          message: 'the password grant needs ropc.enabled: true',
        });
      }
      if (seen.has(c.client_id))
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'client_id'],
          message: `duplicate client_id "${c.client_id}"`,
        });
      seen.add(c.client_id);
    });
    for (const key of ['account', 'account_all_networks', 'ip'] as const) {
      const p = cfg.lockout[key];
      if (p.max_wait_seconds < p.initial_wait_seconds) {
        ctx.addIssue({
          code: 'custom',
          path: ['lockout', key, 'max_wait_seconds'],
          message: 'must be at least initial_wait_seconds',
        });
      }
    }
    const rpId = cfg.webauthn.rp_id ?? (cfg.issuer ? new URL(cfg.issuer).hostname : 'localhost');
    const flowOrigins = new Set([
      new URL(cfg.issuer ?? `http://localhost:${cfg.port}`).origin,
      ...cfg.clients.flatMap((c) => c.allowed_origins),
    ]);
    for (const [i, o] of (cfg.webauthn.origins ?? []).entries()) {
      if (!URL.canParse(o)) continue; // already reported by the origin check
      const host = new URL(o).hostname;
      if (host !== rpId && !host.endsWith(`.${rpId}`))
        ctx.addIssue({
          code: 'custom',
          path: ['webauthn', 'origins', i],
          message: `${host} is not ${rpId} or a subdomain of it (webauthn.rp_id)`,
        });
      else if (!flowOrigins.has(o))
        ctx.addIssue({
          code: 'custom',
          path: ['webauthn', 'origins', i],
          message: `${o} is neither the issuer's origin nor in any client's allowed_origins, so no flow would accept it`,
        });
    }
    // Every instance must unseal what the others sealed (signing keys, OTP seeds) and check their tickets.
    if (cfg.storage.driver === 'postgres' && !cfg.seal_key) {
      ctx.addIssue({
        code: 'custom',
        path: ['seal_key'],
        message: 'is required with storage.driver "postgres": every instance needs the same key',
      });
    }
    if (cfg.password.max_length < cfg.password.min_length) {
      ctx.addIssue({ code: 'custom', path: ['password', 'max_length'], message: 'must be at least min_length' });
    }
  })
  .transform((cfg) => ({
    ...cfg,
    issuer: cfg.issuer ?? `http://localhost:${cfg.port}`,
    storage:
      cfg.storage.driver === 'sqlite'
        ? { ...cfg.storage, sqlite_path: cfg.storage.sqlite_path ?? path.join(cfg.data_dir, 'gluu-login.sqlite') }
        : cfg.storage,
  }));

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type MethodsConfig = Config['methods'];

export function enabledMethodNames(methods: Record<string, { enabled: boolean }>): string[] {
  return Object.entries(methods)
    .filter(([, m]) => m.enabled)
    .map(([name]) => name);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables with a fixed meaning; anything else under GLUU__A__B sets a.b (value parsed as JSON when it can be). */
const ENV_KEYS: Record<string, string[]> = {
  GLUU_ISSUER: ['issuer'],
  GLUU_PORT: ['port'],
  GLUU_HOST: ['host'],
  GLUU_DATA_DIR: ['data_dir'],
  GLUU_LOG_LEVEL: ['log', 'level'],
  GLUU_DEFAULT_ACR: ['default_acr'],
  GLUU_SEAL_KEY: ['seal_key'],
};

function envValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read configuration file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`Configuration file ${file} is not valid JSON or YAML: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`Configuration file ${file} must hold an object at the top level`);
  return parsed as Record<string, unknown>;
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '(top level)';
      return `  - ${where}: ${issue.message}`;
    })
    .join('\n');
}

export interface LoadConfigOptions {
  /** Path of a JSON or YAML file; defaults to env GLUU_CONFIG, else none. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Applied first, below the file and the environment (the demo's stand-ins). */
  defaults?: Record<string, unknown>;
  /** Applied last: used by the demo launcher and the tests. */
  overrides?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` on top of `under`, objects merged key by key, anything else replaced. */
function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const base = out[key];
    out[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return out;
}

/** Reads file + env, validates, and throws a ConfigError naming every bad key. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.GLUU_CONFIG;
  const raw: Record<string, unknown> = deepMerge(options.defaults ?? {}, file ? readConfigFile(file) : {});
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const fixed = ENV_KEYS[name];
    if (fixed) setPath(raw, fixed, fixed[0] === 'port' ? envValue(value) : value);
    else if (name.startsWith('GLUU__')) {
      setPath(raw, name.slice(6).toLowerCase().split('__'), envValue(value));
    }
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) raw[key] = value;
  return parseConfig(raw, file ? `${file} and environment` : 'environment');
}

export function parseConfig(raw: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration (${source}):\n${formatIssues(result.error)}`);
  }
  return result.data;
}
