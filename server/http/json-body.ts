// Reads a JSON body (its size is already capped by the body-limit middleware) and checks it against a
// request schema, turning each way it can be wrong into a clear 4xx.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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

/**
 * The JSON APIs' body limit. Streams are cut off at the limit too, not only bodies that declare their length.
 * The limit reads a streamed body itself, so a body that breaks off (or that Node's parser refuses) fails here:
 * the client's doing, answered as such rather than as an error of ours.
 */
export function jsonBodyLimit(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new FlowApiError('payload_too_large', `The body is larger than ${maxSize} bytes.`);
    },
  });
  return async (c, next) => {
    try {
      return await limit(c, next);
    } catch (err) {
      throw err instanceof FlowApiError ? err : unreadableBody();
    }
  };
}
