// "A new sign-in from a browser this account has not signed in from before" (notifications.new_sign_in).
// A browser is known to an account when it holds a live device token of it (server/security/device-trust.ts):
// the right password gives one to every browser it is typed in, for lockout.device_token_days. So whether a
// sign-in's browser is known is read from the token the request *presented*, in the request where the first
// factor proved who the user is (the token that request issues is not counted), and kept on the flow until it
// completes. Only sign-ins that began with the password are told of: device tokens come from the password
// step alone, so a passwordless passkey sign-in never has one (and proved a device-bound key instead); the
// password grant has no browser.
import type { Config } from '../config.js';
import type { Sealer } from '../security/seal.js';
import { currentDeviceRequest, DeviceTokens } from '../security/device-trust.js';
import type { Notifier } from './types.js';

export interface SignInNoticeDeps {
  config: Pick<Config, 'notifications' | 'lockout'>;
  sealer: Sealer;
  clock: () => number;
  notifier: Notifier;
}

/**
 * Whether the request being handled presented a live device token of `userId` (its browser signed in to the
 * account before). Call it inside the flow action's device scope, when the first factor has proven `userId`.
 */
export function browserKnown(deps: Pick<SignInNoticeDeps, 'config' | 'sealer' | 'clock'>, userId: string): boolean {
  const tokens = new DeviceTokens(deps.sealer, deps.config.lockout.device_token_days * 86_400, deps.clock);
  return tokens.deviceOf(currentDeviceRequest()?.presented, userId) !== undefined;
}

/** A sign-in that just completed (the flow reached `done`). */
export interface CompletedSignIn {
  userId: string;
  placement: 'hosted' | 'embedded' | 'api' | 'account';
  /** What was proven (the flow's amr). */
  amr: readonly string[];
  /** browserKnown() as it was when the first factor proved the user. */
  knownBrowser: boolean;
  /** The client's name (client_name, else its client_id). */
  clientName: string;
  ip: string;
  userAgent?: string | undefined;
  lang?: string | undefined;
  at: number;
}

/**
 * Mails the owner when `signIn` came from a browser the account had not signed in from before and
 * notifications.new_sign_in is on; otherwise does nothing. Never rejects: callers need not wait for it.
 */
export async function newSignInNotice(deps: SignInNoticeDeps, signIn: CompletedSignIn): Promise<void> {
  if (!deps.config.notifications.new_sign_in || deps.config.lockout.device_token_days === 0) return;
  if (
    signIn.placement === 'api' ||
    signIn.placement === 'account' ||
    signIn.knownBrowser ||
    !signIn.amr.includes('pwd')
  )
    return;
  await deps.notifier.accountChanged({
    kind: 'new_sign_in',
    userId: signIn.userId,
    by: {
      type: 'sign_in',
      clientName: signIn.clientName,
      ip: signIn.ip,
      ...(signIn.userAgent ? { userAgent: signIn.userAgent } : {}),
    },
    at: signIn.at,
    lang: signIn.lang,
  });
}
