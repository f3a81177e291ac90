// Account-change notices as the owner receives them: real mail through nodemailer to the SMTP stand-in, real
// SMS through the twilio SDK and over SMPP to the stand-ins. Every kind reaches the right recipients (the old
// and the new address when the address changed, the old and the new number when the number did), in the
// flow's language, with a "this wasn't me" path naming the contact and the reset page, and nothing secret
// (no code, no whole number or address of someone else's); each delivery is one audit line; a relay that is
// down costs the mail only, within its timeout. The CLI's administrator commands send theirs before exiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { captureLogs, type LogCapture } from '../helpers/log-capture.js';
import { outcome, startTsx, type Outcome } from '../helpers/processes.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { startSmtpStandIn, type ReceivedMail, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import { createNotifier } from '../../server/notifications/notifier.js';
import { browserKnown, newSignInNotice, type CompletedSignIn } from '../../server/notifications/new-sign-in.js';
import { noticeFrom } from '../../server/notifications/from-flow.js';
import type { MethodContext } from '../../server/flow/types.js';
import type { AccountNotice, NoticeActor, Notifier } from '../../server/notifications/types.js';
import { Audit, createLogger } from '../../server/security/audit.js';
import { DeviceTokens, withDeviceRequest } from '../../server/security/device-trust.js';
import { parseConfig, type Config } from '../../server/config.js';
import { createBackend, type Backend } from '../../server/server.js';
import { addUser } from '../../server/users.js';
import { LANGUAGES } from '../../wire/language-tags.js';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
// 2025-03-04 05:06:07 UTC
const AT = Date.UTC(2025, 2, 4, 5, 6, 7);
const WHEN = '2025-03-04 05:06 UTC';
const FROM = 'no-reply@gluu.test';
const CONTACT = 'security@example.com';
const RESET = 'https://login.example.com/reset';
const ANNA_PHONE = '+14155552671';
const ANNA_OLD_PHONE = '+14155552680';
const SIGN_IN: NoticeActor = {
  type: 'sign_in',
  clientName: 'Test RP',
  ip: '203.0.113.7',
  userAgent: FIREFOX_ON_WINDOWS,
};

type Change<N> = N extends AccountNotice ? Omit<N, 'userId' | 'by' | 'at' | 'lang'> : never;

