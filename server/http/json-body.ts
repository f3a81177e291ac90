// Reads a JSON body with the flow API's limits, turning each way it can be wrong into a clear 4xx.
import type { Context } from 'hono';
import { MAX_BODY_BYTES } from '../protocol.js';
import { FlowApiError } from '../flow/errors.js';

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FlowApiError(415, 'unsupported_media_type', 'The body must be JSON (Content-Type: application/json).');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new FlowApiError(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > MAX_BODY_BYTES) throw new FlowApiError(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
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
