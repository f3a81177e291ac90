// A software WebAuthn authenticator plus the browser's part of the ceremony, so integration tests can
// register and use passkeys over plain HTTP. It produces exactly what a browser's toJSON() would send,
// and lets a test forge the fields an attacker controls to prove the server checks them.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { AttestationKey } from './attestation-ca.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/** COSE algorithm ES256 (ECDSA P-256 with SHA-256), the only one this authenticator implements. */
const ES256 = -7;

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export type CborValue = number | string | Uint8Array | readonly CborValue[] | ReadonlyMap<number | string, CborValue>;

/** Initial byte plus argument of a data item, always in the shortest form (RFC 8949 §4.2.1). */
function cborHead(major: number, argument: number): Buffer {
  const type = major << 5;
  if (argument < 24) return Buffer.of(type | argument);
  if (argument < 0x100) return Buffer.of(type | 24, argument);
  if (argument < 0x10000) {
    const out = Buffer.alloc(3);
    out[0] = type | 25;
    out.writeUInt16BE(argument, 1);
    return out;
  }
  if (argument < 0x1_0000_0000) {
    const out = Buffer.alloc(5);
    out[0] = type | 26;
    out.writeUInt32BE(argument, 1);
    return out;
  }
  const out = Buffer.alloc(9);
  out[0] = type | 27;
  out.writeBigUInt64BE(BigInt(argument), 1);
  return out;
}

/**
 * The subset of CBOR WebAuthn needs: unsigned and negative integers, byte and text strings, arrays, maps.
 * Map keys are sorted bytewise by their encoding (RFC 8949 §4.2.1), which for the keys used here
 * (small integers, short text) is also CTAP2's canonical order; verifiers re-encode the COSE key to
 * find where it ends in authenticator data, so the bytes must be the deterministic ones.
 */