/** "  When:           2025-..." whatever the padding a language's longest row name needs. */
const row = (name: string, value: string) =>
  new RegExp(`^  ${name}:\\s+${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');

/** No whole phone number (with or without its +) and no address but the masked ones in a text. */
function expectNothingSecret(text: string, phones: string[], addresses: string[] = []) {
  for (const phone of phones) expect(text).not.toContain(phone.slice(1));
  for (const address of addresses) expect(text.toLowerCase()).not.toContain(address.toLowerCase());
}

describe('account notices by e-mail and SMS', () => {
  let standIns: StandIns;
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logs: LogCapture;
  let notifier: Notifier;
  let anna: string;

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
  const notice = (change: Change<AccountNotice>, extra: Partial<AccountNotice> = {}): AccountNotice =>
    ({ ...change, userId: anna, by: SIGN_IN, at: AT, ...extra }) as AccountNotice;
  const audited = (capture: LogCapture = logs) => capture.parsed().filter((l) => l.event === 'notice.sent');
  const mailTo = (to: string) => smtp.inbox.list(to);

  beforeAll(async () => {
    standIns = await startStandIns();
    smtp = await startSmtpStandIn();
    backend = await startTestBackend({
      config: {
        methods: { twilio_sms: standIns.methods.twilio_sms },
        notifications: {
          email: { smtp_url: smtp.url, from: FROM, timeout_ms: 3000 },
          contact: CONTACT,
          reset_url: RESET,
          new_sign_in: true,
        },
      },
    });
    anna = await backend.addUser('anna', 'anna password 1', { email: 'anna@example.com', phone: ANNA_PHONE });
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

  const NOT_YOU = 'Not you? Change your password and contact support.';
  const kinds: {
    change: Change<AccountNotice>;
    subject: string;
    facts: RegExp[];
    threat: string;
    sms?: string;
  }[] = [
    {
      change: { kind: 'password_changed' },
      subject: 'Your password was changed',
      facts: [],
      threat:
        'If it was not you, someone else can sign in as you. ' +
        `Set a new password now at ${RESET} and contact ${CONTACT}.`,
      sms: `Test RP: your password was changed on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'factor_added', factor: 'passkey', label: 'YubiKey 5C' },
      subject: 'A new sign-in method was added to your account',
      facts: [row('Sign-in method', 'passkey or security key "YubiKey 5C"')],
      threat:
        'If it was not you, someone who knows your password added a way to sign in as you. ' +
        `Change your password now at ${RESET} and contact ${CONTACT}, who can remove the sign-in method.`,
      sms: `Test RP: a passkey was added to your account on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'factor_removed', factor: 'otp', label: 'Authenticator 1' },
      subject: 'A sign-in method was removed from your account',
      facts: [row('Sign-in method', 'authenticator app "Authenticator 1"')],
      threat: 'If it was not you, someone who can sign in as you removed one of your ways to sign in.',
      sms: `Test RP: an authenticator app was removed from your account on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'phone_changed', previousPhone: ANNA_OLD_PHONE },
      subject: 'The phone number of your account was changed',
      facts: [row('Phone number', '+1 ••• ••• •• 71'), row('Previous number', '+1 ••• ••• •• 80')],
      threat: 'If it was not you, someone who can sign in as you may be trying to receive your codes.',
      sms: `Test RP: the phone number of your account was changed on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'email_changed', previousEmail: 'old.anna@example.org' },
      subject: 'The e-mail address of your account was changed',
      facts: [row('Address', 'a•••@example.com'), row('Previous address', 'o•••@example.org')],
      threat: 'If it was not you, someone who can sign in as you may be trying to keep you from hearing of it.',
      sms: `Test RP: the e-mail address of your account was changed on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'recovery_code_used', remaining: 7 },
      subject: 'A recovery code was used to sign in to your account',
      facts: [row('Codes left', '7')],
      threat: 'If it was not you, someone has your password and one of your recovery codes.',
      sms: `Test RP: a recovery code was used to sign in to your account on ${WHEN}. ${NOT_YOU}`,
    },
    {
      change: { kind: 'recovery_codes_regenerated', count: 10 },
      subject: 'New recovery codes were made for your account',
      facts: [row('New codes', '10')],
      threat: 'If it was not you, someone who can sign in as you now holds your recovery codes.',
    },
    {
      change: { kind: 'new_sign_in' },
      subject: 'New sign-in to your account',
      facts: [],
      threat: 'If it was not you, someone knows your password.',
    },
  ];

  for (const { change, subject, facts, threat, sms } of kinds) {
    it(`${change.kind}: mail${sms ? ' and SMS' : ' only'}: what, when, where from, what to do if not you`, async () => {
      await notifier.accountChanged(notice(change));

      const [mail] = mailTo('anna@example.com');
      expect(mail).toMatchObject({ from: FROM, to: ['anna@example.com'], subject });
      const text = mail!.text;
      expect(text).toContain('Hello anna,');
      for (const fact of facts) expect(text).toMatch(fact);
      expect(text).toMatch(row('When', WHEN));
      expect(text).toMatch(row('Browser', 'Firefox on Windows'));
      expect(text).toMatch(row('IP address', '203.0.113.7'));
      expect(text).toMatch(row('Application', 'Test RP'));
      expect(text).toContain('If this was you, there is nothing to do.');
      // The "this wasn't me" path: the threat, the reset page, who to turn to, and which service wrote.
      expect(text).toContain(threat);
      expect(text).toContain(RESET);
      expect(text).toContain(CONTACT);
      expect(text).toContain(`Sent automatically by the sign-in service at ${backend.issuer}.`);
      expect(mail!.html).toContain(`<strong>${threat}`);
      expectNothingSecret(`${text}${mail!.html}`, [ANNA_PHONE, ANNA_OLD_PHONE], ['old.anna@example.org']);

      const texts = standIns.inbox.list();
      if (sms) {
        expect(texts.filter((m) => m.to === ANNA_PHONE).map((m) => m.body)).toEqual([sms]);
        expect(sms.length).toBeLessThanOrEqual(160);
        for (const m of texts) expectNothingSecret(m.body, [ANNA_PHONE, ANNA_OLD_PHONE], ['anna@example.com']);
      } else expect(texts).toEqual([]);

      // One line per delivery, naming the notice, never its text.
      const lines = audited();
      expect(lines.length).toBe(smtp.inbox.list().length + texts.length);
      for (const line of lines) expect(line).toMatchObject({ outcome: 'success', user_id: anna, notice: change.kind });
      expect(logs.lines.join('')).not.toContain(subject);
      expect(logs.lines.join('')).not.toContain(ANNA_PHONE);
    });
  }

  it('email_changed: the old address is told too, and the audit says which one was the old', async () => {
    await notifier.accountChanged(notice({ kind: 'email_changed', previousEmail: 'Old.Anna@example.org' }));
    expect(
      smtp.inbox
        .list()
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['Old.Anna@example.org', 'anna@example.com']);
    const [old] = mailTo('old.anna@example.org');
    expect(old!.subject).toBe('The e-mail address of your account was changed');
    // The old address learns which address took its place only masked.
    expect(old!.text).toMatch(row('Address', 'a•••@example.com'));
    expect(old!.text).not.toContain('anna@example.com');
    expect(audited()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', outcome: 'success', recipient: 'previous' }),
        expect.objectContaining({ channel: 'email', outcome: 'success', notice: 'email_changed' }),
      ]),
    );
    expect(audited().filter((l) => l.recipient === 'previous')).toHaveLength(1);
  });

  it('email_changed to the same address (another case) or from none: one mail', async () => {
    await notifier.accountChanged(notice({ kind: 'email_changed', previousEmail: 'ANNA@example.com' }));
    await notifier.accountChanged(notice({ kind: 'email_changed', previousEmail: null }));
    expect(smtp.inbox.list().map((m) => m.to)).toEqual([['anna@example.com'], ['anna@example.com']]);
  });

  it('phone_changed: the old number and the new one are both texted, neither in full', async () => {
    await notifier.accountChanged(notice({ kind: 'phone_changed', previousPhone: ANNA_OLD_PHONE }));
    const texts = standIns.inbox.list();
    expect(texts.map((m) => m.to).sort()).toEqual([ANNA_PHONE, ANNA_OLD_PHONE].sort());
    for (const m of texts) expectNothingSecret(m.body, [ANNA_PHONE, ANNA_OLD_PHONE]);
    expect(audited().filter((l) => l.channel === 'sms')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ phone: '+1 ••• ••• •• 80', recipient: 'previous', provider: 'twilio' }),
        expect.objectContaining({ phone: '+1 ••• ••• •• 71', outcome: 'success' }),
      ]),
    );
  });

  const languages: [string | undefined, string, string, string][] = [
    ['pt-BR', 'Sua senha foi alterada', 'Se não foi você, outra pessoa consegue entrar como você.', 'Não foi você?'],
    ['pt', 'Sua senha foi alterada', 'Se não foi você', 'Altere sua senha e fale com o suporte.'],
    [
      'es-MX',
      'Se cambió tu contraseña',
      'Si no fuiste tú, otra persona puede iniciar sesión como tú.',
      '¿No fuiste tú?',
    ],
    ['fr-CA', 'Votre mot de passe a été modifié', "Si ce n'était pas vous,", 'Pas vous ?'],
    ['de', 'Dein Passwort wurde geändert', 'Wenn du das nicht warst,', 'Nicht du?'],
    ['de-AT', 'Dein Passwort wurde geändert', 'Hallo anna,', 'am 2025-03-04 05:06 UTC geändert'],
    ['ja', 'パスワードが変更されました', 'anna 様', 'お心当たりがない場合は'],
    ['ar-EG', 'تم تغيير كلمة المرور', 'مرحبًا anna،', 'لست أنت؟'],
    ['zh-Hans', '你的密码已更改', 'anna，你好：', '不是你？'],
    ['ru', 'Ваш пароль изменён', 'Здравствуйте, anna!', 'Это не вы?'],
    ['sv', 'Your password was changed', 'Hello anna,', 'Not you?'],
    [undefined, 'Your password was changed', 'Hello anna,', 'Not you?'],
  ];
  for (const [lang, subject, phrase, smsPhrase] of languages) {
    it(`in the flow's language: ${lang ?? 'none'} -> "${subject}"`, async () => {
      await notifier.accountChanged(notice({ kind: 'password_changed' }, { lang }));
      const [mail] = mailTo('anna@example.com');
      expect(mail!.subject).toBe(subject);
      expect(mail!.text).toContain(phrase);
      expect(mail!.text).toContain(RESET);
      expect(mail!.text).toContain(CONTACT);
      expect(mail!.text).toContain(WHEN);
      const [sms] = standIns.inbox.list(ANNA_PHONE);
      expect(sms!.body).toContain(smsPhrase);
      expect(sms!.body.startsWith('Test RP: ')).toBe(true);
    });
  }

  it('every language says every kind, with the reset page and the contact, an SMS within 160 characters', async () => {
    for (const lang of LANGUAGES) {
      for (const { change } of kinds) {
        smtp.inbox.clear();
        standIns.inbox.clear();
        await notifier.accountChanged(notice(change, { lang }));
        const [mail] = mailTo('anna@example.com');
        expect(mail!.text, `${lang} ${change.kind}`).toContain(RESET);
        expect(mail!.text, `${lang} ${change.kind}`).toContain(CONTACT);
        expect(mail!.text, `${lang} ${change.kind}`).toContain(backend.issuer);
        expect(mail!.subject).not.toBe('');
        for (const m of standIns.inbox.list()) expect(m.body.length, `${lang} ${change.kind}`).toBeLessThanOrEqual(160);
      }
    }
  });

  it("an administrator's change says so instead of a browser, and its SMS names the service", async () => {
    await notifier.accountChanged(notice({ kind: 'password_changed' }, { by: { type: 'administrator' } }));
    const [mail] = mailTo('anna@example.com');
    expect(mail!.text).toMatch(row('Changed by', 'an administrator'));
    expect(mail!.text).not.toContain('Browser:');
    expect(mail!.text).not.toContain('Application:');
    expect(mail!.text).toContain(
      'If you did not ask for this change, someone may be trying to take over your account. ' +
        `Set a new password now at ${RESET} and contact ${CONTACT}.`,
    );
    const host = new URL(backend.issuer).host;
    expect(standIns.inbox.list(ANNA_PHONE).map((m) => m.body)).toEqual([
      `${host}: your password was changed on ${WHEN}. ${NOT_YOU}`,
    ]);
  });

  it('without reset_url and contact: the administrator is who sets a new password', async () => {
    await notifierWith({ reset_url: undefined, contact: undefined }).accountChanged(
      notice({ kind: 'password_changed' }),
    );
    const [mail] = mailTo('anna@example.com');
    expect(mail!.text).toContain(
      'If it was not you, someone else can sign in as you. ' +
        'Contact your administrator now: they can set a new password for you.',
    );
    expect(mail!.text).not.toContain('http://login');
  });

  it('texts nobody for a kind that goes by mail only, and nobody at all with notifications.sms off', async () => {
    await notifier.accountChanged(notice({ kind: 'recovery_codes_regenerated', count: 10 }));
    await notifierWith({ sms: false }).accountChanged(notice({ kind: 'factor_removed', factor: 'passkey' }));
    expect(standIns.inbox.list()).toEqual([]);
    expect(smtp.inbox.list()).toHaveLength(2);
  });

  it('with the relay hanging: resolves after timeout_ms, the SMS still goes, the failure is audited', async () => {
    smtp.failNext(['hang']);
    const started = Date.now();
    await notifierWith({ email: { ...backend.server.config.notifications.email, timeout_ms: 500 } }).accountChanged(
      notice({ kind: 'password_changed' }),
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(smtp.inbox.list()).toEqual([]);
    expect(standIns.inbox.list(ANNA_PHONE)).toHaveLength(1);
    expect(audited()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 'failure',
          channel: 'email',
          reason: 'timeout',
          notice: 'password_changed',
        }),
        expect.objectContaining({ outcome: 'success', channel: 'sms', notice: 'password_changed' }),
      ]),
    );
    const warning = logs.parsed().find((l) => l.msg === 'password notice not sent by e-mail');
    expect(warning).toMatchObject({ level: 40, reason: 'timeout', user_id: anna });
  });

  it('an attacker-typed label cannot add a recipient or a line, and never reaches an SMS', async () => {
    const label = 'Key\r\nBcc: attacker@evil.test\r\n\r\nIt was <b>you</b>';
    await notifier.accountChanged(notice({ kind: 'factor_removed', factor: 'passkey', label }));
    const [mail] = smtp.inbox.list();
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.headers).not.toHaveProperty('bcc');
    expect(mail!.text.split('\n').filter((l) => l.startsWith('Bcc:'))).toEqual([]);
    expect(mail!.html).toContain('&lt;b&gt;you&lt;/b&gt;');
    expect(standIns.inbox.list(ANNA_PHONE)[0]!.body).not.toContain('attacker');
  });

  it("noticeFrom(ctx): a method's notice names the flow's user, client, browser, address and language", async () => {
    const ctx = (userId: string | undefined) =>
      ({
        flow: { userId, userAgent: FIREFOX_ON_WINDOWS, lang: 'es' },
        client: { client_id: 'test-rp', client_name: 'Test RP' },
        ip: '203.0.113.7',
        deps: { clock: () => AT },
      }) as unknown as MethodContext;
    expect(noticeFrom(ctx(anna))).toEqual({ userId: anna, by: SIGN_IN, at: AT, lang: 'es' });
    await notifier.accountChanged({ ...noticeFrom(ctx(anna)), kind: 'recovery_code_used', remaining: 3 });
    expect(mailTo('anna@example.com')[0]!.subject).toBe(
      'Se usó un código de recuperación para iniciar sesión en tu cuenta',
    );
    // A flow that has not proven its user: nothing sent, nothing thrown, an audit line.
    smtp.inbox.clear();
    await notifier.accountChanged({ ...noticeFrom(ctx(undefined)), kind: 'recovery_code_used' });
    expect(smtp.inbox.list()).toEqual([]);
    expect(audited().at(-1)).toMatchObject({ outcome: 'failure', notice: 'recovery_code_used' });
  });

  describe('a new sign-in from a browser the account has not signed in from', () => {
    const days = () => backend.server.config.lockout.device_token_days;
    const deps = (newSignIn = true) => ({
      config: {
        ...backend.server.config,
        notifications: { ...backend.server.config.notifications, new_sign_in: newSignIn },
      },
      sealer: backend.server.sealer,
      clock: Date.now,
      notifier,
    });
    const signIn = (extra: Partial<CompletedSignIn> = {}): CompletedSignIn => ({
      userId: anna,
      placement: 'embedded',
      amr: ['pwd'],
      knownBrowser: false,
      clientName: 'Test RP',
      ip: '198.51.100.23',
      userAgent: FIREFOX_ON_WINDOWS,
      lang: 'fr',
      at: AT,
      ...extra,
    });

    it("knows a browser by the device token of the account it presents, not by another account's", async () => {
      const tokens = new DeviceTokens(backend.server.sealer, days() * 86_400, Date.now);
      const own = tokens.issue(anna);
      const other = tokens.issue('someone-else');
      expect(await withDeviceRequest(own, async () => browserKnown(deps(), anna))).toBe(true);
      expect(await withDeviceRequest(other, async () => browserKnown(deps(), anna))).toBe(false);
      expect(await withDeviceRequest('forged', async () => browserKnown(deps(), anna))).toBe(false);
      expect(await withDeviceRequest(undefined, async () => browserKnown(deps(), anna))).toBe(false);
      expect(browserKnown(deps(), anna)).toBe(false);
    });

    it("mails the owner, in the flow's language, only for a password sign-in from an unknown browser", async () => {
      await newSignInNotice(deps(), signIn());
      const [mail] = mailTo('anna@example.com');
      expect(mail!.subject).toBe('Nouvelle connexion à votre compte');
      expect(mail!.text).toMatch(row('Navigateur', 'Firefox sur Windows'));
      expect(mail!.text).toMatch(row('Adresse IP', '198.51.100.23'));
      expect(mail!.text).toContain(RESET);
      expect(standIns.inbox.list()).toEqual([]);

      smtp.inbox.clear();
      await newSignInNotice(deps(), signIn({ knownBrowser: true }));
      await newSignInNotice(deps(), signIn({ amr: ['hwk'] }));
      await newSignInNotice(deps(), signIn({ placement: 'api' }));
      await newSignInNotice(deps(false), signIn());
      await notifierWith({ new_sign_in: false }).accountChanged(notice({ kind: 'new_sign_in' }));
      expect(smtp.inbox.list()).toEqual([]);
    });
  });
});

