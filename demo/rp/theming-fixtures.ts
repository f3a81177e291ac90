// The states the Theming page shows: one realistic FlowState per step kind (and the variants people meet
// most: errors, passkeys, a failed phone check), as the flow API would answer them. The page hands each to
// `<gluu-login preview='…'>`, which renders it without any network; typed as FlowState so the compiler
// keeps them in step with the protocol. QR codes are real (drawn by the server's own qrSvg) and the WebAuthn
// options come from @simplewebauthn/server, so each preview looks exactly like the live step.
import { generateAuthenticationOptions, generateRegistrationOptions } from '@simplewebauthn/server';
import { type ActionSpec, type FlowState, otpauthUri, qrSvg, type StepKind } from '../../server/index.js';

export interface ThemingPreview {
  /** The preview card's id: `preview-<kind>` or `preview-<kind>-<variant>`. */
  id: string;
  kind: StepKind;
  /** What the variant shows, after the kind in the caption ("with passkey options"). */
  variant?: string;
  state: FlowState;
}

/** A demo key ("Hello!" and friends in base32): not a secret of anyone. */
export const DEMO_OTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const CLIENT = { id: 'demo-rp', name: 'Demo RP' };
const NO_INPUTS: ActionSpec = { inputs: {} };
const USERNAME: ActionSpec = {
  inputs: {
    username: { type: 'text', required: true, min_length: 1, max_length: 256, autocomplete: 'username webauthn' },
  },
};
const PASSWORD: ActionSpec = {
  inputs: { password: { type: 'password', required: true, max_length: 1024, autocomplete: 'current-password' } },
};
const CREDENTIAL: ActionSpec = { inputs: { credential: { type: 'credential', required: true, max_length: 12_000 } } };
const code = (digits: number): ActionSpec => ({
  inputs: {
    code: {
      type: 'code',
      required: true,
      min_length: digits,
      max_length: digits,
      pattern: `[0-9]{${digits}}`,
      autocomplete: 'one-time-code',
    },
  },
});

/** A fixed flow handle per preview (22 base64url characters, like the real ones). */
const handle = (n: number) => `demoThemingPreview${String(n).padStart(4, '0')}`;

/**
 * Every preview, in the page's order. `issuer`: the provider's URL, for the links a state carries
 * (continue_url, the phone check's link); nothing is fetched from it.
 */
