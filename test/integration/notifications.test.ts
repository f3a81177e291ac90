// Factor-bound notices as the account's owner receives them: a real mail through nodemailer to the SMTP
// stand-in, a real SMS through the twilio SDK to the Twilio stand-in, over the configured storage. Which
// channels an account has decides where the notice goes; a relay that is down, hangs or refuses costs
// the mail only; nothing attacker-typed can add a recipient or a line of its own; no secret reaches a log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { captureLogs, type LogCapture } from '../helpers/log-capture.js';
import { freePort } from '../helpers/ports.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import { startRp } from '../../demo/rp/app.js';
import { createNotifier } from '../../server/notifications/notifier.js';
import type { FactorBoundNotice, Notifier } from '../../server/notifications/types.js';
import { Audit, createLogger } from '../../server/security/audit.js';
import type { Config } from '../../server/config.js';
import { EmbeddedLogins, passwordSteps } from '../helpers/logins.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { authorizationRequest, RP_ORIGIN } from '../helpers/oidc-client.js';
import { MID_TOTP_STEP, totp } from '../helpers/authenticator-app.js';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
// 2025-03-04 05:06:07 UTC
const AT = Date.UTC(2025, 2, 4, 5, 6, 7);
const FROM = 'no-reply@gluu.test';

