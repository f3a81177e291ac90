// A local stand-in for tru.ID's PhoneCheck API (v0.2) and for the mobile network behind it.
//
// The API half speaks tru.ID's wire format, so the real client cannot tell it from eu.api.tru.id: OAuth2
// client credentials with Basic auth, HAL JSON checks, a JSON Patch carrying the code, and
// application/problem+json errors. The network half is what a phone goes through after opening check_url:
// where a real operator would judge the SIM and the connection, a person running the demo picks the outcome
// on a plain HTML page (no script, no inline style: it is served under a CSP that forbids both). The tests
// drive the same page over HTTP, and failNext() scripts outages.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { escapeHtml } from '../../server/index.js';
import { basicCredentials, sameSecret } from './basic-auth.js';
import { serveHttp } from './listen.js';
import { readBody } from './request-body.js';

export type SimCheckStatus = 'ACCEPTED' | 'PENDING' | 'COMPLETED' | 'EXPIRED' | 'ERROR';

/** What the person playing the mobile network said about the phone that opened check_url. */
export type NetworkOutcome = 'mobile_data' | 'wifi' | 'other_sim';

/** A check as the simulator holds it; status and updatedAt already account for expiry by the clock. */
export interface SimCheck {
  readonly checkId: string;
  /** The API client that created it; other clients get 404 for it. */
  readonly clientId: string;
  /** phone_number exactly as received. */
  readonly phoneNumber: string;
  readonly redirectUrl: string | undefined;
  readonly referenceId: string | undefined;
  readonly status: SimCheckStatus;
  readonly ttlSeconds: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly outcome: NetworkOutcome | undefined;
  /** The code the network handed the phone through redirect_url; undefined until then. */
  readonly code: string | undefined;
  readonly match: boolean | undefined;
  readonly errorCode: string | undefined;
}

/**
 * An answer to put in place of normal service: an HTTP status with a problem+json body (or `body`, sent as
 * JSON unless it is a string, with `contentType`), or no answer at all ('hang').
 */
export type TruIdScriptedAnswer =
  | { status: number; retryAfter?: number | string; body?: unknown; contentType?: string }
  | 'hang';

export interface TruIdStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** client_id -> client_secret. */
  clients: Record<string, string>;
  /** Life of a check; 120 s like tru.ID's. */
  ttlSeconds?: number;
  /** expires_in of access tokens; 3600 s like tru.ID's. */
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; lets tests expire tokens and checks without waiting. */
  clock?: () => number;
}

export interface TruIdStandIn {
  readonly port: number;
  /** What to give the client as truid_api_base_url. */
  readonly url: string;
  /** POST /oauth2/v1/token requests received, whatever they were answered. */
  readonly tokenRequests: number;
  /** PhoneCheck API requests (create, get, patch) received, whatever they were answered; not the phone's pages. */
  readonly requests: number;
  /** Every access token handed out, so tests can look for them where they must not be. */
  readonly issuedTokens: readonly string[];
  readonly checks: ReadonlyMap<string, SimCheck>;
  /** The next PhoneCheck API requests get these answers, one each, in order; then normal service resumes. */
  failNext(answers: TruIdScriptedAnswer[]): void;
  /** The same for the token endpoint. */
  failNextToken(answers: TruIdScriptedAnswer[]): void;
  /** Forgets every access token, as a key rotation or a restart on tru.ID's side would. */
  revokeTokens(): void;
  /** Ends a check's life now (it becomes EXPIRED unless already COMPLETED or ERROR). */
  expireCheck(checkId: string): void;
  close(): Promise<void>;
}

const TOKEN_PATH = '/oauth2/v1/token';
const CHECKS_PATH = '/phone_check/v0.2/checks';
const CHECK_PATH = /^\/phone_check\/v0\.2\/checks\/([^/]+)(\/redirect|\/network)?$/;
const STYLESHEET_PATH = '/assets/network.css';
const PROBLEM_TYPE = 'https://developer.tru.id/docs/reference/api-errors#';
// E.164 without the "+": a country code never starts with 0, and the whole number has at most 15 digits.
const E164_DIGITS = /^[1-9]\d{6,14}$/;
// A prefix no country uses, so tests have a well-formed number from an unsupported country.
const UNSUPPORTED_PREFIX = '999';
const KNOWN_SCOPES = new Set(['phone_check', 'sim_check', 'subscriber_check', 'coverage']);
const PAGE_TITLE = 'Mobile network (tru.ID simulator)';
const MAX_REQUEST_BYTES = 16 * 1024;
const CHARGE = { charge_amount: 1, charge_currency: 'API' } as const;
const SNAPSHOT_BALANCE = 100;

