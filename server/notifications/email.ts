// Mail through the configured relay (nodemailer's SMTP transport). Every message opens its own connection:
// notices are rare, and a pool would hold a socket to the relay open for nothing. Each delivery is bounded
// by timeout_ms as a whole, on top of nodemailer's own connect / greeting / reply timeouts.
import nodemailer from 'nodemailer';
import type { NotificationSettings } from '../config.js';
import type { MailContent } from './mail-text.js';
import { withDeadline } from './deadline.js';

export type EmailSettings = NotificationSettings['email'];

export interface MailReceipt {
  messageId: string;
}

export interface MailSender {
  send(to: string, content: MailContent): Promise<MailReceipt>;
}

/** Transport options from smtp_url, taken apart here so that no query string can set anything else. */
function transportOptions(settings: EmailSettings & { smtp_url: string }) {
  const url = new URL(settings.smtp_url);
  const secure = url.protocol === 'smtps:';
  const ms = settings.timeout_ms;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && settings.require_tls,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: ms,
    greetingTimeout: ms,
    socketTimeout: ms,
    dnsTimeout: ms,
    // nodemailer's own logger would write the SMTP dialogue (AUTH included) to the console.
    logger: false,
    debug: false,
  };
}

/** Undefined when no relay is configured: then notices go by SMS only. */
export function createMailSender(settings: EmailSettings): MailSender | undefined {
  if (!settings.smtp_url || !settings.from) return undefined;
  const transport = nodemailer.createTransport(transportOptions({ ...settings, smtp_url: settings.smtp_url }));
  const from = settings.from;
  return {
    async send(to, content) {
      const info = await withDeadline(
        transport.sendMail({ from, to, subject: content.subject, text: content.text, html: content.html }),
        settings.timeout_ms,
        `the mail relay did not accept the message within ${settings.timeout_ms} ms`,
      );
      return { messageId: info.messageId };
    },
  };
}

/**
 * Asks the relay whether it would take mail, sending none (nodemailer's verify(): connect, greeting, TLS and
 * AUTH as configured), within timeout_ms; rejects with the reason. For the relay's health (server/gateways/).
 */
export async function verifyMailRelay(settings: EmailSettings): Promise<void> {
  if (!settings.smtp_url) throw new Error('no mail relay is configured (notifications.email.smtp_url)');
  const transport = nodemailer.createTransport(transportOptions({ ...settings, smtp_url: settings.smtp_url }));
  try {
    await withDeadline(
      transport.verify(),
      settings.timeout_ms,
      `the mail relay did not answer within ${settings.timeout_ms} ms`,
    );
  } finally {
    transport.close();
  }
}
