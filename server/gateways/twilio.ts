// SmsSender over Twilio's Messages API through the official SDK. The SDK is used as shipped:
// reaching a stand-in goes through a RequestClient subclass that swaps the origin, and the SDK's own
// retries and environment-driven host rewriting are kept out of the way so that every request goes
// where the configuration says and is retried only by the policy below.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import twilio from 'twilio';
import type { TwilioSmsSettings } from '../methods/sms/settings.js';
import { HealthState, type GatewayHealth } from './lifecycle.js';
import { retryAfterMs } from './retry-after.js';
import { maskForLogs } from '../phone-numbers.js';
import { SmsSendError, type SmsFailureKind, type SmsMessage, type SmsReceipt, type SmsSender } from './sms-sender.js';

/** Where the SDK addresses every Messages API call. */
const TWILIO_API_ORIGIN = 'https://api.twilio.com';
const RETRY_BACKOFF_MS = 250;
// A user is waiting on the other end; if Twilio asks for a longer pause we give up at once instead.
const MAX_RETRY_AFTER_MS = 2_000;

const NUMBER_CODES: Record<number, SmsFailureKind> = {
  21211: 'invalid_number',
  21614: 'not_mobile',
  21610: 'unsubscribed',
  21608: 'unverified_number',
  21612: 'unroutable',
  21408: 'unroutable',
};
const CREDENTIAL_CODES = new Set([20003]);
// 21212 / 21606: From is not a valid or message-capable number; 21660: From belongs to another account.
const SENDER_CODES = new Set([21212, 21606, 21660]);

type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];
type CreateOptions = Parameters<twilio.Twilio['messages']['create']>[0];

/** Per-send scratch space the HTTP client fills in, so concurrent sends never see each other's headers. */
interface AttemptContext {
  retryAfterMs?: number;
}

class UnexpectedHostError extends Error {
  override name = 'UnexpectedHostError';
}

/**
 * The SDK has no base-URL option, so this is where a stand-in is reached: the SDK builds
 * https://api.twilio.com/… and we send it to api_base_url/… instead. Our own agents (instead of Node's
 * global ones) let close() drop the keep-alive sockets.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly baseUrl: string;
  private readonly context: AsyncLocalStorage<AttemptContext>;
  private readonly agents: (http.Agent | https.Agent)[];

  constructor(baseUrl: string, timeoutMs: number, context: AsyncLocalStorage<AttemptContext>) {
    super({ timeout: timeoutMs, keepAlive: true, autoRetry: false });
    this.baseUrl = baseUrl;
    this.context = context;
    const httpAgent = new http.Agent({ keepAlive: true, timeout: timeoutMs });
    this.axios.defaults.httpAgent = httpAgent;
    this.agents = [httpAgent, this.axios.defaults.httpsAgent as https.Agent];
  }

  override async request<TData>(opts: RequestOptions & { data?: TData }) {
    // Anything but api.twilio.com means the SDK chose another host (edge/region); refuse rather than send
    // our credentials somewhere the configuration never named.
    if (opts.uri !== TWILIO_API_ORIGIN && !opts.uri.startsWith(`${TWILIO_API_ORIGIN}/`)) {
      throw new UnexpectedHostError(`the Twilio SDK addressed ${new URL(opts.uri).host} instead of api.twilio.com`);
    }
    const response = await super.request<TData>({
      ...opts,
      uri: this.baseUrl + opts.uri.slice(TWILIO_API_ORIGIN.length),
    });
    const attempt = this.context.getStore();
    if (attempt && response.statusCode >= 400)
      attempt.retryAfterMs = retryAfterMs((response.headers as Record<string, unknown>)['retry-after'], Date.now());
    return response;
  }

  destroy(): void {
    for (const agent of this.agents) agent?.destroy();
  }
}

interface Failure {
  kind: SmsFailureKind;
  gatewayCode?: number | string;
  /** Worth one more try (throttling, 5xx, timeouts, network). */
  transient: boolean;
  /** For the error handed to the method and for health(); never holds the number, body or token. */
  message: string;
  /** What an administrator should look at, for misconfigured failures. */
  remedy?: string;
}

function classify(err: unknown): Failure {
  if (err instanceof twilio.RestException || isHttpProblem(err)) {
    const status = err.status;
    const code = typeof err.code === 'number' && err.code > 0 ? err.code : undefined;
    const gatewayCode = code ?? status;
    const numberKind = code !== undefined ? NUMBER_CODES[code] : undefined;
    if (numberKind)
      return { kind: numberKind, gatewayCode, transient: false, message: `Twilio refused the number (${code})` };
    if ((code !== undefined && CREDENTIAL_CODES.has(code)) || status === 401 || status === 403) {
      return {
        kind: 'misconfigured',
        gatewayCode,
        transient: false,
        message: `Twilio rejected our credentials (${gatewayCode})`,
        remedy: 'check twilio_sid / twilio_token',
      };
    }
    if (code !== undefined && SENDER_CODES.has(code)) {
      return {
        kind: 'misconfigured',
        gatewayCode,
        transient: false,
        message: `Twilio rejected our sender (${code})`,
        remedy: 'check from_number / messaging_service_sid',
      };
    }
    if (status === 429 || code === 20429 || status >= 500) {
      return {
        kind: 'unavailable',
        gatewayCode,
        transient: true,
        message: `Twilio answered HTTP ${status}${code ? ` (${code})` : ''}`,
      };
    }
    const reference = code !== undefined ? `, code ${code}; see https://www.twilio.com/docs/errors/${code}` : '';
    return {
      kind: 'unavailable',
      gatewayCode,
      transient: false,
      message: `Twilio refused the message (HTTP ${status}${reference})`,
    };
  }
  if (err instanceof UnexpectedHostError)
    return {
      kind: 'misconfigured',
      transient: false,
      message: err.message,
      remedy: 'check TWILIO_EDGE / TWILIO_REGION',
    };
  if (isNetworkError(err)) {
    const code = err.code ?? 'network';
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    return {
      kind: 'unavailable',
      gatewayCode: code,
      transient: true,
      message: timedOut ? 'Twilio did not answer in time' : `Twilio could not be reached (${code})`,
    };
  }
  return {
    kind: 'unavailable',
    transient: false,
    message: `Twilio send failed: ${err instanceof Error ? err.message : String(err)}`,
  };
}

