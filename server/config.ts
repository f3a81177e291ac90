// The whole configuration's schema: the sections, each method's settings (from its descriptor in
// server/methods/), and the rules across sections, checked once at start. Reading it from a file and the
// environment is server/config-loading.ts.
import { configIssueText } from './config-wording.js';
import path from 'node:path';
import { z } from 'zod';
import { parseCidr } from './security/ip-address.js';
import { usersSettings } from './store/ldap/settings.js';
import { acrName, enabledMethodNames, httpUrl, lockoutPolicy, origin, sendLimit } from './config-parts.js';
import { brandingSettings } from './branding-config.js';
import {
  FALLBACK_METHODS,
  METHODS,
  methodSettingsShape,
  SMS_METHOD_NAMES,
  sharedSectionsShape,
} from './methods/index.js';

export { enabledMethodNames } from './config-parts.js';
export type { LockoutPolicy } from './config-parts.js';

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
          ? 'true is no longer accepted (it believed the client-written leftmost X-Forwarded-For): ' +
            'name the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }'
          : 'must be false or the proxies, e.g. { cidrs: [10.0.0.0/8] } or { hops: 1 }',
    },
  )
  .default(false);
export type TrustProxy = z.output<typeof trustProxy>;

/**
 * The multi-step password grant for API clients: username, then an SMS code, then the password.
 * Discouraged (RFC 9700, ASVS 10.4.4): off by default, and per client through grant_types.
 */
const ropcSettings = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Which SMS method sends the code (its acr is the one the id_token carries). */
    sms_method: z.enum(SMS_METHOD_NAMES).default(SMS_METHOD_NAMES[0]),
  })
  .prefault({});

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

/**
 * A mail relay: smtp:// (STARTTLS when the relay offers it) or smtps:// (TLS from the start), credentials in
 * the URL.
 */
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
    /**
     * A page where the owner sets a new password (a forgotten-password page), named in the e-mail's "if it
     * was not you" part; unset: the notice says to change the password and to turn to `contact`.
     */
    reset_url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://login.example.com/reset' })
      .max(500, 'must be at most 500 characters')
      .optional(),
    /**
     * Mail the owner when someone signs in to the account from a browser that holds no device token of it
     * (lockout.device_token_days, which must then be above 0): one it has not signed in from before.
     */
    new_sign_in: z.boolean().default(false),
  })
  .prefault({});
export type NotificationSettings = z.output<typeof notificationSettings>;

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
    /**
     * password: the multi-step password grant (needs `ropc.enabled`); refresh_token: refresh tokens with
     * offline_access.
     */
    grant_types: z
      .array(
        z.enum(['authorization_code', 'password', 'refresh_token'], {
          error: 'must be authorization_code, password or refresh_token',
        }),
      )
      .min(1)
      .default(['authorization_code']),
    /**
     * May ask for access tokens to the account API (resource `{issuer}/account`, scope `account`), for
     * <gluu-account> embedded in its pages at `allowed_origins`.
     */
    account_api: z.boolean().default(false),
    /**
     * OpenID Connect Back-Channel Logout: where the provider POSTs a logout token (with the session's sid) when
     * a session this client signed in through ends (sign-out, or ended on the account page).
     */
    backchannel_logout_uri: httpUrl.optional(),
    trust_browser: z
      .enum(['never', 'user_choice', 'new_browser'])
      .default('never')
      .describe(
        'Whether a sign-in for this client may skip the second factor in a browser the account trusts (Gluu ' +
          'Casa\'s policies): never ("always ask"); user_choice ("let the user choose": after a second factor ' +
          'the user may trust the browser); new_browser ("ask on a new browser only": a browser is trusted ' +
          'once a second factor was proven in it). Needs device tokens (lockout.device_token_days above 0). ' +
          'The id_token then has the acr asked for and an amr without the skipped factor.',
      ),
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