describe('notices over SMPP', () => {
  let standIns: StandIns;
  let backend: TestBackend;
  let notifier: Notifier;

  beforeAll(async () => {
    standIns = await startStandIns();
    backend = await startTestBackend({ config: { methods: { smpp: standIns.methods.smpp } } });
    notifier = backend.server.notifier;
  });
  afterAll(async () => {
    await backend?.close();
    await standIns?.close();
  });

  it('texts both numbers of a changed phone through the SMSC, accented text included', async () => {
    const id = await backend.addUser('bruna', 'bruna password 1', { phone: '+5511987654321' });
    await notifier.accountChanged({
      kind: 'phone_changed',
      userId: id,
      previousPhone: '+5511912345678',
      by: { type: 'administrator' },
      at: AT,
      lang: 'pt-BR',
    });
    const host = new URL(backend.issuer).host;
    const body =
      `${host}: o número de telefone da sua conta foi alterado em ${WHEN}. ` +
      'Não foi você? Altere sua senha e fale com o suporte.';
    expect((await standIns.inbox.next('+5511987654321')).body).toBe(body);
    expect((await standIns.inbox.next('+5511912345678')).body).toBe(body);
    expect(standIns.inbox.list().every((m) => m.via === 'smpp')).toBe(true);
    const lines = backend.logs.filter((l) => l.event === 'notice.sent');
    expect(lines).toEqual([
      expect.objectContaining({ channel: 'sms', provider: 'smpp', outcome: 'success', notice: 'phone_changed' }),
      expect.objectContaining({ channel: 'sms', provider: 'smpp', outcome: 'success', recipient: 'previous' }),
    ]);
  });
});

