// What the rest of the server may ask of persistence. SQLite implements all of it today; PostgreSQL
// (users, credentials, secrets) and Redis (flows, artifacts, counters) will implement the same interfaces.

import type { BindingFactor } from '../../wire/flow-api.js';

export interface UserRecord {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  /** E.164, e.g. +15551234567. */
  phone: string | null;
  phoneVerified: boolean;
  passwordHash: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  /** Given only for an account whose id comes from elsewhere (a directory's inum); otherwise a new UUID. */
  id?: string;
  username: string;
  email?: string | null;
  phone?: string | null;
  phoneVerified?: boolean;
  passwordHash: string | null;
}

export type UserPatch = Partial<
  Pick<UserRecord, 'email' | 'emailVerified' | 'phone' | 'phoneVerified' | 'passwordHash'>
>;

export interface UserStore {
  /** Throws DuplicateError when the username or email is taken. */
  create(user: NewUser): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive match on username, then on email. */
  findByLogin(login: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: UserPatch): Promise<UserRecord | undefined>;
  delete(id: string): Promise<boolean>;
  /**
   * For a store that checks passwords itself (a directory binds as the user; passwordHash is then null):
   * whether `password` is `user`'s. `user` undefined (an unknown login) answers false after the same work.
   * Absent: the password hasher checks passwordHash.
   */
  checkPassword?(user: UserRecord | undefined, password: string): Promise<boolean>;
}

export interface CredentialRecord {
  id: string;
  userId: string;
  /** e.g. "totp", "hotp", "webauthn". */
  type: string;
  /** Sealed (AES-GCM) secret material; never logged, never shown. */
  sealedData: string;
  /** Non-secret facts shown to admins (label, algorithm, ...). */
  metadata: Record<string, unknown>;
  /**
   * A value that only moves forward, changed with compare-and-set: the HOTP moving factor, the last
   * accepted TOTP time step, a WebAuthn signature counter.
   */
  counter: number;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface CredentialStore {
  add(credential: Omit<CredentialRecord, 'createdAt' | 'lastUsedAt'>): Promise<CredentialRecord>;
  /**
   * Moves the counter from `from` to `to` (and marks the credential used) only if it still is `from`:
   * of two requests racing with the same code, exactly one gets true.
   */
  advanceCounter(id: string, from: number, to: number, usedAt: number): Promise<boolean>;
  listForUser(userId: string, type?: string): Promise<CredentialRecord[]>;
  /** A credential by its id, whoever owns it (a discoverable passkey names only itself). */
  findById(id: string): Promise<CredentialRecord | undefined>;
  /** Sets the name its owner knows it by (metadata.name); false when `userId` has no such credential. */
  rename(userId: string, id: string, name: string): Promise<boolean>;
  remove(userId: string, id: string): Promise<boolean>;
  removeAllOfType(userId: string, type: string): Promise<number>;
}

/**
 * The server-side state of one login flow; the client holds only the handle whose hash is `id`. A union on
 * `placement`: each placement carries what it needs to finish the flow, and nothing else. The stored JSON is
 * the record itself, so its shape is the persisted one.
 */
export type FlowRecord<S extends Record<string, unknown> = Record<string, unknown>> = FlowCommon<S> & FlowPlacement;

/**
 * Where the flow runs. hosted/embedded: a browser with <gluu-login>; api: the multi-step password grant
 * (never reachable through the flow API).
 */
export type FlowPlacement =
  | {
      placement: 'hosted';
      /** The provider interaction this flow completes. */
      interactionUid: string;
    }
  | {
      placement: 'embedded';
      /** The authorization request parameters, replayed through /auth at the end. */
      authParams: Record<string, string>;
      /** The page origin that started the flow (absent: it sent none); later calls must come from it. */
      origin?: string;
    }
  | { placement: 'api' }
  | {
      /**
       * A change on the account page (<gluu-account>): a fresh proof of the account's strongest factor
       * (`purpose` "proof"), or a new factor enrolled by the method `purpose` names after such a proof.
       */
      placement: 'account';
      /** The hash of the account API access token the flow was started with: only it can take the result. */
      authKey: string;
      /** The page origin that started the flow (absent: it sent none); later calls must come from it. */
      origin?: string;
      purpose: string;
      /** When the proof an enrolling flow was started with was made (ms): its result carries that proof on. */
      proofAt?: number;
    };

/** What every flow has, whatever its placement; `S`: the shape of the current method's state. */
export interface FlowCommon<S extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  version: number;
  createdAt: number;
  expiresAt: number;
  clientId: string;
  acr: string;
  /** The methods run, when not the acr's usual order (the password grant asks for the SMS code first). */
  chain?: string[];
  lang?: string;
  ip: string;
  /** The User-Agent of the browser that started the flow (at most 256 characters), shown where another device
   * approves it. */
  userAgent?: string;
  /** The method chain position and the current step of that method. */
  methodIndex: number;
  step: string;
  /** What the user typed as identifier (identifier-first), before it is proven. */
  login?: string;
  /** Set only once a factor has proven who the user is. */
  userId?: string;
  amr: string[];
  /** The methods that proved a factor in this flow (not those that only enrolled one, or were skipped). */
  proven?: string[];
  /** While an existing factor is being proven so that this one can be added: shown to the user. */
  binding?: BindingFactor | 'password';
  /** The password was just reset in this flow: the password step says so. */
  passwordChanged?: true;
  /**
   * Whether the browser that proved the first factor presented the account's device token then (read in that
   * request: the password step issues a new one), for the new-sign-in notice.
   */
  knownBrowser?: boolean;
  /**
   * After a recovery code stood in for a factor the user lost: the method that may now enroll a replacement
   * (its start() offers enrollment, with a way to skip it), and whose old credentials the new one replaces.
   */
  replacing?: string;
  /**
   * An account flow that adds this method's factor: the method enrolls a new one even where the account has
   * one (a second passkey, a new phone number in place of the old one).
   */
  adding?: string;
  /**
   * The second-factor method a trusted browser stood in for (server/flow/trusted-browser.ts): the flow ends with
   * the acr it asked for, and an amr without that factor.
   */
  trustedBrowserFor?: string;
  /** The method whose step "use another way" replaced (the first one, when the user switched again). */
  standingInFor?: string;
  authTime?: number;
  /** Scratch space of the current method (e.g. a hashed SMS code); cleared when the method completes. */
  methodState: S;
  /** One-time ticket (hashed) that carries a finished flow into the provider. */
  ticketHash?: string;
  /**
   * A link (hashed) that reaches this flow from another device, e.g. the phone that scans a QR code; the
   * method that set it decides what requests through it may change.
   */
  linkHash?: string;
  ticketExpiresAt?: number;
  failure?: { reason: string; message: string };
}

