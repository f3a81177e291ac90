// A forgotten password, performed as its owner and as attackers: the reset answers the same for an unknown
// login, a known one without an address and a known one with it (and mails only the last); the code is
// single-flow, limited and expiring; an account with a second factor must prove it (never the address
// again, ASVS 5.0 6.4.3) before a new password is taken; the new password is checked like every password;
// the owner is told; and the sign-in starts again at the password step, where only the new password works.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { snapshot, state, type FlowResponse } from '../helpers/flow-api.js';
import { EmbeddedLogins } from '../helpers/logins.js';
import { MID_TOTP_STEP as T0, totp } from '../helpers/authenticator-app.js';
import { startSmtpStandIn, type ReceivedMail, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import { ConfigError, parseConfig } from '../../server/config.js';
import type { FlowState } from '../../wire/flow-api.js';

function mailCode(mail: ReceivedMail): string {
  const found = /^ {4}(\d{6,10})$/m.exec(mail.text);
  if (!found) throw new Error(`no code in ${JSON.stringify(mail.text)}`);
  return found[1]!;
}

const until = async <T>(check: () => T | undefined, ms = 5000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('a forgotten password', () => {
  let smtp: SmtpStandIn;
  let backend: TestBackend;
  let logins: EmbeddedLogins;
  let paulId: string;
  let appUserId: string;
  let appSecret = '';
  const PAUL = 'paul@example.com';
  const ALICE = 'alice@example.com';

  const resetMails = (to: string) => smtp.inbox.list(to).filter((m) => /Reset your/.test(m.subject));
  const newestResetCode = (to: string, before: number) =>
    until(() => {
      const mails = resetMails(to);
      return mails.length > before ? mailCode(mails[0]!) : undefined; // newest first
    });

  /** A flow at the reset code step for `username`, with how many reset mails `to` had before. */
  async function atResetCode(username: string, password = 'wrong but typed') {
    const { handle, request } = await logins.atPassword('password', username);
    expect(state(await logins.api.get(handle)).actions.forgot_password).toEqual({ inputs: {} });
    void password;
    const answer = await logins.api.act(handle, 'forgot_password');
    expect(answer.status).toBe(200);
    return { handle, request, state: state(answer) };
  }

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    backend = await startTestBackend({
      config: {
        methods: { otp: { enabled: true, issuer: 'Reset Test' }, recovery_code: { enabled: true } },
        notifications: { email: { smtp_url: smtp.url, from: 'no-reply@example.com', timeout_ms: 2000 } },
        password_reset: { enabled: true, code_ttl_seconds: 120, limits: { per_login: { max: 4 } } },
        lockout: { account: { free_attempts: 50, max_failures: 100 }, ip: { free_attempts: 1000 } },
      },
    });
    paulId = await backend.addUser('paul', 'paul password 12', { email: PAUL });
    await backend.server.store.users.update(paulId, { emailVerified: true });
    appUserId = await backend.addUser('alice', 'alice password 1', { email: ALICE });
    await backend.server.store.users.update(appUserId, { emailVerified: true });
    await backend.addUser('nomail', 'nomail password 1');
    logins = await EmbeddedLogins.discover(backend.issuer);
    // alice has an authenticator app (enrolled the only way an account with no factor can).
    backend.clock.now = T0;
    backend.server.config.enrollment.first_factor = true;
    const { handle, state: s } = await logins.pastPassword('otp', 'alice', 'alice password 1');
    if (s.step.kind !== 'otp_enroll') throw new Error('expected enrollment');
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

  it('is refused by the configuration without a mail relay', () => {
    expect(() => parseConfig({ password_reset: { enabled: true } })).toThrow(ConfigError);
    expect(() => parseConfig({ password_reset: { enabled: true } })).toThrow(
      /password_reset\.enabled: needs a mail relay/,
    );
  });

  it('answers alike for an unknown login, an account with no address and one with it; mails that one', async () => {
    const views: FlowState[] = [];
    const before = smtp.inbox.list(PAUL).length;
    for (const name of ['nobody-here', 'nomail', 'paul']) views.push((await atResetCode(name)).state);
    const shape = (s: FlowState) => ({ ...s, flow: '', expires_in: 0, step: { ...s.step, expires_in: 0 } });
    expect(shape(views[0]!)).toEqual(shape(views[1]!));
    expect(shape(views[1]!)).toEqual(shape(views[2]!));
    expect(views[2]!.step).toMatchObject({ kind: 'reset_code', digits: 8 });
    expect(views[2]!.another_way).toBeUndefined();
    await newestResetCode(PAUL, before);
    expect(
      smtp.inbox
        .list()
        .filter((m) => /Reset your/.test(m.subject))
        .flatMap((m) => m.to),
    ).toEqual([PAUL]);
    // The sent mail's audit line follows the relay's answer, which comes after the mail is in the box.
    const reasons = () => backend.logs.filter((l) => l.event === 'password.reset').map((l) => l.reason);
    await until(() => (reasons().includes('code_sent') ? true : undefined));
    expect(reasons()).toEqual(expect.arrayContaining(['unknown_login', 'no_address', 'code_sent']));
  });

  it('no code is right for an account that was mailed nothing; a wrong code changes nothing', async () => {
    const { handle } = await atResetCode('nobody-here');
    const before = await snapshot(logins.api, handle);
    for (const guess of ['00000000', '12345678']) {
      const answer = await logins.submitCode(handle, guess);
      expect(answer.status).toBe(401);
      expect(state(answer).error).toMatchObject({ code: 'invalid_code', field: 'code' });
    }
    expect(await snapshot(logins.api, handle)).toEqual(before);
    const bad: FlowResponse = await logins.submitCode(handle, 'abc');
    expect(bad.status).toBe(400);
  });

  it('a code from another flow, an expired code and a used-up code are refused', async () => {
    const before = resetMails(PAUL).length;
    const first = await atResetCode('paul');
    const firstCode = await newestResetCode(PAUL, before);
    const second = await atResetCode('paul');
    await newestResetCode(PAUL, before + 1); // both mails are in: the next test reads only its own
    expect((await logins.submitCode(second.handle, firstCode)).status).toBe(401);
    backend.clock.now! += 121_000;
    const expired = await logins.submitCode(first.handle, firstCode);
    expect(expired.status).toBe(401);
    expect(state(expired).error?.code).toBe('code_expired');
  });

  it('paul (no second factor): the mailed code, a new password (checked), then sign in with it only', async () => {
    backend.clock.now! += 3600_000; // past the hour in which the earlier tests spent paul's resets
    const before = resetMails(PAUL).length;
    const { handle, request, state: at } = await atResetCode('paul');
    expect(at.error).toBeUndefined();
    const code = await newestResetCode(PAUL, before);
    const asked = state(await logins.submitCode(handle, code));
    expect(asked.error).toBeUndefined();
    expect(asked.step).toMatchObject({ kind: 'new_password', min_length: 8 });
    expect(asked.actions.submit?.inputs.password).toMatchObject({ autocomplete: 'new-password' });
    for (const weak of ['password123', 'paul-paul-paul']) {
      const refused = await logins.api.act(handle, 'submit', { password: weak });
      expect(refused.status, weak).toBe(400);
      expect(state(refused).error).toMatchObject({ code: 'weak_password', field: 'password' });
    }
    const short = await logins.api.act(handle, 'submit', { password: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toMatch(/too short/);
    const restarted = state(await logins.api.act(handle, 'submit', { password: 'a brand new paul passphrase' }));
    expect(restarted.step).toMatchObject({ kind: 'password', username: 'paul', changed: true });
    // The old password no longer works; the new one does, and the login is an ordinary one.
    expect((await logins.api.act(handle, 'submit', { password: 'paul password 12' })).status).toBe(401);
    const done = state(await logins.api.act(handle, 'submit', { password: 'a brand new paul passphrase' }));
    const { tokens } = await logins.finish(done, request);
    expect(tokens.claims()).toMatchObject({ acr: 'password', amr: ['pwd'] });
    const notice = await until(() => smtp.inbox.list(PAUL).find((m) => !/Reset your/.test(m.subject)));
    expect(notice.text).not.toContain('a brand new paul passphrase');
  });

  it('alice (an app): the address alone is not enough; the app is asked before the new password', async () => {
    const before = resetMails(ALICE).length;
    const { handle } = await atResetCode('alice');
    const proof = state(await logins.submitCode(handle, await newestResetCode(ALICE, before)));
    expect(proof.step.kind).toBe('otp');
    expect(proof.binding).toBe('password');
    // The address was what was just proven: it is not offered again as "another way".
    expect(proof.another_way ?? []).not.toContain('email');
    expect((await logins.submitCode(handle, '000000')).status).toBe(401);
    const asked = state(await logins.submitCode(handle, await totp(appSecret, backend.clock.now!)));
    expect(asked.step.kind).toBe('new_password');
    const restarted = state(await logins.api.act(handle, 'submit', { password: 'alice has a new passphrase' }));
    expect(restarted.step).toMatchObject({ kind: 'password', changed: true });
    expect(restarted.binding).toBeUndefined();
    // Starting again means proving the app again, as any sign-in at acr otp would.
    const next = await logins.pastPassword('otp', 'alice', 'alice has a new passphrase');
    expect(next.state.step.kind).toBe('otp');
  });

  it('is limited per typed login, whoever it names', async () => {
    let last: FlowResponse | undefined;
    for (let i = 0; i < 6; i++) {
      const { handle } = await logins.atPassword('password', 'someone-else');
      last = await logins.api.act(handle, 'forgot_password');
    }
    expect(state(last!).error).toMatchObject({ code: 'rate_limited' });
  });
});
