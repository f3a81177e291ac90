// WebAuthn ceremonies through @simplewebauthn/server, shared by the second-factor and passwordless
// methods: options with a fresh challenge (kept in the flow, so it is bound to it and replaced after every
// use), verification against the RP ID and the origins of the flow's own client, and credentials stored
// with their counter and what their attestation proved (the only ground for amr hwk).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  convertCertBufferToPEM,
  decodeAttestationObject,
  validateCertificatePath,
} from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { ActionSpec, FlowError } from '../../../wire/flow-api.js';
import type { CredentialRecord } from '../../store/types.js';
import type { MethodContext } from '../../flow/types.js';

export const CREDENTIAL_TYPE = 'webauthn';

/** The browser's answer to either ceremony, as JSON. */
export const CREDENTIAL_ACTION: ActionSpec = {
  inputs: { credential: { type: 'credential', required: true, max_length: 12_000 } },
};

export interface RelyingParty {
  id: string;
  name: string;
  /** Where hosted pages run. */
  issuerOrigin: string;
  /** webauthn.origins: when set, every flow's origins are narrowed to these. */
  allowedOrigins?: string[];
  /** webauthn.attestation_roots (PEM): none, and attestation is not asked for and no key counts as hardware. */
  attestationRoots: string[];
  timeoutMs: number;
}

export function relyingParty(config: Config): RelyingParty {
  const issuer = new URL(config.issuer);
  return {
    id: config.webauthn.rp_id ?? issuer.hostname,
    name: config.webauthn.rp_name,
    issuerOrigin: issuer.origin,
    ...(config.webauthn.origins ? { allowedOrigins: config.webauthn.origins } : {}),
    attestationRoots: config.webauthn.attestation_roots,
    timeoutMs: config.webauthn.timeout_seconds * 1000,
  };
}

/**
 * The origins an answer may be made on in this flow: a hosted page runs on the issuer, an embedded widget
 * (or <gluu-account>'s dialog: the account placement) on its own client's allowed_origins. Never another
 * client's: the RP ID is shared, so a passkey answer made on one RP's page would otherwise finish a sign-in
 * to another.
 */
export function flowOrigins(rp: RelyingParty, ctx: MethodContext): string[] {
  const own =
    ctx.flow.placement === 'hosted'
      ? [rp.issuerOrigin]
      : ctx.flow.placement === 'embedded' || ctx.flow.placement === 'account'
        ? ctx.client.allowed_origins
        : [];
  return rp.allowedOrigins ? own.filter((o) => rp.allowedOrigins!.includes(o)) : own;
}

/** What a method keeps between showing options and verifying the answer. */
/** A flow's ceremony in progress (the state of both WebAuthn methods). */
export type CeremonyState = {
  mode: 'register' | 'authenticate';
  options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
  expiresAt: number;
};

/** Stored with the credential: nothing secret, shown to administrators. */
interface WebauthnMetadata {
  name: string;
  /** What the browser said (unsigned, the client's word): shown, never trusted. */
  attachment?: 'platform' | 'cross-platform';
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  /** The authenticator model its authenticator data named (trustworthy only when the attestation is verified). */
  aaguid: string;
  transports?: string[];
  /** The attestation statement's format ("none" when the browser sent none). */
  attestation_format?: string;
  /** Its x5c chained to one of webauthn.attestation_roots at registration. Absent (older credentials): no. */
  attestation_verified?: boolean;
}

/** The sealed part: the public key (not secret, but sealed like every credential's data so rows cannot be swapped). */
interface WebauthnKey {
  publicKey: string;
}

export class CeremonyError extends Error {
  constructor(
    readonly error: FlowError,
    readonly reason: string,
  ) {
    super(error.message);
  }
}

const sealContext = (id: string) => `credential:${id}`;

/** How the browser names a stored credential (to exclude it from registration, or to allow it at sign-in). */
const descriptor = (c: CredentialRecord) => ({
  id: c.id,
  transports: (c.metadata as unknown as WebauthnMetadata).transports as never,
});

/** What an answer must have been made for: this ceremony's challenge, one of this flow's origins, our RP ID. */
const expected = (ctx: MethodContext, rp: RelyingParty, state: CeremonyState) => ({
  expectedChallenge: state.options.challenge,
  expectedOrigin: flowOrigins(rp, ctx),
  expectedRPID: rp.id,
});

