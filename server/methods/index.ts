// The sign-in methods, one descriptor each (server/methods/descriptor.ts). The configuration's `methods`
// section and the sections method families share, the acrs the password grant may end with, the fallback
// checks, the lockout factors an unlock clears, the credential types administrators manage and the HTTP
// routes of the methods all come from this list. Methods never import each other.
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { FlowEngine } from '../flow/engine.js';
import type { AuthMethod } from '../flow/types.js';
import type { Gateways } from '../gateways/index.js';
import type { ManagedGateway } from '../gateways/lifecycle.js';
import type { SmsSender } from '../gateways/sms-sender.js';
import { MailRelay } from '../gateways/mail-relay.js';
import type { Factor } from '../../wire/flow-api.js';
import type { LockoutFactor, MethodDescriptor, MethodSettingsSchema, SharedSection } from './descriptor.js';
import { passwordMethod } from './password/index.js';
import { otpMethod } from './otp/index.js';
import { smppMethod, twilioSmsMethod } from './sms/index.js';
import { emailOtpMethod } from './email/index.js';
import { phoneCheckMethod } from './phonecheck/index.js';
import { passkeyMethod, webauthnSecondFactor } from './webauthn/index.js';
import { recoveryCodeMethod, recoveryCodesIssue } from './recovery/index.js';
import { newPasswordMethod, passwordResetMethod } from './reset/index.js';

/**
 * Every method, in the order the configuration lists their settings and the engine ranks methods of equal
 * level.
 */
export const METHODS = [
  passwordMethod,
  otpMethod,
  twilioSmsMethod,
  smppMethod,
  emailOtpMethod,
  phoneCheckMethod,
  webauthnSecondFactor,
  passkeyMethod,
  recoveryCodeMethod,
  recoveryCodesIssue,
  passwordResetMethod,
  newPasswordMethod,
] as const;

/** Any method's descriptor. */
export type AnyMethodDescriptor = MethodDescriptor<
  string,
  MethodSettingsSchema | undefined,
  AuthMethod,
  SharedSection | undefined
>;

const ALL: readonly AnyMethodDescriptor[] = METHODS;

type SettingsShape<L extends readonly AnyMethodDescriptor[]> = {
  [D in L[number] as D['settings'] extends MethodSettingsSchema ? D['name'] : never]: Exclude<D['settings'], undefined>;
};

/** The `methods` section's shape: each acr method's settings schema under its name. */
export function methodSettingsShape<const L extends readonly AnyMethodDescriptor[]>(list: L): SettingsShape<L> {
  const shape: Record<string, MethodSettingsSchema> = {};
  for (const d of list) if (d.settings) shape[d.name] = d.settings;
  // The loop builds exactly the mapped type: one entry per descriptor that has settings.
  return shape as SettingsShape<L>;
}

type SharedOf<D> = D extends { shared?: infer S } ? Exclude<S, undefined> : never;
type SharedShape<L extends readonly AnyMethodDescriptor[]> = {
  [S in SharedOf<L[number]> as S['key']]: S['schema'];
};

/**
 * The top-level sections method families share (`sms`, `webauthn`), each once, by key. Two members that
 * declare one key with different schemas are a programming error, refused at start.
 */
export function sharedSectionsShape<const L extends readonly AnyMethodDescriptor[]>(list: L): SharedShape<L> {
  const shape: Record<string, SharedSection['schema']> = {};
  for (const { name, shared } of list) {
    if (!shared) continue;
    const other = shape[shared.key];
    if (other && other !== shared.schema) throw new Error(`method ${name} declares another "${shared.key}" schema`);
    shape[shared.key] = shared.schema;
  }
  // The loop builds exactly the mapped type: one entry per key some descriptor shares.
  return shape as SharedShape<L>;
}

/**
 * The acr methods that send a code by SMS, the only ones the password grant's second step can use
 * (`ropc.sms_method`).
 */
export const SMS_METHOD_NAMES = ALL.filter((d) => d.factor === 'sms' && d.settings).map((d) => d.name) as [
  string,
  ...string[],
];

/** The methods whose step offers a switch to another acr, with where their settings name it. */
export const FALLBACK_METHODS = ALL.flatMap((d) => (d.fallback ? [{ name: d.name, ...d.fallback }] : []));

/** Every factor the lockout counts (Throttle keys), for an administrator's unlock. */
export const THROTTLED_FACTORS: readonly LockoutFactor[] = [
  ...new Set(ALL.flatMap((d) => (d.lockoutFactor ? [d.lockoutFactor] : []))),
];

/** The credential types a method stores, by its name (empty for an unknown name). */
export function credentialTypesOf(name: string): readonly string[] {
  return ALL.find((d) => d.name === name)?.credentialTypes ?? [];
}

/** The factor a method proves, by its name (undefined for an unknown name). */
export function factorOf(name: string): Factor | undefined {
  return ALL.find((d) => d.name === name)?.factor;
}

/** Path prefixes of every method's own pages, enabled or not (a disabled method's paths answer 404 here). */
export const METHOD_ROUTE_PREFIXES: readonly string[] = ALL.flatMap((d) => (d.routes ? [d.routes.prefix] : []));

/** A method's own pages, ready to mount once the engine exists. */
export interface MountableRoutes {
  prefix: string;
  create(engine: FlowEngine): Hono;
}

export interface EnabledMethods {
  /** By name; the engine runs them. */
  methods: Map<string, AuthMethod>;
  /** Their outside services (not started: the server starts them). */
  gateways: Gateways;
  routes: MountableRoutes[];
}

/** Creates the enabled methods, their gateways and their routes. */
export function createMethods(config: Config, logger: Logger): EnabledMethods {
  const methods = new Map<string, AuthMethod>();
  const byAcr = new Map<string, ManagedGateway>();
  const sms = new Map<string, SmsSender>();
  const routes: MountableRoutes[] = [];
  // One relay for whatever sends mail through it (e-mail codes); nothing connects before the server starts it.
  const email = config.notifications.email;
  const mail = email.smtp_url && email.from ? new MailRelay(email, logger) : undefined;
  const add = <M extends AuthMethod>(
    d: MethodDescriptor<string, MethodSettingsSchema | undefined, M, SharedSection | undefined>,
  ) => {
    const created = d.create({ config, logger, factorOf, ...(mail ? { mail } : {}) });
    methods.set(d.name, created.method);
    if (created.gateway) byAcr.set(d.name, created.gateway);
    if (created.smsSender) sms.set(d.name, created.smsSender);
    const own = d.routes;
    if (own) routes.push({ prefix: own.prefix, create: (engine) => own.create(engine, created.method, config) });
  };
  for (const d of ALL) if (d.enabled(config)) add(d);
  return { methods, gateways: { sms, byAcr, ...(mail ? { mail } : {}) }, routes };
}
