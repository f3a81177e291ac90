// The tru.ID phone check over HTTP: the desktop's flow, the phone's pages (consent with its number match,
// the simulator's mobile network, the redirect back), the live status stream, and the ways it must refuse
// to be fooled, including an answer forged by whoever holds the password and sees the QR code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { RP_ORIGIN as ORIGIN, authorizationRequest } from '../helpers/oidc-client.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins, toCallback } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { answerConsent, openConsent } from '../helpers/phone-consent.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import type { FlowState, Step } from '../../wire/flow-api.js';
import { sha256 } from '../../server/security/random.js';

type Check = Extract<Step, { kind: 'phonecheck' }>;

let standIns: StandIns;
let backend: TestBackend;
let logins: EmbeddedLogins;
let now = Date.now();

function check(s: FlowState): Check {
  if (s.step.kind !== 'phonecheck') throw new Error(`expected phonecheck, got ${JSON.stringify(s.step)}`);
  return s.step;
}
function linkOf(s: FlowState): string {
  const { link } = check(s);
  if (!link) throw new Error(`no link: ${JSON.stringify(s.step)}`);
  return link;
}
/** The number the desktop shows, to pick on the phone. */
function numberOf(s: FlowState): number {
  const { number } = check(s);
  if (number === undefined) throw new Error(`no number: ${JSON.stringify(s.step)}`);
  return number;
}

beforeAll(async () => {
  standIns = await startStandIns({ clock: () => now });
  backend = await startTestBackend({
    config: { methods: { tru_id: standIns.methods.tru_id, twilio_sms: standIns.methods.twilio_sms } },
  });
  backend.clock.now = now;
  await backend.addUser('pia', 'pia password 12', { phone: '+14155552671' });
  await backend.addUser('noe', 'noe password 12');
  logins = await EmbeddedLogins.discover(backend.issuer);
});
afterAll(async () => {
  await backend?.close();
  await standIns?.close();
});
beforeEach(() => {
  now = Date.now();
  backend.clock.now = now;
});

/** A flow for acr tru_id past the password: at the phone check, or wherever it led. */
const atCheck = (username = 'pia', password = 'pia password 12') => logins.pastPassword('tru_id', username, password);

/** The flow as the desktop reads it. Both clocks stand still within a test, so even the countdowns must not move. */
const read = async (handle: string) => state(await logins.api.get(handle));
/** The flow's whole stored record (version included): equal before and after means nothing changed. */
const stored = (handle: string) => backend.server.store.flows.get(sha256(handle));

/**
 * The phone: opens the QR's link, picks the desktop's number, and plays the network with `outcome`; returns the final
 * page.
 */
async function phoneWalk(desktop: FlowState, outcome: 'mobile_data' | 'wifi' | 'other_sim', phone = new UserAgent()) {
  const link = linkOf(desktop);
  const consent = await openConsent(phone, link);
  expect(consent.status).toBe(200);
  const allow = await answerConsent(phone, link, 'allow', { token: consent.token, number: numberOf(desktop) });
  expect(allow.status).toBe(303);
  const checkUrl = allow.headers.get('location')!;
  expect(checkUrl.startsWith(standIns.truId.url)).toBe(true);
  const network = await phone.request(checkUrl);
  expect(network.status).toBe(200);
  const form = /<form method="post" action="([^"]+)"/.exec(await network.text())?.[1];
  if (!form) throw new Error(`no form on the network page ${checkUrl}`);
  const chosen = await phone.request(new URL(form, checkUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }),
  });
  expect(chosen.status).toBe(302);
  const back = chosen.headers.get('location')!;
  expect(back.startsWith(`${link}/done?check_id=`)).toBe(true);
  const done = await phone.request(back);
  return { status: done.status, text: await done.text(), back };
}

