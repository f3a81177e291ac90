// The first factor: identifier first, then the password. Unknown logins walk exactly the same path as
// known ones (same step, same counters keyed by the normalized login, a dummy argon2 verify, the same
// answer), so neither the answers nor their timing tell whether an account exists. A browser holding the
// account's device token is counted on its own (server/security/device-trust.ts) and gets a fresh one.
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { Audit } from '../../security/audit.js';
import { Attempt, firstFactorAccount, trustDevice } from '../attempt.js';
import { typedLogin, USERNAME_ACTION } from '../inputs.js';

/** `reset`: the password step offers "Forgot password?" (password_reset.enabled). */
export function createPasswordMethod(reset: boolean): AuthMethod {
  return {
    name: 'password',

    start(ctx): Transition {
      // After another factor (the password grant's SMS code), or after a reset, the login is known: straight to
      // the password.
      // On the account page the account is known too: its password is asked again.
      const known = ctx.flow.methodIndex > 0 || ctx.flow.passwordChanged || ctx.flow.placement === 'account';
      if (ctx.flow.login !== undefined && known) return { type: 'step', step: 'password' };
      return { type: 'step', step: 'username', login: undefined };
    },

    view(ctx: MethodContext): StepView {
      const { flow, deps } = ctx;
      if (flow.step === 'password') {
        // The method being signed in to may name its own sign-up page (its registration_uri).
        const target = deps.config.methods[flow.acr as keyof typeof deps.config.methods] as
          | { registration_uri?: string }
          | undefined;
        const registration = target?.registration_uri ?? deps.config.methods.password.registration_uri;
        return {
          step: {
            kind: 'password',
            username: flow.login ?? '',
            ...(registration ? { registration_uri: registration } : {}),
            ...(flow.passwordChanged ? { changed: true } : {}),
          },
          actions: {
            submit: {
              inputs: {
                password: {
                  type: 'password',
                  required: true,
                  max_length: deps.config.password.max_length,
                  autocomplete: 'current-password',
                },
              },
            },
            // On the account page the signed-in account is the one proven: no other, and no reset from there.
            ...(flow.placement !== 'account' ? { change_username: { inputs: {} } } : {}),
            ...(reset && flow.placement !== 'api' && flow.placement !== 'account'
              ? { forgot_password: { inputs: {} } }
              : {}),
          },
        };
      }
      return { step: { kind: 'username' }, actions: { submit: USERNAME_ACTION } };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      const { flow } = ctx;
      if (flow.step === 'username') return { type: 'step', step: 'password', login: typedLogin(inputs) };
      if (action === 'change_username') return { type: 'step', step: 'username', login: undefined };
      if (action === 'forgot_password') return { type: 'reset_password' };
      return verifyPassword(ctx, inputs.password!);
    },
  };
}

async function verifyPassword(ctx: MethodContext, password: string): Promise<Transition> {
  const { flow, deps } = ctx;
  const login = flow.login ?? '';
  const found = await deps.store.users.findByLogin(login);
  // A flow for a known account (the account page) proves that account's password, whatever the login matches.
  const user = flow.userId === undefined || found?.id === flow.userId ? found : undefined;
  const subject = user ? { user_id: user.id } : { user_id: undefined, login_hash: Audit.loginHash(login) };
  const account = firstFactorAccount(ctx, login, user?.id);
  const attempt = new Attempt(ctx, 'password', 'pwd', account, subject);

  const locked = await attempt.reserve('password', 'failed attempts');
  if (locked) return locked;

  // A directory checks its own passwords (a bind as the user). A check that got no answer (the store could not
  // be reached) charges nothing: the guess was never tried.
  const { users } = deps.store;
  const ok = await (users.checkPassword
    ? users.checkPassword(user, password)
    : deps.hasher.verify(user?.passwordHash, password)
  ).catch(async (err: unknown) => {
    await attempt.release();
    throw err;
  });
  if (!ok || !user) {
    attempt.record('failure', 'invalid_credentials');
    return {
      type: 'refuse',
      error: { code: 'invalid_credentials', message: 'Incorrect username or password.', field: 'password' },
    };
  }

  await attempt.succeeded(user.id);
  trustDevice(ctx, user.id, account);
  if (user.passwordHash !== null && deps.hasher.needsRehash(user.passwordHash)) {
    await deps.store.users.update(user.id, { passwordHash: await deps.hasher.hash(password) });
  }
  attempt.record('success');
  return { type: 'complete', userId: user.id, amr: ['pwd'] };
}
