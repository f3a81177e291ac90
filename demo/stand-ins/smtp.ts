// A local stand-in for a mail relay: a real SMTP server (the `smtp-server` package) that nodemailer cannot
// tell from a relay on the internet, keeping every message it accepts in a MailInbox, the demo's mailbox
// (shown on the demo RP's Mail page) and the tests'. Plain SMTP without STARTTLS, optionally with AUTH
// (PLAIN / LOGIN) against the accounts it is given; failNext() scripts refusals and a relay that hangs.
import { randomBytes } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from 'pino';
import { listen } from './listen.js';
import { Inbox } from './inbox.js';

export interface ReceivedMail {
  id: string;
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO): who the mail really goes to, whatever the To: header says. */
  to: string[];
  /** Decoded (RFC 2047). */
  subject: string;
  /** The text/plain part, decoded, with "\n" line ends. */
  text: string;
  /** The text/html part, decoded, when there is one. */
  html?: string;
  /** Every header of the message, names in lower case, values unfolded and decoded. */
  headers: Record<string, string>;
  /** The account that logged in (AUTH), when the stand-in asks for one. */
  user?: string;
  receivedAt: string;
}

/** Every mail the stand-in accepted: the "mailbox" a person running the demo reads. */
export class MailInbox extends Inbox<ReceivedMail> {
  constructor() {
    // To an envelope recipient (RCPT TO), case-insensitive, whatever the To: header says.
    super((m, to) => m.to.some((rcpt) => rcpt.toLowerCase() === to.toLowerCase()), 'mail');
  }
}

/** An answer to put in place of accepting the next message: an SMTP error reply, or none at all. */
export type SmtpScriptedAnswer = { code: number; message?: string } | 'hang';

export interface SmtpStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** user -> password; when given, AUTH is required. */
  accounts?: Record<string, string>;
  inbox?: MailInbox;
  logger?: Logger;
}

export interface SmtpStandIn {
  readonly port: number;
  /** What to give notifications.email.smtp_url (no credentials). */
  readonly url: string;
  readonly inbox: MailInbox;
  /** Messages offered (DATA), whatever they were answered. */
  readonly deliveries: number;
  /** The next messages get these answers, one each, in order; then normal service resumes. */
  failNext(answers: SmtpScriptedAnswer[]): void;
  close(): Promise<void>;
}

// Far above a notice; anything larger is not what this stand-in is for.
const MAX_MESSAGE_BYTES = 1024 * 1024;

// --- Reading the message: just enough MIME (RFC 2045-2047) for what mail clients send ---

interface MimeEntity {
  headers: Map<string, string>;
  body: Buffer;
}

/** Headers (unfolded, names in lower case, first occurrence wins) and the body's bytes. */
function parseEntity(raw: Buffer): MimeEntity {
  // latin1 maps each byte to one character, so string offsets are byte offsets.
  const text = raw.toString('latin1');
  const gap = /\r?\n\r?\n/.exec(text);
  const head = text.slice(0, gap ? gap.index : text.length).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(gap ? gap.index + gap[0].length : raw.length) };
}

function headerParam(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeTransfer(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable': {
      const text = body.toString('latin1').replace(/=\r?\n/g, '');
      const bytes: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const hex = text.slice(i + 1, i + 3);
        if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else bytes.push(text.charCodeAt(i));
      }
      return Buffer.from(bytes);
    }
    default:
      return body;
  }
}

function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded words ("=?UTF-8?Q?...?="); whitespace between two of them is not part of the text. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, encoding: string, data: string) =>
      decodeCharset(
        encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : decodeTransfer(Buffer.from(data.replace(/_/g, ' '), 'latin1'), 'quoted-printable'),
        charset,
      ),
    );
}

/** The parts between the boundary lines of a multipart body. */
function multipartParts(body: Buffer, boundary: string): Buffer[] {
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let current: string[] | undefined;
  for (const line of body.toString('latin1').split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
      if (trimmed !== delimiter) break;
      current = [];
    } else current?.push(line);
  }
  return parts;
}

