// readJson holds every body to the limit jsonBodyLimit set for its route. Under Node's server the bytes come
// from Node's request (the integration and fuzz tests send those); here, through app.request, the Web
// Request path is held to the same limit, and a route that forgot the limit is refused, not served unbounded.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FlowApiError } from '../../server/flow/errors.js';
import { jsonBodyLimit, readBody } from '../../server/http/json-body.js';

const schema = z.strictObject({ name: z.string() });

function app(limit: number | undefined) {
  const a = new Hono();
  if (limit !== undefined) a.use('*', jsonBodyLimit(limit));
  a.post('/', async (c) => c.json(await readBody(c, schema)));
  a.onError((err, c) =>
    err instanceof FlowApiError ? c.json({ code: err.code }, 400) : c.json({ unexpected: err.message }, 500),
  );
  return a;
}

const streamed = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe('readJson', () => {
  const headers = { 'content-type': 'application/json' };

  it('reads a body within the limit', async () => {
    const r = await app(64).request('/', { method: 'POST', headers, body: '{"name":"alice"}' });
    expect([r.status, await r.json()]).toEqual([200, { name: 'alice' }]);
  });

  it('refuses a declared length over the limit, and a streamed body that passes it', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(100) });
    const declared = await app(64).request('/', { method: 'POST', headers, body });
    expect(await declared.json()).toEqual({ code: 'payload_too_large' });
    const undeclared = await app(64).request('/', {
      method: 'POST',
      headers,
      body: streamed(body),
      duplex: 'half',
    } as RequestInit);
    expect(await undeclared.json()).toEqual({ code: 'payload_too_large' });
  });

  it('refuses to read a body on a route without a limit', async () => {
    const r = await app(undefined).request('/', { method: 'POST', headers, body: '{"name":"alice"}' });
    expect([r.status, await r.json()]).toEqual([500, { unexpected: '/ reads a JSON body without jsonBodyLimit' }]);
  });
});
