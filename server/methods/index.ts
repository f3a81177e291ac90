// The enabled authentication methods, by name. Methods never import each other.
import type { Config } from '../config.js';
import type { AuthMethod } from '../flow/types.js';
import { createPasswordMethod } from './password.js';

export function createMethods(config: Config): Map<string, AuthMethod> {
  const methods = new Map<string, AuthMethod>();
  if (config.methods.password.enabled) methods.set('password', createPasswordMethod());
  return methods;
}