/** The client id of the provider's own /account page (a public client of itself); no configured client may take it. */
export const ACCOUNT_CLIENT_ID = 'gluu-account';

/**
 * Self-service (<gluu-account>, the hosted /account page): every change needs a proof of the account's
 * strongest factor at most `proof_max_age_seconds` old, made through the account API's step-up.
 */
const accountSettings = z
  .strictObject({
    /** Off: no /account page and no account API; clients' account_api is refused. */
    enabled: z.boolean().default(true),
    proof_max_age_seconds: z.number().int().min(60).max(900).default(300),
    /** Lifetime of access tokens for the account API (short: they are bearer tokens held by a page). */
    token_ttl_seconds: z.number().int().min(60).max(900).default(300),
    /**
     * An account keeps at least one second factor: removing the last one is refused. Off: a user may go back to
     * the password alone (only sensible where no client's floor needs more).
     */
    require_second_factor: z.boolean().default(true),
  })
  .prefault({});

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
    /** Where accounts live: the storage's SQL tables, or a directory (Gluu Server's LDAP). */
    users: usersSettings,
    /**
     * Key that seals secrets at rest (signing keys, OTP seeds): 32 bytes, base64url. Generated into data_dir
     * when absent.
     */
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
        /**
         * How long a network (IPv4 /24, IPv6 /48) an account signed in from stays exempt from the ceiling; 0: none
         * is.
         */
        familiar_network_days: z.number().int().min(0).max(3650).default(30),
        /**
         * How long a browser's device token (its own password counter, see server/security/device-trust.ts)
         * lives; 0: none issued.
         */
        device_token_days: z.number().int().min(0).max(3650).default(180),
        // Addresses are shared (NAT, offices): waits only, never a permanent lock, forgotten after an hour.
        ip: lockoutPolicy({ free_attempts: 20, initial_wait_seconds: 10, max_failures: 0, forget_after_seconds: 3600 }),
      })
      .prefault({}),
    /** Each sign-in method's own settings, by acr: the schemas come with the methods (server/methods/). */
    methods: z.strictObject(methodSettingsShape(METHODS)).prefault({}),
    /** The sections families of methods share (sms, webauthn): their schemas come with the methods too. */
    ...sharedSectionsShape(METHODS),
    enrollment: enrollmentSettings,
    notifications: notificationSettings,
    branding: brandingSettings,
    ropc: ropcSettings,
    account: accountSettings,
    trusted_browsers: z
      .strictObject({
        lifetime_days: z
          .number()
          .int()
          .min(1)
          .max(365)
          .default(30)
          .describe(
            'How long a browser stays trusted (clients[].trust_browser) before the second factor is asked again.',
          ),
      })
      .prefault({})
      .describe("Browsers trusted to skip the second factor, where a client's trust_browser allows it."),
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
    // E-mail codes go through the relay account notices use: without one there is nothing to send them by.
    if (cfg.methods.email_otp.enabled && !cfg.notifications.email.smtp_url) {
      ctx.addIssue({
        code: 'custom',
        path: ['methods', 'email_otp', 'enabled'],
        message: 'needs a mail relay: set notifications.email.smtp_url (and notifications.email.from)',
      });
    }
    // Directory passwords are set by the directory's own tools: a reset here could not write one.
    if (cfg.password_reset.enabled && cfg.users.driver === 'ldap') {
      ctx.addIssue({
        code: 'custom',
        path: ['password_reset', 'enabled'],
        message: 'is not available with users.driver "ldap": passwords are changed in the directory',
      });
    }
    if (cfg.password_reset.enabled && !cfg.notifications.email.smtp_url) {
      ctx.addIssue({
        code: 'custom',
        path: ['password_reset', 'enabled'],
        message:
          'needs a mail relay for the reset codes: set notifications.email.smtp_url (and notifications.email.from)',
      });
    }
    // A method's fallback button: to another enabled method, never back to itself.
    const fallbacks = FALLBACK_METHODS.filter((f) => enabled.includes(f.name)).map((f) => ({
      ...f,
      to: f.acr(cfg.methods),
      path: ['methods', f.name, f.setting],
    }));
    for (const f of fallbacks) {
      checkAcr(f.to, f.path);
      if (f.to === f.name) ctx.addIssue({ code: 'custom', path: f.path, message: `cannot be ${f.name} itself` });
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
            message:
              `"${floor}" is above the password grant's acr "${cfg.ropc.sms_method}" (ropc.sms_method): ` +
              'remove "password" from grant_types or lower minimum_acr',
          });
        }
        // A fallback is a button the user presses: it must not lead below the floor.
        for (const f of fallbacks) {
          if (f.to && enabled.includes(f.to) && below(f.to) && !below(f.name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['clients', i, 'minimum_acr'],
              message:
                `"${floor}" is above ${f.path.join('.')} "${f.to}": ` +
                `a ${f.name} sign-in for this client could fall back below it`,
            });
          }
        }
      }
      if (c.grant_types.includes('password') && !cfg.ropc.enabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'grant_types'],
          message: 'the password grant needs ropc.enabled: true',
        });
      }
      if (c.client_id === ACCOUNT_CLIENT_ID)
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'client_id'],
          message: `"${ACCOUNT_CLIENT_ID}" is the provider's own account page: choose another client_id`,
        });
      if (c.account_api && !cfg.account.enabled)
        ctx.addIssue({ code: 'custom', path: ['clients', i, 'account_api'], message: 'needs account.enabled: true' });
      if (seen.has(c.client_id))
        ctx.addIssue({
          code: 'custom',
          path: ['clients', i, 'client_id'],
          message: `duplicate client_id "${c.client_id}"`,
        });
      seen.add(c.client_id);
    });
    // Without device tokens no browser is ever known: every sign-in would be "new".
    if (cfg.notifications.new_sign_in && cfg.lockout.device_token_days === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['notifications', 'new_sign_in'],
        message: 'needs device tokens (lockout.device_token_days above 0) to tell a known browser from a new one',
      });
    }
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
          message:
            `${o} is neither the issuer's origin nor in any client's allowed_origins, ` + 'so no flow would accept it',
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
  .transform((cfg) => {
    const issuer = cfg.issuer ?? `http://localhost:${cfg.port}`;
    return {
      ...cfg,
      issuer,
      storage:
        cfg.storage.driver === 'sqlite'
          ? { ...cfg.storage, sqlite_path: cfg.storage.sqlite_path ?? path.join(cfg.data_dir, 'gluu-login.sqlite') }
          : cfg.storage,
      clients: cfg.account.enabled ? [...cfg.clients, accountPageClient(issuer, cfg.default_acr)] : cfg.clients,
    };
  });

/**
 * The /account page signs in through the provider like any application (authorization code with PKCE, in the
 * browser), with the provider's session: a public client whose only use is the account API.
 */
function accountPageClient(issuer: string, defaultAcr: string | undefined): ClientConfig {
  return {
    // The provider's default sign-in, like any application's (each change asks for a proof of its own).
    ...(defaultAcr ? { default_acr: defaultAcr } : {}),
    client_id: ACCOUNT_CLIENT_ID,
    client_name: 'Your account',
    redirect_uris: [`${issuer}/account`],
    post_logout_redirect_uris: [],
    allowed_origins: [new URL(issuer).origin],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    account_api: true,
    // Its sign-ins are the provider's own; the trust of a browser is decided by the applications'.
    trust_browser: 'never',
  };
}

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type MethodsConfig = Config['methods'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '(top level)';
      return `  - ${where}: ${issue.message}`;
    })
    .join('\n');
}

export function parseConfig(raw: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(raw, { error: configIssueText });
  if (!result.success) {
    throw new ConfigError(`Invalid configuration (${source}):\n${formatIssues(result.error)}`);
  }
  return result.data;
}
