// Passwordless sign-in (acr passkey): the username step carries options for a discoverable passkey, used by
// the browser's autofill or a "Sign in with a passkey" button; typing a username instead leads to a passkey
// request for that account. Unknown users and users without a passkey see the same step (no enumeration):
// a request naming one or two stable decoy credentials, made like real ones; the lookup is throttled per
// address, so a list of logins cannot be tried at speed.
import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import type { CredentialRecord } from '../../store/types.js';
import { loginKey } from '../../store/identifiers.js';
import type { FlowError } from '../../../wire/flow-api.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { Audit, type AuditOutcome } from '../../security/audit.js';
import { auditFlow } from '../attempt.js';
import { lockedRefusal } from '../../flow/refusals.js';
import { typedLogin, USERNAME_ACTION } from '../inputs.js';
import { rateLimitBucket } from '../../security/ip-address.js';
import {
  authenticationOptions,
  CeremonyError,
  CREDENTIAL_ACTION,
  CREDENTIAL_TYPE,
  finishAuthentication,
  relyingParty,
  type CeremonyState,
} from './ceremonies.js';

/** The lengths (bytes) of real credential ids: platform passkeys (16, 20, 32) and security keys (64). */
const ID_LENGTHS = [16, 20, 32, 32, 64];
const TRANSPORTS = [['internal', 'hybrid'], ['hybrid', 'internal'], ['usb'], ['usb', 'nfc']];

/**
 * What a login with no passkey (or no account) is offered instead of an empty list, which would say so:
 * one or two credential ids derived from the normalized login with a server key, so the same login always
 * gets the same ones, indistinguishable from ids an authenticator made. No authenticator holds them.
 */
export function decoyCredentials(key: Buffer, login: string): CredentialRecord[] {
  const seed = createHmac('sha256', key).update(loginKey(login)).digest();
  const count = 1 + (seed[0]! & 1);
  return Array.from({ length: count }, (_, i) => {
    const bytes = createHmac('sha256', key)
      .update(`${i}:${loginKey(login)}`)
      .digest();
    const length = ID_LENGTHS[seed[1 + i]! % ID_LENGTHS.length]!;
    const id = Buffer.concat([bytes, createHmac('sha256', key).update(bytes).digest()])
      .subarray(0, length)
      .toString('base64url');
    const transports = TRANSPORTS[seed[3 + i]! % TRANSPORTS.length]!;
    return {
      id,
      userId: '',
      type: CREDENTIAL_TYPE,
      sealedData: '',
      metadata: { transports },
      counter: 0,
      createdAt: 0,
    } as unknown as CredentialRecord;
  });
}

export function createPasskeyMethod(config: Config): AuthMethod<CeremonyState> {
  const rp = relyingParty(config);
  const lookupKey = (ctx: MethodContext) => ({
    key: `ip:passkey-lookup:${rateLimitBucket(ctx.ip)}`,
    policy: config.lockout.ip,
  });

  /** Names the user only once the passkey proved who it is; before that, the typed login (hashed), if any. */
  const audit = (ctx: MethodContext, outcome: AuditOutcome, reason?: string, userId?: string) =>
    auditFlow(ctx, {
      event: 'auth.attempt',
      method: 'passkey',
      outcome,
      user_id: userId,
      ...(!userId && ctx.flow.login ? { login_hash: Audit.loginHash(ctx.flow.login) } : {}),
      ...(reason ? { reason } : {}),
    });

  /** Discoverable: no allowCredentials, the authenticator offers what it holds for this RP. */
  const discoverable = async (ctx: MethodContext): Promise<Transition> => ({
    type: 'step',
    step: 'username',
    methodState: await authenticationOptions(ctx, rp, [], 'required'),
    login: undefined,
  });

  /** After a typed username: that account's passkeys, or an empty list that looks the same for everyone else. */
  let decoyKey: Buffer | undefined;
  const decoysKey = (ctx: MethodContext): Buffer => {
    decoyKey ??= ctx.deps.sealer.derive('passkey decoys');
    return decoyKey;
  };
  const forLogin = async (ctx: MethodContext, login: string, notice?: FlowError): Promise<Transition> => {
    const user = await ctx.deps.store.users.findByLogin(login);
    const real = user ? await ctx.deps.store.credentials.listForUser(user.id, CREDENTIAL_TYPE) : [];
    const credentials = real.length ? real : decoyCredentials(decoysKey(ctx), login);
    return {
      type: 'step',
      step: 'webauthn',
      methodState: await authenticationOptions(ctx, rp, credentials, 'required'),
      login,
      ...(notice ? { notice, refused: true } : {}),
    };
  };

  return {
    name: 'passkey',

    start: (ctx) => discoverable(ctx),

    view(ctx): StepView {
      const state = ctx.flow.methodState;
      if (ctx.flow.step === 'username') {
        return {
          step: { kind: 'username', passkey: { options: state.options as never } },
          actions: { submit: USERNAME_ACTION, passkey: CREDENTIAL_ACTION },
        };
      }
      return {
        step: { kind: 'webauthn', mode: 'authenticate', options: state.options },
        actions: { submit: CREDENTIAL_ACTION, change_username: { inputs: {} } },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'username' && action === 'submit') {
        const login = typedLogin(inputs);
        // Each typed login is a lookup: counted per address (a passkey sign-in gives its own back).
        const lookups = await ctx.deps.throttle.reserve([lookupKey(ctx)]);
        if (!lookups.allowed) {
          audit(ctx, 'refused', 'lookup_limit');
          return {
            type: 'refuse',
            error: {
              code: 'rate_limited',
              field: 'username',
              message: 'Too many sign-in attempts from your network. Wait a moment before trying again.',
              ...(lookups.retryAfterSeconds ? { retry_after: lookups.retryAfterSeconds } : {}),
            },
          };
        }
        return forLogin(ctx, login);
      }
      if (action === 'change_username') return discoverable(ctx);
      const state = ctx.flow.methodState;
      // Passwordless: the passkey is the only factor, so the lockout counts its failures (per address).
      const keys = ctx.deps.throttle.keysFor('passkey', { login: ctx.flow.login ?? 'discoverable' }, ctx.ip);
      const verdict = await ctx.deps.throttle.reserve([keys.ip]);
      if (!verdict.allowed) {
        audit(ctx, 'refused', 'locked');
        return lockedRefusal(verdict, undefined, 'failed attempts');
      }
      const expectedUser =
        ctx.flow.login !== undefined
          ? ((await ctx.deps.store.users.findByLogin(ctx.flow.login))?.id ?? 'nobody')
          : undefined;
      try {
        const { userId, amr } = await finishAuthentication(ctx, rp, state, inputs.credential!, {
          requireUserVerification: true,
          ...(expectedUser ? { userId: expectedUser } : {}),
        });
        await ctx.deps.throttle.succeeded(ctx.deps.throttle.keysFor('passkey', { userId }, ctx.ip).account, [
          keys.ip,
          ...(ctx.flow.login !== undefined ? [lookupKey(ctx)] : []),
        ]);
        audit(ctx, 'success', undefined, userId);
        return { type: 'complete', userId, amr: [amr] };
      } catch (err) {
        if (!(err instanceof CeremonyError)) throw err;
        audit(ctx, 'failure', err.reason);
        return ctx.flow.step === 'username'
          ? ({ ...(await discoverable(ctx)), notice: err.error, refused: true } as Transition)
          : forLogin(ctx, ctx.flow.login ?? '', err.error);
      }
    },
  };
}
