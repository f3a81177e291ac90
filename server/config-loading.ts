// Reading the configuration: one file (JSON or YAML) plus environment variables, then parseConfig.
// Every other module receives the parsed `Config`; nothing reads process.env on its own.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError, parseConfig, type Config } from './config.js';

/**
 * Environment variables with a fixed meaning; anything else under GLUU__A__B sets a.b (value parsed as JSON when
 * it can be).
 */
const ENV_KEYS: Record<string, string[]> = {
  GLUU_ISSUER: ['issuer'],
  GLUU_PORT: ['port'],
  GLUU_HOST: ['host'],
  GLUU_DATA_DIR: ['data_dir'],
  GLUU_LOG_LEVEL: ['log', 'level'],
  GLUU_DEFAULT_ACR: ['default_acr'],
  GLUU_SEAL_KEY: ['seal_key'],
};

function envValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read configuration file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`Configuration file ${file} is not valid JSON or YAML: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`Configuration file ${file} must hold an object at the top level`);
  return parsed as Record<string, unknown>;
}

export interface LoadConfigOptions {
  /** Path of a JSON or YAML file; defaults to env GLUU_CONFIG, else none. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Applied first, below the file and the environment (the demo's stand-ins). */
  defaults?: Record<string, unknown>;
  /** Applied last: used by the demo launcher and the tests. */
  overrides?: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` on top of `under`, objects merged key by key, anything else replaced. */
function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const base = out[key];
    out[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return out;
}

/** Reads file + env, validates, and throws a ConfigError naming every bad key. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.GLUU_CONFIG;
  const raw: Record<string, unknown> = deepMerge(options.defaults ?? {}, file ? readConfigFile(file) : {});
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const fixed = ENV_KEYS[name];
    if (fixed) setPath(raw, fixed, fixed[0] === 'port' ? envValue(value) : value);
    else if (name.startsWith('GLUU__')) {
      setPath(raw, name.slice(6).toLowerCase().split('__'), envValue(value));
    }
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) raw[key] = value;
  return parseConfig(raw, file ? `${file} and environment` : 'environment');
}
