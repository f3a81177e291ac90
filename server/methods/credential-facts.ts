// What people are told about a stored credential: the factor it belongs to (from the method that stores its
// type) and the name its owner knows it by. Used where credentials are listed or removed outside a flow
// (the CLI, the account page).
import type { NoticeFactor } from '../notifications/types.js';
import { METHODS } from './index.js';

/** What a notice calls the factor a credential type belongs to (from the method that stores it). */
const NOTICE_FACTORS: Record<string, NoticeFactor> = {
  otp: 'otp',
  passkey: 'passkey',
  sms: 'phone',
  phonecheck: 'phone',
  email: 'email',
  recovery_code: 'recovery_code',
};

export function noticeFactorOf(credentialType: string): NoticeFactor | undefined {
  const factor = METHODS.find((d) => (d.credentialTypes as readonly string[]).includes(credentialType))?.factor;
  return factor === undefined ? undefined : NOTICE_FACTORS[factor];
}

/** The name a user gave or saw for a credential ("Authenticator 2", "Passkey 1"), when it has one. */
export function credentialLabel(metadata: Record<string, unknown>): string | undefined {
  const label = metadata.name ?? metadata.device;
  return typeof label === 'string' ? label : undefined;
}