const OUTCOME_LABELS: Record<NetworkOutcome, string> = {
  mobile_data: 'On mobile data, this SIM',
  wifi: 'On WiFi',
  other_sim: 'Another SIM',
};
const NOT_MOBILE_DESCRIPTION = 'The device is not using a mobile data connection';

// The page is plain HTML; everything visual lives here so the CSP can forbid inline styles.
const STYLESHEET = `body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.12); }
h1 { font-size: 1.25rem; margin-top: 0; }
p { line-height: 1.45; }
.number { font-family: ui-monospace, monospace; }
form { margin: 0.75rem 0; }
button { width: 100%; padding: 0.9rem; font-size: 1rem; border: 1px solid #9aa3b5; border-radius: 8px; background: #fff;
  cursor: pointer; }
button:hover, button:focus-visible { border-color: #1d2330; }
.mobile_data button { background: #1f7a4d; border-color: #1f7a4d; color: #fff; }
.hint { color: #5b6478; font-size: 0.875rem; }
`;

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // No script at all and styles only from our stylesheet: the page must work under the strictest policy.
  // No form-action: it would also govern the redirect to redirect_url, which is on another origin.
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

class CheckRecord implements SimCheck {
  outcome: NetworkOutcome | undefined;
  code: string | undefined;
  match: boolean | undefined;
  errorCode: string | undefined;
  expiresAt: number;
  private state: SimCheckStatus = 'ACCEPTED';
  private changedAt: number;

  constructor(
    readonly checkId: string,
    readonly clientId: string,
    readonly phoneNumber: string,
    readonly redirectUrl: string | undefined,
    readonly referenceId: string | undefined,
    readonly ttlSeconds: number,
    private readonly createdAtMs: number,
    private readonly clock: () => number,
  ) {
    this.changedAt = createdAtMs;
    this.expiresAt = createdAtMs + ttlSeconds * 1000;
  }

  /** Expiry is judged on every read, so moving the clock is enough to expire a check. */
  private expired(): boolean {
    return (this.state === 'ACCEPTED' || this.state === 'PENDING') && this.clock() >= this.expiresAt;
  }

  get status(): SimCheckStatus {
    return this.expired() ? 'EXPIRED' : this.state;
  }

  get createdAt(): string {
    return new Date(this.createdAtMs).toISOString();
  }

  get updatedAt(): string {
    return new Date(this.expired() ? this.expiresAt : this.changedAt).toISOString();
  }

  set(state: SimCheckStatus): void {
    this.state = state;
    this.changedAt = this.clock();
  }
}

interface Grant {
  clientId: string;
  scopes: Set<string>;
  expiresAt: number;
}

/** The media type without parameters, lower-cased. */
function mediaType(req: http.IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function send(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  send(res, status, `${contentType}; charset=utf-8`, JSON.stringify(body), headers);
}

function sendProblem(
  res: http.ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { type: `${PROBLEM_TYPE}${status}`, title: http.STATUS_CODES[status] ?? 'Error', detail },
    'application/problem+json',
    headers,
  );
}

