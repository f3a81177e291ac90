// `npm start`: the backend on the embedded SQLite default, the demo RP, and a seeded demo user, with the
// URLs and the demo password printed. Ports, issuer and data directory come from the environment
// (GLUU_PORT, GLUU_ISSUER, GLUU_DATA_DIR, RP_PORT, TWILIO_STANDIN_PORT, SMPP_STANDIN_PORT, TRUID_STANDIN_PORT,
// SMTP_STANDIN_PORT, DEMO_PASSWORD, DEMO_PHONE), so copies can run side by side.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ClientConfig, ConfigError, ensureUser, loadConfig, startServer } from '../server/index.js';
import { startRp } from './rp/app.js';
import { startStandIns } from './stand-ins/index.js';
import { startSmtpStandIn } from './stand-ins/smtp.js';
import { DEMO_CLI_CLIENT } from './clients.js';

const DEMO_CLIENT_ID = 'demo-rp';

/** The demo user's password, and where it is (the RP's home page says where, not what). */
function demoPassword(dataDir: string): { password: string; at: string } {
  if (process.env.DEMO_PASSWORD) return { password: process.env.DEMO_PASSWORD, at: 'the DEMO_PASSWORD you set' };
  // Generated once per data directory, so the printed password stays the same across restarts.
  const file = path.join(dataDir, 'demo-password');
  const at = `in ${path.resolve(file)}, and printed by npm start`;
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), at };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const generated = `demo-${randomBytes(6).toString('base64url')}`;
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return { password: generated, at };
}

