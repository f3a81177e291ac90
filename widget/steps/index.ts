// The table from step kind to its module: what the element renders for a step, and what happens when the
// step is entered, answered, resumed or left. The element reaches step kinds only through this table.
// The steps of every sign-in are in the bundle; those a user meets rarely (adding a factor, the phone check,
// recovery codes, a forgotten password, trusting the browser) are files of their own (dist/widget/steps/),
// loaded when one is first shown, so that the bundle pays only for what most sign-ins use.
import type { FlowState, Step, StepKind } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';
import { done } from './done.js';
import { emailCode } from './email-code.js';
import { failed } from './failed.js';
import { otp } from './otp.js';
import { password } from './password.js';
import { smsCode } from './sms-code.js';
import { username } from './username.js';
import { webauthn } from './webauthn.js';

/** A hook of a step: the element, the state shown, its step. */
type Hook<S> = (h: GluuLogin, s: FlowState, step: S) => unknown;

export interface StepModule<S extends Step = Step> {
  /** The step's form. */
  render: Hook<S>;
  /** On entering the step (a new kind, or a new flow), before it is announced. */
  enter?: Hook<S>;
  /** After each answer that shows the step (entering included), once its error is shown. */
  answer?: Hook<S>;
  /** When the element is connected again while the step is shown: what runs in the background restarts. */
  resume?: Hook<S>;
  /** On leaving the step for another kind: `next` is the state that follows. */
  leave?: (h: GluuLogin, step: S, next: FlowState) => void;
  /** What a new state focuses instead of its first input (a selector). */
  focus?: string;
  /** The step's countdown runs even without a `submit` action (the phone check under way). */
  running?: (step: S) => boolean;
  /** Each second of its countdown, once rendered. */
  tick?: Hook<S>;
}

type Module<K extends StepKind> = StepModule<Extract<Step, { kind: K }>>;
type Table = { [K in StepKind]?: Module<K> };

/** The steps in the bundle. */
const loaded: Table = {
  username,
  password,
  otp,
  sms_code: smsCode,
  email_code: emailCode,
  webauthn,
  done,
  failed,
};

/** The steps in files of their own, by kind. */
const separate: { [K in StepKind]?: () => Promise<Module<K>> } = {
  otp_enroll: () => import('./otp-enroll.js').then((m) => m.otpEnroll),
  phone_enroll: () => import('./phone-enroll.js').then((m) => m.phoneEnroll),
  email_enroll: () => import('./email-enroll.js').then((m) => m.emailEnroll),
  phonecheck: () => import('./phonecheck.js').then((m) => m.phonecheck),
  recovery_code: () => import('./recovery-code.js').then((m) => m.recoveryCode),
  recovery_codes: () => import('./recovery-codes.js').then((m) => m.recoveryCodes),
  reset_code: () => import('./reset-code.js').then((m) => m.resetCode),
  new_password: () => import('./new-password.js').then((m) => m.newPassword),
  trust_browser: () => import('./trust-browser.js').then((m) => m.trustBrowser),
};

/**
 * The module of `step`'s kind, once loaded; undefined for a kind this widget does not know (a newer server)
 * or one not loaded yet (see `loadStep`).
 */
export const stepOf = (step: Step) => loaded[step.kind] as StepModule | undefined;

/**
 * Whether `kind`'s module must be loaded first, and the loading: resolves once `stepOf` has it (rejects when
 * the file cannot be fetched).
 */
export function loadStep(kind: StepKind): Promise<unknown> | undefined {
  const load = loaded[kind] ? undefined : (separate[kind] as (() => Promise<StepModule>) | undefined);
  return load?.().then((module) => {
    (loaded as Record<string, StepModule>)[kind] = module;
  });
}
