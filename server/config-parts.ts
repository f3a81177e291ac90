// Schema pieces the configuration's sections share: URLs, lockout policies, send limits, QR sizes, and the
// `enabled` / `level` pair every sign-in method's settings start with.
import { z } from 'zod';

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((u) => !u.includes('#'), 'must not contain a fragment');

// Refinements run on a value the URL check already refused too: they must not assume it parses.
export const origin = httpUrl.refine(
  (u) => !URL.canParse(u) || new URL(u).origin === u,
  'must be an origin (scheme://host[:port]) with no path',
);

export const lockoutPolicy = (defaults: {
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

/** What every sign-in method's settings (`methods.<name>`) start with. */
export const methodBase = {
  enabled: z.boolean(),
  /** Gluu's script level: with no acr requested and no default, the enabled method with the highest level wins. */
  level: z.number().int().min(0).max(1000),
};

/** The size of a QR code image, in pixels. */
export const qrSize = (pixels: number) =>
  z
    .strictObject({
      width: z.number().int().min(120).max(1024).default(pixels),
      height: z.number().int().min(120).max(1024).default(pixels),
    })
    .prefault({});

/** An outside service's API root (only changed to point at a stand-in): no trailing "/", no query. */
export const apiBaseUrl = (standard: string) =>
  httpUrl
    .refine((u) => !u.endsWith('/'), 'must not end with "/"')
    .refine((u) => !new URL(u).search, 'must not have a query')
    .default(standard);

export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +15551234567');

/** At most `max` in every window of `window_seconds` (send quotas, new flows per address). */
export function sendLimit(max: number, window: number) {
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

export const acrName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a method name such as "password"');

/** The names of the enabled methods, in the order of the `methods` section. */
export function enabledMethodNames(methods: Record<string, { enabled: boolean }>): string[] {
  return Object.entries(methods)
    .filter(([, m]) => m.enabled)
    .map(([name]) => name);
}

/** Why SMS and e-mail codes live at most 10 minutes. */
export const OOB_CODE_LIFE = 'ASVS: OOB codes live 10 minutes at most';

/**
 * The life of a code sent in a message (SMS, e-mail, a reset mail): how long it lives, how many tries it
 * takes, when another may be asked for. `max_ttl`: ASVS allows 10 minutes for out-of-band codes.
 */
export function sentCodeShape(defaults: { ttl: number; max_ttl: number; cooldown: number; why: string }) {
  return {
    code_ttl_seconds: z
      .number()
      .int()
      .min(60)
      .max(defaults.max_ttl, `must be at most ${defaults.max_ttl} (${defaults.why})`)
      .default(defaults.ttl),
    max_attempts_per_code: z.number().int().min(1).max(10).default(5),
    resend_cooldown_seconds: z.number().int().min(10).max(600).default(defaults.cooldown),
  };
}
