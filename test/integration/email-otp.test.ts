// E-mail one-time codes (acr email_otp) over HTTP, with real nodemailer talking SMTP to the demo's SMTP
// stand-in: what the mailbox receives, the code's life (wrong, reused, expired, tries, resend), the send
// quotas, adding an address under the binding rule (as an attacker who holds only the password would try
// it), the configuration's refusal without a relay, /healthz with the relay down, and the demo's Mailbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { freePort } from '../helpers/ports.js';
import { authorizationRequest } from '../helpers/oidc-client.js';
import { startSmtpStandIn, type ReceivedMail, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import { startRp } from '../../demo/rp/app.js';
import { ConfigError, parseConfig, type ConfigInput } from '../../server/config.js';
import { sha256 } from '../../server/security/random.js';
import type { FlowState, Step } from '../../wire/flow-api.js';

type EmailStep = Extract<Step, { kind: 'email_code' }>;

function emailStep(s: FlowState): EmailStep {
  if (s.step.kind !== 'email_code') throw new Error(`expected email_code, got ${JSON.stringify(s).slice(0, 400)}`);
  return s.step;
}

/** The code in a code mail: the indented line of digits. */
function mailCode(mail: ReceivedMail): string {
  const found = /^ {4}(\d{6,10})$/m.exec(mail.text);
  if (!found) throw new Error(`no code in ${JSON.stringify(mail.text)}`);
  return found[1]!;
}

const LOCKOUT = {
  account: { free_attempts: 50, initial_wait_seconds: 30, max_wait_seconds: 60, max_failures: 100 },
  ip: { free_attempts: 1000 },
};

function emailBackend(smtp: SmtpStandIn, extra: Partial<ConfigInput> = {}, emailOtp: Record<string, unknown> = {}) {
  return startTestBackend({
    config: {
      methods: {
        email_otp: {
          enabled: true,
          limits: { per_user: { max: 50 }, per_address: { max: 50 } },
          ...emailOtp,
        },
        otp: { enabled: true, issuer: 'Email Test' },
      },
      notifications: { email: { smtp_url: smtp.url, from: 'no-reply@example.com', timeout_ms: 2000 } },
      lockout: LOCKOUT,
      ...extra,
    },
  });
}

/** A user whose address is verified (an administrator or an earlier enrollment did it). */
async function verifiedUser(backend: TestBackend, username: string, password: string, email: string) {
  const id = await backend.addUser(username, password, { email });
  await backend.server.store.users.update(id, { emailVerified: true });
  return id;
}

describe('e-mail codes', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let annaId: string;
  const ANNA = 'anna@example.com';
  const mailTo = (to: string) => smtp.inbox.list(to);

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await emailBackend(smtp);
    annaId = await verifiedUser(backend, 'anna', 'anna password 1', ANNA);
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    backend.clock.now = undefined;
  });

  it('is listed in discovery below the SMS level, and the relay is reported ready as "email"', async () => {
    expect(logins.config.serverMetadata().acr_values_supported).toContain('email_otp');
    expect(backend.server.config.methods.email_otp.level).toBe(30);
    const health = (await (await fetch(`${backend.issuer}/healthz`)).json()) as {
      status: string;
      providers: Record<string, { provider: string; state: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.providers.email).toMatchObject({ provider: 'smtp', state: 'ready' });
  });

  it('mails a 6-digit code to the verified address and signs in with amr otp', async () => {
    backend.clock.now = Date.now(); // held still: the countdowns below are exact
    const before = mailTo(ANNA).length;
    const { handle, request, state: s } = await logins.pastPassword('email_otp', 'anna', 'anna password 1');
    expect(emailStep(s)).toEqual({
      kind: 'email_code',
      email: 'a•••@example.com',
      digits: 6,
      expires_in: 300,
      resend_in: 30,
      purpose: 'login',
    });
    expect(Object.keys(s.actions).sort()).toEqual(['resend', 'submit']);
    expect(s.actions.submit!.inputs.code).toMatchObject({
      min_length: 6,
      max_length: 6,
      autocomplete: 'one-time-code',
    });
    expect(mailTo(ANNA).length).toBe(before + 1);
    const [mail] = mailTo(ANNA);
    expect(mail).toMatchObject({ from: 'no-reply@example.com', to: [ANNA], subject: 'Your Test RP verification code' });
    const code = mailCode(mail!);
    // The code is in the body only, never in the subject (lock screens show subjects).
    expect(mail!.subject).not.toContain(code);
    expect(mail!.text).toContain('It expires in 5 minutes');
    expect(mail!.html).toContain(code);
    // Stored only as an HMAC bound to this flow.
    expect(JSON.stringify(await backend.server.store.flows.get(sha256(handle)))).not.toContain(code);
    const sent = backend.logs.filter((l) => l.event === 'email.sent' && l.outcome === 'success').at(-1)!;
    expect(sent).toMatchObject({ method: 'email_otp', email: 'a•••@example.com', user_id: annaId });
    expect(JSON.stringify(backend.logs)).not.toContain(code);

    const { tokens } = await logins.finish(state(await logins.submitCode(handle, code)), request);
    expect(tokens.claims()).toMatchObject({ sub: annaId, acr: 'email_otp', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('writes the mail in the flow’s language', async () => {
    const request = await authorizationRequest(logins.config, { acr_values: 'email_otp' });
    const started = state(await logins.api.start(request.url.href, { lang: 'pt-BR' }));
    await logins.api.act(started.flow, 'submit', { username: 'anna' });
    emailStep(state(await logins.api.act(started.flow, 'submit', { password: 'anna password 1' })));
    const [mail] = mailTo(ANNA);
    expect(mail!.subject).toBe('Seu código de verificação Test RP');
    expect(mail!.text).toContain('Ele expira em 5 minutos');
  });

  it('refuses a wrong code, a code of another flow and an expired code, changing nothing', async () => {
    backend.clock.now = Date.now();
    const first = await logins.pastPassword('email_otp', 'anna', 'anna password 1');
    const firstCode = mailCode(mailTo(ANNA)[0]!);
    const second = await logins.pastPassword('email_otp', 'anna', 'anna password 1');
    const secondCode = mailCode(mailTo(ANNA)[0]!);
    const record = await backend.server.store.flows.get(sha256(second.handle));

    const wrong = secondCode === '000000' ? '111111' : '000000';
    const refused = await logins.submitCode(second.handle, wrong);
    expect(refused.status).toBe(401);
    expect(state(refused).error).toMatchObject({ code: 'invalid_code', field: 'code' });
    expect(emailStep(state(refused)).purpose).toBe('login');
    // The first flow's code is bound to that flow: it is wrong in the second one.
    if (firstCode !== secondCode) {
      const other = await logins.submitCode(second.handle, firstCode);
      expect(state(other).error).toMatchObject({ code: 'invalid_code' });
    }
    expect((await backend.server.store.flows.get(sha256(second.handle)))?.methodState).toEqual(record?.methodState);

    // Used once, the code is gone with its step: the same flow cannot take it again.
    const done = state(await logins.submitCode(first.handle, firstCode));
    expect(done.step.kind).toBe('done');
    const again = await logins.submitCode(first.handle, firstCode);
    expect(again.status).toBe(409);

    // Five minutes later the second flow's right code has expired.
    backend.clock.now += 301_000;
    const late = await logins.submitCode(second.handle, secondCode);
    expect(late.status).toBe(401);
    expect(state(late).error).toMatchObject({ code: 'code_expired', message: 'This code expired. Send a new one.' });
    expect(emailStep(state(late)).expires_in).toBe(0);
  });

  it('allows five tries per code, then only a new code helps; resend waits for its cooldown', async () => {
    backend.clock.now = Date.now();
    const { handle, request } = await logins.pastPassword('email_otp', 'anna', 'anna password 1');
    const right = mailCode(mailTo(ANNA)[0]!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect(state(await logins.submitCode(handle, wrong)).error).toMatchObject({ code: 'invalid_code' });
    const exhausted = await logins.submitCode(handle, right);
    expect(exhausted.status).toBe(401);
    expect(state(exhausted).error).toMatchObject({ code: 'code_exhausted' });

    const early = await logins.api.act(handle, 'resend');
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('30');
    expect(state(early).error).toMatchObject({ code: 'rate_limited', retry_after: 30 });

    const sent = mailTo(ANNA).length;
    backend.clock.now += 31_000;
    const resent = state(await logins.api.act(handle, 'resend'));
    expect(emailStep(resent)).toMatchObject({ expires_in: 300, resend_in: 30 });
    expect(mailTo(ANNA).length).toBe(sent + 1);
    const fresh = mailCode(mailTo(ANNA)[0]!);
    if (fresh !== right) expect(state(await logins.submitCode(handle, right)).error?.code).toBe('invalid_code');
    const { tokens } = await logins.finish(state(await logins.submitCode(handle, fresh)), request);
    expect(tokens.claims()).toMatchObject({ acr: 'email_otp' });
  });
});

describe('e-mail send quotas', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logins: EmbeddedLogins;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await emailBackend(smtp, {}, { limits: { per_user: { max: 2 }, per_address: { max: 50 } } });
    await verifiedUser(backend, 'cora', 'cora password 1', 'cora@example.com');
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
  });

  it('stops sending once the user’s quota is spent, says when, and mails nothing', async () => {
    for (let i = 0; i < 2; i++) await logins.pastPassword('email_otp', 'cora', 'cora password 1');
    expect(smtp.inbox.list('cora@example.com')).toHaveLength(2);
    const { handle, state: s } = await logins.pastPassword('email_otp', 'cora', 'cora password 1');
    expect(s.error).toMatchObject({ code: 'rate_limited', retry_after: 900 });
    expect(s.error!.message).toBe('Too many codes were sent. You can ask for a new one in 15 minutes.');
    // No code exists: only a resend (refused until the quota allows it) is offered.
    expect(Object.keys(s.actions)).toEqual(['resend']);
    expect(emailStep(s)).toMatchObject({ expires_in: 0, resend_in: 900 });
    expect(smtp.inbox.list('cora@example.com')).toHaveLength(2);
    expect((await logins.api.act(handle, 'resend')).status).toBe(429);
    expect(backend.logs.some((l) => l.event === 'email.sent' && l.reason === 'send_limit')).toBe(true);
  });
});

describe('mail bombing through enrollment', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logins: EmbeddedLogins;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await emailBackend(
      smtp,
      { enrollment: { first_factor: true } },
      { limits: { per_user: { max: 50 }, per_address: { max: 2 } } },
    );
    for (const name of ['uma', 'ulf', 'ute']) await backend.addUser(name, `${name} password 12`);
    logins = await EmbeddedLogins.discover(backend.issuer);
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
  });

  it('accounts that each type the same stranger’s address send it no more than its quota', async () => {
    const answers = [];
    for (const name of ['uma', 'ulf', 'ute']) {
      const { handle } = await logins.pastPassword('email_otp', name, `${name} password 12`);
      answers.push(state(await logins.api.act(handle, 'submit', { email: 'victim@example.org' })));
    }
    expect(answers.slice(0, 2).map((a) => a.error)).toEqual([undefined, undefined]);
    expect(answers[2]!.error).toMatchObject({ code: 'rate_limited' });
    await expect.poll(() => smtp.inbox.list('victim@example.org').length).toBe(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.inbox.list('victim@example.org')).toHaveLength(2);
  });
});

