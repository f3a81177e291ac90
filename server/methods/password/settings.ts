// The password method's settings (`methods.password`).
import { z } from 'zod';
import { httpUrl, methodBase } from '../../config-parts.js';

/** The first factor's settings (`methods.password`): always enabled. */
export const passwordSettings = z
  .strictObject({
    level: methodBase.level.default(10),
    enabled: z
      .literal(true, { error: 'the password method cannot be disabled: every other method starts with it' })
      .default(true),
    /** When set, the password step shows a "Create an account" link to this URL. */
    registration_uri: httpUrl.optional(),
  })
  .prefault({});
export type PasswordSettings = z.output<typeof passwordSettings>;
