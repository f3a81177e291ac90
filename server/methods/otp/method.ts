// One-time codes from an authenticator app: enrollment by QR code (confirmed by one code before anything is
// saved), then codes from the app, tried against each of the user's devices. The otpauth URI carries
// `algorithm`, TOTP accepts a drift window but never the same time step twice, the HOTP moving
// factor is moved forward with compare-and-set, and every failure counts towards the lockout.
import { noticeFrom } from '../../notifications/from-flow.js';
import { randomUUID } from 'node:crypto';
import type { CredentialRecord } from '../../store/types.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { qrSvg } from '../../qr-svg.js';
import { Attempt } from '../attempt.js';
import { bindingGate, factorBound } from '../../flow/binding.js';
import { codeAction } from '../inputs.js';
import { hotpCounter, newSecret, totpStep, type Algorithm } from './codes.js';
import { otpauthUri } from './otpauth-uri.js';
import type { OtpSettings } from './settings.js';

const FACTOR = 'otp';

/** The credential types an OTP device is stored as. */
export const OTP_CREDENTIAL_TYPES = ['totp', 'hotp'] as const;

/** The otp_enroll step's state: the new key, sealed, until a first code confirms it. */
type Enrollment = {
  sealedSecret: string;
  expiresAt: number;
};
/** The otp step (a code from an enrolled device) keeps none. */
type OtpState = Enrollment | { sealedSecret?: undefined };

interface OtpSecret {
  secret: string;
}

/** How an app makes the codes. */
interface CodeSettings {
  algorithm: Algorithm;
  digits: number;
  /** TOTP only. */
  period?: number;
}

/** The settings a credential was enrolled with, kept with it so a later config change does not break it. */
interface OtpMetadata extends CodeSettings {
  device: string;
}

function settings(config: OtpSettings) {
  const type = config.otp_type;
  const { keyLength, hmacShaAlgorithm: algorithm, digits } = config[type];
  return { type, keyLength, algorithm, digits, period: type === 'totp' ? config.totp.timeStep : undefined };
}

/**
 * What a credential's counter keeps after a match: TOTP, the last time step spent (never accepted again); HOTP,
 * the next value.
 */
function counterAfter(type: string, matched: number): number {
  return type === 'totp' ? matched : matched + 1;
}

