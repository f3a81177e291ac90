// Passkeys: the `webauthn` section both WebAuthn methods share (the relying party, attestation, the second
// factor's policy), and passwordless sign-in's own settings (`methods.passkey`).
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { methodBase, origin } from '../../config-parts.js';

/**
 * One trust anchor for attestation: a CA certificate in PEM that is valid now (an expired one would be skipped
 * in silence).
 */
const attestationRoot = z
  .string()
  .max(16_384)
  .superRefine((pem, ctx) => {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
    let cert: X509Certificate | undefined;
    try {
      if (blocks === 1) cert = new X509Certificate(pem);
    } catch {
      // reported below
    }
    if (!cert)
      return void ctx.addIssue({
        code: 'custom',
        message: 'must be one PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
      });
    if (!cert.ca)
      ctx.addIssue({
        code: 'custom',
        message: `${cert.subject.replace(/\n/g, ', ')} is not a CA certificate (basicConstraints CA:TRUE)`,
      });
    if (Date.parse(cert.validTo) < Date.now())
      ctx.addIssue({ code: 'custom', message: `${cert.subject.replace(/\n/g, ', ')} expired on ${cert.validTo}` });
  });

/** Passkeys and security keys (`webauthn`): the relying party as browsers see it, and where they are asked for. */
export const webauthnSettings = z
  .strictObject({
    /** The RP ID: a registrable suffix of every origin below (defaults to the issuer's host name). */
    rp_id: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9.-]+$/i, 'must be a host name such as "example.com"')
      .optional(),
    rp_name: z.string().min(1).max(64).default('gluu-login'),
    /**
     * An allow-list of origins for client data. A flow accepts the issuer's origin (hosted) or its own
     * client's allowed_origins (embedded), narrowed to these when set; never another client's.
     */
    origins: z.array(origin).optional(),
    /**
     * Root certificates (PEM) of the security-key vendors whose attestation makes a key count as hardware
     * (amr hwk). When set, registration asks for attestation ("direct"); when empty every passkey is swk.
     */
    attestation_roots: z.array(attestationRoot).max(50).default([]),
    /** After the password: off, optional (a user without a key may skip registering), required. */
    second_factor: z
      .enum(['off', 'optional', 'required'], { error: 'must be off, optional or required' })
      .default('off'),
    /** For the second factor; passwordless sign-in (acr passkey) always requires user verification. */
    user_verification: z.enum(['required', 'preferred', 'discouraged']).default('preferred'),
    timeout_seconds: z.number().int().min(30).max(600).default(120),
  })
  .prefault({});
export type WebauthnSettings = z.output<typeof webauthnSettings>;

/** The `webauthn` section, which both passkey methods declare. */
export const webauthnSection = { key: 'webauthn', schema: webauthnSettings } as const;

/** `methods.passkey`: passwordless sign-in with a discoverable passkey. */
export const passkeySettings = z
  .strictObject({
    enabled: methodBase.enabled.default(false),
    level: methodBase.level.default(60),
  })
  .prefault({});
export type PasskeySettings = z.output<typeof passkeySettings>;