export interface FlowStore {
  create(flow: FlowRecord): Promise<void>;
  /** Returns the record even when expired (so callers can say "expired" rather than "unknown"). */
  get(id: string): Promise<FlowRecord | undefined>;
  /** Saves `flow` (whose version is already incremented) only if the stored version is `flow.version - 1`. */
  replace(flow: FlowRecord): Promise<boolean>;
  /** Atomically takes a ticket and its flow: returns the flow and deletes it, or undefined if unknown or taken. */
  takeTicket(ticketHash: string): Promise<FlowRecord | undefined>;
  findByLink(linkHash: string): Promise<FlowRecord | undefined>;
  delete(id: string): Promise<void>;
  purgeExpired(before: number): Promise<number>;
}

export interface CounterState {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
  /** When the key may be forgotten (purged); absent: kept until deleted (an account's consecutive failures). */
  expiresAt?: number;
}

/** What a counter store does to single keys. */
export interface CounterOps {
  /**
   * Runs `change` on the current state of `key` atomically (no other change to that key interleaves)
   * and stores its answer (undefined deletes the key). Returns what `change` returned with the state.
   */
  modify<T>(
    key: string,
    change: (current: CounterState | undefined) => { next: CounterState | undefined; result: T },
  ): Promise<T>;
  get(key: string): Promise<CounterState | undefined>;
  delete(keys: string[]): Promise<void>;
}

export interface CounterStore extends CounterOps {
  /**
   * Runs `work`, whose operations are written together where the store can (SQLite: one transaction and
   * one commit, and no other writer interleaves); elsewhere each stays atomic on its own key, as outside.
   */
  batch<T>(work: (counters: CounterOps) => Promise<T>): Promise<T>;
  /** Deletes every key that starts with `prefix` (an unlock of one login on every network). */
  deletePrefix(prefix: string): Promise<void>;
  purgeExpired(before: number): Promise<number>;
}

/** Storage for oidc-provider models (sessions, codes, tokens, grants, interactions). */
export interface ArtifactStore {
  upsert(model: string, id: string, payload: Record<string, unknown>, expiresAt: number | null): Promise<void>;
  find(model: string, id: string): Promise<Record<string, unknown> | undefined>;
  findByUid(model: string, uid: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(model: string, userCode: string): Promise<Record<string, unknown> | undefined>;
  consume(model: string, id: string, at: number): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
  /** The live provider sessions (model "Session") of an account: what its account page lists. */
  sessionsOf(accountId: string): Promise<Record<string, unknown>[]>;
  destroyByUid(model: string, uid: string): Promise<void>;
  purgeExpired(before: number): Promise<number>;
}

/** Server-wide secrets (signing keys, cookie keys), sealed by the caller. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  /** Stores `value` unless `name` already exists; returns whatever is stored afterwards (first writer wins). */
  putIfAbsent(name: string, value: string): Promise<string>;
}

export interface Store {
  users: UserStore;
  credentials: CredentialStore;
  flows: FlowStore;
  counters: CounterStore;
  artifacts: ArtifactStore;
  secrets: SecretStore;
  /** Cheap round trip used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateError extends Error {
  override name = 'DuplicateError';
  constructor(readonly field: 'username' | 'email') {
    super(`${field} is already taken`);
  }
}