export function createOtpMethod(config: OtpSettings): AuthMethod<OtpState> {
  const s = settings(config);
  const enrollContext = (flowId: string) => `otp-enrollment:${flowId}`;
  const credentialContext = (id: string) => `credential:${id}`;

  const newEnrollment = (ctx: MethodContext): Transition => {
    const enrollment: Enrollment = {
      sealedSecret: ctx.deps.sealer.seal(
        JSON.stringify({ secret: newSecret(s.keyLength) } satisfies OtpSecret),
        enrollContext(ctx.flow.id),
      ),
      expiresAt: ctx.deps.clock() + config.enrollment_ttl_seconds * 1000,
    };
    return { type: 'step', step: 'otp_enroll', methodState: enrollment };
  };

  const enrolledCredentials = (ctx: MethodContext) => ctx.deps.store.credentials.listForUser(ctx.flow.userId!, s.type);

  const pending = (ctx: MethodContext<OtpState>): { secret: string; expiresAt: number } => {
    const enrollment = ctx.flow.methodState;
    if (enrollment.sealedSecret === undefined) throw new Error('no OTP enrollment in this flow');
    const { secret } = JSON.parse(
      ctx.deps.sealer.open(enrollment.sealedSecret, enrollContext(ctx.flow.id)),
    ) as OtpSecret;
    return { secret, expiresAt: enrollment.expiresAt };
  };

  const accountName = async (ctx: MethodContext) =>
    (await ctx.deps.store.users.findById(ctx.flow.userId!))?.username ?? ctx.flow.login ?? '';

  const succeeded = async (attempt: Attempt, ctx: MethodContext): Promise<Transition> => {
    await attempt.succeeded();
    attempt.record('success');
    return { type: 'complete', userId: ctx.flow.userId!, amr: ['otp'] };
  };

  const wrongCode = (attempt: Attempt, replayed: boolean): Transition => {
    attempt.record('failure', replayed ? 'replay' : 'invalid_code');
    return {
      type: 'refuse',
      error: replayed
        ? { code: 'code_used', field: 'code', message: 'This code was already used. Wait for the next one.' }
        : { code: 'invalid_code', field: 'code', message: 'That code is not right. Try again.' },
    };
  };

  /** The TOTP time step, or the HOTP counter value from `counter` on, that the code was made with; or undefined. */
  const matchCode = (type: string, made: CodeSettings, secret: string, code: string, counter: number, now: number) =>
    type === 'totp'
      ? totpStep({
          secret,
          code,
          algorithm: made.algorithm,
          digits: made.digits,
          period: made.period ?? 30,
          window: config.totp.window,
          now: Math.floor(now / 1000),
        })
      : hotpCounter({
          secret,
          code,
          algorithm: made.algorithm,
          digits: made.digits,
          counter,
          lookAhead: config.hotp.lookAheadWindow,
        });

  /** Tries the code on one credential; moves its counter forward atomically when it matches. */
  const tryCredential = async (
    ctx: MethodContext,
    credential: CredentialRecord,
    code: string,
  ): Promise<'ok' | 'replay' | 'no'> => {
    const { secret } = JSON.parse(
      ctx.deps.sealer.open(credential.sealedData, credentialContext(credential.id)),
    ) as OtpSecret;
    const now = ctx.deps.clock();
    const matched = await matchCode(
      credential.type,
      credential.metadata as unknown as OtpMetadata,
      secret,
      code,
      credential.counter,
      now,
    );
    if (matched === undefined) return 'no';
    if (credential.type === 'totp' && matched <= credential.counter) return 'replay';
    return (await ctx.deps.store.credentials.advanceCounter(
      credential.id,
      credential.counter,
      counterAfter(credential.type, matched),
      now,
    ))
      ? 'ok'
      : 'replay';
  };

  return {
    name: 'otp',

    async start(ctx) {
      // After a recovery code stood in for a lost app: a new app may replace it (the code proved the account).
      if (ctx.flow.replacing === 'otp' || ctx.flow.adding === 'otp')
        return (await bindingGate(ctx, 'otp', 'otp')) ?? newEnrollment(ctx);
      if ((await enrolledCredentials(ctx)).length) return { type: 'step', step: 'otp' };
      return (await bindingGate(ctx, 'otp', 'otp')) ?? newEnrollment(ctx);
    },

    proves: (factors) => factors.otpTypes.has(s.type),

    async view(ctx): Promise<StepView> {
      if (ctx.flow.step === 'otp')
        return { step: { kind: 'otp', type: s.type, digits: s.digits }, actions: { submit: codeAction(s.digits) } };
      const { secret, expiresAt } = pending(ctx);
      const account = await accountName(ctx);
      const uri = otpauthUri({
        type: s.type,
        issuer: config.issuer!,
        account,
        secret,
        algorithm: s.algorithm,
        digits: s.digits,
        period: s.period,
        counter: 0,
      });
      const expiresIn = Math.max(0, Math.ceil((expiresAt - ctx.deps.clock()) / 1000));
      return {
        step: {
          kind: 'otp_enroll',
          qr: await qrSvg(uri, config.qr_options),
          secret,
          otpauth_uri: uri,
          issuer: config.issuer!,
          account,
          ...(config.label ? { label: config.label } : {}),
          type: s.type,
          algorithm: s.algorithm,
          digits: s.digits,
          ...(s.period ? { period: s.period } : {}),
          expires_in: expiresIn,
        },
        // Once the code expired it can only be replaced, never confirmed.
        actions: {
          ...(expiresIn > 0 ? { submit: codeAction(s.digits) } : {}),
          renew: { inputs: {} },
          // A replacement may wait for another day: the recovery code already signed the user in.
          ...(ctx.flow.replacing === 'otp' ? { skip: { inputs: {} } } : {}),
        },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'otp_enroll' && action === 'renew') return newEnrollment(ctx);
      if (ctx.flow.step === 'otp_enroll' && action === 'skip')
        return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
      const attempt = new Attempt(ctx, 'otp', FACTOR, { userId: ctx.flow.userId! });
      const locked = await attempt.reserve('code', 'wrong codes');
      if (locked) return locked;
      const code = inputs.code!;

      if (ctx.flow.step === 'otp') {
        // A store that could not be reached (a directory) gave no verdict: the code was never tried, nothing counts.
        const uncharged = async (err: unknown): Promise<never> => {
          await attempt.release();
          throw err;
        };
        let replayed = false;
        for (const credential of await enrolledCredentials(ctx).catch(uncharged)) {
          const outcome = await tryCredential(ctx, credential, code).catch(uncharged);
          if (outcome === 'ok') return succeeded(attempt, ctx);
          replayed ||= outcome === 'replay';
        }
        return wrongCode(attempt, replayed);
      }

      // Enrollment: the first code from the app proves it holds the key; only then is it saved.
      const { secret } = pending(ctx);
      const now = ctx.deps.clock();
      const matched = await matchCode(s.type, s, secret, code, 0, now);
      if (matched === undefined) return wrongCode(attempt, false);
      await attempt.succeeded();
      // Asked again: another flow of this account may have bound a factor since this one showed the QR code.
      const gate = await bindingGate(ctx, 'otp', 'otp');
      if (gate) return gate;
      const id = randomUUID();
      const existing = await enrolledCredentials(ctx);
      const metadata: OtpMetadata = {
        algorithm: s.algorithm,
        digits: s.digits,
        ...(s.period ? { period: s.period } : {}),
        device: `Authenticator ${existing.length + 1}`,
      };
      await ctx.deps.store.credentials.add({
        id,
        userId: ctx.flow.userId!,
        type: s.type,
        sealedData: ctx.deps.sealer.seal(JSON.stringify({ secret } satisfies OtpSecret), credentialContext(id)),
        metadata: { ...metadata },
        counter: counterAfter(s.type, matched),
      });
      attempt.record('success', 'enrolled');
      // In place of a lost app: the old ones stop working (whoever finds the lost phone gets nothing).
      if (ctx.flow.replacing === 'otp') {
        for (const old of await ctx.deps.store.credentials.listForUser(ctx.flow.userId!)) {
          if (old.id === id || !(OTP_CREDENTIAL_TYPES as readonly string[]).includes(old.type)) continue;
          if (!(await ctx.deps.store.credentials.remove(ctx.flow.userId!, old.id))) continue;
          const label = typeof old.metadata.device === 'string' ? old.metadata.device : undefined;
          void ctx.deps.notifier.accountChanged({
            ...noticeFrom(ctx),
            kind: 'factor_removed',
            factor: 'otp',
            ...(label ? { label } : {}),
          });
        }
      }
      factorBound(ctx, 'otp', 'otp', metadata.device);
      // The app was just bound, not proven to be the account owner's: the login says what was proven before.
      return { type: 'complete', userId: ctx.flow.userId!, amr: [] };
    },
  };
}