describe('adding an address', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  /** An authenticator app, no address: the account an attacker with the password targets. */
  let appUser: string;
  let appSecret = '';
  const store = () => backend.server.store;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await emailBackend(smtp);
    appUser = await backend.addUser('abby', 'abby password 1');
    await verifiedUser(backend, 'olga', 'olga password 1', 'olga@example.com');
    logins = await EmbeddedLogins.discover(backend.issuer);
    // abby's app is enrolled the only way an account with no factor can: while first_factor allows it.
    backend.clock.now = T0;
    backend.server.config.enrollment.first_factor = true;
    const { handle, state: s } = await logins.pastPassword('otp', 'abby', 'abby password 1');
    if (s.step.kind !== 'otp_enroll') throw new Error(`expected otp_enroll, got ${s.step.kind}`);
    appSecret = s.step.secret;
    expect(state(await logins.submitCode(handle, await totp(appSecret, T0))).step.kind).toBe('done');
    backend.server.config.enrollment.first_factor = false;
  });
  afterAll(async () => {
    await backend?.close();
    await smtp?.close();
  });
  let step = 0;
  beforeEach(() => {
    step += 4;
    backend.clock.now = T0 + step * 30_000;
  });

  it('password alone on an account with an app: the app is asked first, then the address binds', async () => {
    const { handle, request, state: s } = await logins.pastPassword('email_otp', 'abby', 'abby password 1');
    // The attacker's own address cannot be typed yet: the account's app must be proven first.
    expect(s.step).toMatchObject({ kind: 'otp' });
    expect(s.binding).toBe('email');
    expect(Object.keys(s.actions)).toEqual(['submit']);
    expect((await logins.api.act(handle, 'submit', { email: 'attacker@example.net' })).status).toBe(400);
    expect(smtp.inbox.list('attacker@example.net')).toHaveLength(0);
    expect((await store().users.findById(appUser))?.email).toBeNull();

    const enroll = state(await logins.submitCode(handle, await totp(appSecret, backend.clock.now!)));
    expect(enroll.step).toEqual({ kind: 'email_enroll' });
    const bad = await logins.api.act(handle, 'submit', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(state(bad).error).toMatchObject({ code: 'invalid_email', field: 'email' });

    const sent = state(await logins.api.act(handle, 'submit', { email: ' Abby@Example.COM ' }));
    expect(emailStep(sent)).toMatchObject({ email: 'A•••@example.com', purpose: 'enroll' });
    expect(Object.keys(sent.actions).sort()).toEqual(['change_email', 'resend', 'submit']);
    const mail = await smtp.inbox.next('Abby@example.com');
    // Not stored before the code proves the mailbox is at hand.
    expect((await store().users.findById(appUser))?.emailVerified).toBe(false);
    const done = state(await logins.submitCode(handle, mailCode(mail)));
    expect(done.step.kind).toBe('done');
    expect(await store().users.findById(appUser)).toMatchObject({ email: 'Abby@example.com', emailVerified: true });
    const bound = backend.logs.filter((l) => l.event === 'factor.bound' && l.outcome === 'success').at(-1);
    expect(bound).toMatchObject({ factor: 'email', method: 'email_otp' });
    expect(backend.logs.some((l) => l.event === 'email.enrolled' && l.email === 'A•••@example.com')).toBe(true);
    const { tokens } = await logins.finish(done, request);
    // The app was proven; the address only enrolled: acr otp, and nothing in amr for the address.
    expect(tokens.claims()).toMatchObject({ acr: 'otp', amr: ['pwd', 'otp', 'mfa'] });

    // From now on the address is a way in: the next sign-in mails its code there.
    const next = await logins.pastPassword('email_otp', 'abby', 'abby password 1');
    expect(emailStep(next.state)).toMatchObject({ email: 'A•••@example.com', purpose: 'login' });
  });

  it('with first_factor off, an account with no second factor is refused (no enrollment)', async () => {
    await backend.addUser('nina', 'nina password 1', { email: 'nina@example.com' });
    const { state: s } = await logins.pastPassword('email_otp', 'nina', 'nina password 1');
    expect(s.step).toMatchObject({ kind: 'failed', reason: 'no_second_factor' });
    expect((s.step as { message: string }).message).toMatch(/e-mail address can only be added .* administrator/);
    expect(smtp.inbox.list('nina@example.com')).toHaveLength(0);
  });

  it('an address of another account gets the same answers as any other, and no mail', async () => {
    backend.server.config.enrollment.first_factor = true;
    try {
      await backend.addUser('ivan', 'ivan password 1');
      await backend.addUser('iris', 'iris password 1');
      const free = await logins.pastPassword('email_otp', 'iris', 'iris password 1');
      const taken = await logins.pastPassword('email_otp', 'ivan', 'ivan password 1');
      expect(free.state.step).toEqual({ kind: 'email_enroll' });
      expect(taken.state.step).toEqual({ kind: 'email_enroll' });
      const a = await logins.api.act(free.handle, 'submit', { email: 'owen@example.com' });
      const b = await logins.api.act(taken.handle, 'submit', { email: 'olga@example.com' });
      expect(b.status).toBe(a.status);
      expect(emailStep(state(b))).toMatchObject({ email: 'o•••@example.com', purpose: 'enroll' });
      expect(emailStep(state(a))).toEqual(emailStep(state(b)));
      expect(Object.keys(state(b).actions).sort()).toEqual(Object.keys(state(a).actions).sort());
      await smtp.inbox.next('owen@example.com');
      expect(smtp.inbox.list('olga@example.com')).toHaveLength(0);
      for (const guess of ['000000', '123456']) {
        const answer = await logins.submitCode(taken.handle, guess);
        expect(answer.status).toBe(401);
        expect(state(answer).error).toMatchObject({ code: 'invalid_code' });
      }
      const olga = await store().users.findByLogin('olga@example.com');
      expect(olga).toMatchObject({ username: 'olga', emailVerified: true });
    } finally {
      backend.server.config.enrollment.first_factor = false;
    }
  });

  it('a changed address: the old one is told, the new one is verified', async () => {
    backend.server.config.enrollment.first_factor = true;
    try {
      const id = await backend.addUser('paul', 'paul password 1', { email: 'paul.old@example.com' });
      const { handle } = await logins.pastPassword('email_otp', 'paul', 'paul password 1');
      state(await logins.api.act(handle, 'submit', { email: 'paul.new@example.com' }));
      const code = mailCode(await smtp.inbox.next('paul.new@example.com'));
      expect(state(await logins.submitCode(handle, code)).step.kind).toBe('done');
      expect(await store().users.findById(id)).toMatchObject({ email: 'paul.new@example.com', emailVerified: true });
      const notice = await smtp.inbox.next('paul.old@example.com');
      expect(notice.subject).toBe('The e-mail address of your account was changed');
      expect(notice.text).toContain('Address:          p•••@example.com');
      expect(notice.text).not.toContain('paul.new@example.com');
      await expect
        .poll(() => backend.logs.some((l) => l.event === 'notice.sent' && l.recipient === 'previous'))
        .toBe(true);
      // The new address hears of it too, and of the sign-in method it now is.
      await expect
        .poll(() => smtp.inbox.list('paul.new@example.com').map((m) => m.subject))
        .toEqual(
          expect.arrayContaining([
            'The e-mail address of your account was changed',
            'A new sign-in method was added to your account',
          ]),
        );
    } finally {
      backend.server.config.enrollment.first_factor = false;
    }
  });
});