export function encodeCbor(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR: ${value} is not a safe integer`);
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const utf8 = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, utf8.length), utf8]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (isCborArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map((item) => encodeCbor(item))]);
  const entries = [...value].map(([k, v]) => [encodeCbor(k), encodeCbor(v)] as const);
  entries.sort(([a], [b]) => Buffer.compare(a, b));
  return Buffer.concat([cborHead(5, entries.length), ...entries.flat()]);
}

// Array.isArray narrows to a mutable any[], which leaves a readonly array in the other branch.
const isCborArray = (value: CborValue): value is readonly CborValue[] => Array.isArray(value);

function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** What a browser does with a base64url member of the options: decode it, and re-encode it unpadded. */
function canonicalBase64url(value: string, what: string): string {
  const unpadded = value.replace(/={1,2}$/, '');
  // Buffer's decoder silently skips characters outside the alphabet; a browser throws a TypeError.
  if (!BASE64URL.test(unpadded) || unpadded.length % 4 === 1) throw new TypeError(`${what} is not base64url: ${value}`);
  return Buffer.from(unpadded, 'base64url').toString('base64url');
}

function defaultRpId(origin: string): string {
  return new URL(origin).hostname;
}

interface StoredCredential {
  readonly id: string;
  readonly rawId: Buffer;
  readonly rpId: string;
  readonly userHandle: string;
  readonly privateKey: KeyObject;
  counter: number;
}

export interface SoftAuthenticatorOptions {
  /** 16 bytes; defaults to all zeros, what browsers send with attestation "none". */
  aaguid?: Uint8Array;
  /** Defaults to 'platform' (transport "internal"); 'cross-platform' reports "usb". */
  attachment?: 'platform' | 'cross-platform';
  /** Whether the authenticator verifies the user (PIN, biometrics). Defaults to true. */
  userVerification?: boolean;
  /**
   * The signature counter at registration, incremented by each assertion (default 0); 'zero': always 0, like many
   * platform authenticators.
   */
  counter?: number | 'zero';
  /** Synced passkey: sets both BE and BS. Defaults to false (a device-bound credential). */
  backupEligible?: boolean;
  /**
   * The attestation it makes (fmt "packed") when the options ask for one ("direct" or "enterprise"):
   * with a vendor's attestation key and certificate chain (x5c), or 'self' (signed with the new credential's
   * own key, no x5c). Without it, or when the options ask for "none", it answers fmt "none" as browsers do.
   */
  attestation?: AttestationKey | 'self';
}

export interface RegisterOverrides {
  /** Attest even though the options asked for "none": a browser strips it, a script talking to the server need not. */
  forceAttestation?: boolean;
}

export interface AuthenticateOverrides {
  /**
   * Claim this credential id. If this authenticator holds it for the RP ID it signs with it even when it is not in
   * allowCredentials; otherwise it signs with the credential it would have chosen and only the id is forged.
   */
  credentialId?: string;
  /** Signature counter to put in authenticator data, as is; the stored counter is left alone. */
  counter?: number;
  userVerified?: boolean;
  /** clientDataJSON type, e.g. 'webauthn.create' to replay a registration as an assertion. */
  type?: string;
  /** clientDataJSON challenge, as is. */
  challenge?: string;
  /** The RP ID hashed into authenticator data; the credential is still chosen by options.rpId. */
  rpId?: string;
}

/**
 * A credential store with ES256 keys. Every credential is discoverable; as with CTAP2 authenticators,
 * registering again for the same RP ID and user handle replaces the earlier credential. Errors mirror the
 * browser's: DOMException NotAllowedError (no credential, or user verification required but unavailable),
 * InvalidStateError (excludeCredentials matched), NotSupportedError (ES256 not offered).
 */
export class SoftAuthenticator {
  private readonly aaguid: Buffer;
  private readonly attachment: 'platform' | 'cross-platform';
  private readonly userVerification: boolean;
  private readonly counterMode: number | 'zero';
  private readonly backupEligible: boolean;
  private readonly attestation: AttestationKey | 'self' | undefined;
  private readonly stored: StoredCredential[] = [];

  constructor(options: SoftAuthenticatorOptions = {}) {
    this.aaguid = Buffer.from(options.aaguid ?? new Uint8Array(16));
    if (this.aaguid.length !== 16) throw new RangeError(`aaguid must be 16 bytes, not ${this.aaguid.length}`);
    this.attachment = options.attachment ?? 'platform';
    this.userVerification = options.userVerification ?? true;
    this.counterMode = options.counter ?? 0;
    if (
      this.counterMode !== 'zero' &&
      !(Number.isInteger(this.counterMode) && this.counterMode >= 0 && this.counterMode <= 0xffff_ffff)
    ) {
      throw new RangeError(`counter must be 'zero' or a 32-bit unsigned integer, not ${this.counterMode}`);
    }
    this.backupEligible = options.backupEligible ?? false;
    this.attestation = options.attestation;
  }

  get credentials(): ReadonlyArray<{ id: string; rpId: string; userHandle: string; counter: number }> {
    return this.stored.map(({ id, rpId, userHandle, counter }) => ({ id, rpId, userHandle, counter }));
  }

  /**
   * Answers navigator.credentials.create(): a RegistrationResponseJSON, remembering the new credential (discoverable,
   * with user.id as user handle).
   */
  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
    origin: string,
    overrides: RegisterOverrides = {},
  ): Promise<RegistrationResponseJSON> {
    // An empty list means the browser's defaults, ES256 among them (WebAuthn §5.1.3 step 10).
    if (
      options.pubKeyCredParams.length > 0 &&
      !options.pubKeyCredParams.some((p) => p.type === 'public-key' && p.alg === ES256)
    ) {
      throw new DOMException('None of pubKeyCredParams is ES256', 'NotSupportedError');
    }
    if (options.authenticatorSelection?.userVerification === 'required' && !this.userVerification) {
      throw new DOMException(
        'User verification required, and this authenticator cannot verify users',
        'NotAllowedError',
      );
    }
    const rpId = options.rp.id ?? defaultRpId(origin);
    const excluded = new Set(
      (options.excludeCredentials ?? []).map((c) => canonicalBase64url(c.id, 'excludeCredentials id')),
    );
    if (this.stored.some((c) => c.rpId === rpId && excluded.has(c.id))) {
      throw new DOMException('This authenticator already holds an excluded credential', 'InvalidStateError');
    }
    const userHandle = canonicalBase64url(options.user.id, 'user.id');
    const userHandleLength = Buffer.from(userHandle, 'base64url').length;
    if (userHandleLength < 1 || userHandleLength > 64)
      throw new TypeError(`user.id must be 1 to 64 bytes, not ${userHandleLength}`);

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    if (!jwk.x || !jwk.y) throw new Error('P-256 public key without x or y');
    const rawId = randomBytes(32);
    const credential: StoredCredential = {
      id: rawId.toString('base64url'),
      rawId,
      rpId,
      userHandle,
      privateKey,
      counter: this.counterMode === 'zero' ? 0 : this.counterMode,
    };
    const replaced = this.stored.findIndex((c) => c.rpId === rpId && c.userHandle === userHandle);
    if (replaced >= 0) this.stored.splice(replaced, 1);
    this.stored.push(credential);

    const coseKey = encodeCbor(
      new Map<number, CborValue>([
        [1, 2], // kty: EC2
        [3, ES256],
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x, 'base64url')],
        [-3, Buffer.from(jwk.y, 'base64url')],
      ]),
    );
    const credIdLength = Buffer.alloc(2);
    credIdLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      this.authDataHead(rpId, this.flags(this.userVerification) | FLAG_AT, credential.counter),
      this.aaguid,
      credIdLength,
      rawId,
      coseKey,
    ]);
    const clientDataJSON = clientData('webauthn.create', canonicalBase64url(options.challenge, 'challenge'), origin);
    const attest =
      this.attestation &&
      (overrides.forceAttestation || options.attestation === 'direct' || options.attestation === 'enterprise');
    const attestationObject = encodeCbor(
      new Map<string, CborValue>([
        ['fmt', attest ? 'packed' : 'none'],
        ['attStmt', attest ? this.packedStatement(authData, clientDataJSON, privateKey) : new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: Buffer.from(clientDataJSON).toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        transports: [this.attachment === 'platform' ? 'internal' : 'usb'],
        publicKeyAlgorithm: ES256,
        publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
      },
      authenticatorAttachment: this.attachment,
      // Browsers answer credProps whenever it is asked for (@simplewebauthn/server always asks).
      clientExtensionResults: options.extensions?.credProps ? { credProps: { rk: true } } : {},
    };
  }

  /**
   * Answers navigator.credentials.get(): an AuthenticationResponseJSON signed with the first credential for
   * options.rpId that is in allowCredentials (or any discoverable one when allowCredentials is empty), incrementing the
   * signature counter.
   */
  async authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    origin: string,
    overrides: AuthenticateOverrides = {},
  ): Promise<AuthenticationResponseJSON> {
    const rpId = options.rpId ?? defaultRpId(origin);
    if (options.userVerification === 'required' && !this.userVerification && overrides.userVerified === undefined) {
      throw new DOMException(
        'User verification required, and this authenticator cannot verify users',
        'NotAllowedError',
      );
    }
    const allowed = new Set(
      (options.allowCredentials ?? []).map((c) => canonicalBase64url(c.id, 'allowCredentials id')),
    );
    const claimed =
      overrides.credentialId === undefined
        ? undefined
        : this.stored.find((c) => c.rpId === rpId && c.id === overrides.credentialId);
    const credential = claimed ?? this.stored.find((c) => c.rpId === rpId && (allowed.size === 0 || allowed.has(c.id)));
    if (!credential) throw new DOMException(`No credential for ${rpId} among those allowed`, 'NotAllowedError');

    let counter: number;
    if (overrides.counter !== undefined) counter = overrides.counter;
    else if (this.counterMode === 'zero') counter = 0;
    else counter = credential.counter = credential.counter + 1;

    const authData = this.authDataHead(
      overrides.rpId ?? rpId,
      this.flags(overrides.userVerified ?? this.userVerification),
      counter,
    );
    const clientDataJSON = clientData(
      overrides.type ?? 'webauthn.get',
      overrides.challenge ?? canonicalBase64url(options.challenge, 'challenge'),
      origin,
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), {
      key: credential.privateKey,
      dsaEncoding: 'der',
    });
    const id = overrides.credentialId ?? credential.id;
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: Buffer.from(clientDataJSON).toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: this.attachment,
      clientExtensionResults: {},
    };
  }

  /**
   * WebAuthn §8.2: a signature over authenticator data and the client data hash, by the attestation key (x5c) or the
   * credential's own (self).
   */
  private packedStatement(authData: Buffer, clientDataJSON: string, credentialKey: KeyObject): Map<string, CborValue> {
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    const by = this.attestation === 'self' ? credentialKey : this.attestation!.privateKey;
    const statement = new Map<string, CborValue>([
      ['alg', ES256],
      ['sig', sign('sha256', signed, { key: by, dsaEncoding: 'der' })],
    ]);
    if (this.attestation !== 'self') statement.set('x5c', this.attestation!.chain);
    return statement;
  }

  private flags(userVerified: boolean): number {
    return FLAG_UP | (userVerified ? FLAG_UV : 0) | (this.backupEligible ? FLAG_BE | FLAG_BS : 0);
  }

  private authDataHead(rpId: string, flags: number, counter: number): Buffer {
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.of(flags), signCount]);
  }
}

/**
 * Members in the order browsers serialize them (WebAuthn §5.8.1.1), so a server using the spec's limited,
 * prefix-matching verification accepts it too.
 */
function clientData(type: string, challenge: string, origin: string): string {
  return JSON.stringify({ type, challenge, origin, crossOrigin: false });
}
