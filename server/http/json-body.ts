// Reads a JSON body with its size capped while reading, and checks it against a request schema, turning each
// way it can be wrong into a clear 4xx. Under Node the bytes come straight from its request: a Web Request
// built around it (undici's, with web streams) cost a JSON action more CPU than the action's own work.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { FlowApiError } from '../flow/errors.js';

/** The limit `jsonBodyLimit` set for a request, by the request it came in as (Node's, or the Web one). */
const limits = new WeakMap<object, number>();

function tooLarge(maxSize: number): FlowApiError {
  return new FlowApiError('payload_too_large', `The body is larger than ${maxSize} bytes.`);
}

/** Node's request body, refused once it passes `maxSize` bytes (a body that declares no length is cut off too). */
function readIncoming(incoming: IncomingMessage, maxSize: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (fail?: FlowApiError) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onFailure).off('close', onFailure);
      if (fail) reject(fail);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSize) settle(tooLarge(maxSize));
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    // An error (framing Node's parser refuses) or a close before the end: the client broke the body off.
    const onFailure = () => settle(unreadableBody());
    if (incoming.readableEnded || incoming.destroyed) {
      reject(unreadableBody());
      return;
    }
    incoming.on('data', onData).once('end', onEnd).once('error', onFailure).once('close', onFailure);
  });
}

async function bodyBytes(c: Context): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const maxSize = limits.get(incoming ?? c.req.raw);
  // A route without the limit would read whatever it is sent: a mistake of ours, refused rather than served.
  if (maxSize === undefined) throw new Error(`${c.req.path} reads a JSON body without jsonBodyLimit`);
  if (incoming) return readIncoming(incoming, maxSize);
  // Not under Node's server (a test's app.request): the Web Request's body, held to the same limit.
  let buffer: ArrayBuffer;
  try {
    buffer = await c.req.arrayBuffer();
  } catch {
    throw unreadableBody();
  }
  if (buffer.byteLength > maxSize) throw tooLarge(maxSize);
  return new Uint8Array(buffer);
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new FlowApiError('unsupported_media_type', 'The body must be JSON (Content-Type: application/json).');
  }
  const bytes = await bodyBytes(c);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
 * The JSON APIs' body limit: a declared length over it is refused before anything is read, and `readJson`
 * counts the bytes of a body that declares none while reading it, stopping at the limit.
 */
export function jsonBodyLimit(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined && Number(declared) > maxSize)
      throw tooLarge(maxSize);
    limits.set((c.env as { incoming?: IncomingMessage } | undefined)?.incoming ?? c.req.raw, maxSize);
    await next();
  };
}
