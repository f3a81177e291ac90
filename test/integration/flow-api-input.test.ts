// Every bad input to the flow API gets a 4xx JSON error that names the problem, never a 500, and the
// flow it was aimed at stays exactly as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { authorizationRequest, discover, type oidc, RP_ORIGIN as ORIGIN } from '../helpers/oidc-client.js';
import { errorOf, FlowApi, snapshot, state, type FlowResponse } from '../helpers/flow-api.js';
import type { ErrorBody } from '../../wire/flow-api.js';

let backend: TestBackend;
let config: oidc.Configuration;
let api: FlowApi;

beforeAll(async () => {
  backend = await startTestBackend();
  await backend.addUser('bob', 'bob password 123');
  config = await discover(backend.issuer);
  api = new FlowApi(backend.issuer, ORIGIN);
});
afterAll(() => backend.close());

describe('POST /flow (start an embedded flow)', () => {
  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json', origin: ORIGIN },
  ) => api.raw('/flow', { method: 'POST', headers, body });

  it('starts a flow at the username step for a well-formed request', async () => {
    const request = await authorizationRequest(config);
    const response = await api.start(request.url.href);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body = state(response);
    expect(body.flow).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.step).toEqual({ kind: 'username' });
    expect(body.client).toEqual({ id: 'test-rp', name: 'Test RP' });
    expect(body.acr).toBe('password');
    expect(body.actions).toEqual({
      submit: {
        inputs: {
          username: { type: 'text', required: true, min_length: 1, max_length: 256, autocomplete: 'username webauthn' },
        },
      },
    });
  });

  const cases: [string, () => Promise<FlowResponse>, number, string, string | undefined][] = [
    [
      'a non-JSON content type',
      () => post('authorization_request=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
      undefined,
    ],
    ['malformed JSON', () => post('{"authorization_request": '), 400, 'invalid_json', undefined],
    [
      'invalid UTF-8',
      () =>
        api.raw('/flow', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
        }),
      400,
      'invalid_json',
      undefined,
    ],
    ['a JSON array', () => post('[]'), 400, 'invalid_request', undefined],
    ['a missing authorization_request', () => post('{}'), 400, 'invalid_request', 'authorization_request'],
    [
      'a number for authorization_request',
      () => post('{"authorization_request": 42}'),
      400,
      'invalid_request',
      'authorization_request',
    ],
    [
      'an extra field',
      () => post('{"authorization_request": "http://x", "admin": true}'),
      400,
      'invalid_request',
      undefined,
    ],
    [
      'a body over 16 KiB',
      () => post(JSON.stringify({ authorization_request: 'x'.repeat(20_000) })),
      413,
      'payload_too_large',
      undefined,
    ],
    [
      'an authorization_request over 8 KiB',
      () => post(JSON.stringify({ authorization_request: 'x'.repeat(9000) })),
      400,
      'invalid_request',
      'authorization_request',
    ],
    [
      'a bad lang',
      () => post(JSON.stringify({ authorization_request: 'http://x', lang: '<script>' })),
      400,
      'invalid_request',
      'lang',
    ],
    [
      'a relative URL',
      () => post(JSON.stringify({ authorization_request: '/auth?client_id=x' })),
      400,
      'invalid_authorization_request',
      'authorization_request',
    ],
    [
      "another server's endpoint",
      () => post(JSON.stringify({ authorization_request: 'https://evil.example/auth?client_id=test-rp' })),
      400,
      'invalid_authorization_request',
      'authorization_request',
    ],
  ];
  for (const [name, send, status, code, field] of cases) {
    it(`answers ${status} ${code} to ${name}`, async () => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(errorOf(response).code).toBe(code);
      expect(errorOf(response).message.length).toBeGreaterThan(10);
      expect(errorOf(response).field).toBe(field);
    });
  }

  it('cuts off a streamed body over 16 KiB that declares no length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${backend.issuer}/flow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('payload_too_large');
  });

  it('names the unexpected field', async () => {
    const response = await post('{"authorization_request": "http://x", "admin": true}');
    expect(errorOf(response).message).toContain('admin');
  });

  const requestCases: [string, (u: URL) => void, string, string][] = [
    [
      'no PKCE',
      (u) => {
        u.searchParams.delete('code_challenge');
        u.searchParams.delete('code_challenge_method');
      },
      'authorization_request.code_challenge',
      'required',
    ],
    [
      'PKCE plain',
      (u) => u.searchParams.set('code_challenge_method', 'plain'),
      'authorization_request.code_challenge_method',
      'S256',
    ],
    [
      'response_type token',
      (u) => u.searchParams.set('response_type', 'token'),
      'authorization_request.response_type',
      'code',
    ],
    ['no openid scope', (u) => u.searchParams.set('scope', 'profile'), 'authorization_request.scope', 'openid'],
    [
      'an unknown client',
      (u) => u.searchParams.set('client_id', 'nobody'),
      'authorization_request.client_id',
      'client',
    ],
    [
      'an unregistered redirect_uri',
      (u) => u.searchParams.set('redirect_uri', 'http://localhost:3999/callback/x'),
      'authorization_request.redirect_uri',
      'exactly',
    ],
    ['prompt=none', (u) => u.searchParams.set('prompt', 'none'), 'authorization_request.prompt', 'prompt=none'],
    [
      'a ticket of its own',
      (u) => u.searchParams.set('gluu_ticket', 'forged'),
      'authorization_request.gluu_ticket',
      'not supported',
    ],
    [
      'a duplicated parameter',
      (u) => u.searchParams.append('state', 'again'),
      'authorization_request.state',
      'more than once',
    ],
  ];
  for (const [name, mutate, field, words] of requestCases) {
    it(`refuses an authorization request with ${name}`, async () => {
      const url = new URL((await authorizationRequest(config)).url);
      mutate(url);
      const response = await api.start(url.href);
      expect(response.status).toBe(400);
      expect(errorOf(response).field).toBe(field);
      expect(errorOf(response).message).toContain(words);
    });
  }

  it('takes parameters named like JavaScript object members as ordinary (unknown) parameters', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const url = new URL((await authorizationRequest(config)).url);
      url.searchParams.set(name, 'x');
      const response = await api.start(url.href);
      expect(response.status, name).toBe(201);
      expect(state(response).step.kind).toBe('username');
    }
  });

  it('refuses an origin the client does not allow, and gives it no CORS grant', async () => {
    const request = await authorizationRequest(config);
    const response = await new FlowApi(backend.issuer, 'https://evil.example').start(request.url.href);
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('origin_not_allowed');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an origin allowed for another client', async () => {
    const request = await authorizationRequest(config);
    const response = await new FlowApi(backend.issuer, 'http://localhost:3998').start(request.url.href);
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('origin_not_allowed');
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${backend.issuer}/flow/action`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,gluu-flow',
        },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('gluu-flow');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /flow and POST /flow/action on a live flow', () => {
  let handle: string;
  beforeEach(async () => {
    handle = state(await api.start((await authorizationRequest(config)).url.href)).flow;
  });

  it('reads the state back with the handle', async () => {
    const response = await api.get(handle);
    expect(response.status).toBe(200);
    expect(state(response).step).toEqual({ kind: 'username' });
  });

  const headerCases: [string, Record<string, string>, number, string][] = [
    ['no handle', {}, 400, 'missing_flow'],
    ['a malformed handle', { 'gluu-flow': 'not-a-handle' }, 400, 'invalid_request'],
    ['an unknown handle', { 'gluu-flow': 'AAAAAAAAAAAAAAAAAAAAAA' }, 404, 'flow_not_found'],
  ];
  for (const [name, headers, status, code] of headerCases) {
    it(`answers ${status} ${code} to ${name}`, async () => {
      for (const response of [
        await api.raw('/flow', { method: 'GET', headers }),
        await api.raw('/flow/action', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{"action":"submit","inputs":{"username":"bob"}}',
        }),
      ]) {
        expect(response.status).toBe(status);
        expect(errorOf(response).code).toBe(code);
      }
    });
  }

  const actionCases: [string, string, number, string, string | undefined][] = [
    ['an unknown action', '{"action":"become_admin"}', 409, 'action_not_allowed', 'action'],
    ['an action of another step', '{"action":"change_username"}', 409, 'action_not_allowed', 'action'],
    ['a missing input', '{"action":"submit","inputs":{}}', 400, 'invalid_request', 'inputs.username'],
    ['an empty input', '{"action":"submit","inputs":{"username":""}}', 400, 'invalid_request', 'inputs.username'],
    ['a blank input', '{"action":"submit","inputs":{"username":"   "}}', 400, 'invalid_request', 'inputs.username'],
    [
      'an extra input',
      '{"action":"submit","inputs":{"username":"bob","password":"x"}}',
      400,
      'invalid_request',
      'inputs.password',
    ],
    ['a number input', '{"action":"submit","inputs":{"username":42}}', 400, 'invalid_request', 'inputs.username'],
    [
      'an object input',
      '{"action":"submit","inputs":{"username":{"$ne":1}}}',
      400,
      'invalid_request',
      'inputs.username',
    ],
    [
      'an oversized input',
      JSON.stringify({ action: 'submit', inputs: { username: 'b'.repeat(257) } }),
      400,
      'invalid_request',
      'inputs.username',
    ],
    [
      'control characters',
      JSON.stringify({ action: 'submit', inputs: { username: 'bob\u0000admin' } }),
      400,
      'invalid_request',
      'inputs.username',
    ],
    ['inputs that are not an object', '{"action":"submit","inputs":"bob"}', 400, 'invalid_request', 'inputs'],
    ['an action that is not a name', '{"action":"../../etc"}', 400, 'invalid_request', 'action'],
    ['no action', '{"inputs":{}}', 400, 'invalid_request', 'action'],
    [
      'an extra top-level field',
      '{"action":"submit","inputs":{"username":"bob"},"step":"done"}',
      400,
      'invalid_request',
      undefined,
    ],
    ['malformed JSON', '{"action":', 400, 'invalid_json', undefined],
  ];
  for (const [name, body, status, code, field] of actionCases) {
    it(`answers ${status} ${code} to ${name} and leaves the flow as it was`, async () => {
      const before = await snapshot(api, handle);
      const response = await api.raw('/flow/action', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'gluu-flow': handle, origin: ORIGIN },
        body,
      });
      expect(response.status).toBe(status);
      expect(errorOf(response).code).toBe(code);
      expect(errorOf(response).field).toBe(field);
      expect(await snapshot(api, handle)).toEqual(before);
    });
  }

  it('refuses to drive the flow from another origin', async () => {
    const before = await snapshot(api, handle);
    const response = await new FlowApi(backend.issuer, 'http://localhost:3998').act(handle, 'submit', {
      username: 'bob',
    });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('origin_not_allowed');
    expect(await snapshot(api, handle)).toEqual(before);
  });

  it('refuses a replayed action once the flow moved on, and any action after it finished', async () => {
    await api.act(handle, 'submit', { username: 'bob' });
    const replay = await api.act(handle, 'submit', { username: 'mallory' });
    // The password step has a "submit" too, but it takes a password, not a username.
    expect(replay.status).toBe(400);
    expect(errorOf(replay).field).toBe('inputs.username');
    expect((await snapshot(api, handle)).step).toEqual({ kind: 'password', username: 'bob' });

    const done = state(await api.act(handle, 'submit', { password: 'bob password 123' }));
    expect(done.step.kind).toBe('done');
    const after = await api.act(handle, 'submit', { password: 'bob password 123' });
    expect(after.status).toBe(409);
    expect(errorOf(after).code).toBe('action_not_allowed');
    expect((await snapshot(api, handle)).step).toEqual(done.step);
  });

  it('lets the user go back and change the username', async () => {
    await api.act(handle, 'submit', { username: 'bobby' });
    const back = state(await api.act(handle, 'change_username'));
    expect(back.step).toEqual({ kind: 'username' });
  });

  it('answers 410 flow_expired once the flow outlived its time', async () => {
    backend.clock.now = Date.now() + 601_000;
    try {
      const response = await api.act(handle, 'submit', { username: 'bob' });
      expect(response.status).toBe(410);
      expect(errorOf(response).code).toBe('flow_expired');
      const read = await api.get(handle);
      expect(read.status).toBe(410);
      expect(errorOf(read).code).toBe('flow_expired');
    } finally {
      backend.clock.now = undefined;
    }
  });

  it('never answered with a 5xx or logged an unhandled error during these tests', () => {
    expect(backend.logs.filter((l) => l.msg === 'unhandled error' || (l.level as number) >= 50)).toEqual([]);
  });
});
