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

// Serving the widget from your own server: the bundle, its translations, and which translation a language
// tag loads (the demo RP serves them this way).
export { packageRoot, widgetBundle, widgetTranslations } from './paths.js';
export { translationFor, widgetStepFile } from './http/assets.js';
// Preview states for `<gluu-login preview>` (theming pages): the QR codes and otpauth URIs the live steps show.
export { qrSvg, type QrImage } from './qr-svg.js';
export { otpauthUri } from './methods/otp/otpauth-uri.js';
// The escaping template the provider's own pages are written with, for pages of your own around the widget.
export { html, Html, escapeHtml } from './http/html.js';
// The text of an SMPP short_message or message_payload as the smpp package decoded it (for SMSC stand-ins).
export { decodedText as smppMessageText } from './gateways/smpp.js';
