// Seed 004's OTP script as a method: enrollment by QR code (confirmed by one code before anything is
// saved), then codes from the app, tried against each of the user's devices. Fixed here: the otpauth URI
// carries `algorithm`, TOTP accepts a drift window but never the same time step twice, the HOTP moving
// factor is moved forward with compare-and-set, and every failure counts towards the lockout.
import { randomUUID } from 'node:crypto';
import type { OtpConfig } from '../../config.js';
import type { ActionSpec } from '../../protocol.js';
import type { CredentialRecord } from '../../store/types.js';
import type { AuthMethod, MethodContext, StepView, Transition } from '../../flow/types.js';
import { qrSvg } from '../../qr-svg.js';
import { lockedRefusal } from '../../flow/refusals.js';
import { hotpCounter, newSecret, totpStep, type Algorithm } from './codes.js';
import { otpauthUri } from './otpauth-uri.js';

const FACTOR = 'otp';

interface Enrollment {
  sealedSecret: string;
  expiresAt: number;
}

interface OtpSecret {
  secret: string;
}

/** The settings a credential was enrolled with, kept with it so a later config change does not break it. */
interface OtpMetadata {
  algorithm: Algorithm;
  digits: number;
  period?: number;
  device: string;
}

function settings(config: OtpConfig) {
  const type = config.otp_type;
  return type === 'totp'
    ? { type, keyLength: config.totp.keyLength, algorithm: config.totp.hmacShaAlgorithm, digits: config.totp.digits, period: config.totp.timeStep }
    : { type, keyLength: config.hotp.keyLength, algorithm: config.hotp.hmacShaAlgorithm, digits: config.hotp.digits, period: undefined };
}

function codeAction(digits: number): Record<string, ActionSpec> {
  return {
    submit: {
      inputs: { code: { type: 'code', required: true, min_length: digits, max_length: digits, pattern: `[0-9]{${digits}}`, autocomplete: 'one-time-code' } },
    },
  };
}

