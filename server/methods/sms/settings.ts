// The SMS methods' settings: one gateway each (`methods.twilio_sms`, `methods.smpp`), and the `sms` section
// both share (codes, limits against SMS pumping, message texts), which account notices by SMS use too.
import { z } from 'zod';
import { apiBaseUrl, e164, methodBase, OOB_CODE_LIFE, sendLimit, sentCodeShape } from '../../config-parts.js';

/** `methods.twilio_sms`: the Twilio Messages API, reached through the official SDK. */
export const twilioSmsSettings = z
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
  })
  .prefault({});
export type TwilioSmsSettings = z.output<typeof twilioSmsSettings>;

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

/** `methods.smpp`: an SMSC over SMPP 3.4, through the `smpp` package, on one long-lived bind. */
export const smppSmsSettings = z
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
  })
  .prefault({});
export type SmppSmsSettings = z.output<typeof smppSmsSettings>;

/** What every SMS method shares: the code's life, the limits against SMS pumping, the text. */
export const smsSettings = z
  .strictObject({
    ...sentCodeShape({ ttl: 300, max_ttl: 600, cooldown: 30, why: OOB_CODE_LIFE }),
    /**
     * Users without a verified phone may add one (confirmed by a code); otherwise they are told to contact an
     * administrator.
     */
    enroll_phone: z.boolean().default(false),
    /** ISO 3166 alpha-2 codes; when set, only numbers of these countries get an SMS. */
    allowed_countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as "US"'))
      .optional(),
    /**
     * Message text by language; placeholders {code}, {app}, {host}, {minutes} (or its count, `{minutes, plural,
     * one {# minute} other {# minutes}}`). Built in for the sixteen languages of docs/languages.md.
     */
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

/** The `sms` section, which both SMS methods declare. */
export const smsSection = { key: 'sms', schema: smsSettings } as const;
