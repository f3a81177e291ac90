// The contract between the flow engine and the authentication methods. A method is like a Gluu
// person-authentication script: it declares its steps, describes each for the widget, and handles the
// actions of its steps; the engine owns everything else (loading, validation, saving, chaining, finishing).
import type { Logger } from 'pino';
import type { ClientConfig, Config } from '../config.js';
import type { ActionSpec, BindingFactor, FailureReason, FlowError, Step } from '../../wire/flow-api.js';
import type { Store, FlowRecord } from '../store/types.js';
import type { Audit } from '../security/audit.js';
import type { PasswordHasher } from '../security/passwords.js';
import type { Throttle } from '../security/lockout.js';
import type { Sealer } from '../security/seal.js';
import type { Notifier } from '../notifications/types.js';
import type { AccountFactors } from './binding.js';

export interface EngineDeps {
  config: Config;
  store: Store;
  hasher: PasswordHasher;
  throttle: Throttle;
  sealer: Sealer;
  audit: Audit;
  logger: Logger;
  clock: () => number;
  notifier: Notifier;
}

/** A method's own record in a flow (FlowRecord.methodState): what its last `step` transition stored. */
export type MethodState = Record<string, unknown>;

/** A flow record whose method state is `S` (each member of the placement union keeps its own fields). */
type FlowWithState<F, S> = F extends unknown ? Omit<F, 'methodState'> & { methodState: S } : never;

/** What a method sees of a flow; `S` is the shape of its own state (see AuthMethod). */
export interface MethodContext<S extends MethodState = MethodState> {
  flow: Readonly<FlowWithState<FlowRecord, S>>;
  client: ClientConfig;
  ip: string;
  deps: EngineDeps;
}

export interface StepView {
  step: Step;
  actions: Record<string, ActionSpec>;
}

/** Inputs after the engine checked them against the action's InputSpecs: every declared input is a string. */
export type ActionInputs = Record<string, string | undefined>;

export type Transition =
  /**
   * Stay in this method; move to `step` and store `methodState` (and `login`, for identifier-first).
   * `notice` is an error to show with the new step (e.g. "the SMS could not be sent") without refusing the move.
   */
  | {
      type: 'step';
      step: string;
      methodState?: Record<string, unknown>;
      login?: string | undefined;
      notice?: FlowError;
      /**
       * The attempt was refused even though the state had to change (a spent challenge replaced): `notice`
       * is answered as the refusal (its code decides the HTTP status), not beside a step that moved on.
       */
      refused?: boolean;
      /** A new link from another device to this flow (null: none); the previous one stops working. */
      link?: string | null;
    }
  /**
   * This method would bind `binding` to an account whose existing second factors are not proven yet in this
   * flow: one of them is proven first (the engine runs that factor's method here), then this method again.
   */
  | { type: 'prove_first'; binding: BindingFactor | 'password' }
  /** "Forgot password?": the reset's methods run in the password step's place (server/methods/reset/). */
  | { type: 'reset_password' }
  /** The password was reset: the sign-in starts again at the password step, nothing proven. */
  | { type: 'restart' }
  /** Carry on with another enabled method instead (a fallback), after the factors already completed. */
  | { type: 'switch'; acr: string }
  /** The flow cannot succeed (e.g. no phone and no way to add one): it ends, and the RP hears access_denied. */
  | { type: 'fail'; reason: FailureReason; message: string }
  /** This method is done: it proved `userId` and adds `amr` (none when it only enrolled or was skipped). */
  /** `replace`: a recovery code stood in for this method, which now runs next to enroll a replacement. */
  | { type: 'complete'; userId: string; amr: string[]; replace?: string }
  /** The action is refused; nothing in the flow changes. The error's code decides the HTTP status. */
  | {
      type: 'refuse';
      error: FlowError;
    };

/**
 * A method, generic over the state `S` it keeps in a flow. The engine stores the `methodState` of a method's
 * `step` transitions and hands it back only to that method while the flow is in one of its steps, so view()
 * and act() read it as `S`; start() runs before the method stored anything. `S` must be an object type
 * (a type alias, not an interface, so that it is a MethodState too).
 */
export interface AuthMethod<S extends MethodState = MethodState> {
  readonly name: string;
  /** The step a flow enters when this method starts. */
  start(ctx: MethodContext): Promise<Transition> | Transition;
  /** What the widget shows and which actions it may send; may do work (e.g. draw a QR code). */
  view(ctx: MethodContext<S>): StepView | Promise<StepView>;
  act(ctx: MethodContext<S>, action: string, inputs: ActionInputs): Promise<Transition>;
  /**
   * Whether this method can prove one of the account's existing second factors (it is then a way to prove
   * one before another binds). Absent: it proves none (the password, passwordless sign-in).
   */
  proves?(factors: AccountFactors): boolean;
}
