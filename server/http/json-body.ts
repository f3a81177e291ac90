// Reads a JSON body (its size is already capped by the body-limit middleware), turning each way it can be
// wrong into a clear 4xx.
import type { Context } from 'hono';
import { FlowApiError } from '../flow/errors.js';

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FlowApiError(415, 'unsupported_media_type', 'The body must be JSON (Content-Type: application/json).');
  }
  let buffer: ArrayBuffer;
  try {
    buffer = await c.req.arrayBuffer();
  } catch (err) {
    throw err instanceof FlowApiError ? err : unreadableBody();
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new FlowApiError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FlowApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** A body that could not be read to its end: the connection broke off, or its framing was invalid. */
export function unreadableBody(): FlowApiError {
  return new FlowApiError(400, 'invalid_request', 'The request body could not be read to its end.');
}
