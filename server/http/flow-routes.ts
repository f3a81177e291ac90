// The flow API: start a flow (embedded), read its state, run an action. CORS is open only to the origins
// some client allows; whether *this* flow may be driven from an origin is the engine's decision.
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { HttpBindings } from '@hono/node-server';
import { FLOW_HEADER } from '../../wire/flow-api.js';
import { actionRequest, createFlowRequest, flowHandle, MAX_BODY_BYTES } from './flow-requests.js';
import { FlowApiError } from '../flow/errors.js';
import type { FlowEngine, FlowReply } from '../flow/engine.js';
import { startEmbedded } from '../flow/placements/embedded.js';
import type { Config } from '../config.js';
import { clientIp } from './client-ip.js';
import { jsonBodyLimit, readBody } from './json-body.js';
import { sendError, sendReply } from './flow-errors.js';
import { deviceCookie } from './device-cookie.js';
import { DEVICE_HEADER } from '../security/device-trust.js';
import type { FlowStartLimit } from './flow-start-limit.js';
import { OpenStreams } from './open-streams.js';
import { cors } from './cors.js';

type Env = { Bindings: HttpBindings };

/** The flow handle the request names in its Gluu-Flow header. */
function flowHandleOf(c: Context<Env>): string {
  const handle = c.req.header(FLOW_HEADER);
  if (handle === undefined || handle === '')
    throw new FlowApiError('missing_flow', 'The Gluu-Flow header with the flow handle is required.', FLOW_HEADER);
  if (!flowHandle.safeParse(handle).success)
    throw new FlowApiError('invalid_request', 'The Gluu-Flow header is not a flow handle.', FLOW_HEADER);
  return handle;
}

export function flowRoutes(engine: FlowEngine, config: Config, flowStarts: FlowStartLimit): Hono<Env> {
  const origins = new Set(config.clients.flatMap((client) => client.allowed_origins));
  origins.add(new URL(config.issuer).origin);
  const app = new Hono<Env>();

  app.use(
    '*',
    cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', FLOW_HEADER, DEVICE_HEADER],
      exposeHeaders: ['Retry-After'],
      maxAgeSeconds: 600,
    }),
  );

  app.use('*', jsonBodyLimit(MAX_BODY_BYTES));

  const origin = (c: Context<Env>) => c.req.header('origin');

  app.get('/', async (c) => sendReply(c, await engine.current(flowHandleOf(c), origin(c))));

  // The flow's state as server-sent events, for steps whose state changes without the widget acting (a
  // phone check answered on the phone). One `state` event per visible change; the stream ends with the
  // flow. Changes made by this instance wake it at once; others' are found by reading the store each second.
  const streams = new OpenStreams(config.flow.max_streams_per_flow, config.flow.max_streams_per_ip);
  app.get('/events', async (c) => {
    const flow = flowHandleOf(c);
    const from = origin(c);
    const first = await engine.current(flow, from);
    const id = engine.flowId(flow);
    // Each stream holds a connection and polls the store every second: a few per flow (tabs) and per address.
    const release = streams.open(id, clientIp(c, config.trust_proxy));
    if (!release)
      return sendError(c, {
        code: 'rate_limited',
        message: 'Too many open status streams for this sign-in or from your network. Close one and try again.',
        retry_after: 5,
      });
    const visible = (body: FlowReply['body']) =>
      JSON.stringify({ ...body, expires_in: 0, step: { ...body.step, expires_in: 0 } });
    const response = streamSSE(c, async (stream) => {
      stream.onAbort(release);
      try {
        await follow(stream);
      } finally {
        release();
      }
    });
    async function follow(stream: Parameters<Parameters<typeof streamSSE>[1]>[0]): Promise<void> {
      let last = visible(first.body);
      let quietSince = Date.now();
      await stream.writeSSE({ event: 'state', data: JSON.stringify(first.body) });
      while (!stream.aborted && !stream.closed && !c.req.raw.signal.aborted) {
        await new Promise<void>((resolve) => {
          const wake = (changed: string) => {
            if (changed === id) done();
          };
          const timer = setTimeout(() => done(), 1000);
          function done() {
            clearTimeout(timer);
            engine.changes.off('change', wake);
            resolve();
          }
          engine.changes.on('change', wake);
        });
        let answer: FlowReply;
        try {
          answer = await engine.current(flow, from);
        } catch (err) {
          if (err instanceof FlowApiError) await stream.writeSSE({ event: 'gone', data: JSON.stringify(err.toBody()) });
          return;
        }
        const now = visible(answer.body);
        if (now !== last) {
          last = now;
          quietSince = Date.now();
          await stream.writeSSE({ event: 'state', data: JSON.stringify(answer.body) });
          if (answer.body.step.kind === 'done' || answer.body.step.kind === 'failed') return;
        } else if (Date.now() - quietSince > 15_000) {
          quietSince = Date.now();
          await stream.write(': keepalive\n\n');
        }
      }
    }
    // streamSSE says no-cache; flow state must not be stored anywhere. (Hono merges the context's headers
    // into the returned response, so the context's must change too.)
    c.header('Cache-Control', 'no-store');
    response.headers.set('Cache-Control', 'no-store');
    // Proxies that buffer responses (nginx) would hold the events back until the stream ends.
    response.headers.set('X-Accel-Buffering', 'no');
    return response;
  });
  app.post('/', async (c) => {
    const ip = clientIp(c, config.trust_proxy);
    const refused = await flowStarts.charge(ip, 'embedded');
    if (refused) return sendError(c, refused);
    const request = await readBody(c, createFlowRequest);
    return sendReply(c, await startEmbedded(engine, request, ip, origin(c), c.req.header('user-agent')));
  });
  const device = deviceCookie(config.issuer);
  app.post('/action', async (c) => {
    const request = await readBody(c, actionRequest);
    const flow = flowHandleOf(c);
    return sendReply(
      c,
      await device.around(c, config.lockout.device_token_days, () =>
        engine.act(flow, request, clientIp(c, config.trust_proxy), origin(c)),
      ),
    );
  });
  return app;
}
