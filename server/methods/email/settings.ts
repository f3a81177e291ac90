// `methods.email_otp`: one-time codes by e-mail, through the relay of `notifications.email` (the
// configuration refuses the method without one). As limited as the SMS codes: a short life, a few tries
// each, a resend cooldown and send quotas per user, per address, per client address and for everyone.
import { z } from 'zod';
import { methodBase, OOB_CODE_LIFE, sendLimit, sentCodeShape } from '../../config-parts.js';

const template = z
  .strictObject({
    subject: z.string().trim().min(1).max(200),
    text: z
      .string()
      .min(1)
      .max(2000)
      .refine((t) => t.includes('{code}'), 'must contain {code}'),
  })
  .refine((t) => !t.subject.includes('{code}'), {
    // A subject shows in notifications and lock screens: the code stays in the body.
    message: 'the subject must not contain {code}',
    path: ['subject'],
  });

export const emailOtpSettings = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    // NIST SP 800-63B 5.1.3.1 does not accept e-mail as an out-of-band authenticator: below SMS (40).
    level: methodBase.level.default(30),
    code_digits: z.number().int().min(6).max(10).default(6),
    ...sentCodeShape({ ttl: 300, max_ttl: 600, cooldown: 30, why: OOB_CODE_LIFE }),
    /**
     * Users without a verified address may add one (confirmed by a code), under the binding rule (an
     * existing second factor proven first); otherwise they are told to contact an administrator.
     */
    enroll_email: z.boolean().default(true),
    /**
     * Subject and text by language; placeholders {code}, {app}, {minutes} (or its count, `{minutes, plural,
     * one {# minute} other {# minutes}}`). Built in for the sixteen languages of docs/languages.md.
     */
    templates: z
      .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'keys must be language tags'), template)
      .default({}),
    limits: z
      .strictObject({
        per_user: sendLimit(5, 900),
        per_address: sendLimit(5, 900),
        per_ip: sendLimit(30, 3600),
        /** Across all users, per minute: a run over many accounts and addresses stops here. */
        global_per_minute: z.number().int().min(1).max(1_000_000).default(300),
      })
      .prefault({}),
  })
  .prefault({});
export type EmailOtpSettings = z.output<typeof emailOtpSettings>;