describe('factor-bound notices by e-mail and SMS', () => {
  let standIns: StandIns;
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logs: LogCapture;
  let notifier: Notifier;
  const ids: Record<string, string> = {};

  /** A notifier over the backend's store and SMS senders, with `notifications` changed as given. */
  const notifierWith = (notifications: Partial<Config['notifications']> = {}, capture: LogCapture = logs): Notifier => {
    const config = backend.server.config;
    const logger = createLogger('debug', capture.destination);
    return createNotifier({
      config: { ...config, notifications: { ...config.notifications, ...notifications } },
      users: backend.server.store.users,
      smsSenders: backend.server.gateways.sms,
      audit: new Audit(logger),
      logger,
    });
  };
  const notice = (user: string, extra: Partial<FactorBoundNotice> = {}): FactorBoundNotice => ({
    userId: ids[user]!,
    factor: 'otp',
    label: 'Authenticator 2',
    clientName: 'Test RP',
    ip: '203.0.113.7',
    userAgent: FIREFOX_ON_WINDOWS,
    at: AT,
    firstFactor: false,
    ...extra,
  });
  const audited = (capture: LogCapture = logs) => capture.parsed().filter((l) => l.event === 'notice.sent');
  const smsTo = (phone: string) => standIns.inbox.list(phone);

  beforeAll(async () => {
    standIns = await startStandIns();
    smtp = await startSmtpStandIn();
    backend = await startTestBackend({
      config: {
        methods: { twilio_sms: standIns.methods.twilio_sms },
        notifications: { email: { smtp_url: smtp.url, from: FROM, timeout_ms: 3000 }, contact: 'security@example.com' },
      },
    });
    ids.anna = await backend.addUser('anna', 'anna password 1', { email: 'anna@example.com', phone: '+14155552671' });
    ids.mail = await backend.addUser('mailonly', 'mail password 1', { email: 'mail.only@example.com' });
    ids.unverified = await backend.addUser('unverified', 'unverified pw 1', {
      email: 'unverified@example.com',
      phone: '+14155552672',
    });
    await backend.server.store.users.update(ids.unverified, { phoneVerified: false });
    ids.phone = await backend.addUser('phoneonly', 'phone password 1', { phone: '+14155552673' });
    ids.none = await backend.addUser('nochannel', 'none password 1');
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
    await standIns?.close();
  });
  beforeEach(() => {
    logs = captureLogs();
    notifier = notifierWith();
    smtp.inbox.clear();
    standIns.inbox.clear();
  });

  it('mails the address and texts the verified phone of an account that has both, once each', async () => {
    await notifier.factorBound(notice('anna'));

    expect(smtp.inbox.list()).toHaveLength(1);
    const [mail] = smtp.inbox.list('anna@example.com');
    expect(mail).toMatchObject({
      from: FROM,
      to: ['anna@example.com'],
      subject: 'A new sign-in method was added to your account',
    });
    expect(mail!.headers.to).toBe('anna@example.com');
    expect(mail!.text).toContain('Hello anna,');
    expect(mail!.text).toContain('Sign-in method: authenticator app "Authenticator 2"');
    expect(mail!.text).toContain('When:           2025-03-04 05:06 UTC');
    expect(mail!.text).toContain('Browser:        Firefox on Windows');
    expect(mail!.text).toContain('IP address:     203.0.113.7');
    expect(mail!.text).toContain('Application:    Test RP');
    expect(mail!.text).toContain(
      'If it was not you, someone who knows your password added a way to sign in as you. ' +
        'Change your password now and contact security@example.com',
    );
    expect(mail!.html).toContain('<td>Firefox on Windows</td>');

    expect(standIns.inbox.list()).toHaveLength(1);
    const [sms] = smsTo('+14155552671');
    expect(sms).toMatchObject({ via: 'twilio', to: '+14155552671' });
    expect(sms!.body).toBe(
      'Test RP: an authenticator app was added to your account on 2025-03-04 05:06 UTC. ' +
        'Not you? Change your password and contact support.',
    );

    // One line per channel, in whichever order the two deliveries finished.
    expect(audited()).toHaveLength(2);
    expect(audited()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 'success',
          user_id: ids.anna,
          factor: 'otp',
          channel: 'email',
          message_id: expect.any(String),
        }),
        expect.objectContaining({
          outcome: 'success',
          user_id: ids.anna,
          factor: 'otp',
          channel: 'sms',
          provider: 'twilio',
          phone: '+1 ••• ••• •• 71',
        }),
      ]),
    );
    // The audit says that and how, never what: no text of either message, no whole number.
    const lines = logs.lines.join('');
    expect(lines).not.toContain('Authenticator 2');
    expect(lines).not.toContain('+14155552671');
    expect(lines).not.toContain('was added to your account');
  });

  it('mails an account that has only an address, and texts nobody', async () => {
    await notifier.factorBound(notice('mail', { factor: 'passkey', label: 'YubiKey 5C', firstFactor: true }));
    expect(smtp.inbox.list().map((m) => m.to)).toEqual([['mail.only@example.com']]);
    const [mail] = smtp.inbox.list();
    expect(mail!.text).toContain('Sign-in method: passkey or security key "YubiKey 5C"');
    expect(mail!.text).toContain(
      'It is the first second factor on your account: from now on, signing in asks for it as well as your password.',
    );
    expect(standIns.inbox.list()).toEqual([]);
    expect(audited().map((l) => l.channel)).toEqual(['email']);
  });

  it('does not text a phone number that was never verified', async () => {
    await notifier.factorBound(notice('unverified'));
    expect(smsTo('+14155552672')).toEqual([]);
    expect(standIns.inbox.list()).toEqual([]);
    expect(smtp.inbox.list('unverified@example.com')).toHaveLength(1);
    expect(audited().map((l) => l.channel)).toEqual(['email']);
  });

  it('texts an account that has only a verified phone; a new phone is told on that phone', async () => {
    await notifier.factorBound(notice('phone', { factor: 'phone', label: '+1 ••• ••• •• 73' }));
    expect(smsTo('+14155552673').map((m) => m.body)).toEqual([
      'Test RP: a phone number was added to your account on 2025-03-04 05:06 UTC. ' +
        'Not you? Change your password and contact support.',
    ]);
    expect(smtp.inbox.list()).toEqual([]);
  });

  it('texts nobody when notifications.sms is off', async () => {
    await notifierWith({ sms: false }).factorBound(notice('anna'));
    expect(standIns.inbox.list()).toEqual([]);
    expect(smtp.inbox.list('anna@example.com')).toHaveLength(1);
  });

  it('audits a notice that no channel could carry', async () => {
    await notifier.factorBound(notice('none'));
    expect(smtp.inbox.list()).toEqual([]);
    expect(standIns.inbox.list()).toEqual([]);
    expect(audited()).toEqual([
      expect.objectContaining({ outcome: 'failure', reason: 'no_channel', user_id: ids.none, factor: 'otp' }),
    ]);
    expect(audited()[0]).not.toHaveProperty('channel');
  });

  it('with the relay down: resolves, logs a warning and a failed e-mail delivery, still texts the phone', async () => {
    const closed = await freePort();
    await notifierWith({
      email: { ...backend.server.config.notifications.email, smtp_url: `smtp://127.0.0.1:${closed}` },
    }).factorBound(notice('anna'));

    expect(smsTo('+14155552671')).toHaveLength(1);
    expect(smtp.inbox.list()).toEqual([]);
    expect(audited()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'failure', channel: 'email', reason: 'esocket', user_id: ids.anna }),
        expect.objectContaining({ outcome: 'success', channel: 'sms' }),
      ]),
    );
    const warning = logs.parsed().find((l) => l.msg === 'factor notice not sent by e-mail');
    expect(warning).toMatchObject({ level: 40, channel: 'email', reason: 'esocket', user_id: ids.anna });
  });

  it('with a relay that never answers: gives up after timeout_ms and still texts the phone', async () => {
    smtp.failNext(['hang']);
    await notifierWith({ email: { ...backend.server.config.notifications.email, timeout_ms: 500 } }).factorBound(
      notice('anna'),
    );
    expect(smtp.deliveries).toBeGreaterThan(0);
    expect(smtp.inbox.list()).toEqual([]);
    expect(smsTo('+14155552671')).toHaveLength(1);
    expect(audited()).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'failure', channel: 'email', reason: 'timeout' })]),
    );
  });

  it('with a relay that refuses the message: a failed delivery, not an exception', async () => {
    smtp.failNext([{ code: 550, message: '5.7.1 Relaying denied' }]);
    await notifier.factorBound(notice('mail'));
    expect(smtp.inbox.list()).toEqual([]);
    expect(audited()).toEqual([expect.objectContaining({ outcome: 'failure', channel: 'email', reason: 'emessage' })]);
    expect(logs.parsed().find((l) => l.msg === 'factor notice not sent by e-mail')).toMatchObject({
      responseCode: 550,
    });
  });

  it('with the SMS provider failing: the mail still goes, the SMS failure is audited', async () => {
    standIns.twilio.failNext([{ status: 400, code: 21610 }]);
    await notifier.factorBound(notice('anna'));
    expect(smtp.inbox.list('anna@example.com')).toHaveLength(1);
    expect(standIns.inbox.list()).toEqual([]);
    expect(audited()).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'failure', channel: 'sms', provider: 'twilio' })]),
    );
  });

  it('an attacker-typed label or browser cannot add a recipient, a header or a line of its own', async () => {
    const label = 'Key\r\nBcc: attacker@evil.test\r\n\r\nIt was <b>you</b>';
    const userAgent = 'Robot\r\nIP address:     198.51.100.1';
    await notifier.factorBound(notice('anna', { factor: 'passkey', label, userAgent }));

    const [mail] = smtp.inbox.list();
    expect(smtp.inbox.list()).toHaveLength(1);
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.headers).not.toHaveProperty('bcc');
    expect(mail!.text).toContain(
      'Sign-in method: passkey or security key "Key Bcc: attacker@evil.test It was <b>you</b>"',
    );
    expect(mail!.text.split('\n').filter((l) => l.startsWith('Bcc:') || l.trim().startsWith('IP address:'))).toEqual([
      '  IP address:     203.0.113.7',
    ]);
    // A header that names no known browser is not shown in its own words at all.
    expect(mail!.text).toContain('Browser:        an unknown browser');
    expect(mail!.html).not.toContain('<b>you</b>');
    expect(mail!.html).toContain('&lt;b&gt;you&lt;/b&gt;');
    // The SMS names the kind of factor only, never the label.
    expect(smsTo('+14155552671')[0]!.body).not.toContain('attacker');
  });

  it("shows the notice on the demo RP's Mail page, the attacker's markup as text", async () => {
    await notifier.factorBound(notice('mail', { factor: 'passkey', label: '<img src=x onerror=alert(1)>' }));
    const port = await freePort();
    const rp = await startRp({
      port,
      url: `http://localhost:${port}`,
      issuer: backend.issuer,
      clientId: 'test-rp',
      clientSecret: 'unused',
      mailbox: smtp.inbox,
    });
    try {
      const page = await (await fetch(`http://localhost:${port}/mail?to=mail.only%40example.com`)).text();
      expect(page).toContain('<strong>A new sign-in method was added to your account</strong>');
      expect(page).toContain('passkey or security key &quot;&lt;img src=x onerror=alert(1)&gt;&quot;');
      expect(page).not.toContain('<img');
      const listed = (await (await fetch(`http://localhost:${port}/mail/messages`)).json()) as {
        to: string[];
        subject: string;
      }[];
      expect(listed).toEqual([
        expect.objectContaining({
          to: ['mail.only@example.com'],
          subject: 'A new sign-in method was added to your account',
        }),
      ]);
    } finally {
      await rp.close();
    }
  });

  it('logs in to a relay that asks for credentials, and never logs the password', async () => {
    const guarded = await startSmtpStandIn({ accounts: { 'notices@gluu.test': 'p@ss:w/rd relay 1' } });
    try {
      const url = new URL(guarded.url);
      url.username = encodeURIComponent('notices@gluu.test');
      url.password = encodeURIComponent('p@ss:w/rd relay 1');
      await notifierWith({ email: { ...backend.server.config.notifications.email, smtp_url: url.href } }).factorBound(
        notice('mail'),
      );
      expect(guarded.inbox.list('mail.only@example.com')).toEqual([
        expect.objectContaining({ user: 'notices@gluu.test' }),
      ]);

      url.password = 'wrong-password-42';
      const wrong = captureLogs();
      await notifierWith(
        { email: { ...backend.server.config.notifications.email, smtp_url: url.href } },
        wrong,
      ).factorBound(notice('mail'));
      expect(guarded.inbox.list()).toHaveLength(1);
      expect(audited(wrong)).toEqual([
        expect.objectContaining({ outcome: 'failure', channel: 'email', reason: 'eauth' }),
      ]);
      expect(wrong.lines.join('')).not.toContain('wrong-password-42');
      expect(logs.lines.join('')).not.toContain('relay 1');
    } finally {
      await guarded.close();
    }
  });

  it('an account removed before the notice: audited, nothing sent', async () => {
    const id = await backend.addUser('gone', 'gone password 1', { email: 'gone@example.com', phone: '+14155552674' });
    await backend.server.store.users.delete(id);
    await notifier.factorBound({ ...notice('anna'), userId: id });
    expect(smtp.inbox.list()).toEqual([]);
    expect(standIns.inbox.list()).toEqual([]);
    expect(audited()).toEqual([expect.objectContaining({ outcome: 'failure', reason: 'unknown_user', user_id: id })]);
  });
});

