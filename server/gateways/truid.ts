// tru.ID PhoneCheck v0.2: create a check for the user's number, let the phone open check_url over
// mobile data, then PATCH the code the network handed back through redirect_url to learn whether the SIM
// has that number. The API is a handful of JSON calls, so this is fetch plus zod: every answer is checked
// before anything is read from it, and every failure becomes a TruIdError the phone-check method can act on.
// Access tokens (OAuth2 client credentials) are shared by all calls and renewed before they run out.
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PhoneCheckSettings } from '../methods/phonecheck/settings.js';
import { HealthState, type GatewayHealth } from './lifecycle.js';
import { retryAfterMs } from './retry-after.js';
import { maskForLogs } from '../phone-numbers.js';
import { TruIdError, type CheckResult, type CreatedCheck, type TruIdFailureKind } from './truid-types.js';

const TOKEN_PATH = '/oauth2/v1/token';
const CHECKS_PATH = '/phone_check/v0.2/checks';
const SCOPE = 'phone_check';
// Renew this long before expires_in runs out, so a token never reaches tru.ID in its last seconds (clock
// skew, slow requests). Short-lived tokens renew at half their life instead.
const RENEW_MARGIN_MS = 60_000;
// Only "+" and digits reach the wire; whether the length and country are right is tru.ID's call (400).
const PLUS_DIGITS = /^\+\d{1,20}$/;
const MAX_ID_LENGTH = 256;
const ADMIN_REMEDY = 'check truid_client_id / truid_client_secret';

const statusSchema = z.enum(['ACCEPTED', 'PENDING', 'COMPLETED', 'EXPIRED', 'ERROR']);

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be "bearer"'),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});

const createdSchema = z.object({
  check_id: z.string().min(1).max(MAX_ID_LENGTH),
  status: statusSchema,
  ttl: z.number().int().positive(),
  _links: z.object({ check_url: z.object({ href: z.url({ protocol: /^https?$/ }) }) }),
});

const checkSchema = z
  .object({
    check_id: z.string().min(1).max(MAX_ID_LENGTH),
    status: statusSchema,
    match: z.boolean().nullish(),
    error_code: z.string().nullish(),
  })
  // match is the whole point of a completed check: without it the answer says nothing.
  .refine((c) => c.status !== 'COMPLETED' || typeof c.match === 'boolean', {
    path: ['match'],
    message: 'is required when COMPLETED',
  });

type Problem = NonNullable<TruIdError['problem']>;

interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

interface CachedToken {
  value: string;
  /** Clock time after which the token is renewed before use. */
  renewAt: number;
}

/** Replaces what must not travel further (the phone number, the code) in text that came back from tru.ID. */
type Scrub = (text: string) => string;
const noScrub: Scrub = (text) => text;

/** type / title / detail from application/problem+json; error / error_description from an OAuth2 error. */
function readProblem(text: string): Problem | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as Record<string, unknown>;
  const pick = (...keys: string[]) =>
    keys.map((k) => body[k]).find((v): v is string => typeof v === 'string' && v !== '');
  const problem: Problem = {};
  const type = pick('type');
  const title = pick('title', 'error');
  const detail = pick('detail', 'error_description');
  if (type !== undefined) problem.type = type;
  if (title !== undefined) problem.title = title;
  if (detail !== undefined) problem.detail = detail;
  return Object.keys(problem).length > 0 ? problem : undefined;
}

function kindForStatus(status: number): TruIdFailureKind {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
    case 403:
      return 'auth';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 412:
      return 'not_mobile';
    case 429:
      return 'rate_limited';
    default:
      return 'unavailable';
  }
}

