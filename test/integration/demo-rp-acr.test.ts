// The demo RP, our reference integration, checks the acr it gets against the one it asked for: a user who
// edits acr_values=otp into acr_values=password on the way to the provider (a client without a floor
// honours that) signs in with the password only, and the RP refuses that login with a way to try again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { FlowApi, state } from '../helpers/flow-api.js';
import { UserAgent } from '../helpers/user-agent.js';
import { acrShortfall } from '../../demo/rp/acr-check.js';

let stack: DemoStack;

beforeAll(async () => {
  stack = await startDemoStack({ methods: { otp: { enabled: true, issuer: 'Demo Co' } } });
  await stack.backend.addUser('dana', 'dana password 1');
});
afterAll(() => stack?.close());

/**
 * "Log in" on the RP with `acr`, the redirect to the provider passed through `edit` (what a user can do in
 * the address bar), the password signed in on the hosted page: the RP's home page afterwards.
 */
async function logIn(acr: string, edit: (authorization: URL) => void = () => {}): Promise<string> {
  const agent = new UserAgent();
  const login = await agent.request(`${stack.rpUrl}/login?acr=${acr}`);
  const authorization = new URL(login.headers.get('location')!);
  expect(authorization.searchParams.get('acr_values')).toBe(acr);
  edit(authorization);
  const { response } = await agent.follow(authorization.href);
  const handle = /<gluu-login[^>]* flow="([^"]+)"/.exec(await response!.text())![1]!;
  const api = new FlowApi(stack.backend.issuer);
  expect(state(await api.act(handle, 'submit', { username: 'dana' })).step.kind).toBe('password');
  const done = state(await api.act(handle, 'submit', { password: 'dana password 1' }));
  if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done)}`);
  // Through the provider to the RP's callback, which redirects to its home page.
  const { url, response: home } = await agent.follow(done.step.continue_url);
  expect(url).toBe(`${stack.rpUrl}/`);
  return home!.text();
}

describe('the demo RP checks the acr it gets', () => {
  it('refuses a password login when it asked for otp, and offers to sign in again with otp', async () => {
    const page = await logIn('otp', (u) => u.searchParams.set('acr_values', 'password'));
    expect(page).not.toContain('You are signed in');
    expect(page).toContain(
      '<p class="error" id="rp-error" role="alert">' +
        'This sign-in proved password, weaker than the otp this page asks for. Sign in again.</p>',
    );
    expect(page).toMatch(/<form method="get" action="\/login"><input type="hidden" name="acr" value="otp">/);
    expect(page).toContain('<button class="button" id="sign-in-again" type="submit">Sign in again</button>');
  });

  it('signs in when the acr is the one it asked for', async () => {
    const page = await logIn('password');
    expect(page).toContain('You are signed in');
    expect(page).toMatch(/data-claim="acr"><th>acr<\/th><td><code>password<\/code>/);
  });

  it('ranks by acr_values_supported (strongest first): stronger passes, weaker or unknown does not', () => {
    const supported = ['passkey', 'otp', 'twilio_sms', 'password'];
    expect(acrShortfall('passkey', 'otp', supported)).toBeUndefined();
    expect(acrShortfall('otp', 'otp', supported)).toBeUndefined();
    expect(acrShortfall('anything', '', supported)).toBeUndefined(); // nothing asked: the provider's default
    expect(acrShortfall('twilio_sms', 'otp', supported)).toBe(
      'This sign-in proved twilio_sms, weaker than the otp this page asks for. Sign in again.',
    );
    expect(acrShortfall('legacy', 'otp', supported)).toContain('proved legacy, weaker');
    expect(acrShortfall(undefined, 'otp', supported)).toContain('proved no method, weaker');
  });

  it('ranks by the levels discovery publishes when it does: equal levels are equally strong', async () => {
    const metadata = (await (await fetch(`${stack.backend.issuer}/.well-known/openid-configuration`)).json()) as {
      gluu_acr_levels: Record<string, number>;
      acr_values_supported: string[];
    };
    expect(metadata.gluu_acr_levels).toMatchObject({ password: 10 });
    expect(Object.keys(metadata.gluu_acr_levels).sort()).toEqual([...metadata.acr_values_supported].sort());
    const supported = ['passkey', 'otp', 'recovery_code', 'twilio_sms', 'password'];
    const levels = { passkey: 60, otp: 50, recovery_code: 50, twilio_sms: 40, password: 10 };
    expect(acrShortfall('recovery_code', 'otp', supported, levels)).toBeUndefined();
    expect(acrShortfall('otp', 'recovery_code', supported, levels)).toBeUndefined();
    expect(acrShortfall('twilio_sms', 'otp', supported, levels)).toContain('weaker than the otp');
    // Without levels, the later of two equal ones ranks lower.
    expect(acrShortfall('recovery_code', 'otp', supported)).toContain('weaker than the otp');
  });

  it('accepts any acr at or above the weakest of several asked for (a method and its fallback)', () => {
    const supported = ['passkey', 'otp', 'tru_id', 'twilio_sms', 'password'];
    expect(acrShortfall('twilio_sms', 'tru_id twilio_sms', supported)).toBeUndefined();
    expect(acrShortfall('tru_id', 'tru_id twilio_sms', supported)).toBeUndefined();
    expect(acrShortfall('password', 'tru_id twilio_sms', supported)).toBe(
      'This sign-in proved password, weaker than any of tru_id, twilio_sms this page asks for. Sign in again.',
    );
    // One value the provider does not list makes the whole request unrankable.
    expect(acrShortfall('otp', 'otp legacy', supported)).toContain('weaker');
  });
});
