// What the rest of the server may ask of notifications: telling an account's owner, through every channel
// the account has, that something changed on it. A notice that cannot be delivered is logged, never thrown:
// a mail relay that is down must not stop a sign-in.

import type { BindingFactor } from '../../wire/flow-api.js';

/** The kinds of second factor a sign-in flow can bind. */
export type BoundFactor = BindingFactor;

export interface FactorBoundNotice {
  userId: string;
  factor: BoundFactor;
  /** What the user will recognise: "Authenticator 2", a masked phone number, a passkey's name. */
  label?: string;
  /** The client (application) the sign-in was for. */
  clientName: string;
  ip: string;
  /** The browser that did it, as it named itself. */
  userAgent?: string;
  at: number;
  /** The account's first second factor, bound after the password alone (`enrollment.first_factor`). */
  firstFactor: boolean;
}

export interface Notifier {
  /** Tells the owner that `notice.factor` was added to the account. Resolves when every channel was tried. */
  factorBound(notice: FactorBoundNotice): Promise<void>;
}
