// An account's second factors as the account page lists them, and the rule that keeps the last one: what the
// user sees of each (a name, when it was added and last used, never a secret), and which may go.
import type { Config } from '../config.js';
import type { CredentialRecord, UserRecord } from '../store/types.js';
import type { AccountFactor, AccountFactorKind } from '../../wire/account-api.js';
import { maskPhone } from '../phone-numbers.js';
import { maskEmail } from '../notifications/shown-facts.js';
import { credentialLabel } from '../methods/credential-facts.js';

/** The credential types listed as factors, by the kind the page shows. */
const KIND_OF_TYPE: Record<string, AccountFactorKind> = { totp: 'otp', hotp: 'otp', webauthn: 'passkey' };

/** The ids of the factors that live on the user record rather than as credentials. */
export const PHONE_FACTOR_ID = 'phone';
export const EMAIL_FACTOR_ID = 'email';

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

function fallbackName(kind: AccountFactorKind): string {
  return kind === 'otp' ? 'Authenticator app' : 'Passkey';
}

/** The verified phone or address, shown masked; the user record holds no dates for it. */
function contactFactor(id: string, kind: AccountFactorKind, masked: string): AccountFactor {
  return {
    id,
    kind,
    name: masked,
    detail: masked,
    added_at: null,
    last_used_at: null,
    renamable: false,
    removable: true,
  };
}

/** The factors of `user` (credentials: any of theirs), oldest first, before the keep-the-last rule. */
function listed(user: UserRecord, credentials: CredentialRecord[], config: Config): AccountFactor[] {
  const factors: AccountFactor[] = [];
  for (const c of credentials) {
    const kind = KIND_OF_TYPE[c.type];
    if (!kind) continue;
    factors.push({
      id: c.id,
      kind,
      name: credentialLabel(c.metadata) ?? fallbackName(kind),
      added_at: seconds(c.createdAt),
      last_used_at: seconds(c.lastUsedAt),
      renamable: true,
      removable: true,
    });
  }
  if (user.phone && user.phoneVerified) factors.push(contactFactor(PHONE_FACTOR_ID, 'phone', maskPhone(user.phone)));
  // An address is a second factor only where e-mail codes sign in; elsewhere it is only where notices go.
  if (user.email && user.emailVerified && config.methods.email_otp.enabled) {
    factors.push(contactFactor(EMAIL_FACTOR_ID, 'email', maskEmail(user.email)));
  }
  return factors;
}

const LAST_FACTOR =
  'This is the only second factor on your account, and your account must keep one. Add another first, then ' +
  'remove this one.';

/** The account's factors as the page shows them, with the last one kept where the policy requires one. */
export function accountFactorList(user: UserRecord, credentials: CredentialRecord[], config: Config): AccountFactor[] {
  const factors = listed(user, credentials, config);
  if (config.account.require_second_factor && factors.length === 1) {
    return [{ ...factors[0]!, removable: false, removal_refused: LAST_FACTOR }];
  }
  return factors;
}

/** Why `id` may not be removed (undefined: it may). */
export function removalRefused(factors: AccountFactor[], id: string): string | undefined {
  return factors.find((f) => f.id === id)?.removal_refused;
}
