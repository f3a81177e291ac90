// The software authenticator against the real verifier (@simplewebauthn/server): what it produces must
// verify, and each field an attacker could forge must make verification fail, or the integration tests
// built on it would prove nothing.
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import {
  convertCertBufferToPEM,
  decodeAttestationObject,
  decodeCredentialPublicKey,
  getCertificateInfo,
  parseAuthenticatorData,
  validateCertificatePath,
} from '@simplewebauthn/server/helpers';
import { SoftAuthenticator, encodeCbor, type CborValue } from '../helpers/soft-authenticator.js';
import { AttestationCA } from '../helpers/attestation-ca.js';

const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:3000';

function userId(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(`user:${name}`));
}

async function registrationOptions(
  user = 'alice',
  extra: Partial<Parameters<typeof generateRegistrationOptions>[0]> = {},
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({ rpName: 'Test', rpID: RP_ID, userName: user, userID: userId(user), ...extra });
}

function verifyRegistration(
  response: RegistrationResponseJSON,
  options: PublicKeyCredentialCreationOptionsJSON,
  extra: Partial<Parameters<typeof verifyRegistrationResponse>[0]> = {},
) {
  return verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    ...extra,
  });
}

/** Registers a passkey and returns what a server would store for it. */
async function enrol(authenticator: SoftAuthenticator, user = 'alice'): Promise<WebAuthnCredential> {
  const options = await registrationOptions(user);
  const { verified, registrationInfo } = await verifyRegistration(
    await authenticator.register(options, ORIGIN),
    options,
  );
  if (!verified || !registrationInfo) throw new Error('registration did not verify');
  return { ...registrationInfo.credential };
}

async function requestOptions(
  allow: WebAuthnCredential[] = [],
  extra: Partial<Parameters<typeof generateAuthenticationOptions>[0]> = {},
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: allow.map(({ id }) => ({ id })), ...extra });
}

function verifyAuthentication(
  response: AuthenticationResponseJSON,
  options: PublicKeyCredentialRequestOptionsJSON,
  credential: WebAuthnCredential,
  extra: Partial<Parameters<typeof verifyAuthenticationResponse>[0]> = {},
) {
  return verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
    ...extra,
  });
}

