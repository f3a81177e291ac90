// The phone check's settings (`methods.tru_id`).
import { z } from 'zod';
import { apiBaseUrl, methodBase, qrSize, sendLimit } from '../../config-parts.js';

/**
 * `methods.tru_id` (the key is the acr Gluu knows): tru.ID PhoneCheck v0.2, the SIM in the phone proves the
 * number over mobile data.
 */
export const phoneCheckSettings = z
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
  })
  .prefault({});
export type PhoneCheckSettings = z.output<typeof phoneCheckSettings>;
