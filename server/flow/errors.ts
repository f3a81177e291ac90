import type { ErrorCode, FlowError } from '../../wire/flow-api.js';

type Args = [code: ErrorCode, message: string, field?: string];

/**
 * A request the flow API refuses without touching any flow: answered as an ErrorBody whose status the HTTP
 * layer derives from the code (server/http/flow-errors.ts).
 */
export class FlowApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(...[code, message, field]: Args) {
    super(message);
    this.name = 'FlowApiError';
    this.code = code;
    this.field = field;
  }

  toBody(): { error: FlowError } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