describe('the phone check', () => {
  it('is announced in discovery and its provider is ready', async () => {
    expect(logins.config.serverMetadata().acr_values_supported).toContain('tru_id');
    const health = (await (await fetch(`${backend.issuer}/healthz`)).json()) as {
      providers: Record<string, { provider: string; state: string }>;
    };
    expect(health.providers.tru_id).toMatchObject({ provider: 'truid', state: 'ready' });
  });

  it('verifies the SIM over "mobile data" and signs in with amr mca', async () => {
    const { handle, request, state: s } = await atCheck();
    const step = check(s);
    expect(step).toMatchObject({ status: 'waiting', phone: '+1 ••• ••• •• 71', expires_in: 120 });
    expect(step.number).toBeGreaterThanOrEqual(10);
    expect(step.number).toBeLessThanOrEqual(99);
    expect(step.link).toMatch(new RegExp(`^${backend.issuer}/pc/[\\w-]{22}$`));
    expect(step.qr?.svg).toMatch(/^<svg/);
    expect(s.actions).toEqual({});
    // The check was made for the account's own number, without "+".
    const sim = [...standIns.truId.checks.values()].at(-1)!;
    expect(JSON.stringify(sim)).toContain('14155552671');

    const phone = new UserAgent();
    const consent = await phone.request(linkOf(s));
    const page = await consent.text();
    expect(page).toContain('<h1>Approve a sign-in to Test RP on another device</h1>');
    expect(page).toContain('this phone has the number <strong dir="ltr">+• ••• ••• •• 71</strong>');
    expect(consent.headers.get('content-security-policy')).toContain(`form-action 'self' ${standIns.truId.url}`);
    // Opening the page moves nothing: the desktop still waits.
    expect(check(state(await logins.api.get(handle))).status).toBe('waiting');

    const walk = await phoneWalk(s, 'mobile_data', phone);
    expect(check(state(await logins.api.get(handle))).number).toBeUndefined();
    expect(walk.text).toContain('Verified — you can close this page');
    const verified = state(await logins.api.get(handle));
    expect(check(verified).status).toBe('verified');
    expect(verified.actions).toEqual({ continue: { inputs: {} } });

    const { tokens } = await logins.finish(state(await logins.api.act(handle, 'continue')), request);
    expect(tokens.claims()).toMatchObject({ acr: 'tru_id', amr: ['pwd', 'mca', 'mfa'] });
    // The link dies with the flow.
    expect((await phone.request(linkOf(s))).status).toBe(410);
  });

  it('on WiFi: both screens say why, and the SMS fallback is offered and works', async () => {
    const { handle, request, state: s } = await atCheck();
    const walk = await phoneWalk(s, 'wifi');
    expect(walk.text).toContain('Your phone was on WiFi');
    const failed = state(await logins.api.get(handle));
    expect(check(failed)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('Turn off WiFi'),
      fallback: { acr: 'twilio_sms', factor: 'sms' },
    });
    expect(Object.keys(failed.actions).sort()).toEqual(['renew', 'use_fallback']);

    const sms = state(await logins.api.act(handle, 'use_fallback'));
    expect(sms.acr).toBe('twilio_sms');
    expect(sms.step.kind).toBe('sms_code');
    const code = newestSmsCode(standIns.inbox, '+14155552671');
    const { tokens } = await logins.finish(state(await logins.api.act(handle, 'submit', { code })), request);
    expect(tokens.claims()).toMatchObject({ acr: 'twilio_sms', amr: ['pwd', 'sms', 'mfa'] });
  });

  it('with another SIM: the match is false and the user is told', async () => {
    const { handle, state: s } = await atCheck();
    const walk = await phoneWalk(s, 'other_sim');
    expect(walk.text).toContain('SIM does not have the number on your account');
    const failed = state(await logins.api.get(handle));
    expect(check(failed)).toMatchObject({
      status: 'failed',
      reason: 'This phone’s SIM does not have the number on your account.',
    });
    expect(failed.actions.continue).toBeUndefined();
    expect((await logins.api.act(handle, 'continue')).status).toBe(409);
  });

  it('Deny on the phone ends the flow, and the RP hears access_denied', async () => {
    const { handle, request, state: s } = await atCheck();
    const phone = new UserAgent();
    const consent = await openConsent(phone, linkOf(s));
    const deny = await answerConsent(phone, linkOf(s), 'deny', { token: consent.token });
    expect(await deny.text()).toContain('You denied the request');
    expect(check(state(await logins.api.get(handle))).status).toBe('denied');
    const failed = state(await logins.api.act(handle, 'continue'));
    expect(failed.step).toMatchObject({
      kind: 'failed',
      reason: 'access_denied',
      message: 'The request was denied on the phone.',
    });
    if (failed.step.kind !== 'failed') throw new Error();
    const url = await toCallback(failed.step.continue_url!);
    expect(new URL(url).searchParams.get('error')).toBe('access_denied');
    expect(new URL(url).searchParams.get('state')).toBe(request.state);
  });

  it('expires with the check; a new code makes a new link, and the old one is dead', async () => {
    const { handle, state: s } = await atCheck();
    const old = linkOf(s);
    now += 121_000;
    backend.clock.now = now;
    const expired = state(await logins.api.get(handle));
    expect(check(expired)).toMatchObject({ status: 'expired', expires_in: 0 });
    expect(Object.keys(expired.actions).sort()).toEqual(['renew', 'use_fallback']);
    const renewedState = state(await logins.api.act(handle, 'renew'));
    expect(check(renewedState)).toMatchObject({ status: 'waiting', expires_in: 120 });
    expect(linkOf(renewedState)).not.toBe(old);
    expect((await new UserAgent().request(old)).status).toBe(410);
    const walk = await phoneWalk(renewedState, 'mobile_data');
    expect(walk.text).toContain('Verified');
  });

  it('refuses a forged check_id, another flow’s check and a redirect before Allow, changing nothing', async () => {
    const a = await atCheck();
    const b = await atCheck();
    const phone = new UserAgent();
    // The phone reaches tru.ID for flow B and comes back with B's check id and code...
    const walkB = await phoneWalk(b.state, 'mobile_data', phone);
    expect(walkB.text).toContain('Verified');
    const backB = new URL(walkB.back);
    // ...replayed into flow A's link: A's own check id is the only one it accepts.
    const consentA = await openConsent(phone, linkOf(a.state));
    await answerConsent(phone, linkOf(a.state), 'allow', { token: consentA.token, number: numberOf(a.state) });
    const aBefore = await read(a.handle);
    expect(check(aBefore).status).toBe('verifying');
    const refusals = backend.logs.filter((l) => l.reason === 'foreign_check').length;
    const foreign = await phone.request(`${linkOf(a.state)}/done${backB.search}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('does not belong to this sign-in');
    const forged = await phone.request(
      `${linkOf(a.state)}/done?check_id=00000000-0000-4000-8000-000000000000&code=123456`,
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not belong to this sign-in');
    expect(await read(a.handle)).toEqual(aBefore);
    expect(backend.logs.filter((l) => l.reason === 'foreign_check').length).toBe(refusals + 2);

    // A redirect for a check the user never allowed on the phone does not count either.
    const c = await atCheck();
    const cBefore = await read(c.handle);
    expect(check(cBefore).status).toBe('waiting');
    const sim = [...standIns.truId.checks.keys()].at(-1)!;
    const early = await phone.request(`${linkOf(c.state)}/done?check_id=${sim}&code=123456`);
    expect(early.status).toBe(200);
    // The phone is not told it is verified, and the desktop's flow has not moved.
    const earlyPage = await early.text();
    expect(earlyPage).toContain('<h1>Not verified</h1>');
    expect(earlyPage).not.toContain('Verified — you can close this page');
    expect(await read(c.handle)).toEqual(cBefore);
  });

  it('pushes status changes to the desktop as server-sent events', async () => {
    const { handle, state: s } = await atCheck();
    const response = await fetch(`${backend.issuer}/flow/events`, { headers: { 'gluu-flow': handle, origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    const events: FlowState[] = [];
    let buffer = '';
    const readUntil = async (status: string) => {
      while (!events.some((e) => e.step.kind === 'phonecheck' && e.step.status === status)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += new TextDecoder().decode(value);
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (frame.startsWith('event: state') && data) events.push(JSON.parse(data) as FlowState);
        }
      }
    };
    await readUntil('waiting');
    const phone = new UserAgent();
    const consent = await openConsent(phone, linkOf(s));
    await answerConsent(phone, linkOf(s), 'allow', { token: consent.token, number: numberOf(s) });
    await readUntil('verifying');
    expect(events.map((e) => (e.step as Check).status)).toEqual(['waiting', 'verifying']);
    await reader.cancel();
  });

  it('refuses the event stream without a valid handle, or from a foreign origin', async () => {
    const refusal = async (headers: Record<string, string>) => {
      const response = await fetch(`${backend.issuer}/flow/events`, { headers });
      expect(response.headers.get('content-type')).toContain('application/json');
      return { status: response.status, error: ((await response.json()) as { error: { code: string } }).error.code };
    };
    expect(await refusal({})).toEqual({ status: 400, error: 'missing_flow' });
    expect(await refusal({ 'gluu-flow': 'AAAAAAAAAAAAAAAAAAAAAA' })).toEqual({ status: 404, error: 'flow_not_found' });
    const { handle } = await atCheck();
    expect(await refusal({ 'gluu-flow': handle, origin: 'https://evil.example' })).toEqual({
      status: 403,
      error: 'origin_not_allowed',
    });
  });

  it('tells a user without a verified phone to contact the administrator', async () => {
    const { state: s } = await atCheck('noe', 'noe password 12');
    expect(s.step).toMatchObject({ kind: 'failed', reason: 'no_phone' });
  });

  it('answers unknown or malformed links with "expired", never an error', async () => {
    const answers = [
      ...(await Promise.all(
        ['/pc/AAAAAAAAAAAAAAAAAAAAAA', '/pc/short', '/pc/AAAAAAAAAAAAAAAAAAAAAA/done?check_id=x&code=y'].map((path) =>
          fetch(`${backend.issuer}${path}`),
        ),
      )),
      await fetch(`${backend.issuer}/pc/AAAAAAAAAAAAAAAAAAAAAA/allow`, { method: 'POST' }),
    ];
    for (const response of answers) {
      expect(response.status, response.url).toBe(410);
      expect(response.headers.get('content-type'), response.url).toContain('text/html');
      expect(await response.text(), response.url).toContain('<h1>This link has expired</h1>');
    }
  });
});

describe('the consent page on the phone', () => {
  const CHROME_ON_WINDOWS =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const consentRefusals = () =>
    backend.logs.filter(
      (l) =>
        l.event === 'auth.attempt' && l.method === 'tru_id' && l.outcome === 'refused' && l.reason === 'consent_forged',
    ).length;

  /** A flow started by a desktop browser that names itself `userAgent`, past the password. */
  async function atCheckFrom(userAgent: string) {
    const request = await authorizationRequest(logins.config, { acr_values: 'tru_id' });
    const started = state(
      await logins.api.raw('/flow', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'user-agent': userAgent },
        body: JSON.stringify({ authorization_request: request.url.href }),
      }),
    );
    await logins.api.act(started.flow, 'submit', { username: 'pia' });
    return {
      handle: started.flow,
      state: state(await logins.api.act(started.flow, 'submit', { password: 'pia password 12' })),
    };
  }

  /** Expects the refusal page, and that the flow's stored record did not change. */
  async function expectRefused(response: Response, handle: string, before: unknown) {
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('<h1>This answer was not accepted</h1>');
    expect(await stored(handle)).toEqual(before);
  }

  it('names the sign-in it approves: the client, the other device, when, which network, three numbers', async () => {
    const { handle, state: s } = await atCheckFrom(CHROME_ON_WINDOWS);
    const phone = new UserAgent();
    const before = await stored(handle);
    const response = await phone.request(linkOf(s));
    const page = await response.text();
    expect(page).toContain('<title>Approve a sign-in to Test RP on another device</title>');
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('<dt>Device</dt><dd>Chrome on Windows</dd>');
    expect(page).toMatch(/<dt>Started<\/dt><dd><time datetime="[^"]+">just now<\/time><\/dd>/);
    expect(page).toContain('<dt>Network</dt><dd dir="ltr">127.0.0.x</dd>');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('gluu-pc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/pc(;|$)/);

    // Read again a minute later: the same numbers and wording, and still nothing changed.
    now += 61_000;
    backend.clock.now = now;
    const again = await openConsent(phone, linkOf(s));
    expect(again.html).toMatch(/<time datetime="[^"]+">1 minute ago<\/time>/);
    expect(again.choices).toHaveLength(3);
    expect(new Set(again.choices).size).toBe(3);
    expect(again.choices).toContain(numberOf(s));
    for (const n of again.choices) expect(String(n)).toMatch(/^[1-9]\d$/);
    expect(page).toContain(
      `<button type="submit" name="number" value="${again.choices[0]}">${again.choices[0]}</button>`,
    );
    expect(page).toContain('<button type="submit" formaction="/pc/');
    expect(await stored(handle)).toEqual(before);
    expect(check(await read(handle)).status).toBe('waiting');
  });

  it('refuses an Allow without the page’s cookie and token, audited, changing nothing', async () => {
    const { handle, state: s } = await atCheck();
    const before = await stored(handle);
    const refusals = consentRefusals();
    // A phone that never opened the page, posting the right number: no cookie, no token.
    await expectRefused(
      await answerConsent(new UserAgent(), linkOf(s), 'allow', { number: numberOf(s) }),
      handle,
      before,
    );
    // The page's token, without the cookie of the browser it was given to.
    const consent = await openConsent(new UserAgent(), linkOf(s));
    await expectRefused(
      await answerConsent(new UserAgent(), linkOf(s), 'allow', { token: consent.token, number: numberOf(s) }),
      handle,
      before,
    );
    // The cookie without a token (or a made-up one).
    const phone = new UserAgent();
    await openConsent(phone, linkOf(s));
    await expectRefused(await answerConsent(phone, linkOf(s), 'allow', { number: numberOf(s) }), handle, before);
    await expectRefused(
      await answerConsent(phone, linkOf(s), 'allow', { token: 'A'.repeat(43), number: numberOf(s) }),
      handle,
      before,
    );
    expect(consentRefusals()).toBe(refusals + 4);
    expect(check(await read(handle)).status).toBe('waiting');
  });

  it('refuses the token of the attacker’s own copy of the page, sent from the victim’s phone', async () => {
    const { handle, state: s } = await atCheck();
    // The attacker started this sign-in, so they know the link, and can fetch the page themselves.
    const attacker = new UserAgent();
    const theirs = await openConsent(attacker, linkOf(s));
    expect(theirs.token).toBeDefined();
    // The victim's phone has the page open too, with its own cookie.
    const victim = new UserAgent();
    const mine = await openConsent(victim, linkOf(s));
    expect(mine.token).not.toBe(theirs.token);
    const before = await stored(handle);
    await expectRefused(
      await answerConsent(victim, linkOf(s), 'allow', { token: theirs.token, number: numberOf(s) }),
      handle,
      before,
    );
    await expectRefused(await answerConsent(victim, linkOf(s), 'deny', { token: theirs.token }), handle, before);
  });

  it('refuses answers from another site, even with the right cookie and token', async () => {
    const { handle, state: s } = await atCheck();
    const phone = new UserAgent();
    const { token } = await openConsent(phone, linkOf(s));
    const before = await stored(handle);
    const refusals = consentRefusals();
    const right = { token, number: numberOf(s) };
    const foreign: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: backend.issuer },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      {},
    ];
    for (const headers of foreign) {
      await expectRefused(await answerConsent(phone, linkOf(s), 'allow', { ...right, headers }), handle, before);
    }
    await expectRefused(
      await answerConsent(phone, linkOf(s), 'deny', { token, headers: { 'sec-fetch-site': 'cross-site' } }),
      handle,
      before,
    );
    expect(consentRefusals()).toBe(refusals + 7);

    // A browser without fetch metadata, posting from the issuer's own origin, is the page itself.
    const accepted = await answerConsent(phone, linkOf(s), 'allow', {
      ...right,
      headers: { origin: new URL(backend.issuer).origin },
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')!.startsWith(standIns.truId.url)).toBe(true);
    expect(check(await read(handle)).status).toBe('verifying');
  });

  it('a wrong number denies the check: the phone says so, the desktop stops, and it is audited', async () => {
    const { handle, request, state: s } = await atCheck();
    const phone = new UserAgent();
    const consent = await openConsent(phone, linkOf(s));
    const decoy = consent.choices.find((n) => n !== numberOf(s))!;
    const mismatches = backend.logs.filter((l) => l.reason === 'number_mismatch').length;
    const wrong = await answerConsent(phone, linkOf(s), 'allow', { token: consent.token, number: decoy });
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();
    expect(await wrong.text()).toContain('<h1>That was not the number</h1>');
    expect(
      backend.logs.filter(
        (l) =>
          l.event === 'auth.attempt' &&
          l.method === 'tru_id' &&
          l.outcome === 'failure' &&
          l.reason === 'number_mismatch',
      ).length,
    ).toBe(mismatches + 1);
    const denied = await read(handle);
    expect(check(denied).status).toBe('denied');
    expect(denied.actions).toEqual({ continue: { inputs: {} } });
    // No second guess: the right number now finds nothing waiting.
    const late = await answerConsent(phone, linkOf(s), 'allow', { token: consent.token, number: numberOf(s) });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('This check is not waiting for you');
    expect(await read(handle)).toEqual(denied);
    const failed = state(await logins.api.act(handle, 'continue'));
    expect(failed.step).toMatchObject({ kind: 'failed', reason: 'access_denied' });
    if (failed.step.kind !== 'failed') throw new Error();
    const callback = new URL(await toCallback(failed.step.continue_url!));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
  });
});