async function main(): Promise<void> {
  const rpPort = Number(process.env.RP_PORT ?? 3000);
  const rpUrl = process.env.RP_URL ?? `http://localhost:${rpPort}`;
  // Twilio and the SMSC are unreachable from here: the real clients talk to local stand-ins instead.
  const standIns = await startStandIns({
    twilioPort: Number(process.env.TWILIO_STANDIN_PORT ?? 4010),
    smscPort: Number(process.env.SMPP_STANDIN_PORT ?? 2775),
    truIdPort: Number(process.env.TRUID_STANDIN_PORT ?? 4020),
  });
  // The mail relay too: e-mail codes and notices to the demo user's address land on the RP's Mailbox page.
  const smtp = await startSmtpStandIn({ port: Number(process.env.SMTP_STANDIN_PORT ?? 2525) });
  // The demo offers every method it can run locally; a configuration file or the environment may still
  // change or turn off any of them.
  const base = loadConfig({
    defaults: {
      methods: {
        otp: { enabled: true, issuer: 'gluu-login demo' },
        ...standIns.methods,
        email_otp: { enabled: true },
        passkey: { enabled: true },
        // Shown once after the first sign-in that proves a second factor; "Use another way" offers them.
        recovery_code: { enabled: true },
      },
      // A tour of every SMS method fits in the demo user's quota; when it is spent, "Use another way" helps.
      sms: { enroll_phone: true, limits: { per_user: { max: 20 }, per_phone: { max: 20 } } },
      // "Forgot password?": a code to the demo user's address (the Mailbox page), then a second factor.
      password_reset: { enabled: true },
      notifications: { email: { smtp_url: smtp.url, from: 'no-reply@gluu-login.demo' } },
      // A password login offers to add a passkey (which acr passkey then signs in with, passwordless).
      webauthn: { second_factor: 'optional' },
      default_acr: 'password',
      // For `npm run demo:cli-login`; see the README for why this grant is off by default.
      ropc: { enabled: true, sms_method: 'twilio_sms' },
    },
  });
  const demoClient: ClientConfig = {
    client_id: DEMO_CLIENT_ID,
    client_secret: randomBytes(32).toString('base64url'),
    client_name: 'Demo RP',
    redirect_uris: [`${rpUrl}/callback`],
    post_logout_redirect_uris: [`${rpUrl}/`],
    allowed_origins: [new URL(rpUrl).origin],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    // Its Account page embeds <gluu-account>.
    account_api: true,
    // After a second factor, "Trust this browser?": sign-ins there then skip it (listed on the Account page).
    trust_browser: 'user_choice',
  };
  const cliClient: ClientConfig = {
    client_id: DEMO_CLI_CLIENT.id,
    client_secret: DEMO_CLI_CLIENT.secret,
    client_name: 'Demo CLI',
    redirect_uris: [],
    post_logout_redirect_uris: [],
    allowed_origins: [],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['password', 'refresh_token'],
    account_api: false,
    trust_browser: 'never',
  };
  const ours = new Set([DEMO_CLIENT_ID, DEMO_CLI_CLIENT.id]);
  const config = {
    ...base,
    clients: [
      ...base.clients.filter((c) => !ours.has(c.client_id)),
      demoClient,
      ...(base.ropc.enabled ? [cliClient] : []),
    ],
  };

  const server = await startServer(config);
  const { password, at: passwordAt } = demoPassword(config.data_dir);
  const phone = process.env.DEMO_PHONE ?? '+15555550123';
  const demoUser = await ensureUser(server, { username: 'demo', email: 'demo@example.com', phone, password });
  // Its address is verified, so acr email_otp sends its codes there (the Mailbox page) from the first sign-in.
  await server.store.users.update(demoUser.id, { email: 'demo@example.com', emailVerified: true });
  const rp = await startRp({
    port: rpPort,
    url: rpUrl,
    issuer: config.issuer,
    clientId: demoClient.client_id,
    clientSecret: demoClient.client_secret!,
    inbox: standIns.inbox,
    mailbox: smtp.inbox,
    acrChoices: ['tru_id twilio_sms'],
    demoUser: { username: 'demo', passwordAt },
  });

  const lines = [
    '',
    'gluu-login demo is running',
    `  Demo RP (open this):   ${rpUrl}`,
    `  OpenID Provider:       ${config.issuer}   (discovery: ${config.issuer}/.well-known/openid-configuration)`,
    `  Widget bundle:         ${config.issuer}/assets/gluu-login.js`,
    `  Demo user:             demo / ${password}   (phone ${phone})`,
    `  Phone (SMS codes):     ${rpUrl}/phone   ` +
      `(Twilio stand-in ${standIns.twilio.url}, SMSC stand-in smpp://127.0.0.1:${standIns.smsc.port})`,
    `  Mailbox (e-mail):      ${rpUrl}/mailbox   (SMTP stand-in ${smtp.url}; the demo user is demo@example.com)`,
    `  tru.ID simulator:      ${standIns.truId.url}   ` +
      "(open the phone-check QR's link in another tab to play the phone)",
    `  Password grant:        npm run demo:cli-login   (client ${DEMO_CLI_CLIENT.id}: username, SMS code, password)`,
    `  Data directory:        ${path.resolve(config.data_dir)}`,
    ['127.0.0.1', '::1', 'localhost'].includes(config.host)
      ? '  Listening on:          127.0.0.1 only (the Phone and Mailbox pages show every code to whoever reaches them)'
      : `  Listening on:          the provider on ${config.host} (GLUU_HOST), ` +
        'the RP and stand-ins on 127.0.0.1 only (the Phone and Mailbox pages show every code)',
    '  Stop with Ctrl+C.',
    '',
  ];
  const stop = async () => {
    await rp.close();
    await server.close();
    await standIns.close();
    await smtp.close();
    process.exit(0);
  };
  // Before the banner: until a listener exists the signal's default action applies, and a Ctrl+C right
  // after the banner appeared killed the demo without closing anything (seen as exit by SIGINT).
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(
      `A port is already in use (${(err as Error).message}). ` +
        'Set GLUU_PORT, RP_PORT, TWILIO_STANDIN_PORT, SMPP_STANDIN_PORT, TRUID_STANDIN_PORT or SMTP_STANDIN_PORT ' +
        'to free ports (0 picks one for the stand-ins).\n',
    );
  } else process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