/** The SDK's RFC 9457 error (TwilioServiceException) is not exported; it has the same status and code. */
function isHttpProblem(err: unknown): err is { status: number; code?: unknown } {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number' && !isNetworkError(err);
}

/** Axios errors without a response: timeouts, refused or reset connections, DNS. */
function isNetworkError(err: unknown): err is Error & { code?: string } {
  return err instanceof Error && (err as { isAxiosError?: unknown }).isAxiosError === true;
}

export class TwilioSender implements SmsSender {
  readonly service = 'twilio';
  private readonly config: TwilioSmsSettings;
  private readonly log: Logger;
  private readonly client: twilio.Twilio;
  private readonly http: BaseUrlRequestClient;
  private readonly attempts = new AsyncLocalStorage<AttemptContext>();
  private readonly accountSid: string;
  private readonly state = new HealthState(Date.now, 'ready');
  private closed = false;

  constructor(config: TwilioSmsSettings, logger: Logger) {
    if (!config.twilio_sid || !config.twilio_token) throw new Error('twilio_sms needs twilio_sid and twilio_token');
    if (!config.from_number === !config.messaging_service_sid)
      throw new Error('twilio_sms needs exactly one of from_number or messaging_service_sid');
    this.config = config;
    this.log = logger.child({ provider: 'twilio' });
    this.accountSid = config.twilio_sid;
    this.http = new BaseUrlRequestClient(config.api_base_url, config.timeout_ms, this.attempts);
    this.client = twilio(config.twilio_sid, config.twilio_token, {
      httpClient: this.http,
      // The SDK reads TWILIO_EDGE / TWILIO_REGION as `opts.edge ?? env`, so only a non-nullish value stops
      // them; an empty string is not nullish and makes its getHostname() leave api.twilio.com alone.
      edge: '',
      region: '',
      autoRetry: false,
    });
  }

  async start(): Promise<void> {
    const sender = this.config.from_number ?? `messaging service ${this.config.messaging_service_sid}`;
    const via = this.config.api_base_url === TWILIO_API_ORIGIN ? '' : ` via ${this.config.api_base_url}`;
    this.log.info(`Twilio SMS initialized: account AC…${this.accountSid.slice(-4)}, from ${sender}${via}`);
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    if (this.closed) throw new SmsSendError('unavailable', 'the Twilio sender is closed');
    const params: CreateOptions = this.config.from_number
      ? { to: message.to, body: message.body, from: this.config.from_number }
      : { to: message.to, body: message.body, messagingServiceSid: this.config.messaging_service_sid! };

    for (let attempt = 1; ; attempt++) {
      const context: AttemptContext = {};
      try {
        const created = await this.attempts.run(context, () => this.client.messages.create(params));
        this.state.set('ready');
        this.log.info({ messageSid: created.sid, to: maskForLogs(message.to), attempt }, 'SMS accepted by Twilio');
        return { messageId: created.sid };
      } catch (err) {
        const failure = classify(err);
        if (failure.transient && attempt === 1 && !this.closed) {
          const delayMs = context.retryAfterMs ?? RETRY_BACKOFF_MS;
          if (delayMs <= MAX_RETRY_AFTER_MS) {
            this.log.warn(
              { gatewayCode: failure.gatewayCode, delayMs },
              `${failure.message}; retrying once in ${delayMs} ms`,
            );
            await sleep(delayMs);
            continue;
          }
          this.log.warn(
            { gatewayCode: failure.gatewayCode, retryAfterMs: delayMs },
            `${failure.message}; Retry-After is beyond ${MAX_RETRY_AFTER_MS} ms, not retrying`,
          );
        }
        throw this.fail(failure, message.to);
      }
    }
  }

  health(): GatewayHealth {
    return this.state.get();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.http.destroy();
  }

  private fail(failure: Failure, to: string): SmsSendError {
    const fields = { gatewayCode: failure.gatewayCode, kind: failure.kind };
    if (failure.kind === 'misconfigured') {
      this.state.set('down', failure.message);
      this.log.error(fields, `${failure.message}: ${failure.remedy}`);
    } else if (failure.kind === 'unavailable') {
      this.state.set('down', failure.message);
      this.log.error(fields, failure.message);
    } else {
      // Twilio authenticated us and judged the number: the service itself works.
      this.state.set('ready');
      this.log.warn({ ...fields, to: maskForLogs(to) }, failure.message);
    }
    return new SmsSendError(failure.kind, failure.message, failure.gatewayCode);
  }
}
