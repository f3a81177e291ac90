// The floor under a Hono request on this machine: a trivial JSON route and a POST that reads a JSON body
// (the TOTP action's shape) and answers JSON, served as our server serves Hono (getRequestListener under
// node:http), in a process of its own so its CPU per request is read apart from the client's.
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';

const port = z.coerce.number().int().positive().parse(process.env.FLOOR_PORT);
const app = new Hono();
app.get('/healthz', (c) => c.text('ok'));
app.get('/json', (c) => c.json({ ok: true }));
app.post('/json', async (c) => {
  const body = (await c.req.json()) as unknown;
  return c.json({ ok: typeof body === 'object' && body !== null }, 401);
});
createServer(getRequestListener(app.fetch)).listen(port, '127.0.0.1');
