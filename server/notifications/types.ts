// What the rest of the server may ask of notifications: telling an account's owner, through every channel
// the account has, that something changed on it. A notice that cannot be delivered is logged, never thrown:
// a mail relay that is down must not stop a sign-in or an administrator's command.

import type { BindingFactor } from '../../wire/flow-api.js';

/** The kinds of second factor a sign-in flow can bind. */
export type BoundFactor = BindingFactor;

/** What a notice can say was added or removed: the kinds of second factor, an address, recovery codes. */
export type NoticeFactor = 'otp' | 'passkey' | 'phone' | 'email' | 'recovery_code';

/** Who made the change: a sign-in (with the application and browser it came through) or the CLI. */
export type NoticeActor =
  | {
      type: 'sign_in';
      /** The client (application) the sign-in was for, by its name. */
      clientName: string;
      ip: string;
      /** The browser that did it, as it named itself (reduced to "Chrome on Windows" in the text). */
      userAgent?: string;
    }
  | { type: 'administrator' };

interface NoticeCommon {
  userId: string;
  by: NoticeActor;
  at: number;
  /** A BCP 47 tag (the flow's `lang`); English when absent or not one the notices are written in. */
  lang?: string | undefined;
}

/**
 * One change on an account. `label` is always what the user recognises ("Authenticator 2", a passkey's name,
 * a masked phone number), never a secret; it may be attacker-typed and is reduced to one plain line.
 */
export type AccountNotice = NoticeCommon &
  (
    | { kind: 'password_changed' }
    | {
        kind: 'factor_added';
        factor: NoticeFactor;
        label?: string;
        /** The account's first second factor, bound after the password alone (`enrollment.first_factor`). */
        firstFactor?: boolean;
      }
    | { kind: 'factor_removed'; factor?: NoticeFactor; label?: string }
    | {
        /** Set, replaced or removed: the account's phone now is the user record's (none: removed). */
        kind: 'phone_changed';
        /** The number the account had before, when it was verified: it is told too (by SMS). */
        previousPhone?: string | null;
      }
    | {
        /** Set, replaced or removed: the account's address now is the user record's (none: removed). */
        kind: 'email_changed';
        /** The address the account had before: it is told too, so an attacker's change reaches the owner. */
        previousEmail?: string | null;
      }
    | {
        kind: 'recovery_code_used';
        /** Unused codes left after this one (shown, so the owner knows when to make new ones). */
        remaining?: number;
      }
    | { kind: 'recovery_codes_regenerated'; count?: number }
    | { kind: 'new_sign_in' }
  );

export type NoticeKind = AccountNotice['kind'];

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
  lang?: string | undefined;
}

export interface Notifier {
  /**
   * Tells the owner of `notice`'s account what changed, through every channel its kind goes by. Resolves
   * when every channel was tried (each bounded by its timeout); never rejects.
   */
  accountChanged(notice: AccountNotice): Promise<void>;
  /** factor_added from a sign-in, in the shape the binding code has (kept for it). */
  factorBound(notice: FactorBoundNotice): Promise<void>;
}