describe('registration', () => {
  it('verifies, and the verifier reads back the credential id, public key, counter, AAGUID and flags', async () => {
    const aaguid = Uint8Array.from(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'));
    const authenticator = new SoftAuthenticator({ aaguid, counter: 7 });
    const options = await registrationOptions();
    const response = await authenticator.register(options, ORIGIN);
    const { verified, registrationInfo } = await verifyRegistration(response, options);

    expect(verified).toBe(true);
    expect(registrationInfo?.fmt).toBe('none');
    expect(registrationInfo?.aaguid).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(registrationInfo?.credential.id).toBe(response.id);
    expect(registrationInfo?.credential.counter).toBe(7);
    expect(registrationInfo?.credential.transports).toEqual(['internal']);
    expect(registrationInfo?.userVerified).toBe(true);
    expect(registrationInfo?.credentialDeviceType).toBe('singleDevice');
    expect(registrationInfo?.credentialBackedUp).toBe(false);
    expect(authenticator.credentials).toEqual([
      { id: response.id, rpId: RP_ID, userHandle: options.user.id, counter: 7 },
    ]);

    // The COSE key the verifier stores and the SPKI key browsers expose as getPublicKey() are the same point.
    // Its declared type only admits the keys common to all key types.
    const cose = decodeCredentialPublicKey(registrationInfo!.credential.publicKey) as unknown as ReadonlyMap<
      number,
      unknown
    >;
    const jwk = createPublicKey({
      key: Buffer.from(response.response.publicKey!, 'base64url'),
      format: 'der',
      type: 'spki',
    }).export({ format: 'jwk' });
    expect(cose.get(1)).toBe(2);
    expect(cose.get(3)).toBe(-7);
    expect(cose.get(-1)).toBe(1);
    expect(Buffer.from(cose.get(-2) as Uint8Array).toString('base64url')).toBe(jwk.x);
    expect(Buffer.from(cose.get(-3) as Uint8Array).toString('base64url')).toBe(jwk.y);
  });

  it('sets AT (and nothing else unasked) in the flags, and the JSON carries what browsers send', async () => {
    const options = await registrationOptions();
    const response = await new SoftAuthenticator({ attachment: 'cross-platform', userVerification: false }).register(
      options,
      ORIGIN,
    );
    const authData = decodeAttestationObject(Buffer.from(response.response.attestationObject, 'base64url')).get(
      'authData',
    );
    expect(parseAuthenticatorData(authData).flags.flagsInt).toBe(0x41);
    expect(response.response.authenticatorData).toBe(Buffer.from(authData).toString('base64url'));
    expect(response.response.transports).toEqual(['usb']);
    expect(response.authenticatorAttachment).toBe('cross-platform');
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: true } });
    expect(JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString())).toEqual({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: false,
    });
  });

  it('reports a synced passkey as multiDevice and backed up', async () => {
    const options = await registrationOptions();
    const { registrationInfo } = await verifyRegistration(
      await new SoftAuthenticator({ backupEligible: true }).register(options, ORIGIN),
      options,
    );
    expect(registrationInfo?.credentialDeviceType).toBe('multiDevice');
    expect(registrationInfo?.credentialBackedUp).toBe(true);
  });

  it('without user verification: rejected by default, accepted when the server does not require it', async () => {
    const authenticator = new SoftAuthenticator({ userVerification: false });
    const options = await registrationOptions();
    const response = await authenticator.register(options, ORIGIN);
    // The options said "preferred", yet the verifier's own default is to require UV.
    expect(options.authenticatorSelection?.userVerification).toBe('preferred');
    await expect(verifyRegistration(response, options)).rejects.toThrow(/User verification was required/);
    const { verified, registrationInfo } = await verifyRegistration(response, options, {
      requireUserVerification: false,
    });
    expect(verified).toBe(true);
    expect(registrationInfo?.userVerified).toBe(false);
  });

  it('is rejected for another origin, challenge or RP ID', async () => {
    const options = await registrationOptions();
    const response = await new SoftAuthenticator().register(options, 'http://localhost:3001');
    await expect(verifyRegistration(response, options)).rejects.toThrow(/origin/);
    const good = await new SoftAuthenticator().register(options, ORIGIN);
    expect((await verifyRegistration(good, options)).verified).toBe(true);
    // Origins are compared as plain strings: a configured URL with a trailing slash never matches.
    await expect(verifyRegistration(good, options, { expectedOrigin: `${ORIGIN}/` })).rejects.toThrow(/origin/);
    await expect(
      verifyRegistration(good, options, { expectedChallenge: (await registrationOptions()).challenge }),
    ).rejects.toThrow(/challenge/);
    await expect(verifyRegistration(good, options, { expectedRPID: 'example.com' })).rejects.toThrow(/RP ID/);
  });

  it('refuses like a browser: an excluded credential, no ES256, UV required but unavailable', async () => {
    const authenticator = new SoftAuthenticator({ userVerification: false });
    const first = await registrationOptions('alice');
    const credential = (
      await verifyRegistration(await authenticator.register(first, ORIGIN), first, { requireUserVerification: false })
    ).registrationInfo!.credential;
    await expect(
      authenticator.register(
        await registrationOptions('alice', { excludeCredentials: [{ id: credential.id }] }),
        ORIGIN,
      ),
    ).rejects.toMatchObject({ name: 'InvalidStateError' });
    await expect(
      authenticator.register(await registrationOptions('bob', { supportedAlgorithmIDs: [-257] }), ORIGIN),
    ).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(
      authenticator.register(
        await registrationOptions('bob', { authenticatorSelection: { userVerification: 'required' } }),
        ORIGIN,
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(authenticator.credentials).toHaveLength(1);
  });

  it('replaces the credential of a user who registers again on the same authenticator', async () => {
    const authenticator = new SoftAuthenticator();
    const first = await enrol(authenticator, 'alice');
    const bob = await enrol(authenticator, 'bob');
    const second = await enrol(authenticator, 'alice');
    expect(second.id).not.toBe(first.id);
    expect(authenticator.credentials.map((c) => c.id)).toEqual([bob.id, second.id]);
  });
});

