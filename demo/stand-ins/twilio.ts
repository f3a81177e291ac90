// A local stand-in for Twilio's Messages API (2010-04-01), faithful enough that the official `twilio` SDK
// cannot tell it from api.twilio.com: Basic auth with an account SID and token, form-encoded bodies,
// Twilio's JSON for messages and errors (the legacy {code, message, more_info, status} shape, which the
// SDK turns into a RestException), and the test-credential magic numbers. Accepted messages land in the
// demo's PhoneInbox; failNext() scripts outages for the tests.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { basicCredentials, sameSecret } from './basic-auth.js';
import type { PhoneInbox } from './inbox.js';
import { serveHttp } from './listen.js';
import { readBody } from './request-body.js';

/** An answer to put in place of normal service: an HTTP error with Twilio's JSON, or no answer at all. */
export type TwilioScriptedAnswer = { status: number; code?: number; retryAfter?: number } | 'hang';

export interface TwilioStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Account SID ("AC…") -> auth token. */
  accounts: Record<string, string>;
  inbox: PhoneInbox;
}

export interface TwilioStandIn {
  readonly port: number;
  /** What to give the sender as api_base_url. */
  readonly url: string;
  /** Every POST received, whatever it was answered. */
  readonly requests: number;
  /** The next requests get these answers, one each, in order; then normal service resumes. */
  failNext(answers: TwilioScriptedAnswer[]): void;
  close(): Promise<void>;
}

const API_VERSION = '2010-04-01';
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{6,14}$/;
// Twilio also accepts alphanumeric sender IDs where the destination country allows them.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const MAX_BODY_CHARS = 1600;
// Far above what a form with a 1600-character Body can need; anything larger is not a Twilio client.
const MAX_REQUEST_BYTES = 64 * 1024;

class TwilioError {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly message: string,
  ) {}
}

/** Twilio's own wording for the test-credential magic numbers. */
const MAGIC_TO: Record<string, (to: string, from: string) => TwilioError> = {
  '+15005550001': (to) => new TwilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
  '+15005550002': (to, from) =>
    new TwilioError(
      400,
      21612,
      `The 'To' phone number: ${to}, is not currently reachable using the 'From' phone number: ${from} via SMS.`,
    ),
  '+15005550003': (to) =>
    new TwilioError(
      400,
      21408,
      `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
    ),
  '+15005550004': () => new TwilioError(400, 21610, 'Attempt to send to unsubscribed recipient'),
  '+15005550009': () => new TwilioError(400, 21614, "'To' number is not a valid mobile number"),
};
const MAGIC_FROM: Record<string, (from: string) => TwilioError> = {
  '+15005550001': (from) =>
    new TwilioError(
      400,
      21212,
      `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
    ),
};

const SCRIPTED_MESSAGES: Record<number, string> = {
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  20503: 'Service Unavailable',
};

// GSM 03.38: the basic set costs one septet, the extension table two (escape + char).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** How many SMS parts the body takes: 160 GSM-7 septets or 70 UCS-2 units in one, 153 / 67 per part beyond. */
export function segmentCount(body: string): number {
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENSION.has(ch)) septets += 2;
    else {
      const units = body.length; // UTF-16 code units, as UCS-2 counts them
      return units <= 70 ? 1 : Math.ceil(units / 67);
    }
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

/** RFC 2822 the way Twilio writes it: "Thu, 30 Jul 2015 20:12:31 +0000". */
function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Twilio-Request-Id': `RQ${hex(16)}`,
    ...headers,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: TwilioError, headers: Record<string, string> = {}): void {
  // Only the legacy fields: a body with `type` and `title` makes the SDK throw TwilioServiceException instead.
  const body: Record<string, unknown> = { message: error.message, more_info: null, status: error.status };
  if (error.code !== undefined) {
    body.code = error.code;
    body.more_info = `https://www.twilio.com/docs/errors/${error.code}`;
  }
  sendJson(res, error.status, body, headers);
}