/** The first text/plain and text/html parts, depth first. */
function collectText(entity: MimeEntity, found: { text?: string; html?: string }): void {
  const type = entity.headers.get('content-type') ?? 'text/plain';
  const mime = type.split(';')[0]!.trim().toLowerCase();
  if (mime.startsWith('multipart/')) {
    const boundary = headerParam(type, 'boundary');
    if (boundary) for (const part of multipartParts(entity.body, boundary)) collectText(parseEntity(part), found);
    return;
  }
  if (mime !== 'text/plain' && mime !== 'text/html') return;
  const decoded = decodeCharset(
    decodeTransfer(entity.body, entity.headers.get('content-transfer-encoding')),
    headerParam(type, 'charset'),
  ).replace(/\r\n/g, '\n');
  if (mime === 'text/plain') found.text ??= decoded;
  else found.html ??= decoded;
}

export function readMail(raw: Buffer, envelope: { from: string; to: string[]; user?: string }): ReceivedMail {
  const entity = parseEntity(raw);
  const found: { text?: string; html?: string } = {};
  collectText(entity, found);
  const headers = Object.fromEntries([...entity.headers].map(([name, value]) => [name, decodeWords(value)]));
  return {
    id: randomBytes(8).toString('hex'),
    from: envelope.from,
    to: envelope.to,
    subject: headers.subject ?? '',
    text: found.text ?? '',
    ...(found.html === undefined ? {} : { html: found.html }),
    headers,
    ...(envelope.user === undefined ? {} : { user: envelope.user }),
    receivedAt: new Date().toISOString(),
  };
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSmtpStandIn(options: SmtpStandInOptions = {}): Promise<SmtpStandIn> {
  const inbox = options.inbox ?? new MailInbox();
  const scripted: SmtpScriptedAnswer[] = [];
  const accounts = options.accounts;
  const host = options.host ?? '127.0.0.1';
  let deliveries = 0;

  const accept = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const raw = await readStream(stream);
    // smtp-server stops reading past `size` and says so; the client gets 552, as from a real relay.
    if (stream.sizeExceeded)
      throw smtpError(552, `Message exceeds the fixed maximum message size of ${MAX_MESSAGE_BYTES} bytes`);
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const to = session.envelope.rcptTo.map((r) => r.address);
    const user = typeof session.user === 'string' ? session.user : undefined;
    inbox.add(readMail(raw, { from, to, ...(user === undefined ? {} : { user }) }));
  };

  const server = new SMTPServer({
    banner: 'gluu-login demo SMTP stand-in',
    logger: false,
    // No TLS: the demo's relay is on localhost (a real relay is reached with smtps:// or STARTTLS).
    disabledCommands: accounts ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    authOptional: !accounts,
    size: MAX_MESSAGE_BYTES,
    // Connections left hanging by failNext('hang') must not hold close() for the default 30 s.
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      const password = accounts?.[auth.username ?? ''];
      if (password === undefined || auth.password !== password)
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      deliveries += 1;
      const answer = scripted.shift();
      if (answer === 'hang') {
        stream.resume();
        return;
      }
      if (answer) {
        stream.resume();
        stream.once('end', () =>
          callback(
            smtpError(
              answer.code,
              answer.message ?? (answer.code >= 500 ? '5.7.1 Message rejected' : '4.3.0 Try again later'),
            ),
          ),
        );
        return;
      }
      accept(stream, session).then(
        () => callback(),
        (err: unknown) =>
          callback(
            err instanceof Error && 'responseCode' in err ? err : smtpError(451, '4.3.0 Local error in processing'),
          ),
      );
    },
  });
  // A client that resets its connection is an 'error' of the server; not one that should end the demo.
  server.on('error', (err) => options.logger?.warn({ err }, 'SMTP stand-in: connection error'));

  const port = await listen(server.server, options.port ?? 0, host);
  return {
    port,
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    inbox,
    get deliveries() {
      return deliveries;
    },
    failNext(answers) {
      scripted.push(...answers);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