describe('the configuration and the relay', () => {
  it('refuses email_otp without a mail relay, naming the key', () => {
    expect(() => parseConfig({ methods: { email_otp: { enabled: true } } })).toThrow(ConfigError);
    expect(() => parseConfig({ methods: { email_otp: { enabled: true } } })).toThrow(
      /methods\.email_otp\.enabled: needs a mail relay: set notifications\.email\.smtp_url/,
    );
    expect(() =>
      parseConfig({ methods: { email_otp: { enabled: true, code_ttl_seconds: 900 } }, notifications: {} }),
    ).toThrow(/methods\.email_otp\.code_ttl_seconds: must be at most 600/);
  });

  it('/healthz reports the relay down, not the whole health; a login says the mail was not sent', async () => {
    const port = await freePort(); // nothing listens there
    const backend = await startTestBackend({
      config: {
        methods: { email_otp: { enabled: true } },
        notifications: { email: { smtp_url: `smtp://127.0.0.1:${port}`, from: 'no-reply@example.com' } },
      },
    });
    try {
      await verifiedUser(backend, 'dora', 'dora password 1', 'dora@example.com');
      const started = Date.now();
      const response = await fetch(`${backend.issuer}/healthz`);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(200);
      const health = (await response.json()) as { status: string; providers: Record<string, unknown> };
      expect(health.status).toBe('ok');
      expect(health.providers.email).toMatchObject({ provider: 'smtp', state: 'down' });
      expect((health.providers.email as { detail: string }).detail).toContain('ECONNREFUSED');

      const logins = await EmbeddedLogins.discover(backend.issuer);
      const { state: s } = await logins.pastPassword('email_otp', 'dora', 'dora password 1');
      expect(s.error).toMatchObject({ code: 'email_not_sent' });
      expect(emailStep(s)).toMatchObject({ expires_in: 0 });
      expect(Object.keys(s.actions)).toEqual(['resend']);
    } finally {
      await backend.close();
    }
  });
});

