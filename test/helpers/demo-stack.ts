// The backend and the demo RP together, as `npm start` runs them, on free ports for one test file.
import { randomBytes } from 'node:crypto';
import { startRp, type RunningRp } from '../../demo/rp/app.js';
import { startStandIns, type StandIns } from '../../demo/stand-ins/index.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../demo/stand-ins/smtp.js';
import type { ConfigInput } from '../../server/config.js';
import { startTestBackend, type TestBackend } from './backend.js';
import { freePort } from './ports.js';

export interface DemoStack {
  backend: TestBackend;
  rp: RunningRp;
  rpUrl: string;
  /** The Twilio and SMSC stand-ins (SMS methods enabled against them), when asked for. */
  standIns?: StandIns;
  /** The SMTP stand-in (the mail relay, its mail on the RP's Mailbox page), when asked for. */
  smtp?: SmtpStandIn;
  close(): Promise<void>;
}

export async function startDemoStack(
  config: Partial<ConfigInput> = {},
  options: { sms?: boolean; mail?: boolean } = {},
): Promise<DemoStack> {
  const standIns = options.sms ? await startStandIns() : undefined;
  if (standIns) config = { ...config, methods: { ...standIns.methods, ...config.methods } };
  const smtp = options.mail ? await startSmtpStandIn() : undefined;
  if (smtp) {
    const email = { smtp_url: smtp.url, from: 'no-reply@example.com' };
    config = { ...config, notifications: { ...config.notifications, email } };
  }
  const rpPort = await freePort();
  const rpUrl = `http://localhost:${rpPort}`;
  const secret = randomBytes(32).toString('base64url');
  const backend = await startTestBackend({
    rpOrigin: rpUrl,
    config: {
      clients: [
        {
          client_id: 'demo-rp',
          client_secret: secret,
          client_name: 'Demo RP',
          redirect_uris: [`${rpUrl}/callback`],
          post_logout_redirect_uris: [`${rpUrl}/`],
          allowed_origins: [rpUrl],
          // Its Account page embeds <gluu-account>.
          account_api: true,
        },
      ],
      ...config,
    },
  });
  const rp = await startRp({
    port: rpPort,
    url: rpUrl,
    issuer: backend.issuer,
    clientId: 'demo-rp',
    clientSecret: secret,
    ...(standIns ? { inbox: standIns.inbox, acrChoices: ['tru_id twilio_sms'] } : {}),
    ...(smtp ? { mailbox: smtp.inbox } : {}),
  });
  return {
    backend,
    rp,
    rpUrl,
    ...(standIns ? { standIns } : {}),
    ...(smtp ? { smtp } : {}),
    close: async () => {
      await rp.close();
      await backend.close();
      await standIns?.close();
      await smtp?.close();
    },
  };
}
