// The widget's English strings, keyed by id. Translations (widget/i18n/*.ts) register themselves with
// GluuLogin.addMessages; an integrator overrides any string with the element's `messages` property. Errors
// and failure reasons are keyed by their code, so a code missing here falls back to the server's own
// `message`. A count is written `{n, plural, one {# second} other {# seconds}}`, its form chosen by the
// language's plural rules (wire/message-format.ts); a translation has the forms its language needs.
import type { ErrorCode, FailureReason } from '../wire/flow-api.js';

export const en = {
  sign_in: 'Sign in',
  sign_in_to: 'Sign in to {client}',
  username: 'Username',
  continue: 'Continue',
  password_heading: 'Enter your password',
  password: 'Password',
  sign_in_button: 'Sign in',
  not_you: 'Not you?',
  create_account: 'Create an account',
  done: 'Signed in. Redirecting…',
  failed: 'Sign-in failed',
  start_again: 'Start again',
  try_again: 'Try again',
  loading: 'Loading…',
  network: 'Cannot reach the sign-in service.',
  unsupported: 'This sign-in step is not supported by this page.',
  retry_in: 'Try again in {n, plural, one {# second} other {# seconds}}.',
  otp_enroll_heading: 'Set up your authenticator app',
  otp_enroll_hint:
    'Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), then ' +
    'enter the code it shows.',
  qr_alt: 'QR code for {issuer} ({account})',
  open_app: 'Open in authenticator app',
  cant_scan: 'Can’t scan it?',
  otp_account: 'Account: {account} · Issuer: {issuer}',
  otp_digits: '{digits, plural, one {# digit} other {# digits}}',
  otp_period: '{period, plural, one {# second} other {# seconds}}',
  copy_key: 'Copy key',
  copied: 'Copied',
  qr_expires: 'This code expires in {time}',
  qr_expired: 'The QR code expired.',
  renew: 'Show a new code',
  code_app: 'Code from the app',
  otp_heading: 'Enter the code from your authenticator app',
  code: 'Code',
  verify: 'Verify',
  sms_heading: 'Check your phone',
  sms_sent_to: 'We sent a code by text message to {phone}.',
  code_valid: 'The code is valid for {time}',
  sms_expired: 'The code expired. Send a new one.',
  resend: 'Resend code',
  resend_in: 'Resend code in {n} s',
  resent: 'A new code was sent.',
  change_phone: 'Use another number',
  phone_enroll_heading: 'Add your phone number',
  phone_enroll_hint:
    'We’ll text a code to this number to confirm it’s yours. Use the international format, e.g. +1 415 555 2671.',
  countries: 'Accepted countries: {list}.',
  phone: 'Phone number',
  send_code: 'Send code',
  email_heading: 'Check your e-mail',
  email_sent_to: 'We sent a code by e-mail to {email}.',
  change_email: 'Use another address',
  email_enroll_heading: 'Add your e-mail address',
  email_enroll_hint: 'We’ll e-mail a code to this address to confirm it’s yours.',
  email: 'E-mail address',
  pc_heading: 'Confirm with your phone',
  pc_scan: 'Scan this QR code with your phone’s camera. Your phone needs the number {phone}.',
  pc_number: 'Your phone needs the number {phone}.',
  pc_qr_alt: 'QR code to open on your phone',
  pc_open: 'Continue on this phone',
  pc_mobile: 'Your phone’s mobile data will confirm your number. Come back to this tab afterwards.',
  pc_wifi: 'Turn off WiFi on your phone so the check runs over mobile data.',
  pc_waiting: 'Waiting for your phone…',
  pc_pick: 'On your phone, choose the number {n}.',
  pc_verifying: 'Checking with your mobile network…',
  pc_verified: 'Verified. Signing you in…',
  pc_failed: 'The check did not succeed.',
  pc_denied: 'The request was denied on your phone.',
  pc_expired: 'The QR code expired.',
  pc_expires: 'The code expires in {time}',
  pc_sms: 'Use a text message instead',
  pc_other: 'Use another way to sign in',
  pk: 'Sign in with a passkey',
  pk_cancel: 'Sign-in with a passkey was cancelled.',
  pk_bad: 'This passkey can’t be used here.',
  wa_auth: 'Use your passkey or security key',
  wa_auth_hint: 'Use the passkey on this device, your phone, or a security key to continue.',
  wa_press: 'Press Continue to use your passkey.',
  wa_reg: 'Add a passkey',
  wa_reg_hint: 'Create a passkey so you can sign in with your fingerprint, face, screen lock or a security key.',
  wa_create: 'Create a passkey',
  not_now: 'Not now',
  other_user: 'Use another account',
  wa_cancel: 'The request was cancelled or timed out. Try again.',
  wa_none: 'This browser can’t use passkeys.',
  // errors and failure reasons, by code
  invalid_credentials: 'Incorrect username or password.',
  flow_expired: 'This sign-in has expired. Please start again.',
  flow_not_found: 'This sign-in is no longer valid. Please start again.',
  server_error: 'Something went wrong. Please try again.',
  invalid_code: 'That code is not right. Try again.',
  code_used: 'This code was already used. Wait for the next one.',
  code_expired: 'This code expired. Send a new one.',
  code_exhausted: 'Too many tries for this code. Send a new one.',
  invalid_phone: 'That doesn’t look like a phone number. Use the international format, e.g. +1 415 555 2671.',
  phone_not_allowed: 'Text messages can’t be sent to numbers from that country.',
  no_phone: 'There is no phone number on your account. Contact your administrator.',
  bind_otp:
    'Before an authenticator app is added to your account, confirm it’s you with a sign-in method you already have.',
  bind_passkey: 'Before a passkey is added to your account, confirm it’s you with a sign-in method you already have.',
  bind_phone:
    'Before a phone number is added to your account, confirm it’s you with a sign-in method you already have.',
  bind_email:
    'Before an e-mail address is added to your account, confirm it’s you with a sign-in method you already have.',
  invalid_email: 'That doesn’t look like an e-mail address.',
  unknown_credential: 'This passkey isn’t registered for this account.',
  no_passkey: 'There’s no passkey for this account on this device.',
  webauthn_failed: 'That didn’t work. Try again.',
  credential_exists: 'This authenticator is already registered.',
  challenge_expired: 'The passkey request timed out. Try again.',
  locked: 'Too many failed attempts. Wait a moment before trying again.',
  admin_unlock_required: 'Too many failed attempts: sign-in is locked. Contact your administrator.',
  access_denied: 'This sign-in was refused.',
  another_way: 'Use another way',
  aw_otp: 'Authenticator app',
  aw_sms: 'Text message',
  aw_email: 'E-mail code',
  aw_phonecheck: 'Phone check',
  aw_passkey: 'Passkey or security key',
  aw_recovery_code: 'Recovery code',
  rc_heading: 'Enter a recovery code',
  rc_hint: 'Each of the recovery codes you kept works once.',
  rc_code: 'Recovery code',
  rcs_heading: 'Keep your recovery codes',
  rcs_hint:
    'If you lose your phone or authenticator, each of these codes signs you in once. Keep them somewhere safe: ' +
    'they will not be shown again.',
  copy_codes: 'Copy codes',
  download: 'Download',
  rcs_kept: 'I have kept them',
  forgot: 'Forgot password?',
  pw_changed: 'Your password was changed. Sign in with the new one.',
  reset_heading: 'Reset your password',
  reset_sent: 'If this account has a verified e-mail address, we sent a code to it.',
  new_pw_heading: 'Choose a new password',
  new_pw_hint:
    'At least {n, plural, one {# character} other {# characters}}. ' + 'Avoid common passwords and your own names.',
  new_password: 'New password',
  save_password: 'Save password',
  bind_password: 'Before your password is changed, confirm it’s you with a sign-in method you already have.',
  tb_heading: 'Trust this browser?',
  tb_hint:
    'Sign-ins in this browser will skip the second step for {n, plural, one {# day} other {# days}}. ' +
    'Choose this only on a device that is yours alone.',
  tb_trust: 'Trust this browser',
  // sms_not_sent, email_not_sent, rate_limited, ... (ServerWorded): in English the server's message says why
  // and when; each translation words them
} satisfies Record<string, string>;

export type MessageId = keyof typeof en;

/** What the `messages` property accepts: any English string by id, and any error code or failure reason. */
export type Messages = Partial<Record<MessageId | ErrorCode | FailureReason, string>>;

/**
 * Error codes whose English text is the server's own message (it says why, or how long to wait), which a
 * translation words in its language rather than show English.
 */
export type ServerWorded =
  | 'sms_not_sent'
  | 'email_not_sent'
  | 'rate_limited'
  | 'weak_password'
  | 'phonecheck_unavailable'
  | 'service_unavailable';

/** A complete translation: a text for every id of `en` and every ServerWorded code (widget/i18n/*.ts). */
export type Translation = Record<MessageId | ServerWorded, string>;

/** Translations registered with GluuLogin.addMessages, by lower-case language tag. */
export const registered: Record<string, Messages> = {};
