// Reads a JSON body (its size is already capped by the body-limit middleware) and checks it against a
// request schema, turning each way it can be wrong into a clear 4xx.
import type { Context } from 'hono';
import type { z } from 'zod';
import { FlowApiError } from '../flow/errors.js';

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FlowApiError('unsupported_media_type', 'The body must be JSON (Content-Type: application/json).');
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
    throw new FlowApiError('invalid_json', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FlowApiError('invalid_json', 'The body is not valid JSON.');
  }
}

/** A body that could not be read to its end: the connection broke off, or its framing was invalid. */
export function unreadableBody(): FlowApiError {
  return new FlowApiError('invalid_request', 'The request body could not be read to its end.');
}

function zodMessage(error: z.ZodError): { message: string; field: string | undefined } {
  const [issue] = error.issues;
  if (!issue) return { message: 'The request body is not valid.', field: undefined };
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  if (issue.code === 'unrecognized_keys') return { message: `${issue.message} in the request body.`, field };
  return { message: field ? `${field}: ${issue.message}.` : `${issue.message}.`, field };
}

/** `body` as `schema` parses it, or a 400 that names the first thing wrong with it. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { message, field } = zodMessage(result.error);
  throw new FlowApiError('invalid_request', message, field);
}

/** Reads the JSON body and parses it with `schema`. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseBody(schema, await readJson(c));
}
