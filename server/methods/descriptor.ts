// What a sign-in method declares about itself, so that the configuration, the lockout, the CLI and the HTTP
// app can be derived from the list of methods (server/methods/index.ts) instead of naming each one.
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { FlowEngine } from '../flow/engine.js';
import type { AuthMethod } from '../flow/types.js';
import type { ManagedGateway } from '../gateways/lifecycle.js';
import type { SmsSender } from '../gateways/sms-sender.js';
import type { MailSender } from '../notifications/email.js';
import type { Factor } from '../../wire/flow-api.js';

/** The lockout counters (Throttle keys) a method's failures count under; an administrator's unlock clears each. */
export type LockoutFactor = 'pwd' | 'otp' | 'sms' | 'passkey' | 'email' | 'recovery' | 'reset';

/** What every acr method's settings (`methods.<name>`) hold. */
export interface MethodSettings {
  enabled: boolean;
  /** Gluu's script level: with no acr requested and no default, the enabled method with the highest level wins. */
  level: number;
}

/** The schema of an acr method's settings; it supplies its defaults (`.prefault({})`). */
export type MethodSettingsSchema = z.ZodType<MethodSettings, unknown>;

/** What a method is created with. */
export interface MethodServices {
  config: Config;
  logger: Logger;
  /** The factor another method proves, by its name (undefined when there is no such method). */
  factorOf(name: string): Factor | undefined;
  /** The mail relay (notifications.email), when one is configured. */
  mail?: MailSender & Pick<ManagedGateway, 'health'>;
}

/** A created method, with the outside service it talks to, if any (started, stopped and reported by the server). */
export interface MethodInstance<M extends AuthMethod> {
  method: M;
  gateway?: ManagedGateway;
  /** The gateway as an SMS sender, which account notices by SMS may use too. */
  smsSender?: SmsSender;
}

/**
 * A settings section a family of methods shares (`sms` for both SMS gateways, `webauthn` for both passkey
 * methods). Each member declares it with the very same schema; the configuration has it once.
 */
export interface SharedSection<K extends string = string, S extends z.ZodType = z.ZodType> {
  readonly key: K;
  readonly schema: S;
}

/** Pages of a method's own under a path of their own, outside the flow API (the phone check's `/pc`). */
export interface MethodRoutes<M extends AuthMethod> {
  /** e.g. "/pc": the app answers this path and everything under it. */
  readonly prefix: `/${string}`;
  create(engine: FlowEngine, method: M, config: Config): Hono;
}

export interface MethodDescriptor<
  Name extends string = string,
  Settings extends MethodSettingsSchema | undefined = MethodSettingsSchema | undefined,
  M extends AuthMethod = AuthMethod,
  Shared extends SharedSection | undefined = undefined,
> {
  /** The method's name in a flow's chain; for an acr method also its acr and the key of its settings. */
  readonly name: Name;
  /** Its settings under `methods.<name>`: present when the method is an acr of its own. */
  readonly settings: Settings;
  /** The counters its failures count under; absent when it counts none of its own. */
  readonly lockoutFactor?: LockoutFactor;
  /** The factor it proves, as the flow API names it (e.g. in a phone check's fallback offer). */
  readonly factor: Factor;
  /** The credential types (CredentialRecord.type) it stores for an account, which administrators may remove. */
  readonly credentialTypes: readonly string[];
  enabled(config: Config): boolean;
  create(services: MethodServices): MethodInstance<M>;
  readonly routes?: MethodRoutes<M>;
  /** The section of settings it shares with methods of its family. */
  readonly shared?: Shared;
  /**
   * The acr a button on its step switches to (the phone check's "use a text message instead"), read from its
   * settings under `methods.<name>.<setting>`. The configuration checks that acr is another enabled method
   * and does not lead a client below its floor.
   */
  readonly fallback?: { readonly setting: string; acr(methods: Config['methods']): string | undefined };
}
