import type { ErrorCode, FlowError } from '../../wire/flow-api.js';

/** A request the flow API refuses without touching any flow: answered as an ErrorBody with this status. */
export class FlowApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FlowApiError';
  }

  toBody(): { error: FlowError } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
