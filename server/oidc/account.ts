// The claims oidc-provider may release about a user, by scope.
import type { Account, FindAccount } from 'oidc-provider';
import type { UserStore } from '../store/types.js';

export const CLAIMS_BY_SCOPE = {
  // acr, amr and auth_time ride with "openid" so every id_token says how the user signed in.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['preferred_username', 'updated_at'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

export function accountFinder(users: UserStore): FindAccount {
  return async (_ctx, sub): Promise<Account | undefined> => {
    const user = await users.findById(sub);
    if (!user) return undefined;
    return {
      accountId: user.id,
      claims: () => ({
        sub: user.id,
        preferred_username: user.username,
        updated_at: Math.floor(user.updatedAt / 1000),
        ...(user.email ? { email: user.email, email_verified: user.emailVerified } : {}),
        ...(user.phone ? { phone_number: user.phone, phone_number_verified: user.phoneVerified } : {}),
      }),
    };
  };
}