export function createOtpMethod(config: OtpConfig): AuthMethod {
  const s = settings(config);
  const enrollContext = (flowId: string) => `otp-enrollment:${flowId}`;
  const credentialContext = (id: string) => `credential:${id}`;

  const newEnrollment = (ctx: MethodContext): Transition => {
    const enrollment: Enrollment = {
      sealedSecret: ctx.deps.sealer.seal(JSON.stringify({ secret: newSecret(s.keyLength) } satisfies OtpSecret), enrollContext(ctx.flow.id)),
      expiresAt: ctx.deps.clock() + config.enrollment_ttl_seconds * 1000,
    };
    return { type: 'step', step: 'otp_enroll', methodState: { ...enrollment } };
  };

  const enrolledCredentials = (ctx: MethodContext) => ctx.deps.store.credentials.listForUser(ctx.flow.userId!, s.type);

  const pending = (ctx: MethodContext): { secret: string; expiresAt: number } => {
    const enrollment = ctx.flow.methodState as unknown as Enrollment;
    const { secret } = JSON.parse(ctx.deps.sealer.open(enrollment.sealedSecret, enrollContext(ctx.flow.id))) as OtpSecret;
    return { secret, expiresAt: enrollment.expiresAt };
  };

  const accountName = async (ctx: MethodContext) => (await ctx.deps.store.users.findById(ctx.flow.userId!))?.username ?? ctx.flow.login ?? '';

  const audit = (ctx: MethodContext, outcome: 'success' | 'failure' | 'refused', reason?: string) =>
    ctx.deps.audit.record({
      event: 'auth.attempt',
      method: 'otp',
      outcome,
      client_id: ctx.flow.clientId,
      user_id: ctx.flow.userId,
      ip: ctx.ip,
      flow: ctx.flow.id.slice(0, 8),
      ...(reason ? { reason } : {}),
    });

  /** Counts the attempt first (lockout); answers the refusal to send back when it is locked. */
  const reserve = async (ctx: MethodContext): Promise<Transition | undefined> => {
    const keys = ctx.deps.throttle.keysFor(FACTOR, { userId: ctx.flow.userId }, ctx.ip);
    const verdict = await ctx.deps.throttle.reserve([keys.ip, keys.account]);
    if (verdict.allowed) return undefined;
    audit(ctx, 'refused', 'locked');
    return lockedRefusal(verdict, 'code', 'wrong codes');
  };

  const succeeded = async (ctx: MethodContext): Promise<Transition> => {
    const keys = ctx.deps.throttle.keysFor(FACTOR, { userId: ctx.flow.userId }, ctx.ip);
    await ctx.deps.throttle.succeeded(keys.account, keys.ip);
    audit(ctx, 'success');
    return { type: 'complete', userId: ctx.flow.userId!, amr: ['otp'] };
  };

  const wrongCode = (ctx: MethodContext, replayed: boolean): Transition => {
    audit(ctx, 'failure', replayed ? 'replay' : 'invalid_code');
    return {
      type: 'refuse',
      status: 401,
      error: replayed
        ? { code: 'code_used', field: 'code', message: 'This code was already used. Wait for the next one.' }
        : { code: 'invalid_code', field: 'code', message: 'That code is not right. Try again.' },
    };
  };

  /** Tries the code on one credential; moves its counter forward atomically when it matches. */
  const tryCredential = async (ctx: MethodContext, credential: CredentialRecord, code: string): Promise<'ok' | 'replay' | 'no'> => {
    const { secret } = JSON.parse(ctx.deps.sealer.open(credential.sealedData, credentialContext(credential.id))) as OtpSecret;
    const meta = credential.metadata as unknown as OtpMetadata;
    const now = ctx.deps.clock();
    if (credential.type === 'totp') {
      const step = await totpStep({ secret, code, algorithm: meta.algorithm, digits: meta.digits, period: meta.period ?? 30, window: config.totp.window, now: Math.floor(now / 1000) });
      if (step === undefined) return 'no';
      // The counter holds the last accepted time step: that step and older ones are spent.
      if (step <= credential.counter) return 'replay';
      return (await ctx.deps.store.credentials.advanceCounter(credential.id, credential.counter, step, now)) ? 'ok' : 'replay';
    }
    const matched = await hotpCounter({ secret, code, algorithm: meta.algorithm, digits: meta.digits, counter: credential.counter, lookAhead: config.hotp.lookAheadWindow });
    if (matched === undefined) return 'no';
    return (await ctx.deps.store.credentials.advanceCounter(credential.id, credential.counter, matched + 1, now)) ? 'ok' : 'replay';
  };

  return {
    name: 'otp',

    async start(ctx) {
      return (await enrolledCredentials(ctx)).length ? { type: 'step', step: 'otp' } : newEnrollment(ctx);
    },

    async view(ctx): Promise<StepView> {
      if (ctx.flow.step === 'otp') return { step: { kind: 'otp', type: s.type, digits: s.digits }, actions: codeAction(s.digits) };
      const { secret, expiresAt } = pending(ctx);
      const account = await accountName(ctx);
      const uri = otpauthUri({ type: s.type, issuer: config.issuer!, account, secret, algorithm: s.algorithm, digits: s.digits, period: s.period, counter: 0 });
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
        actions: { ...(expiresIn > 0 ? codeAction(s.digits) : {}), renew: { inputs: {} } },
      };
    },

    async act(ctx, action, inputs): Promise<Transition> {
      if (ctx.flow.step === 'otp_enroll' && action === 'renew') return newEnrollment(ctx);
      const locked = await reserve(ctx);
      if (locked) return locked;
      const code = inputs.code!;

      if (ctx.flow.step === 'otp') {
        let replayed = false;
        for (const credential of await enrolledCredentials(ctx)) {
          const outcome = await tryCredential(ctx, credential, code);
          if (outcome === 'ok') return succeeded(ctx);
          replayed ||= outcome === 'replay';
        }
        return wrongCode(ctx, replayed);
      }

      // Enrollment: the first code from the app proves it holds the key; only then is it saved.
      const { secret } = pending(ctx);
      const now = ctx.deps.clock();
      const matched =
        s.type === 'totp'
          ? await totpStep({ secret, code, algorithm: s.algorithm, digits: s.digits, period: s.period!, window: config.totp.window, now: Math.floor(now / 1000) })
          : await hotpCounter({ secret, code, algorithm: s.algorithm, digits: s.digits, counter: 0, lookAhead: config.hotp.lookAheadWindow });
      if (matched === undefined) return wrongCode(ctx, false);
      const id = randomUUID();
      const existing = await ctx.deps.store.credentials.listForUser(ctx.flow.userId!, s.type);
      const metadata: OtpMetadata = { algorithm: s.algorithm, digits: s.digits, ...(s.period ? { period: s.period } : {}), device: `Authenticator ${existing.length + 1}` };
      await ctx.deps.store.credentials.add({
        id,
        userId: ctx.flow.userId!,
        type: s.type,
        sealedData: ctx.deps.sealer.seal(JSON.stringify({ secret } satisfies OtpSecret), credentialContext(id)),
        metadata: { ...metadata },
        // TOTP: the confirming step is spent; HOTP: the next value expected.
        counter: s.type === 'totp' ? matched : matched + 1,
      });
      return succeeded(ctx);
    },
  };
}