describe('attestation (packed)', () => {
  const vendor = new AttestationCA();
  const aaguid = Uint8Array.from(Buffer.from('2fc0579f811347eab116bb5a8db9202a', 'hex'));
  const direct = () => registrationOptions('alice', { attestationType: 'direct' });
  const x5cOf = (response: RegistrationResponseJSON) =>
    decodeAttestationObject(new Uint8Array(Buffer.from(response.response.attestationObject, 'base64url')))
      .get('attStmt')
      .get('x5c');

  it('makes a root and attestation certificates that X.509 parsers read as packed attestation requires', () => {
    const root = new X509Certificate(vendor.certificate);
    expect(root.ca).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    const [leafDer] = vendor.issueAttestationKey({ aaguid }).chain;
    const leaf = new X509Certificate(leafDer!);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    const info = getCertificateInfo(new Uint8Array(leafDer!));
    expect(info.subject).toMatchObject({
      C: 'SE',
      O: 'Test Vendor AB',
      OU: 'Authenticator Attestation',
      CN: 'Test Key Attestation',
    });
    expect(info.version).toBe(2);
    expect(info.basicConstraintsCA).toBe(false);
    expect(vendor.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  it(
    'attests with x5c when asked for "direct": ' +
      'the verifier checks signature and certificate, the chain leads to the root',
    async () => {
      const key = vendor.issueAttestationKey({ aaguid });
      const options = await direct();
      const response = await new SoftAuthenticator({ aaguid, attachment: 'cross-platform', attestation: key }).register(
        options,
        ORIGIN,
      );
      const { verified, registrationInfo } = await verifyRegistration(response, options);
      expect(verified).toBe(true);
      expect(registrationInfo?.fmt).toBe('packed');
      expect(registrationInfo?.aaguid).toBe('2fc0579f-8113-47ea-b116-bb5a8db9202a');
      const x5c = x5cOf(response)!;
      expect(x5c.map((c) => Buffer.from(c))).toEqual(key.chain);
      await expect(
        validateCertificatePath(
          x5c.map((c) => convertCertBufferToPEM(c)),
          [vendor.pem],
        ),
      ).resolves.toBe(true);
      await expect(
        validateCertificatePath(
          x5c.map((c) => convertCertBufferToPEM(c)),
          [new AttestationCA().pem],
        ),
      ).rejects.toThrow(/could not be chained/);
    },
  );

  it('answers "none" when the options ask for none (as a browser does), unless forced', async () => {
    const authenticator = new SoftAuthenticator({ attestation: vendor.issueAttestationKey() });
    const none = await registrationOptions('alice');
    expect(none.attestation).toBe('none');
    expect((await verifyRegistration(await authenticator.register(none, ORIGIN), none)).registrationInfo?.fmt).toBe(
      'none',
    );
    const forced = await registrationOptions('bob');
    const response = await authenticator.register(forced, ORIGIN, { forceAttestation: true });
    expect((await verifyRegistration(response, forced)).registrationInfo?.fmt).toBe('packed');
    expect(x5cOf(response)).toHaveLength(1);
  });

  it('self attestation: packed without x5c, signed by the credential key itself', async () => {
    const options = await direct();
    const response = await new SoftAuthenticator({ attestation: 'self' }).register(options, ORIGIN);
    const { verified, registrationInfo } = await verifyRegistration(response, options);
    expect(verified).toBe(true);
    expect(registrationInfo?.fmt).toBe('packed');
    expect(x5cOf(response)).toBeUndefined();
  });

  it('is rejected if signed by a key not the certificate’s, or if the certificate names another AAGUID', async () => {
    const { chain } = vendor.issueAttestationKey();
    const stolen = { chain, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey };
    const options = await direct();
    expect(
      (
        await verifyRegistration(
          await new SoftAuthenticator({ attestation: stolen }).register(options, ORIGIN),
          options,
        )
      ).verified,
    ).toBe(false);
    const forAnotherModel = vendor.issueAttestationKey({ aaguid: new Uint8Array(16).fill(7) });
    await expect(
      verifyRegistration(
        await new SoftAuthenticator({ aaguid, attestation: forAnotherModel }).register(options, ORIGIN),
        options,
      ),
    ).rejects.toThrow(/id-fido-gen-ce-aaguid/);
  });

  it('is rejected when the attestation certificate is not one for authenticators (OU)', async () => {
    const options = await direct();
    const notForKeys = vendor.issueAttestationKey({ subject: { OU: 'Web Servers' } });
    await expect(
      verifyRegistration(await new SoftAuthenticator({ attestation: notForKeys }).register(options, ORIGIN), options),
    ).rejects.toThrow(/OU/);
  });
});

describe('authentication', () => {
  it('verifies with the stored public key, and the counter goes up by one each time', async () => {
    const authenticator = new SoftAuthenticator({ counter: 41 });
    const credential = await enrol(authenticator);
    for (const expected of [42, 43]) {
      const options = await requestOptions([credential]);
      const { verified, authenticationInfo } = await verifyAuthentication(
        await authenticator.authenticate(options, ORIGIN),
        options,
        credential,
      );
      expect(verified).toBe(true);
      expect(authenticationInfo.newCounter).toBe(expected);
      expect(authenticationInfo.credentialID).toBe(credential.id);
      expect(authenticationInfo.userVerified).toBe(true);
      credential.counter = authenticationInfo.newCounter;
    }
    expect(authenticator.credentials[0]?.counter).toBe(43);
  });

  it("accepts an authenticator whose counter is always 0 (the verifier's 0/0 exception)", async () => {
    const authenticator = new SoftAuthenticator({ counter: 'zero' });
    const credential = await enrol(authenticator);
    expect(credential.counter).toBe(0);
    for (let i = 0; i < 2; i++) {
      const options = await requestOptions([credential]);
      const { verified, authenticationInfo } = await verifyAuthentication(
        await authenticator.authenticate(options, ORIGIN),
        options,
        credential,
      );
      expect(verified).toBe(true);
      expect(authenticationInfo.newCounter).toBe(0);
    }
  });

  it('discoverable: with no allowCredentials it signs with the stored passkey, returns its user handle', async () => {
    const authenticator = new SoftAuthenticator({ backupEligible: true });
    const registration = await registrationOptions('carol');
    const { registrationInfo } = await verifyRegistration(
      await authenticator.register(registration, ORIGIN),
      registration,
    );
    const credential = registrationInfo!.credential;

    const options = await requestOptions([], { userVerification: 'required' });
    expect(options.allowCredentials).toEqual([]);
    const response = await authenticator.authenticate(options, ORIGIN);
    expect(response.id).toBe(credential.id);
    expect(response.response.userHandle).toBe(registration.user.id);
    expect(Buffer.from(response.response.userHandle!, 'base64url').toString()).toBe('user:carol');
    const { verified, authenticationInfo } = await verifyAuthentication(response, options, credential);
    expect(verified).toBe(true);
    expect(authenticationInfo.credentialDeviceType).toBe('multiDevice');
    expect(authenticationInfo.credentialBackedUp).toBe(true);
  });

  it('signs with the credential in allowCredentials, not just the first one held', async () => {
    const authenticator = new SoftAuthenticator();
    await enrol(authenticator, 'alice');
    const bob = await enrol(authenticator, 'bob');
    const options = await requestOptions([bob]);
    const response = await authenticator.authenticate(options, ORIGIN);
    expect(response.id).toBe(bob.id);
    expect(Buffer.from(response.response.userHandle!, 'base64url').toString()).toBe('user:bob');
    expect((await verifyAuthentication(response, options, bob)).verified).toBe(true);
  });

  it('has nothing to offer for an unknown credential or another RP ID', async () => {
    const authenticator = new SoftAuthenticator();
    const credential = await enrol(authenticator);
    await expect(
      authenticator.authenticate(await requestOptions([{ ...credential, id: 'AAAA' }]), ORIGIN),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      authenticator.authenticate(await generateAuthenticationOptions({ rpID: 'example.com' }), 'https://example.com'),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  describe('the verifier rejects', () => {
    async function setup() {
      const authenticator = new SoftAuthenticator();
      const credential = await enrol(authenticator);
      const options = await requestOptions([credential]);
      return { authenticator, credential, options };
    }

    it('another origin', async () => {
      const { authenticator, credential, options } = await setup();
      const response = await authenticator.authenticate(options, 'http://evil.localhost:3000');
      await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(/origin/);
    });

    it('another challenge', async () => {
      const { authenticator, credential, options } = await setup();
      const stale = await requestOptions([credential]);
      const response = await authenticator.authenticate(options, ORIGIN, { challenge: stale.challenge });
      await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(/challenge/);
    });

    it('another RP ID in authenticator data', async () => {
      const { authenticator, credential, options } = await setup();
      const response = await authenticator.authenticate(options, ORIGIN, { rpId: 'evil.example' });
      await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(/RP ID/);
    });

    it('a registration replayed as an assertion (type webauthn.create)', async () => {
      const { authenticator, credential, options } = await setup();
      const response = await authenticator.authenticate(options, ORIGIN, { type: 'webauthn.create' });
      await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(/type/);
    });

    it('a counter lower than, or equal to, the stored one', async () => {
      const { authenticator, credential, options } = await setup();
      const stored = { ...credential, counter: 5 };
      await expect(
        verifyAuthentication(await authenticator.authenticate(options, ORIGIN, { counter: 3 }), options, stored),
      ).rejects.toThrow(/counter/);
      await expect(
        verifyAuthentication(await authenticator.authenticate(options, ORIGIN, { counter: 5 }), options, stored),
      ).rejects.toThrow(/counter/);
      // Also a counter dropping back to 0, which the 0/0 exception must not cover.
      await expect(
        verifyAuthentication(await authenticator.authenticate(options, ORIGIN, { counter: 0 }), options, stored),
      ).rejects.toThrow(/counter/);
      const { verified } = await verifyAuthentication(
        await authenticator.authenticate(options, ORIGIN, { counter: 6 }),
        options,
        stored,
      );
      expect(verified).toBe(true);
      // Forged counters leave the authenticator's own counter alone.
      expect(authenticator.credentials[0]?.counter).toBe(0);
    });

    it('a tampered signature', async () => {
      const { authenticator, credential, options } = await setup();
      const response = await authenticator.authenticate(options, ORIGIN);
      const signature = Buffer.from(response.response.signature, 'base64url');
      // The last byte is inside s, so the DER stays well formed and only the value is wrong.
      signature[signature.length - 1]! ^= 0x01;
      const tampered = { ...response, response: { ...response.response, signature: signature.toString('base64url') } };
      expect((await verifyAuthentication(tampered, options, credential)).verified).toBe(false);
      expect((await verifyAuthentication(response, options, credential)).verified).toBe(true);
    });

    it('a signature by another key', async () => {
      const { credential, options } = await setup();
      const other = new SoftAuthenticator();
      await enrol(other);
      const response = await other.authenticate(await requestOptions(), ORIGIN, {
        challenge: options.challenge,
        credentialId: credential.id,
      });
      expect((await verifyAuthentication(response, options, credential)).verified).toBe(false);
    });

    it('no user verification when it is required (the default)', async () => {
      const { authenticator, credential, options } = await setup();
      const response = await authenticator.authenticate(options, ORIGIN, { userVerified: false });
      await expect(verifyAuthentication(response, options, credential)).rejects.toThrow(/User verification required/);
      const { verified, authenticationInfo } = await verifyAuthentication(response, options, credential, {
        requireUserVerification: false,
      });
      expect(verified).toBe(true);
      expect(authenticationInfo.userVerified).toBe(false);
    });
  });

  it('a forged credential id passes the verifier: the server must look the credential up by response.id', async () => {
    const authenticator = new SoftAuthenticator();
    const alice = await enrol(authenticator, 'alice');
    const options = await requestOptions([alice]);
    const response = await authenticator.authenticate(options, ORIGIN, { credentialId: 'Zm9yZ2Vk' });
    expect(response.id).toBe('Zm9yZ2Vk');
    expect(response.rawId).toBe('Zm9yZ2Vk');
    expect((await verifyAuthentication(response, options, alice)).verified).toBe(true);
  });

  it('a credential id it holds but that is not allowed: signs with that credential anyway', async () => {
    const authenticator = new SoftAuthenticator();
    const alice = await enrol(authenticator, 'alice');
    const bob = await enrol(authenticator, 'bob');
    const options = await requestOptions([alice]);
    const response = await authenticator.authenticate(options, ORIGIN, { credentialId: bob.id });
    expect(response.id).toBe(bob.id);
    expect((await verifyAuthentication(response, options, bob)).verified).toBe(true);
    expect((await verifyAuthentication(response, options, alice)).verified).toBe(false);
  });
});

describe('CBOR encoding (RFC 8949 appendix A)', () => {
  const vectors: [CborValue, string][] = [
    [0, '00'],
    [1, '01'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [25, '1819'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [new Uint8Array(), '40'],
    [Uint8Array.of(1, 2, 3, 4), '4401020304'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['"\\', '62225c'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
    ['\u{10151}', '64f0908591'],
    [[], '80'],
    [[1, 2, 3], '83010203'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [new Map(), 'a0'],
    [
      new Map([
        [1, 2],
        [3, 4],
      ]),
      'a201020304',
    ],
    [
      new Map([
        ['a', 'A'],
        ['b', 'B'],
        ['c', 'C'],
        ['d', 'D'],
        ['e', 'E'],
      ]),
      'a56161614161626142616361436164614461656145',
    ],
  ];
  it.each(vectors)('%o', (value, hex) => {
    expect(encodeCbor(value).toString('hex')).toBe(hex);
  });

  it('sorts map keys deterministically, and writes long strings with a multi-byte length', () => {
    const map = new Map<number | string, CborValue>([
      ['b', 1],
      [-1, 2],
      ['a', 3],
      [3, 4],
    ]);
    expect(encodeCbor(map).toString('hex')).toBe('a4' + '0304' + '2002' + '616103' + '616201');
    expect(encodeCbor(new Uint8Array(300)).subarray(0, 3).toString('hex')).toBe('59012c');
  });

  it('refuses numbers it cannot encode exactly', () => {
    expect(() => encodeCbor(1.5)).toThrow(RangeError);
    expect(() => encodeCbor(2 ** 60)).toThrow(RangeError);
  });
});
