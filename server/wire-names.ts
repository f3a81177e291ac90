// The flow API's fixed names, without zod, so the widget can import them as values (server/protocol.ts
// re-exports them beside the schemas).

/** The header that carries the flow handle (not a cookie: the embedded widget runs on the RP's origin). */
export const FLOW_HEADER = 'Gluu-Flow';

/** Base path of the flow API on the backend. */
export const FLOW_API = '/flow';

/**
 * Server-sent events of a flow's state (GET, with the FLOW_HEADER; errors as on GET /flow): the current
 * state as a `state` event on connect, then one per visible change (countdowns excluded), a `: keepalive`
 * comment after 15 s of quiet, and a final `state` (done or failed) or `gone` event before it closes.
 */
export const FLOW_EVENTS = '/flow/events';

/** The header that carries a browser's device token (embedded placement; hosted uses the provider's cookie). */
export const DEVICE_HEADER = 'Gluu-Device';