export async function registrationOptions(
  ctx: MethodContext,
  rp: RelyingParty,
  user: { id: string; username: string },
  userVerification: 'required' | 'preferred' | 'discouraged',
): Promise<CeremonyState> {
  const existing = await ctx.deps.store.credentials.listForUser(user.id, CREDENTIAL_TYPE);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    // The user handle a discoverable passkey returns at sign-in: our user id.
    userID: new TextEncoder().encode(user.id),
    // An attestation is only worth its privacy cost when there are roots to check it against.
    attestationType: rp.attestationRoots.length ? 'direct' : 'none',
    excludeCredentials: existing.map(descriptor),
    authenticatorSelection: { residentKey: 'preferred', userVerification },
    timeout: rp.timeoutMs,
  });
  return { mode: 'register', options, expiresAt: ctx.deps.clock() + rp.timeoutMs };
}

export async function authenticationOptions(
  ctx: MethodContext,
  rp: RelyingParty,
  allow: CredentialRecord[],
  userVerification: 'required' | 'preferred' | 'discouraged',
): Promise<CeremonyState> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow.map(descriptor),
    userVerification,
    timeout: rp.timeoutMs,
  });
  return { mode: 'authenticate', options, expiresAt: ctx.deps.clock() + rp.timeoutMs };
}

const credentialJson = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
  })
  .loose();

function parseCredential(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    if (credentialJson.safeParse(value).success) return value;
  } catch {
    // fall through
  }
  throw new CeremonyError(
    { code: 'webauthn_failed', field: 'credential', message: 'The passkey answer is not a WebAuthn credential.' },
    'malformed',
  );
}

function expired(ctx: MethodContext, state: CeremonyState): void {
  if (state.expiresAt <= ctx.deps.clock()) {
    throw new CeremonyError(
      { code: 'challenge_expired', message: 'The passkey request timed out. Try again.' },
      'challenge_expired',
    );
  }
}

/** Verifies a new credential and stores it; answers its amr value (hwk or swk). */
export async function finishRegistration(
  ctx: MethodContext,
  rp: RelyingParty,
  state: CeremonyState,
  raw: string,
  requireUserVerification: boolean,
): Promise<{ amr: string; name: string }> {
  expired(ctx, state);
  const response = parseCredential(raw) as RegistrationResponseJSON;
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({ response, ...expected(ctx, rp, state), requireUserVerification });
  } catch (err) {
    throw new CeremonyError(
      { code: 'webauthn_failed', message: 'The new passkey could not be verified. Try again.' },
      `registration: ${(err as Error).message}`,
    );
  }
  if (!verified.verified)
    throw new CeremonyError(
      { code: 'webauthn_failed', message: 'The new passkey could not be verified. Try again.' },
      'registration_not_verified',
    );
  const info = verified.registrationInfo;
  if (await ctx.deps.store.credentials.findById(info.credential.id)) {
    throw new CeremonyError(
      { code: 'credential_exists', message: 'This authenticator is already registered.' },
      'duplicate_credential',
    );
  }
  const existing = await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, CREDENTIAL_TYPE);
  const attachment = response.authenticatorAttachment;
  const trust = await attestationTrust(rp, info.fmt, info.attestationObject);
  if (trust.untrusted) {
    ctx.deps.logger.info(
      {
        flow: ctx.flow.id.slice(0, 8),
        user_id: ctx.flow.userId,
        fmt: info.fmt,
        aaguid: info.aaguid,
        reason: trust.untrusted,
      },
      'webauthn attestation not trusted; the key counts as a software key',
    );
  }
  const metadata: WebauthnMetadata = {
    name: `Passkey ${existing.length + 1}`,
    ...(attachment ? { attachment } : {}),
    device_type: info.credentialDeviceType,
    backed_up: info.credentialBackedUp,
    aaguid: info.aaguid,
    ...(response.response.transports ? { transports: response.response.transports } : {}),
    attestation_format: info.fmt,
    attestation_verified: trust.verified,
  };
  await ctx.deps.store.credentials.add({
    id: info.credential.id,
    userId: ctx.flow.userId!,
    type: CREDENTIAL_TYPE,
    sealedData: ctx.deps.sealer.seal(
      JSON.stringify({ publicKey: Buffer.from(info.credential.publicKey).toString('base64url') } satisfies WebauthnKey),
      sealContext(info.credential.id),
    ),
    metadata: { ...metadata },
    counter: info.credential.counter,
  });
  return { amr: amrFor(metadata), name: metadata.name };
}

/** Formats whose x5c certifies the device that holds the key (not a platform's or an app's word about it). */
const HARDWARE_ATTESTATION_FORMATS: ReadonlySet<string> = new Set(['packed', 'fido-u2f', 'tpm', 'android-key']);

