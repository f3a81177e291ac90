// The English texts of <gluu-account>, keyed by id. Translations (widget/account/i18n/*.ts) register
// themselves with GluuAccount.addMessages; an integrator overrides any text with the element's `messages`
// property. Errors are keyed by their code; a code missing here falls back to the server's own `message`.
// The confirmation dialog holds a <gluu-login>, which speaks its own texts (widget/messages.ts, widget/i18n/).
import type { AccountErrorCode } from '../../wire/account-api.js';

export const en = {
  loading: 'Loading…',
  signed_in_as: 'Signed in as {user}',
  network: 'Cannot reach the account service.',
  try_again: 'Try again',
  // sign-in methods
  factors: 'Sign-in methods',
  no_factors: 'You have no second sign-in method yet.',
  k_passkey: 'Passkey',
  k_otp: 'Authenticator app',
  k_phone: 'Phone',
  k_email: 'E-mail address',
  added: 'Added {date}',
  last_used: 'Last used {when}',
  never_used: 'Never used',
  rename: 'Rename',
  rename_label: 'New name for {name}',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Remove',
  remove_confirm: 'Remove “{name}”? You will no longer be able to sign in with it.',
  removed: '“{name}” was removed.',
  renamed: 'Renamed to “{name}”.',
  add_passkey: 'Add a passkey',
  add_otp: 'Add an authenticator app',
  add_phone: 'Add a phone',
  add_email: 'Add an e-mail address',
  add_title: 'Add a sign-in method',
  factor_added: 'The new sign-in method was added.',
  // recovery codes
  codes: 'Recovery codes',
  codes_none: 'You have no recovery codes left.',
  codes_left: '{n, plural, one {You have # code left.} other {You have # codes left.}}',
  codes_hint: 'Each code signs you in once if you lose your other methods. New codes make the old ones stop working.',
  new_codes: 'Get new codes',
  codes_shown:
    'Your new recovery codes. Keep them somewhere safe: they will not be shown again, and your old codes no ' +
    'longer work.',
  copy_codes: 'Copy codes',
  copied: 'Copied',
  codes_kept: 'I have kept them',
  // password
  password: 'Password',
  new_password: 'New password',
  password_hint: 'At least {n, plural, one {# character} other {# characters}}. Avoid common passwords and your name.',
  change_password: 'Change password',
  password_changed: 'Your password was changed.',
  // sessions
  sessions: 'Where you’re signed in',
  this_browser: 'This browser',
  signed_in: 'Signed in {when}',
  network_at: 'Network {network}',
  apps: 'Apps: {apps}',
  sign_out: 'Sign out',
  sign_out_others: 'Sign out everywhere else',
  signed_out: 'Signed out.',
  // trusted browsers
  trusted: 'Trusted browsers',
  no_trusted: 'No browser skips the second step of your sign-in.',
  trusted_at: 'Trusted {date} · until {until}',
  forget: 'Stop trusting',
  forgotten: 'This browser will ask for your second step again.',
  // the confirmation dialog
  confirm: 'Confirm it’s you',
  close: 'Close',
  cancelled: 'Nothing was changed.',
  // errors, by code
  invalid_token: 'Your session on this page has ended. Sign in again.',
  insufficient_user_authentication: 'Confirm it’s you before making changes.',
  last_factor: 'This is your last second sign-in method, and your account needs one. Add another first.',
  server_error: 'Something went wrong. Please try again.',
} satisfies Record<string, string>;

export type AccountMessageId = keyof typeof en;

/** What the `messages` property accepts: any English text by id, and any error code. */
export type AccountMessages = Partial<Record<AccountMessageId | AccountErrorCode, string>>;

/** A complete translation: a text for every id of `en` (widget/account/i18n/*.ts satisfy it). */
export type AccountTranslation = Record<AccountMessageId, string>;

/** Translations registered with GluuAccount.addMessages, by lower-case language tag. */
export const registered: Record<string, AccountMessages> = {};
