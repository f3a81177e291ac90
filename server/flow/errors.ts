import type { ErrorCode, FlowError } from '../../wire/flow-api.js';
import { errorStatus } from '../http/flow-errors.js';

type Args = [code: ErrorCode, message: string, field?: string];

/**
 * A request the flow API refuses without touching any flow: answered as an ErrorBody whose status the HTTP
 * layer derives from the code (server/http/flow-errors.ts).
 */
export class FlowApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(...args: Args);
  /** @deprecated The status is ignored: it follows from the code (server/http/flow-errors.ts). */
  constructor(status: number, ...args: Args);
  constructor(...args: Args | [number, ...Args]) {
    const [code, message, field] = typeof args[0] === 'number' ? (args.slice(1) as Args) : (args as Args);
    super(message);
    this.name = 'FlowApiError';
    this.code = code;
    this.field = field;
  }

  /** @deprecated For routes that have not moved to errorStatus(err.code) (server/http/flow-errors.ts). */
  get status() {
    return errorStatus(this.code);
  }

  toBody(): { error: FlowError } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
