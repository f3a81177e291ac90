// `password_reset`: a forgotten password, reset from the password step by a code sent to the account's
// verified e-mail address, then (when the account has one) a second factor, then a new password.
import { z } from 'zod';
import { sendLimit } from '../../config-parts.js';

export const passwordResetSettings = z
  .strictObject({
    /** Off by default; needs a mail relay (notifications.email). */
    enabled: z.boolean().default(false),
    code_digits: z.number().int().min(6).max(10).default(8),
    code_ttl_seconds: z
      .number()
      .int()
      .min(60)
      .max(900, 'must be at most 900 (ASVS: a reset code lives a short time)')
      .default(600),
    max_attempts_per_code: z.number().int().min(1).max(10).default(5),
    resend_cooldown_seconds: z.number().int().min(10).max(600).default(60),
    limits: z
      .strictObject({
        /** Per typed login (known or not, so the limit says nothing about the account). */
        per_login: sendLimit(3, 3600),
        per_ip: sendLimit(20, 3600),
      })
      .prefault({}),
  })
  .prefault({});
export type PasswordResetSettings = z.output<typeof passwordResetSettings>;

/** The `password_reset` section, which the reset's two methods declare. */
export const passwordResetSection = { key: 'password_reset', schema: passwordResetSettings } as const;
