// The flow API's statuses come from one table (server/http/flow-errors.ts): every error code has one, and
// each is the status the flow API answered with that code before the engine stopped choosing statuses.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, FlowState } from '../../wire/flow-api.js';
import { ERROR_STATUS, errorStatus, replyStatus, sendError, sendReply } from '../../server/http/flow-errors.js';
import type { FlowReply } from '../../server/flow/engine.js';
import { FlowApiError } from '../../server/flow/errors.js';

/** code -> the status it was answered with, and where (methods' refusals, the engine's, the routes'). */
const BEFORE: Record<ErrorCode, number> = {
  invalid_request: 400, // inputs, body, handle format (engine, methods/inputs.ts)
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  missing_flow: 400,
  flow_not_found: 404,
  flow_expired: 410,
  flow_busy: 409,
  action_not_allowed: 409,
  origin_not_allowed: 403,
  invalid_client: 400,
  invalid_authorization_request: 400,
  unmet_authentication_requirements: 400,
  invalid_credentials: 401, // password refusal
  invalid_code: 401, // otp and sms refusals
  code_used: 401, // otp replay
  code_expired: 401, // sms
  code_exhausted: 401, // sms
  webauthn_failed: 401, // passkey ceremonies: steps with a new challenge, status 401
  challenge_expired: 401,
  credential_exists: 401,
  credential_cloned: 401,
  unknown_credential: 401,
  no_passkey: 401,
  invalid_phone: 400, // sms phone_enroll refusal
  phone_not_allowed: 400,
  invalid_email: 400, // email_otp email_enroll refusal
  rate_limited: 429, // resend, renew, lookups, flow starts, streams
  locked: 429,
  admin_unlock_required: 429,
  weak_password: 400, // lockout (flow/refusals.ts, passwordless)
  not_found: 404, // unknown route
  service_unavailable: 503,
  server_error: 500,
  // Never a refusal: notices on a step that moved (200); the table gives them 503 should one ever refuse.
  sms_not_sent: 503,
  email_not_sent: 503,
  phonecheck_unavailable: 503,
};

const state = (error?: FlowState['error']): FlowState => ({
  flow: 'h',
  expires_in: 60,
  acr: 'otp',
  client: { id: 'demo', name: 'Demo' },
  step: { kind: 'otp', type: 'totp', digits: 6 },
  actions: {},
  ...(error ? { error } : {}),
});

describe('ErrorCode -> HTTP status', () => {
  it('maps every code, to the status it had', () => {
    expect(ERROR_STATUS).toEqual(BEFORE);
    for (const [code, status] of Object.entries(BEFORE)) expect(errorStatus(code as ErrorCode)).toBe(status);
  });

  it('answers replies by outcome: 201 created, 200 ok, the error code’s status when refused', () => {
    expect(replyStatus({ outcome: 'created', body: state() })).toBe(201);
    // A notice beside a step that moved (an SMS that could not be sent) does not change the status.
    expect(replyStatus({ outcome: 'ok', body: state({ code: 'sms_not_sent', message: 'no' }) })).toBe(200);
    const refused = (code: ErrorCode): FlowReply => ({
      outcome: 'refused',
      body: { ...state(), error: { code, message: 'no' } },
    });
    expect(replyStatus(refused('invalid_code'))).toBe(401);
    expect(replyStatus(refused('invalid_phone'))).toBe(400);
    expect(replyStatus(refused('locked'))).toBe(429);
  });

  it('sends Retry-After with a 429 that says when, and no-store always', async () => {
    const app = new Hono();
    app.get('/locked', (c) =>
      sendReply(c, {
        outcome: 'refused',
        body: { ...state(), error: { code: 'locked', message: 'wait', retry_after: 30 } },
      }),
    );
    app.get('/notice', (c) =>
      sendReply(c, { outcome: 'created', body: state({ code: 'rate_limited', message: 'later', retry_after: 9 }) }),
    );
    app.get('/limited', (c) => sendError(c, { code: 'rate_limited', message: 'later', retry_after: 5 }));
    const locked = await app.request('/locked');
    expect([locked.status, locked.headers.get('retry-after'), locked.headers.get('cache-control')]).toEqual([
      429,
      '30',
      'no-store',
    ]);
    const notice = await app.request('/notice');
    expect([notice.status, notice.headers.get('retry-after')]).toEqual([201, null]);
    const limited = await app.request('/limited');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '5']);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: 'later', retry_after: 5 } });
  });

  it('FlowApiError carries a code, and the HTTP layer derives its status from it', () => {
    const error = new FlowApiError('flow_expired', 'gone', 'flow');
    expect(error.code).toBe('flow_expired');
    expect(errorStatus(error.code)).toBe(410);
    expect(error.toBody()).toEqual({ error: { code: 'flow_expired', message: 'gone', field: 'flow' } });
  });
});
