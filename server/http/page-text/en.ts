// The English texts of the pages the provider renders itself (hosted sign-in, sign-out, errors, the phone
// check's pages): the base every translation in this folder follows key for key, and what an operator's
// `branding.messages` overrides. `{name}` is a value filled in by the page (escaped); a translation keeps
// the same placeholders, and config refuses an override that names one its text does not have.
export const en = {
  // The hosted sign-in page (server/http/interaction-routes.ts)
  sign_in_title: 'Sign in to {client}',
  needs_javascript: 'Signing in needs JavaScript. Turn it on and reload this page.',
  account_title: 'Your account',
  account_needs_javascript: 'Your account page needs JavaScript. Turn it on and reload this page.',
  start_again: 'Start again',
  expired_title: 'This sign-in has expired',
  expired_text: 'It was started too long ago or in another browser. Go back to the application and sign in again.',
  too_many_title: 'Too many sign-ins',
  too_many_text: 'Too many sign-ins were started from your network. Try again in {seconds} seconds.',
  cannot_start_title: 'This sign-in cannot start',
  unavailable_title: 'Sign-in is unavailable for a moment',
  unavailable_text: 'Reload this page in a few seconds.',
  link_used_title: 'This sign-in link is no longer valid',
  link_used_text: 'It was already used or has expired.',

  // Sign-out and the provider's error page (server/oidc/provider.ts)
  sign_out_title: 'Sign out',
  sign_out_heading: 'Sign out?',
  sign_out_text: 'You are signing out of {host}.',
  sign_out_button: 'Sign out',
  stay_signed_in: 'Stay signed in',
  signed_out_title: 'Signed out',
  signed_out_text: 'You have signed out. You can close this window.',
  error_title: 'Sign-in problem',
  error_heading: 'Something is wrong with this sign-in',
  error_text: 'Go back to the application and sign in again.',

  // The phone check's consent page (server/http/consent-page.ts)
  consent_title: 'Approve a sign-in to {client} on another device',
  consent_intro:
    'Someone is signing in to {client} with your account on another device, and this phone is asked to ' +
    'approve it. Approve only if it is you.',
  consent_device: 'Device',
  consent_started: 'Started',
  consent_network: 'Network',
  consent_network_unknown: 'unknown',
  started_just_now: 'just now',
  started_over_an_hour: 'over an hour ago',
  consent_choose: 'To approve, choose the number the other device shows',
  consent_phone:
    'Your mobile network then confirms that this phone has the number {phone}: keep WiFi off so the check ' +
    'runs over mobile data. Nothing else is shared.',
  consent_deny: 'Deny',

  // The phone check's other pages (server/methods/phonecheck/routes.ts)
  phone_check: 'Phone check',
  pc_verified_title: 'Verified',
  pc_verified_text: 'Verified — you can close this page and go back to the other screen.',
  pc_denied_title: 'Denied',
  pc_denied_text: 'You denied the request. The sign-in on the other screen has stopped. You can close this page.',
  pc_expired_title: 'Expired',
  pc_expired_text: 'This check expired. Ask for a new code on the other screen.',
  pc_not_verified: 'Not verified',
  pc_try_again: 'You can close this page and try again from the other screen.',
  pc_link_expired_title: 'Link expired',
  pc_link_expired_heading: 'This link has expired',
  pc_link_expired_text: 'Ask for a new code on the other screen.',
  pc_not_waiting_title: 'Not waiting',
  pc_not_waiting_heading: 'This check is not waiting for you',
  pc_not_waiting_text: 'It was already answered or has expired.',
  pc_too_large_title: 'Too large',
  pc_too_large_heading: 'This request is too large',
  pc_not_accepted_title: 'Not accepted',
  pc_not_accepted_heading: 'This answer was not accepted',
  pc_not_from_page: 'It did not come from the page this phone was shown, so nothing was approved or denied.',
  pc_scan_again: 'To answer, scan the QR code on the other screen again with this phone.',
  pc_choose_title: 'Choose a number',
  pc_choose_text: 'Go back and choose the number the other screen shows.',
  pc_wrong_title: 'Wrong number',
  pc_wrong_heading: 'That was not the number',
  pc_wrong_text: 'The number you chose is not the one the other screen shows, so that sign-in was stopped.',
  pc_wrong_retry: 'If it was you, start again on the other screen and choose the number it shows.',
  pc_unknown_title: 'Unknown check',
  pc_unknown_heading: 'This check does not belong to this sign-in',
  pc_unknown_text: 'Start again from the other screen.',
} as const;

export type PageTextId = keyof typeof en;

/** A whole translation: every id of the English base (the compiler names a missing one). */
export type PageTexts = Record<PageTextId, string>;
