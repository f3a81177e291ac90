// `methods.recovery_code`: single-use recovery codes, the way back in when a phone or authenticator is lost.
import { z } from 'zod';
import { methodBase } from '../../config-parts.js';

export const recoveryCodeSettings = z
  .strictObject({
    /** Off by default: on, every account gets codes once it has proven a second factor (shown once). */
    enabled: methodBase.enabled.default(false),
    /**
     * As strong as an authenticator app by default (NIST 800-63B counts look-up secrets as AAL2 beside the
     * password, like OTP devices): a code can stand in for an app or a text message, not for a passkey (60).
     */
    level: methodBase.level.default(50),
    /** How many codes a set holds. */
    count: z.number().int().min(5).max(20).default(10),
  })
  .prefault({});
export type RecoveryCodeSettings = z.output<typeof recoveryCodeSettings>;