function sendPage(
  res: http.ServerResponse,
  status: number,
  content: string,
  headers: Record<string, string> = {},
): void {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>${PAGE_TITLE}</h1>
${content}
</main>
</body>
</html>
`;
  send(res, status, PAGE_HEADERS['Content-Type'], html, { ...PAGE_HEADERS, ...headers });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The code from a JSON Patch document: [{"op": "add", "path": "/code", "value": "…"}]. */
function patchedCode(doc: unknown): string | undefined {
  if (!Array.isArray(doc)) return undefined;
  for (const op of doc as unknown[]) {
    if (typeof op !== 'object' || op === null) return undefined;
    const { op: name, path, value } = op as Record<string, unknown>;
    if (name === 'add' && path === '/code' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export async function startTruIdStandIn(options: TruIdStandInOptions): Promise<TruIdStandIn> {
  const clock = options.clock ?? Date.now;
  const ttlSeconds = options.ttlSeconds ?? 120;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const checks = new Map<string, CheckRecord>();
  const tokens = new Map<string, Grant>();
  const issuedTokens: string[] = [];
  const apiScript: TruIdScriptedAnswer[] = [];
  const tokenScript: TruIdScriptedAnswer[] = [];
  let tokenRequests = 0;
  let requests = 0;
  let baseUrl = '';

  const selfHref = (id: string) => `${baseUrl}${CHECKS_PATH}/${id}`;
  const checkUrl = (id: string) => `${baseUrl}${CHECKS_PATH}/${id}/redirect`;

  /** Answers from the script instead of the service; false when the script is empty. */
  const scripted = (queue: TruIdScriptedAnswer[], res: http.ServerResponse): boolean => {
    const answer = queue.shift();
    if (answer === undefined) return false;
    if (answer === 'hang') return true;
    const headers: Record<string, string> =
      answer.retryAfter !== undefined ? { 'Retry-After': String(answer.retryAfter) } : {};
    if (answer.body === undefined) {
      sendProblem(res, answer.status, 'Scripted failure (simulator)', headers);
    } else {
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const fallbackType = answer.status >= 400 ? 'application/problem+json' : 'application/hal+json';
      send(res, answer.status, answer.contentType ?? fallbackType, text, headers);
    }
    return true;
  };

  const checkBody = (check: CheckRecord): Record<string, unknown> => {
    const status = check.status;
    const live = status === 'ACCEPTED' || status === 'PENDING';
    return {
      check_id: check.checkId,
      status,
      ...(status === 'COMPLETED' ? { match: check.match } : {}),
      ...CHARGE,
      created_at: check.createdAt,
      updated_at: check.updatedAt,
      ttl: check.ttlSeconds,
      ...(status === 'ERROR' && check.errorCode ? { error_code: check.errorCode } : {}),
      snapshot_balance: SNAPSHOT_BALANCE,
      _links: {
        self: { href: selfHref(check.checkId) },
        ...(live ? { check_url: { href: checkUrl(check.checkId) } } : {}),
      },
    };
  };

  const issueToken = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const credentials = basicCredentials(req.headers.authorization);
    const secret =
      credentials && Object.hasOwn(options.clients, credentials.user) ? options.clients[credentials.user] : undefined;
    if (!credentials || secret === undefined || !sameSecret(credentials.password, secret)) {
      sendProblem(res, 401, 'Invalid client credentials', { 'WWW-Authenticate': 'Basic realm="tru.ID"' });
      return;
    }
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      sendProblem(res, 400, 'Content-Type must be application/x-www-form-urlencoded');
      return;
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') {
      sendProblem(res, 400, 'grant_type must be client_credentials');
      return;
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || !scopes.every((s) => KNOWN_SCOPES.has(s))) {
      sendProblem(res, 400, 'scope must name one or more of phone_check, sim_check, subscriber_check, coverage');
      return;
    }
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, {
      clientId: credentials.user,
      scopes: new Set(scopes),
      expiresAt: clock() + tokenTtlSeconds * 1000,
    });
    issuedTokens.push(token);
    sendJson(
      res,
      200,
      { access_token: token, token_type: 'bearer', expires_in: tokenTtlSeconds, scope: scopes.join(' ') },
      'application/json',
      {
        'Cache-Control': 'no-store',
      },
    );
  };

  /** The client behind a valid Bearer token with the phone_check scope; otherwise answers 401 / 403 itself. */
  const authorize = (req: http.IncomingMessage, res: http.ServerResponse): string | undefined => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const grant = match ? tokens.get(match[1]!) : undefined;
    if (!grant || clock() >= grant.expiresAt) {
      sendProblem(res, 401, 'Invalid or expired access token', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return undefined;
    }
    if (!grant.scopes.has('phone_check')) {
      sendProblem(res, 403, 'The access token does not carry the phone_check scope');
      return undefined;
    }
    return grant.clientId;
  };

  const createCheck = (req: http.IncomingMessage, res: http.ServerResponse, clientId: string, body: string): void => {
    if (mediaType(req) !== 'application/json') {
      sendProblem(res, 415, 'Content-Type must be application/json');
      return;
    }
    const json = parseJson(body);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      sendProblem(res, 400, 'The body must be a JSON object');
      return;
    }
    const {
      phone_number: phone,
      redirect_url: redirectUrl,
      reference_id: referenceId,
    } = json as Record<string, unknown>;
    if (typeof phone !== 'string' || !E164_DIGITS.test(phone)) {
      sendProblem(res, 400, 'phone_number must be a valid E.164 number');
      return;
    }
    if (phone.startsWith(UNSUPPORTED_PREFIX)) {
      sendProblem(res, 400, 'Unsupported country');
      return;
    }
    if (redirectUrl !== undefined && (typeof redirectUrl !== 'string' || !isHttpUrl(redirectUrl))) {
      sendProblem(res, 400, 'redirect_url must be a valid URL');
      return;
    }
    if (referenceId !== undefined && typeof referenceId !== 'string') {
      sendProblem(res, 400, 'reference_id must be a string');
      return;
    }
    const id = randomUUID();
    const check = new CheckRecord(id, clientId, phone, redirectUrl, referenceId, ttlSeconds, clock(), clock);
    checks.set(id, check);
    sendJson(
      res,
      201,
      {
        check_id: id,
        status: check.status,
        ...CHARGE,
        created_at: check.createdAt,
        ttl: ttlSeconds,
        snapshot_balance: SNAPSHOT_BALANCE,
        _links: { self: { href: selfHref(id) }, check_url: { href: checkUrl(id) } },
      },
      'application/hal+json',
      { Location: selfHref(id) },
    );
  };

  const patchCheck = (req: http.IncomingMessage, res: http.ServerResponse, check: CheckRecord, body: string): void => {
    if (mediaType(req) !== 'application/json-patch+json') {
      sendProblem(res, 415, 'Content-Type must be application/json-patch+json');
      return;
    }
    const code = patchedCode(parseJson(body));
    if (code === undefined) {
      sendProblem(res, 400, 'The body must be a JSON Patch adding /code');
      return;
    }
    const status = check.status;
    if (status === 'EXPIRED' || status === 'ERROR') {
      sendJson(res, 200, checkBody(check));
      return;
    }
    if (status === 'COMPLETED') {
      sendProblem(res, 400, 'Code already used');
      return;
    }
    // Until the network has answered there is no code to compare with: tru.ID has no such check yet to complete.
    if (check.code === undefined) {
      sendProblem(res, 404, 'Check not found: the device has not reached check_url');
      return;
    }
    if (!sameSecret(code, check.code)) {
      sendProblem(res, 400, 'Invalid code');
      return;
    }
    check.match = check.outcome === 'mobile_data';
    check.set('COMPLETED');
    sendJson(res, 200, {
      check_id: check.checkId,
      status: check.status,
      match: check.match,
      ...CHARGE,
      created_at: check.createdAt,
      updated_at: check.updatedAt,
      snapshot_balance: SNAPSHOT_BALANCE,
      _links: { self: { href: selfHref(check.checkId) } },
    });
  };

  /** Whether the phone's pages can still serve this check; if not, answers with the page that says why. */
  const stillOpen = (res: http.ServerResponse, check: CheckRecord | undefined): check is CheckRecord => {
    if (!check) {
      sendPage(res, 404, '<p>There is no such check.</p>');
      return false;
    }
    if (check.status === 'EXPIRED') {
      sendPage(res, 410, '<p>This check has expired. Start a new one from the login page.</p>');
      return false;
    }
    return true;
  };

  /** The phone opens check_url: the network asks the person running the demo how this phone is connected. */
  const showNetworkPage = (res: http.ServerResponse, check: CheckRecord | undefined): void => {
    if (!stillOpen(res, check)) return;
    const status = check.status;
    if (status !== 'ACCEPTED' && status !== 'PENDING') {
      sendPage(res, 409, '<p>This check link has already been used.</p>');
      return;
    }
    if (check.outcome !== undefined) {
      sendPage(res, 409, '<p>The network has already answered for this check.</p>');
      return;
    }
    if (status === 'ACCEPTED') check.set('PENDING');
    const action = escapeHtml(`${CHECKS_PATH}/${check.checkId}/network`);
    const forms = (Object.keys(OUTCOME_LABELS) as NetworkOutcome[])
      .map(
        (outcome) =>
          `<form method="post" action="${action}" class="${outcome}">` +
          `<input type="hidden" name="outcome" value="${outcome}">` +
          `<button type="submit">${escapeHtml(OUTCOME_LABELS[outcome])}</button></form>`,
      )
      .join('\n');
    const number = `<span class="number">${escapeHtml(check.phoneNumber.slice(-4))}</span>`;
    sendPage(
      res,
      200,
      `<p>A phone opened the check for the number ending ${number}. How is it connected?</p>
${forms}
<p class="hint">A real operator decides this from the SIM and the connection; here you choose.</p>`,
    );
  };

  const answerForNetwork = (res: http.ServerResponse, check: CheckRecord | undefined, body: string): void => {
    if (!stillOpen(res, check)) return;
    const status = check.status;
    if (status !== 'PENDING' || check.outcome !== undefined) {
      sendPage(
        res,
        409,
        `<p>${status === 'ACCEPTED' ? 'Open the check link first.' : 'This check link has already been used.'}</p>`,
      );
      return;
    }
    const outcome = new URLSearchParams(body).get('outcome');
    if (outcome !== 'mobile_data' && outcome !== 'wifi' && outcome !== 'other_sim') {
      sendPage(res, 400, '<p>Choose one of the answers on the check page.</p>');
      return;
    }
    check.outcome = outcome;
    const query: Record<string, string> = { check_id: check.checkId };
    if (outcome === 'wifi') {
      check.errorCode = 'not_mobile_ip';
      check.set('ERROR');
      Object.assign(query, { error: 'not_mobile_ip', error_description: NOT_MOBILE_DESCRIPTION });
    } else {
      // Stays PENDING until the backend PATCHes the code, as with tru.ID.
      check.code = randomBytes(16).toString('base64url');
      query.code = check.code;
    }
    if (!check.redirectUrl) {
      const result = outcome === 'wifi' ? `error ${query.error}` : `code ${query.code}`;
      sendPage(
        res,
        200,
        `<p>The network answered (${escapeHtml(result)}), but this check has no redirect_url to send the phone to.</p>`,
      );
      return;
    }
    const target = new URL(check.redirectUrl);
    for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
    send(res, 302, 'text/plain; charset=utf-8', 'Found', { Location: target.href, 'Cache-Control': 'no-store' });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === undefined) {
      sendProblem(res, 413, 'Request body too large', { Connection: 'close' });
      return;
    }
    const wrongMethod = (allow: string) => sendProblem(res, 405, `${method} is not allowed here`, { Allow: allow });

    if (path === TOKEN_PATH) {
      if (method !== 'POST') return wrongMethod('POST');
      tokenRequests += 1;
      if (!scripted(tokenScript, res)) issueToken(req, res, body);
      return;
    }

    if (path === STYLESHEET_PATH) {
      if (method !== 'GET') return wrongMethod('GET');
      send(res, 200, 'text/css; charset=utf-8', STYLESHEET, {
        'Cache-Control': 'max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      });
      return;
    }

    const route = CHECK_PATH.exec(path);
    if (route?.[2] === '/redirect') {
      if (method !== 'GET') return wrongMethod('GET');
      showNetworkPage(res, checks.get(decodeURIComponent(route[1]!)));
      return;
    }
    if (route?.[2] === '/network') {
      if (method !== 'POST') return wrongMethod('POST');
      answerForNetwork(res, checks.get(decodeURIComponent(route[1]!)), body);
      return;
    }

    if (path === CHECKS_PATH || route) {
      const allowed = route ? ['GET', 'PATCH'] : ['POST'];
      if (!allowed.includes(method)) return wrongMethod(allowed.join(', '));
      requests += 1;
      if (scripted(apiScript, res)) return;
      const clientId = authorize(req, res);
      if (clientId === undefined) return;
      if (!route) {
        createCheck(req, res, clientId, body);
        return;
      }
      const check = checks.get(decodeURIComponent(route[1]!));
      if (!check || check.clientId !== clientId) {
        sendProblem(res, 404, 'Check not found');
        return;
      }
      if (method === 'GET') sendJson(res, 200, checkBody(check), 'application/hal+json');
      else patchCheck(req, res, check, body);
      return;
    }

    sendProblem(res, 404, `No resource at ${path}`);
  };

  const server = await serveHttp(options, handle, (res) => sendProblem(res, 500, 'Simulator error'));
  baseUrl = server.url;

  return {
    port: server.port,
    url: baseUrl,
    get tokenRequests() {
      return tokenRequests;
    },
    get requests() {
      return requests;
    },
    issuedTokens,
    checks,
    failNext(answers) {
      apiScript.push(...answers);
    },
    failNextToken(answers) {
      tokenScript.push(...answers);
    },
    revokeTokens() {
      tokens.clear();
    },
    expireCheck(checkId) {
      const check = checks.get(checkId);
      if (!check) throw new Error(`the simulator has no check ${checkId}`);
      check.expiresAt = Math.min(check.expiresAt, clock());
    },
    close: server.close,
  };
}