export async function startTwilioStandIn(options: TwilioStandInOptions): Promise<TwilioStandIn> {
  const scripted: TwilioScriptedAnswer[] = [];
  let requests = 0;

  const createMessage = (
    accountSid: string,
    form: URLSearchParams,
  ): { status: 201; body: Record<string, unknown> } | TwilioError => {
    const to = form.get('To');
    const from = form.get('From') || undefined;
    const serviceSid = form.get('MessagingServiceSid') || undefined;
    const text = form.get('Body') ?? '';

    if (!to) return new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return new TwilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !serviceSid) return new TwilioError(400, 21603, "A 'From' phone number is required.");
    if (from) {
      const magic = MAGIC_FROM[from];
      if (magic) return magic(from);
      if (!E164.test(from) && !ALPHANUMERIC_SENDER.test(from)) {
        return new TwilioError(
          400,
          21212,
          `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
        );
      }
    } else if (!MESSAGING_SERVICE_SID.test(serviceSid!)) {
      return new TwilioError(400, 21701, `The Messaging Service Sid ${serviceSid} is invalid.`);
    }
    const magicTo = MAGIC_TO[to];
    if (magicTo) return magicTo(to, from ?? serviceSid!);
    if (text === '') return new TwilioError(400, 21602, 'Message body is required.');
    if (text.length > MAX_BODY_CHARS)
      return new TwilioError(
        400,
        21617,
        `The concatenated message body exceeds the ${MAX_BODY_CHARS} character limit.`,
      );

    const sid = `SM${hex(16)}`;
    const now = new Date();
    const created = rfc2822(now);
    const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
    options.inbox.add({
      id: sid,
      via: 'twilio',
      to,
      from: from ?? serviceSid!,
      body: text,
      receivedAt: now.toISOString(),
      raw: Object.fromEntries(form),
    });
    return {
      status: 201,
      body: {
        account_sid: accountSid,
        api_version: API_VERSION,
        body: text,
        date_created: created,
        date_sent: null,
        date_updated: created,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: from ?? null,
        messaging_service_sid: serviceSid ?? null,
        num_media: '0',
        num_segments: String(segmentCount(text)),
        price: null,
        price_unit: 'USD',
        sid,
        status: 'queued',
        subresource_uris: { media: `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}/Media.json` },
        to,
        uri,
      },
    };
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (req.method !== 'POST') {
      req.resume();
      sendError(res, new TwilioError(405, 20004, 'Method not allowed'), { Allow: 'POST' });
      return;
    }
    requests += 1;

    const answer = scripted.shift();
    if (answer === 'hang') {
      req.resume();
      return;
    }
    if (answer) {
      req.resume();
      const message =
        (answer.code !== undefined && SCRIPTED_MESSAGES[answer.code]) || http.STATUS_CODES[answer.status] || 'Error';
      const headers: Record<string, string> =
        answer.retryAfter !== undefined ? { 'Retry-After': String(answer.retryAfter) } : {};
      sendError(res, new TwilioError(answer.status, answer.code, message), headers);
      return;
    }

    const route = MESSAGES_PATH.exec(path);
    if (!route) {
      req.resume();
      sendError(res, new TwilioError(404, 20404, `The requested resource ${path} was not found`));
      return;
    }
    const accountSid = route[1]!;
    const credentials = basicCredentials(req.headers.authorization);
    const token = options.accounts[accountSid];
    if (
      !credentials ||
      credentials.user !== accountSid ||
      token === undefined ||
      !sameSecret(credentials.password, token)
    ) {
      req.resume();
      sendError(res, new TwilioError(401, 20003, 'Authenticate'), { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
      return;
    }

    const raw = await readBody(req, MAX_REQUEST_BYTES);
    if (raw === undefined) {
      sendError(res, new TwilioError(413, undefined, 'Request Entity Too Large'), { Connection: 'close' });
      return;
    }
    const outcome = createMessage(accountSid, new URLSearchParams(raw));
    if (outcome instanceof TwilioError) sendError(res, outcome);
    else sendJson(res, outcome.status, outcome.body);
  };

  const server = await serveHttp(options, handle, (res) =>
    sendError(res, new TwilioError(500, 20500, 'An internal server error has occurred')),
  );

  return {
    port: server.port,
    url: server.url,
    get requests() {
      return requests;
    },
    failNext(answers) {
      scripted.push(...answers);
    },
    close: server.close,
  };
}