describe('the server tells the owner when a sign-in binds a factor', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await startTestBackend({
      config: {
        methods: { otp: { enabled: true, issuer: 'Gluu Test' } },
        enrollment: { first_factor: true },
        notifications: { email: { smtp_url: smtp.url, from: FROM } },
      },
    });
    await backend.addUser('newbie', 'newbie password 1', { email: 'newbie@example.com' });
    await backend.addUser('neu', 'neu password 1', { email: 'neu@example.com' });
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
  });

  it('an authenticator app enrolled after the password alone: the address on the account gets the notice', async () => {
    backend.clock.now = MID_TOTP_STEP;
    const logins = await EmbeddedLogins.discover(backend.issuer);
    const { handle, state: enroll } = await logins.pastPassword('otp', 'newbie', 'newbie password 1');
    if (enroll.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${JSON.stringify(enroll.step)}`);
    expect(smtp.inbox.list()).toEqual([]);

    const done = state(await logins.submitCode(handle, await totp(enroll.step.secret, MID_TOTP_STEP)));
    expect(done.step.kind).toBe('done');
    // The notice goes out beside the sign-in, not before its answer.
    const mail = await smtp.inbox.next('newbie@example.com');
    expect(mail.subject).toBe('A new sign-in method was added to your account');
    expect(mail.text).toContain('Sign-in method: authenticator app');
    expect(mail.text).toContain('Application:    Test RP');
    expect(mail.text).toContain(
      `When:           ${new Date(MID_TOTP_STEP).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );
    expect(mail.text).toContain('It is the first second factor on your account');
    expect(mail.text).not.toContain(enroll.step.secret);
    expect(smtp.inbox.list()).toHaveLength(1);
  });

  it('in the language the sign-in asked for (ui_locales)', async () => {
    backend.clock.now = MID_TOTP_STEP;
    const logins = await EmbeddedLogins.discover(backend.issuer);
    const request = await authorizationRequest(logins.config, { acr_values: 'otp', ui_locales: 'de-AT en' });
    const api = new FlowApi(backend.issuer, RP_ORIGIN);
    const handle = state(await api.start(request.url.href)).flow;
    const enroll = state(await passwordSteps(api, handle, 'neu', 'neu password 1'));
    if (enroll.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${JSON.stringify(enroll.step)}`);
    expect(
      state(await api.act(handle, 'submit', { code: await totp(enroll.step.secret, MID_TOTP_STEP) })).step.kind,
    ).toBe('done');
    const mail = await smtp.inbox.next('neu@example.com');
    expect(mail.subject).toBe('Deinem Konto wurde eine neue Anmeldemethode hinzugefügt');
    expect(mail.text).toContain('Hallo neu,');
    expect(mail.text).toMatch(/^ {2}Anmeldemethode:\s+Authenticator-App "Authenticator 1"$/m);
    expect(mail.text).toMatch(/^ {2}Anwendung:\s+Test RP$/m);
  });
});