describe("the CLI tells the user of an administrator's change before it exits", () => {
  let standIns: StandIns;
  let smtp: SmtpStandIn;
  let dataDir: string;
  const ids: Record<string, string> = {};
  const ISSUER = 'https://login.example.com';

  const cli = (args: string[], stdin = '', env: Record<string, string> = {}): Promise<Outcome> =>
    outcome(
      startTsx(['server/bin.ts', ...args], {
        GLUU_DATA_DIR: dataDir,
        GLUU_ISSUER: ISSUER,
        GLUU_LOG_LEVEL: 'warn',
        GLUU__NOTIFICATIONS__EMAIL__SMTP_URL: smtp.url,
        GLUU__NOTIFICATIONS__EMAIL__FROM: FROM,
        GLUU__NOTIFICATIONS__CONTACT: CONTACT,
        GLUU__METHODS__TWILIO_SMS: JSON.stringify(standIns.methods.twilio_sms),
        ...env,
      }),
      stdin,
    );

  async function inDatabase<T>(use: (backend: Backend) => Promise<T>): Promise<T> {
    const backend = await createBackend(parseConfig({ data_dir: dataDir }), { logger: createLogger('silent') });
    try {
      return await use(backend);
    } finally {
      await backend.store.close();
    }
  }

  const mailOf = async (to: string): Promise<ReceivedMail> => {
    const list = smtp.inbox.list(to);
    expect(list, `mail to ${to}`).toHaveLength(1);
    return list[0]!;
  };

  beforeAll(async () => {
    standIns = await startStandIns();
    smtp = await startSmtpStandIn();
    dataDir = mkdtempSync(path.join(tmpdir(), 'gluu-login-notices-cli-'));
    await inDatabase(async (b) => {
      const users: [string, string][] = [
        ['bob', '+14155552681'],
        ['carol', '+14155552682'],
        ['dave', '+14155552683'],
        ['erin', '+14155552684'],
        ['frank', '+14155552685'],
        ['gina', '+14155552686'],
        ['hank', '+14155552687'],
      ];
      for (const [username, phone] of users) {
        ids[username] = (
          await addUser(b, { username, password: `${username} password 1`, email: `${username}@example.com`, phone })
        ).id;
      }
      await b.store.credentials.add({
        id: 'otp-1',
        userId: ids.carol!,
        type: 'totp',
        sealedData: b.sealer.seal(JSON.stringify({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }), 'credential:otp-1'),
        metadata: { algorithm: 'sha1', digits: 6, period: 30, device: 'Authenticator 1' },
        counter: 0,
      });
      await b.store.credentials.add({
        id: 'key-1',
        userId: ids.dave!,
        type: 'webauthn',
        sealedData: b.sealer.seal('{}', 'credential:key-1'),
        metadata: { name: 'YubiKey 5C' },
        counter: 0,
      });
    });
  });
  afterAll(async () => {
    await smtp?.close();
    await standIns?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('set-password, reset-otp, remove-credential, set-phone and remove-phone each send their notice', async () => {
    const [password, otp, credential, phone, removed, german] = await Promise.all([
      cli(['user', 'set-password', 'bob'], 'a brand new password\n'),
      cli(['user', 'reset-otp', 'carol']),
      cli(['user', 'remove-credential', 'dave', 'key-1']),
      cli(['user', 'set-phone', 'erin', '+14155552694']),
      cli(['user', 'remove-phone', 'frank']),
      cli(['user', 'set-password', 'gina', '--lang', 'de'], 'a brand new password\n'),
    ]);
    // stdout is the command's own line, nothing of the notice.
    expect(password).toMatchObject({ code: 0, stdout: 'password of bob changed\n' });
    expect(otp).toMatchObject({
      code: 0,
      stdout: 'removed 1 OTP device(s) of carol; the next sign-in enrolls again\n',
    });
    expect(credential).toMatchObject({ code: 0, stdout: 'removed credential key-1 of dave\n' });
    expect(phone).toMatchObject({ code: 0, stdout: 'phone of erin set to +14155552694 (verified)\n' });
    expect(removed).toMatchObject({ code: 0, stdout: 'phone of frank removed\n' });
    expect(german).toMatchObject({ code: 0, stdout: 'password of gina changed\n' });
    for (const run of [password, otp, credential, phone, removed, german]) expect(run.stderr).toBe('');

    const bob = await mailOf('bob@example.com');
    expect(bob.subject).toBe('Your password was changed');
    expect(bob.text).toMatch(row('Changed by', 'an administrator'));
    expect(bob.text).toContain(`Contact ${CONTACT} now: they can set a new password for you.`);
    expect(bob.text).toContain(`Sent automatically by the sign-in service at ${ISSUER}.`);
    expect(standIns.inbox.list('+14155552681').map((m) => m.body)).toEqual([
      expect.stringMatching(
        /^login\.example\.com: your password was changed on \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Not you\?/,
      ),
    ]);

    const carol = await mailOf('carol@example.com');
    expect(carol.subject).toBe('A sign-in method was removed from your account');
    expect(carol.text).toMatch(row('Sign-in method', 'authenticator app "Authenticator 1"'));
    expect(carol.text).not.toContain('JBSWY3DP');
    expect(standIns.inbox.list('+14155552682')[0]!.body).toContain(
      'an authenticator app was removed from your account',
    );

    const dave = await mailOf('dave@example.com');
    expect(dave.text).toMatch(row('Sign-in method', 'passkey or security key "YubiKey 5C"'));
    expect(standIns.inbox.list('+14155552683')[0]!.body).toContain('a passkey was removed from your account');

    // The new number and the one it replaced are both told; the mail shows them masked.
    const erin = await mailOf('erin@example.com');
    expect(erin.text).toMatch(row('Phone number', '+1 ••• ••• •• 94'));
    expect(erin.text).toMatch(row('Previous number', '+1 ••• ••• •• 84'));
    expectNothingSecret(erin.text, ['+14155552694', '+14155552684']);
    expect(standIns.inbox.list('+14155552694')).toHaveLength(1);
    expect(standIns.inbox.list('+14155552684')).toHaveLength(1);

    // A removed number hears of it on that number; the mail says the account has none.
    const frank = await mailOf('frank@example.com');
    expect(frank.subject).toBe('The phone number of your account was changed');
    expect(frank.text).toMatch(row('Phone number', 'none'));
    expect(frank.text).toMatch(row('Previous number', '+1 ••• ••• •• 85'));
    expect(standIns.inbox.list('+14155552685')[0]!.body).toContain('the phone number of your account was changed');

    const gina = await mailOf('gina@example.com');
    expect(gina.subject).toBe('Dein Passwort wurde geändert');
    expect(gina.text).toMatch(row('Geändert von', 'ein Administrator'));
    expect(standIns.inbox.list('+14155552686')[0]!.body).toContain('dein Passwort wurde am');
  }, 120_000);

  it('a relay that hangs delays the command by its timeout only, and stdout stays clean', async () => {
    smtp.failNext(['hang']);
    const started = Date.now();
    const run = await cli(['user', 'set-password', 'hank'], 'a brand new password\n', {
      GLUU__NOTIFICATIONS__EMAIL__TIMEOUT_MS: '1000',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('password of hank changed\n');
    expect(run.stderr).toContain('password notice not sent by e-mail');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(smtp.inbox.list('hank@example.com')).toEqual([]);
    expect(standIns.inbox.list('+14155552687')).toHaveLength(1);
    expect((await inDatabase((b) => b.store.users.findById(ids.hank!)))?.passwordHash).toMatch(/^\$argon2id/);
  }, 60_000);

  it('a command that changes nothing tells nobody', async () => {
    smtp.inbox.clear();
    standIns.inbox.clear();
    const again = await cli(['user', 'remove-phone', 'frank']);
    expect(again).toMatchObject({ code: 0, stdout: 'phone of frank removed\n' });
    const missing = await cli(['user', 'remove-credential', 'dave', 'no-such-key']);
    expect(missing.code).toBe(2);
    expect(smtp.inbox.list()).toEqual([]);
    expect(standIns.inbox.list()).toEqual([]);
  }, 60_000);
});
