// The mail relay's health as /healthz reports it, against the real SMTP stand-in through nodemailer:
// verify() at start, a relay that stops answering found out by the next delivery, a message the relay
// refuses told apart from an outage, and a relay that comes back marked ready again.
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { MailRelay } from '../../server/gateways/mail-relay.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import { freePort } from '../helpers/ports.js';

const logger = pino({ level: 'silent' });
const content = { subject: 'Hello', text: 'Hello there', html: '<p>Hello there</p>' };
const settings = (url: string) => ({
  smtp_url: url,
  from: 'no-reply@example.com',
  require_tls: false,
  timeout_ms: 2000,
});

let relay: MailRelay | undefined;
let smtp: SmtpStandIn | undefined;
afterEach(async () => {
  await relay?.close();
  await smtp?.close();
  relay = smtp = undefined;
});

describe('the mail relay gateway', () => {
  it('is ready once verify() succeeds, and stays ready when the relay refuses one message', async () => {
    smtp = await startSmtpStandIn();
    relay = new MailRelay(settings(smtp.url), logger);
    expect(relay.health().state).toBe('connecting');
    await relay.start();
    expect(relay.health()).toMatchObject({ state: 'ready' });
    expect(smtp.deliveries).toBe(0); // verify() sends nothing

    smtp.failNext([{ code: 550, message: '5.1.1 No such mailbox' }]);
    await expect(relay.send('gone@example.com', content)).rejects.toThrow(/550/);
    await expect.poll(() => relay!.health().state).toBe('ready');
    await relay.send('here@example.com', content);
    expect(smtp.inbox.list('here@example.com')).toHaveLength(1);
  });

  it('is down when the relay stops answering, and ready again when it is back', async () => {
    const port = await freePort();
    smtp = await startSmtpStandIn({ port });
    relay = new MailRelay(settings(smtp.url), logger);
    await relay.start();
    expect(relay.health().state).toBe('ready');

    await smtp.close();
    smtp = undefined;
    await expect(relay.send('anyone@example.com', content)).rejects.toThrow();
    await expect.poll(() => relay!.health().state).toBe('down');
    expect(relay.health().detail).toContain('ECONNREFUSED');

    // Checked again after a pause (5 s at first): the relay that came back is found without any delivery.
    smtp = await startSmtpStandIn({ port });
    await expect.poll(() => relay!.health().state, { timeout: 8000, interval: 200 }).toBe('ready');
  });
});
