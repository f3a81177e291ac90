// A certificate authority for attestation tests: a self-signed root and the X.509 attestation certificates
// a security-key vendor burns into its keys (WebAuthn §8.2.1 requirements for packed attestation). There is
// no network and no vendor, so tests make their own; node:crypto signs and this file writes the DER.
import { generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';

// --- DER (X.690), the handful of types a certificate needs ---

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.of(0x80 | bytes.length, ...bytes);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.of(tag), derLength(body.length), body]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (n: number, item: Buffer) => tlv(0xa0 | n, item);
const octetString = (bytes: Buffer) => tlv(0x04, bytes);
const bitString = (bytes: Buffer, unusedBits = 0) => tlv(0x03, Buffer.of(unusedBits), bytes);
const boolean = (value: boolean) => tlv(0x01, Buffer.of(value ? 0xff : 0x00));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const printable = (text: string) => tlv(0x13, Buffer.from(text, 'ascii'));

/** A non-negative INTEGER from its big-endian magnitude, in the shortest form DER allows. */
function integer(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a! + b!];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let n = arc >>> 7; n > 0; n >>>= 7) base128.unshift(0x80 | (n & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (years 1950-2049), which RFC 5280 requires for those years. */
function utcTime(date: Date): Buffer {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const text = `${day}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

// --- X.509 (RFC 5280) ---

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/** The subject attributes packed attestation certificates must carry (C, O, OU, CN). */
export interface DistinguishedName {
  C: string;
  O: string;
  OU?: string;
  CN: string;
}

function name(dn: DistinguishedName): Buffer {
  const rdn = (type: string, value: Buffer) => set(sequence(oid(type), value));
  return sequence(
    rdn('2.5.4.6', printable(dn.C)),
    rdn('2.5.4.10', utf8(dn.O)),
    ...(dn.OU ? [rdn('2.5.4.11', utf8(dn.OU))] : []),
    rdn('2.5.4.3', utf8(dn.CN)),
  );
}

const extension = (id: string, critical: boolean, value: Buffer) =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

interface CertificateSpec {
  subject: DistinguishedName;
  subjectKey: KeyObject;
  issuer: DistinguishedName;
  issuerKey: KeyObject;
  ca: boolean;
  notBefore: Date;
  notAfter: Date;
  /** id-fido-gen-ce-aaguid: the model of authenticator this certificate is for. */
  aaguid?: Uint8Array;
}

function certificate(spec: CertificateSpec): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const extensions = [
    // basicConstraints: cA TRUE, or the empty sequence (cA defaults to FALSE and DER omits defaults).
    extension('2.5.29.19', true, spec.ca ? sequence(boolean(true)) : sequence()),
    ...(spec.ca ? [extension('2.5.29.15', true, bitString(Buffer.of(0x06), 1))] : []), // keyUsage: keyCertSign, cRLSign
    ...(spec.aaguid ? [extension('1.3.6.1.4.1.45724.1.1.4', false, octetString(Buffer.from(spec.aaguid)))] : []),
  ];
  const tbs = sequence(
    explicit(0, integer(Buffer.of(2))), // v3
    integer(serial),
    ECDSA_WITH_SHA256,
    name(spec.issuer),
    sequence(utcTime(spec.notBefore), utcTime(spec.notAfter)),
    name(spec.subject),
    spec.subjectKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, { key: spec.issuerKey, dsaEncoding: 'der' });
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
}

const DAY = 86_400_000;

/** A key pair with its certificate chain (leaf first, DER), as an authenticator holds it to sign attestations. */
export interface AttestationKey {
  privateKey: KeyObject;
  /** x5c: the attestation certificate, then any intermediates; never the root. */
  chain: Buffer[];
}

export class AttestationCA {
  readonly certificate: Buffer;
  private readonly key: KeyObject;

  constructor(
    readonly dn: DistinguishedName = { C: 'SE', O: 'Test Vendor AB', CN: 'Test Vendor Attestation Root' },
    validity: { notBefore?: Date; notAfter?: Date } = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.key = privateKey;
    this.certificate = certificate({
      subject: dn,
      subjectKey: publicKey,
      issuer: dn,
      issuerKey: privateKey,
      ca: true,
      notBefore: validity.notBefore ?? new Date(Date.now() - DAY),
      notAfter: validity.notAfter ?? new Date(Date.now() + 3650 * DAY),
    });
  }

  /** The root as the configuration takes it (webauthn.attestation_roots). */
  get pem(): string {
    return new X509Certificate(this.certificate).toString();
  }

  /**
   * An attestation key for one authenticator model: its certificate says OU "Authenticator Attestation" and is no CA.
   */
  issueAttestationKey(options: { aaguid?: Uint8Array; subject?: Partial<DistinguishedName> } = {}): AttestationKey {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const leaf = certificate({
      subject: {
        C: this.dn.C,
        O: this.dn.O,
        OU: 'Authenticator Attestation',
        CN: 'Test Key Attestation',
        ...options.subject,
      },
      subjectKey: publicKey,
      issuer: this.dn,
      issuerKey: this.key,
      ca: false,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 365 * DAY),
      ...(options.aaguid ? { aaguid: options.aaguid } : {}),
    });
    return { privateKey, chain: [leaf] };
  }
}