/**
 * Whether the attestation proves which authenticator made the key: its signature was checked by
 * verifyRegistrationResponse, which skips the certificate path when it has no roots for the format (ours
 * are not handed to its process-wide SettingsService); so the x5c chain is checked here, against this
 * configuration's roots. An attestation that does not chain is not refused: WebAuthn §7.1 step 24 allows
 * registering the key as if self-attested, and a legitimate key of a vendor not listed must still work.
 */
async function attestationTrust(
  rp: RelyingParty,
  fmt: string,
  attestationObject: Parameters<typeof decodeAttestationObject>[0],
): Promise<{ verified: boolean; untrusted?: string }> {
  if (!rp.attestationRoots.length || fmt === 'none') return { verified: false };
  if (!HARDWARE_ATTESTATION_FORMATS.has(fmt))
    return { verified: false, untrusted: `format ${fmt} does not attest hardware` };
  const x5c = decodeAttestationObject(attestationObject).get('attStmt').get('x5c');
  if (!x5c?.length) return { verified: false, untrusted: 'self attestation (no x5c)' };
  try {
    await validateCertificatePath(
      x5c.map((der) => convertCertBufferToPEM(der)),
      rp.attestationRoots,
    );
    return { verified: true };
  } catch (err) {
    const cause = (err as Error).cause;
    return {
      verified: false,
      untrusted: `${(err as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}`,
    };
  }
}

/**
 * RFC 8176 hwk (a hardware-secured key) only for a key whose attestation chained to a configured root when
 * it was registered and that cannot leave its device (not backup eligible); every other passkey is swk. The
 * browser's authenticatorAttachment is unsigned, so it decides nothing.
 */
function amrFor(metadata: Partial<WebauthnMetadata>): 'hwk' | 'swk' {
  return metadata.attestation_verified === true && metadata.device_type === 'singleDevice' ? 'hwk' : 'swk';
}

/**
 * Verifies an assertion: the credential must be one of `allowed` (or, when discoverable, any stored one
 * whose owner matches the returned user handle); its counter must move forward, and moves atomically.
 */
export async function finishAuthentication(
  ctx: MethodContext,
  rp: RelyingParty,
  state: CeremonyState,
  raw: string,
  options: { requireUserVerification: boolean; userId?: string },
): Promise<{ userId: string; amr: string }> {
  expired(ctx, state);
  const response = parseCredential(raw) as AuthenticationResponseJSON;
  const credential = await ctx.deps.store.credentials.findById(response.id);
  const unknown = new CeremonyError(
    { code: 'unknown_credential', message: 'This passkey isn’t registered for this account.' },
    'unknown_credential',
  );
  if (!credential || credential.type !== CREDENTIAL_TYPE) throw unknown;
  if (options.userId !== undefined && credential.userId !== options.userId) throw unknown;
  const allowed = (state.options as PublicKeyCredentialRequestOptionsJSON).allowCredentials ?? [];
  if (allowed.length && !allowed.some((c) => c.id === credential.id)) throw unknown;
  const handle = response.response.userHandle;
  if (handle !== undefined && Buffer.from(handle, 'base64url').toString('utf8') !== credential.userId) throw unknown;

  const { publicKey } = JSON.parse(
    ctx.deps.sealer.open(credential.sealedData, sealContext(credential.id)),
  ) as WebauthnKey;
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      ...expected(ctx, rp, state),
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(Buffer.from(publicKey, 'base64url')),
        counter: credential.counter,
      },
      requireUserVerification: options.requireUserVerification,
    });
  } catch (err) {
    const message = (err as Error).message;
    if (/counter/i.test(message)) {
      throw new CeremonyError(
        {
          code: 'credential_cloned',
          message:
            'This passkey looks cloned (its counter went backwards) and cannot be used. Contact your administrator.',
        },
        'counter_regression',
      );
    }
    throw new CeremonyError(
      { code: 'webauthn_failed', message: 'The passkey could not be verified. Try again.' },
      `assertion: ${message}`,
    );
  }
  if (!verified.verified)
    throw new CeremonyError(
      { code: 'webauthn_failed', message: 'The passkey could not be verified. Try again.' },
      'assertion_not_verified',
    );
  // Two requests racing with one assertion: exactly one moves the counter.
  const moved = await ctx.deps.store.credentials.advanceCounter(
    credential.id,
    credential.counter,
    verified.authenticationInfo.newCounter,
    ctx.deps.clock(),
  );
  if (!moved && verified.authenticationInfo.newCounter !== 0) {
    throw new CeremonyError(
      { code: 'webauthn_failed', message: 'This passkey answer was already used. Try again.' },
      'replayed_assertion',
    );
  }
  return { userId: credential.userId, amr: amrFor(credential.metadata as Partial<WebauthnMetadata>) };
}
