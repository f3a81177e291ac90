// The OTP method's settings (`methods.otp`): TOTP or HOTP, key and code parameters, the enrollment QR code.
import { z } from 'zod';
import { httpUrl, methodBase, qrSize } from '../../config-parts.js';

/** The key and code settings TOTP and HOTP share. */
const otpKeySettings = {
  keyLength: z.number().int().min(20, 'must be at least 20 bytes (160 bits, RFC 4226)').max(64).default(20),
  digits: z.number().int().min(6, 'must be 6, 7 or 8').max(8, 'must be 6, 7 or 8').default(6),
  hmacShaAlgorithm: z.enum(['sha1', 'sha256', 'sha512'], { error: 'must be sha1, sha256 or sha512' }).default('sha1'),
};

/** `methods.otp`: every key has a safe default; a wrong value stops the server. */
export const otpSettings = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(50),
    otp_type: z.enum(['totp', 'hotp'], { error: 'must be "totp" or "hotp"' }).default('totp'),
    /** Shown in the authenticator app; required when enabled. */
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
  })
  .prefault({});
export type OtpSettings = z.output<typeof otpSettings>;