export async function themingFixtures(issuer: string): Promise<ThemingPreview[]> {
  const base = issuer.replace(/\/+$/, '');
  const otpUri = otpauthUri({
    type: 'totp',
    issuer: 'gluu-login demo',
    account: 'demo@example.com',
    secret: DEMO_OTP_SECRET,
    algorithm: 'sha1',
    digits: 6,
    period: 30,
  });
  const pcLink = `${base}/pc/Xq7mR2vKp9Lw`;
  const continueUrl =
    `${base}/auth?client_id=${CLIENT.id}&response_type=code` +
    `&scope=openid%20profile&gluu_ticket=Zb3kT9qLmW2xV7cR1nY5hA`;
  const [otpQr, pcQr, register, authenticate, passwordless] = await Promise.all([
    qrSvg(otpUri, { width: 240, height: 240 }),
    qrSvg(pcLink, { width: 220, height: 220 }),
    generateRegistrationOptions({
      rpName: 'gluu-login demo',
      rpID: 'localhost',
      userName: 'demo',
      userDisplayName: 'demo@example.com',
      userID: new TextEncoder().encode('user-demo'),
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: 120_000,
    }),
    generateAuthenticationOptions({
      rpID: 'localhost',
      allowCredentials: [{ id: 'p8Yf3k2LqW9sXv1ZbN4tRg', transports: ['internal', 'hybrid'] }],
      userVerification: 'preferred',
      timeout: 120_000,
    }),
    generateAuthenticationOptions({ rpID: 'localhost', userVerification: 'required', timeout: 120_000 }),
  ]);

  let n = 0;
  const state = (acr: string, rest: Pick<FlowState, 'step' | 'actions' | 'error'>): FlowState => ({
    flow: handle(++n),
    expires_in: 587,
    acr,
    client: CLIENT,
    step: rest.step,
    actions: rest.actions,
    ...(rest.error ? { error: rest.error } : {}),
  });

  return [
    {
      id: 'preview-username',
      kind: 'username',
      state: state('password', { step: { kind: 'username' }, actions: { submit: USERNAME } }),
    },
    {
      id: 'preview-username-passkey',
      kind: 'username',
      variant: 'with passkey options (acr passkey)',
      state: state('passkey', {
        step: { kind: 'username', passkey: { options: passwordless } },
        actions: { submit: USERNAME, passkey: CREDENTIAL },
      }),
    },
    {
      id: 'preview-password',
      kind: 'password',
      variant: 'with a sign-up link (registration_uri)',
      state: state('password', {
        step: { kind: 'password', username: 'demo', registration_uri: `${base}/register` },
        actions: {
          submit: PASSWORD,
          change_username: NO_INPUTS,
        },
      }),
    },
    {
      id: 'preview-password-error',
      kind: 'password',
      variant: 'with an invalid_credentials error',
      state: state('password', {
        step: { kind: 'password', username: 'demo' },
        actions: {
          submit: PASSWORD,
          change_username: NO_INPUTS,
        },
        error: { code: 'invalid_credentials', message: 'Incorrect username or password.', field: 'password' },
      }),
    },
    {
      id: 'preview-otp_enroll',
      kind: 'otp_enroll',
      state: state('otp', {
        step: {
          kind: 'otp_enroll',
          qr: otpQr,
          secret: DEMO_OTP_SECRET,
          otpauth_uri: otpUri,
          issuer: 'gluu-login demo',
          account: 'demo@example.com',
          type: 'totp',
          algorithm: 'sha1',
          digits: 6,
          period: 30,
          expires_in: 118,
        },
        actions: { submit: code(6), renew: NO_INPUTS },
      }),
    },
    {
      id: 'preview-otp',
      kind: 'otp',
      state: state('otp', { step: { kind: 'otp', type: 'totp', digits: 6 }, actions: { submit: code(6) } }),
    },
    {
      id: 'preview-sms_code',
      kind: 'sms_code',
      variant: 'purpose login',
      state: state('twilio_sms', {
        step: {
          kind: 'sms_code',
          phone: '+1 ••• ••• •• 23',
          digits: 6,
          expires_in: 298,
          resend_in: 27,
          purpose: 'login',
        },
        actions: { submit: code(6), resend: NO_INPUTS },
      }),
    },
    {
      id: 'preview-sms_code-locked',
      kind: 'sms_code',
      variant: 'with a locked error (retry_after)',
      state: state('twilio_sms', {
        step: {
          kind: 'sms_code',
          phone: '+1 ••• ••• •• 23',
          digits: 6,
          expires_in: 241,
          resend_in: 0,
          purpose: 'login',
        },
        actions: { submit: code(6), resend: NO_INPUTS },
        error: {
          code: 'locked',
          message: 'Too many wrong codes. Wait a moment before trying again.',
          field: 'code',
          retry_after: 58,
        },
      }),
    },
    {
      id: 'preview-phone_enroll',
      kind: 'phone_enroll',
      variant: 'with allowed_countries',
      state: state('twilio_sms', {
        step: { kind: 'phone_enroll', allowed_countries: ['US', 'CA', 'BR'] },
        actions: {
          submit: {
            inputs: { phone: { type: 'text', required: true, min_length: 8, max_length: 24, autocomplete: 'tel' } },
          },
        },
      }),
    },
    {
      id: 'preview-phonecheck',
      kind: 'phonecheck',
      variant: 'waiting',
      state: state('tru_id', {
        step: {
          kind: 'phonecheck',
          qr: pcQr,
          link: pcLink,
          phone: '+1 ••• ••• •• 23',
          status: 'waiting',
          number: 42,
          expires_in: 118,
        },
        actions: {},
      }),
    },
    {
      id: 'preview-phonecheck-failed',
      kind: 'phonecheck',
      variant: 'failed, with a fallback',
      state: state('tru_id', {
        step: {
          kind: 'phonecheck',
          phone: '+1 ••• ••• •• 23',
          status: 'failed',
          reason: 'Your mobile network does not support this check.',
          expires_in: 0,
          fallback: { acr: 'twilio_sms', factor: 'sms' },
        },
        actions: { renew: NO_INPUTS, use_fallback: NO_INPUTS },
      }),
    },
    {
      id: 'preview-webauthn-register',
      kind: 'webauthn',
      variant: 'register, with skip',
      state: state('password', {
        step: { kind: 'webauthn', mode: 'register', options: register },
        actions: { submit: CREDENTIAL, skip: NO_INPUTS },
      }),
    },
    {
      id: 'preview-webauthn-authenticate',
      kind: 'webauthn',
      variant: 'authenticate',
      state: state('password', {
        step: { kind: 'webauthn', mode: 'authenticate', options: authenticate },
        actions: { submit: CREDENTIAL },
      }),
    },
    {
      id: 'preview-done',
      kind: 'done',
      state: state('password', { step: { kind: 'done', continue_url: continueUrl }, actions: {} }),
    },
    {
      id: 'preview-failed',
      kind: 'failed',
      state: state('password', {
        step: {
          kind: 'failed',
          reason: 'access_denied',
          message: 'This sign-in was refused.',
          continue_url: continueUrl,
        },
        actions: {},
      }),
    },
    // Last, so that the previews before them keep their flow handles (the phone check's QR code holds one).
    {
      id: 'preview-email_code',
      kind: 'email_code',
      variant: 'purpose enroll',
      state: state('email_otp', {
        step: {
          kind: 'email_code',
          email: 'j•••@example.com',
          digits: 6,
          expires_in: 298,
          resend_in: 27,
          purpose: 'enroll',
        },
        actions: { submit: code(6), resend: NO_INPUTS, change_email: NO_INPUTS },
      }),
    },
    {
      id: 'preview-email_enroll',
      kind: 'email_enroll',
      state: state('email_otp', {
        step: { kind: 'email_enroll' },
        actions: {
          submit: {
            inputs: { email: { type: 'text', required: true, min_length: 3, max_length: 254, autocomplete: 'email' } },
          },
        },
      }),
    },
  ];
}
