// The flow API's HTTP statuses, in one place: the engine and the methods answer with error codes
// (wire/flow-api.ts) and outcomes, and the routes turn them into a status (and Retry-After) here.
import type { Context } from 'hono';
import type { ErrorCode, FlowError, FlowState } from '../../wire/flow-api.js';
import type { FlowReply } from '../flow/engine.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503;

/** The status of an answer whose `error` has this code (a refused action, or a request refused outright). */
export const ERROR_STATUS = {
  // The request itself.
  invalid_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  missing_flow: 400,
  invalid_client: 400,
  invalid_authorization_request: 400,
  unmet_authentication_requirements: 400,
  origin_not_allowed: 403,
  not_found: 404,
  // The flow it names.
  flow_not_found: 404,
  flow_expired: 410,
  flow_busy: 409,
  action_not_allowed: 409,
  // A wrong answer to a step.
  invalid_credentials: 401,
  invalid_code: 401,
  code_used: 401,
  code_expired: 401,
  code_exhausted: 401,
  webauthn_failed: 401,
  challenge_expired: 401,
  credential_exists: 401,
  credential_cloned: 401,
  unknown_credential: 401,
  no_passkey: 401,
  // A typed value no rule accepts.
  invalid_phone: 400,
  phone_not_allowed: 400,
  weak_password: 400,
  invalid_email: 400,
  // Too many.
  rate_limited: 429,
  locked: 429,
  // Locked for good (lockout max_failures): no Retry-After, nothing but an administrator's unlock helps.
  admin_unlock_required: 429,
  // Services of ours or of others (sms_not_sent, email_not_sent and phonecheck_unavailable are shown as notices
  // on a step that moved, answered 200; they refuse nothing themselves).
  sms_not_sent: 503,
  email_not_sent: 503,
  phonecheck_unavailable: 503,
  service_unavailable: 503,
  server_error: 500,
} as const satisfies Record<ErrorCode, ErrorStatus>;

export function errorStatus(code: ErrorCode): ErrorStatus {
  return ERROR_STATUS[code];
}

/** The status of an engine reply: 201 for a new flow, the error's for a refused action, else 200. */
export function replyStatus(reply: FlowReply): 200 | 201 | ErrorStatus {
  if (reply.outcome === 'refused') return errorStatus(reply.body.error.code);
  return reply.outcome === 'created' ? 201 : 200;
}

function answer(c: Context, status: 200 | 201 | ErrorStatus, body: FlowState | { error: FlowError }) {
  c.header('Cache-Control', 'no-store');
  const retry = 'step' in body ? body.error?.retry_after : body.error.retry_after;
  if (status === 429 && retry !== undefined) c.header('Retry-After', String(retry));
  return c.json(body, status);
}

/** Answers a reply of the engine: the flow's state, with the status its outcome has. */
export function sendReply(c: Context, reply: FlowReply) {
  return answer(c, replyStatus(reply), reply.body);
}

/** Answers an error without a flow (an ErrorBody), with its code's status. */
export function sendError(c: Context, error: FlowError) {
  return answer(c, errorStatus(error.code), { error });
}