/** Issue paths only: the values in a malformed answer may be tokens. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

function scrubberFor(secrets: Array<[string, string]>): Scrub {
  return (text) =>
    secrets.reduce((out, [secret, replacement]) => (secret ? out.split(secret).join(replacement) : out), text);
}

export class TruIdClient {
  readonly service = 'truid';
  private readonly config: PhoneCheckSettings;
  private readonly log: Logger;
  private readonly clock: () => number;
  private readonly baseUrl: string;
  private readonly clientId: string;
  private readonly basicAuth: string;
  /** Aborts requests in flight when the client closes. */
  private readonly closing = new AbortController();
  private token: CachedToken | undefined;
  /** The token request in flight, shared by every caller that needs a token meanwhile. */
  private pendingToken: Promise<CachedToken> | undefined;
  /** Errors already logged: a shared token failure reaches every waiting caller but is logged once. */
  private readonly reported = new WeakSet<TruIdError>();
  private readonly state: HealthState;

  constructor(config: PhoneCheckSettings, logger: Logger, options: { clock?: () => number } = {}) {
    if (!config.truid_client_id || !config.truid_client_secret)
      throw new Error('tru_id needs truid_client_id and truid_client_secret');
    this.config = config;
    this.log = logger.child({ provider: 'truid' });
    this.clock = options.clock ?? Date.now;
    this.baseUrl = config.truid_api_base_url;
    this.clientId = config.truid_client_id;
    const credentials = `${config.truid_client_id}:${config.truid_client_secret}`;
    this.basicAuth = `Basic ${Buffer.from(credentials).toString('base64')}`;
    this.state = new HealthState(this.clock, 'ready');
  }

  /** Fetches a first token so wrong credentials show in the log and in health() at startup; never throws. */
  async start(): Promise<void> {
    this.log.info(`tru.ID PhoneCheck initialized: client ${this.clientId} via ${this.baseUrl}`);
    try {
      await this.run('token request', noScrub, () => this.accessToken());
    } catch {
      // Already logged and reflected in health(); the server starts anyway.
    }
  }

  /** Starts a check for `phoneE164` ("+447700900000"); the phone comes back to `redirectUrl` with a code. */
  async createCheck(phoneE164: string, redirectUrl: string): Promise<CreatedCheck> {
    if (!PLUS_DIGITS.test(phoneE164))
      throw new TruIdError('bad_request', 'the phone number must be "+" and digits (E.164)');
    if (!URL.canParse(redirectUrl) || !/^https?:$/.test(new URL(redirectUrl).protocol)) {
      throw new TruIdError('bad_request', 'redirect_url must be an http(s) URL');
    }
    const digits = phoneE164.slice(1);
    const masked = maskForLogs(phoneE164);
    const scrub = scrubberFor([[digits, masked.slice(1)]]);
    return this.run('check creation', scrub, async () => {
      const body = JSON.stringify({ phone_number: digits, redirect_url: redirectUrl });
      const created = await this.call('check creation', 'POST', CHECKS_PATH, 'application/json', body, createdSchema);
      this.log.info({ checkId: created.check_id, phone: masked, ttl: created.ttl }, 'PhoneCheck created');
      return {
        checkId: created.check_id,
        status: created.status,
        checkUrl: created._links.check_url.href,
        ttlSeconds: created.ttl,
      };
    });
  }

  /** PATCHes the code the phone brought back; COMPLETED answers say whether the SIM matched. */
  async completeCheck(checkId: string, code: string): Promise<CheckResult> {
    this.checkId(checkId);
    if (code === '' || code.length > 1024) throw new TruIdError('bad_request', 'the code must be a non-empty string');
    return this.run('check completion', scrubberFor([[code, '[code]']]), async () => {
      const body = JSON.stringify([{ op: 'add', path: '/code', value: code }]);
      const answer = await this.call(
        'check completion',
        'PATCH',
        this.checkPath(checkId),
        'application/json-patch+json',
        body,
        checkSchema,
      );
      const result = this.toResult('check completion', checkId, answer);
      this.log.info(
        { checkId, status: result.status, match: result.match, errorCode: result.errorCode },
        'PhoneCheck code submitted',
      );
      return result;
    });
  }

  async getCheck(checkId: string): Promise<CheckResult> {
    this.checkId(checkId);
    return this.run('check lookup', noScrub, async () => {
      const answer = await this.call('check lookup', 'GET', this.checkPath(checkId), undefined, undefined, checkSchema);
      const result = this.toResult('check lookup', checkId, answer);
      this.log.debug({ checkId, status: result.status, errorCode: result.errorCode }, 'PhoneCheck status');
      return result;
    });
  }

  health(): GatewayHealth {
    return this.state.get();
  }

  /** Aborts requests in flight; later calls fail as unavailable without reaching tru.ID. */
  async close(): Promise<void> {
    this.closing.abort();
    this.token = undefined;
  }

  private checkId(checkId: string): void {
    if (checkId === '' || checkId.length > MAX_ID_LENGTH)
      throw new TruIdError('bad_request', 'the check id must be a non-empty string');
  }

  private checkPath(checkId: string): string {
    return `${CHECKS_PATH}/${encodeURIComponent(checkId)}`;
  }

  private toResult(op: string, checkId: string, answer: z.output<typeof checkSchema>): CheckResult {
    if (answer.check_id !== checkId) throw new TruIdError('unavailable', `tru.ID answered the ${op} for another check`);
    const result: CheckResult = {
      checkId,
      status: answer.status,
      match: answer.status === 'COMPLETED' ? (answer.match ?? undefined) : undefined,
    };
    if (answer.error_code) result.errorCode = answer.error_code;
    return result;
  }

  /** One operation: health follows its outcome, and a failure is logged once, with secrets scrubbed. */
  private async run<T>(op: string, scrub: Scrub, work: () => Promise<T>): Promise<T> {
    if (this.closing.signal.aborted) throw new TruIdError('unavailable', 'the tru.ID client is closed');
    try {
      const result = await work();
      this.state.set('ready');
      return result;
    } catch (err) {
      throw this.report(op, this.scrubError(this.asTruIdError(err), scrub));
    }
  }

  /** A call to the PhoneCheck API with the shared token; a 401 means the token died early: renew once and retry. */
  private async call<S extends z.ZodType>(
    op: string,
    method: string,
    path: string,
    contentType: string | undefined,
    body: string | undefined,
    schema: S,
  ): Promise<z.output<S>> {
    const send = (token: string) =>
      this.request(
        op,
        method,
        path,
        { Authorization: `Bearer ${token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
        body,
      );
    let token = await this.accessToken();
    let answer = await send(token);
    if (answer.status === 401) {
      this.forgetToken(token);
      this.log.warn({ op }, 'tru.ID refused our access token; fetching a new one and trying once more');
      token = await this.accessToken();
      answer = await send(token);
    }
    if (answer.status < 200 || answer.status > 299) throw this.answerError(op, answer, kindForStatus(answer.status));
    return this.parse(op, answer, schema);
  }

  private async accessToken(): Promise<string> {
    const cached = this.token;
    if (cached && this.clock() < cached.renewAt) return cached.value;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return (await this.pendingToken).value;
  }

  private async fetchToken(): Promise<CachedToken> {
    const op = 'token request';
    // Expiry counts from before the request: the token may have been issued at any moment while it ran.
    const requestedAt = this.clock();
    const answer = await this.request(
      op,
      'POST',
      TOKEN_PATH,
      { Authorization: this.basicAuth, 'Content-Type': 'application/x-www-form-urlencoded' },
      new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPE }).toString(),
    );
    if (answer.status < 200 || answer.status > 299) {
      // A 400 here (unknown client, scope not granted) is as much our configuration as a 401, never the user's
      // input; and a 404 or 409 from the token endpoint says nothing about any check.
      const status = answer.status;
      const kind =
        status === 400 || status === 401 || status === 403 ? 'auth' : status === 429 ? 'rate_limited' : 'unavailable';
      throw this.answerError(op, answer, kind);
    }
    const granted = this.parse(op, answer, tokenSchema);
    if (granted.scope !== undefined && !granted.scope.split(' ').includes(SCOPE)) {
      throw new TruIdError('auth', `tru.ID granted a token without the ${SCOPE} scope`, answer.status);
    }
    const lifeMs = granted.expires_in * 1000;
    const token = {
      value: granted.access_token,
      renewAt: requestedAt + lifeMs - Math.min(RENEW_MARGIN_MS, lifeMs / 2),
    };
    this.token = token;
    this.log.debug({ expiresIn: granted.expires_in }, 'tru.ID access token obtained');
    return token;
  }

  /** Drops the cached token unless a newer one already replaced it. */
  private forgetToken(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async request(
    op: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<HttpReply> {
    // A timer of our own rather than AbortSignal.timeout(): on Node 20 a timeout signal that only
    // AbortSignal.any() refers to can be garbage-collected before it fires, and the request then waits
    // forever (seen under load as a hung token request that never timed out).
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException(`no answer within ${this.config.timeout_ms} ms`, 'TimeoutError')),
      this.config.timeout_ms,
    );
    const signal = AbortSignal.any([deadline.signal, this.closing.signal]);
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers: { Accept: 'application/json, application/hal+json, application/problem+json', ...headers },
        ...(body !== undefined ? { body } : {}),
        signal,
        // tru.ID never redirects API calls; following one could carry our credentials somewhere unplanned.
        redirect: 'manual',
      });
      // Reading the body is under the same deadline: a server that stalls mid-answer times out too.
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (err) {
      if (this.closing.signal.aborted) throw new TruIdError('unavailable', 'the tru.ID client is closed');
      if ((err as { name?: unknown } | null)?.name === 'TimeoutError') {
        throw new TruIdError('unavailable', `tru.ID did not answer the ${op} within ${this.config.timeout_ms} ms`);
      }
      const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
      const code = typeof cause?.code === 'string' ? cause.code : err instanceof Error ? err.message : String(err);
      throw new TruIdError('unavailable', `tru.ID could not be reached for the ${op} (${code})`);
    } finally {
      clearTimeout(timer);
    }
  }

  private parse<S extends z.ZodType>(op: string, answer: HttpReply, schema: S): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new TruIdError(
        'unavailable',
        `tru.ID answered the ${op} with a body that is not JSON (HTTP ${answer.status})`,
        answer.status,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new TruIdError(
        'unavailable',
        `tru.ID answered the ${op} with an unexpected body (${describeIssues(parsed.error)})`,
        answer.status,
      );
    }
    return parsed.data;
  }

  private answerError(op: string, answer: HttpReply, kind: TruIdFailureKind): TruIdError {
    const problem = readProblem(answer.text);
    const said = [problem?.title, problem?.detail].filter(Boolean).join(': ');
    const message =
      kind === 'auth'
        ? `tru.ID rejected our credentials on the ${op} (HTTP ${answer.status}${said ? `: ${said}` : ''})`
        : `tru.ID answered the ${op} with HTTP ${answer.status}${said ? `: ${said}` : ''}`;
    const waitMs = kind === 'rate_limited' ? retryAfterMs(answer.headers.get('retry-after'), this.clock()) : undefined;
    return new TruIdError(
      kind,
      message,
      answer.status,
      problem,
      waitMs === undefined ? undefined : Math.ceil(waitMs / 1000),
    );
  }

  private asTruIdError(err: unknown): TruIdError {
    if (err instanceof TruIdError) return err;
    return new TruIdError('unavailable', `tru.ID call failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  private scrubError(err: TruIdError, scrub: Scrub): TruIdError {
    const problem =
      err.problem &&
      Object.fromEntries(Object.entries(err.problem).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v]));
    const message = scrub(err.message);
    if (message === err.message && JSON.stringify(problem) === JSON.stringify(err.problem)) return err;
    const scrubbed = new TruIdError(err.kind, message, err.status, problem, err.retryAfterSeconds);
    if (this.reported.has(err)) this.reported.add(scrubbed);
    return scrubbed;
  }

  private report(op: string, err: TruIdError): TruIdError {
    if (this.reported.has(err)) return err;
    this.reported.add(err);
    // Failures after close() are our own doing, not news about tru.ID.
    if (this.closing.signal.aborted) return err;
    const fields = {
      op,
      kind: err.kind,
      status: err.status,
      problemType: err.problem?.type,
      retryAfterSeconds: err.retryAfterSeconds,
    };
    if (err.kind === 'auth') {
      this.state.set('down', err.message);
      this.log.error({ ...fields, clientId: this.clientId }, `${err.message}: ${ADMIN_REMEDY}`);
    } else if (err.kind === 'unavailable') {
      this.state.set('down', err.message);
      this.log.error(fields, err.message);
    } else if (err.kind === 'rate_limited') {
      // Throttled, not broken: health keeps whatever the last real outcome said.
      this.log.warn(fields, err.message);
    } else {
      // tru.ID authenticated us and judged the request: the service itself works.
      this.state.set('ready');
      this.log.warn(fields, err.message);
    }
    return err;
  }
}