describe("the demo RP's Mailbox", () => {
  it('lists the mail newest first as JSON and HTML; the old Mail page redirects', async () => {
    const smtp = await startSmtpStandIn();
    const backend = await emailBackend(smtp);
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
      await verifiedUser(backend, 'mia', 'mia password 12', 'mia@example.com');
      const logins = await EmbeddedLogins.discover(backend.issuer);
      await logins.pastPassword('email_otp', 'mia', 'mia password 12');
      backend.clock.now = Date.now() + 31_000;
      await logins.pastPassword('email_otp', 'mia', 'mia password 12');
      const listed = (await (await fetch(`http://localhost:${port}/mailbox/messages?to=mia%40example.com`)).json()) as {
        to: string[];
        subject: string;
        text: string;
        received_at: string;
      }[];
      expect(listed).toHaveLength(2);
      expect(listed[0]).toEqual({
        id: expect.any(String),
        from: 'no-reply@example.com',
        to: ['mia@example.com'],
        subject: 'Your Test RP verification code',
        text: expect.stringMatching(/^Your Test RP verification code is:\n\n {4}\d{6}\n/),
        received_at: expect.any(String),
      });
      expect(Date.parse(listed[0]!.received_at)).toBeGreaterThanOrEqual(Date.parse(listed[1]!.received_at));
      expect(listed[0]!.text).toBe(smtp.inbox.list('mia@example.com')[0]!.text);
      expect(await (await fetch(`http://localhost:${port}/mailbox/messages?to=nobody%40example.com`)).json()).toEqual(
        [],
      );

      const page = await (await fetch(`http://localhost:${port}/mailbox?to=mia%40example.com`)).text();
      expect(page).toContain('<h1>Mailbox</h1>');
      expect(page).toContain('<strong>Your Test RP verification code</strong>');
      expect(page).toContain('<a href="/phone">Phone</a> · <a href="/mailbox">Mailbox</a>');

      const moved = await fetch(`http://localhost:${port}/mail?to=mia%40example.com`, { redirect: 'manual' });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('/mailbox?to=mia%40example.com');
    } finally {
      await rp.close();
      await backend.close();
      await smtp.close();
    }
  });
});
