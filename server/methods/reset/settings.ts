// `password_reset`: a forgotten password, reset from the password step by a code sent to the account's
// verified e-mail address, then (when the account has one) a second factor, then a new password.
import { z } from 'zod';
import { sendLimit, sentCodeShape } from '../../config-parts.js';

export const passwordResetSettings = z
  .strictObject({
    /** Off by default; needs a mail relay (notifications.email). */
    enabled: z.boolean().default(false),
    code_digits: z.number().int().min(6).max(10).default(8),
    ...sentCodeShape({ ttl: 600, max_ttl: 900, cooldown: 60, why: 'a reset code lives a short time' }),
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
