// The package's server entry (`import { startServer, loadConfig } from 'gluu-login/server'`).
export { startServer, createBackend, type Backend, type RunningServer, type BackendOptions } from './server.js';
export { loadConfig, type LoadConfigOptions } from './config-loading.js';
export {
  parseConfig,
  configSchema,
  ConfigError,
  type Config,
  type ConfigInput,
  type ClientConfig,
} from './config.js';
export { addUser, setPassword, ensureUser, UserInputError } from './users.js';
export type * from '../wire/flow-api.js';
export { FLOW_HEADER, FLOW_API, FLOW_EVENTS } from '../wire/flow-api.js';
