// The tru.ID phone check over HTTP: the desktop's flow, the phone's pages (consent, the simulator's mobile
// network, the redirect back), the live status stream, and the ways it must refuse to be fooled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend.js';
import { RP_ORIGIN as ORIGIN } from '../helpers/oidc-client.js';
import { state } from '../helpers/flow-api.js';
import { EmbeddedLogins, toCallback } from '../helpers/logins.js';
import { UserAgent } from '../helpers/user-agent.js';
import { newestSmsCode } from '../helpers/sms-inbox.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import type { FlowState, Step } from '../../server/protocol.js';

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

/** The phone: opens the QR's link, allows, and plays the network with `outcome`; returns the final page. */
async function phoneWalk(link: string, outcome: 'mobile_data' | 'wifi' | 'other_sim', phone = new UserAgent()) {
  const consent = await phone.request(link);
  expect(consent.status).toBe(200);
  const allow = await phone.request(`${link}/allow`, { method: 'POST' });
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
    const health = (await (await fetch(`${backend.issuer}/healthz`)).json()) as { providers: Record<string, { provider: string; state: string }> };
    expect(health.providers.tru_id).toMatchObject({ provider: 'truid', state: 'ready' });
  });

  it('verifies the SIM over "mobile data" and signs in with amr mca', async () => {
    const { handle, request, state: s } = await atCheck();
    const step = check(s);
    expect(step).toMatchObject({ status: 'waiting', phone: '+1 ••• ••• •• 71', expires_in: 120 });
    expect(step.link).toMatch(new RegExp(`^${backend.issuer}/pc/[\\w-]{22}$`));
    expect(step.qr?.svg).toMatch(/^<svg/);
    expect(s.actions).toEqual({});
    // The check was made for the account's own number, without "+".
    const sim = [...standIns.truId.checks.values()].at(-1)!;
    expect(JSON.stringify(sim)).toContain('14155552671');

    const phone = new UserAgent();
    const consent = await phone.request(linkOf(s));
    const page = await consent.text();
    expect(page).toContain('<strong>Test RP</strong> wants to confirm that this phone has the number <strong dir="ltr">+• ••• ••• •• 71</strong>');
    expect(consent.headers.get('content-security-policy')).toContain(`form-action 'self' ${standIns.truId.url}`);
    expect(check(state(await logins.api.get(handle))).status).toBe('opened');

    const walk = await phoneWalk(linkOf(s), 'mobile_data', phone);
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
    const walk = await phoneWalk(linkOf(s), 'wifi');
    expect(walk.text).toContain('Your phone was on WiFi');
    const failed = state(await logins.api.get(handle));
    expect(check(failed)).toMatchObject({ status: 'failed', reason: expect.stringContaining('Turn off WiFi'), fallback: { acr: 'twilio_sms' } });
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
    const walk = await phoneWalk(linkOf(s), 'other_sim');
    expect(walk.text).toContain('SIM does not have the number on your account');
    const failed = state(await logins.api.get(handle));
    expect(check(failed)).toMatchObject({ status: 'failed', reason: 'This phone’s SIM does not have the number on your account.' });
    expect(failed.actions.continue).toBeUndefined();
    expect((await logins.api.act(handle, 'continue')).status).toBe(409);
  });

  it('Deny on the phone ends the flow, and the RP hears access_denied', async () => {
    const { handle, request, state: s } = await atCheck();
    const phone = new UserAgent();
    await phone.request(linkOf(s));
    const deny = await phone.request(`${linkOf(s)}/deny`, { method: 'POST' });
    expect(await deny.text()).toContain('You denied the request');
    expect(check(state(await logins.api.get(handle))).status).toBe('denied');
    const failed = state(await logins.api.act(handle, 'continue'));
    expect(failed.step).toMatchObject({ kind: 'failed', reason: 'access_denied', message: 'The request was denied on the phone.' });
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
    const walk = await phoneWalk(linkOf(renewedState), 'mobile_data');
    expect(walk.text).toContain('Verified');
  });

  it('refuses a forged check_id, another flow’s check and a redirect before Allow, changing nothing', async () => {
    const a = await atCheck();
    const b = await atCheck();
    const phone = new UserAgent();
    // The phone reaches tru.ID for flow B and comes back with B's check id and code...
    const walkB = await phoneWalk(linkOf(b.state), 'mobile_data', phone);
    expect(walkB.text).toContain('Verified');
    const backB = new URL(walkB.back);
    // ...replayed into flow A's link: A's own check id is the only one it accepts.
    await phone.request(linkOf(a.state));
    await phone.request(`${linkOf(a.state)}/allow`, { method: 'POST' });
    const aBefore = await read(a.handle);
    expect(check(aBefore).status).toBe('verifying');
    const refusals = backend.logs.filter((l) => l.reason === 'foreign_check').length;
    const foreign = await phone.request(`${linkOf(a.state)}/done${backB.search}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('does not belong to this sign-in');
    const forged = await phone.request(`${linkOf(a.state)}/done?check_id=00000000-0000-4000-8000-000000000000&code=123456`);
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
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (frame.startsWith('event: state') && data) events.push(JSON.parse(data) as FlowState);
        }
      }
    };
    await readUntil('waiting');
    await new UserAgent().request(linkOf(s));
    await readUntil('opened');
    expect(events.map((e) => (e.step as Check).status)).toEqual(['waiting', 'opened']);
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
    expect(await refusal({ 'gluu-flow': handle, origin: 'https://evil.example' })).toEqual({ status: 403, error: 'origin_not_allowed' });
  });

  it('tells a user without a verified phone to contact the administrator', async () => {
    const { state: s } = await atCheck('noe', 'noe password 12');
    expect(s.step).toMatchObject({ kind: 'failed', reason: 'no_phone' });
  });

  it('answers unknown or malformed links with "expired", never an error', async () => {
    const answers = [
      ...(await Promise.all(['/pc/AAAAAAAAAAAAAAAAAAAAAA', '/pc/short', '/pc/AAAAAAAAAAAAAAAAAAAAAA/done?check_id=x&code=y'].map((path) => fetch(`${backend.issuer}${path}`)))),
      await fetch(`${backend.issuer}/pc/AAAAAAAAAAAAAAAAAAAAAA/allow`, { method: 'POST' }),
    ];
    for (const response of answers) {
      expect(response.status, response.url).toBe(410);
      expect(response.headers.get('content-type'), response.url).toContain('text/html');
      expect(await response.text(), response.url).toContain('<h1>This link has expired</h1>');
    }
  });
});
