// The table from step kind to its module: what the element renders for a step, and what happens when the
// step is entered, answered, resumed or left. The element reaches step kinds only through this table.
import type { FlowState, Step, StepKind } from '../../wire/flow-api.js';
import type { GluuLogin } from '../gluu-login.js';
import { done } from './done.js';
import { emailCode } from './email-code.js';
import { emailEnroll } from './email-enroll.js';
import { failed } from './failed.js';
import { otp } from './otp.js';
import { otpEnroll } from './otp-enroll.js';
import { password } from './password.js';
import { phoneEnroll } from './phone-enroll.js';
import { phonecheck } from './phonecheck.js';
import { recoveryCode } from './recovery-code.js';
import { recoveryCodes } from './recovery-codes.js';
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

export const steps: { [K in StepKind]: StepModule<Extract<Step, { kind: K }>> } = {
  username,
  password,
  otp_enroll: otpEnroll,
  otp,
  sms_code: smsCode,
  phone_enroll: phoneEnroll,
  email_code: emailCode,
  email_enroll: emailEnroll,
  phonecheck,
  webauthn,
  recovery_code: recoveryCode,
  recovery_codes: recoveryCodes,
  done,
  failed,
};

/** The module of `step`'s kind; undefined for a kind this widget does not know (a newer server). */
export const stepOf = (step: Step) => steps[step.kind] as StepModule | undefined;
