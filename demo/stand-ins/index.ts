// The local stand-ins for the outside world, started together for the demo and the tests: a Twilio
// Messages API and an SMSC, both writing into one phone inbox, and the configuration that points the
// real clients (the twilio SDK, the smpp package) at them.
import type { Logger } from 'pino';
import { PhoneInbox } from './inbox.js';
import { startSmsc, type Smsc } from './smsc.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio.js';
import { startTruIdStandIn, type TruIdStandIn } from './truid.js';

/** Credentials the stand-ins accept; shaped like the real ones (the twilio SDK checks the SID's form). */
export const STAND_IN_CREDENTIALS = {
  twilioSid: 'AC5ef8732a3c49700934481addd5ce1659',
  twilioToken: 'demo-twilio-auth-token-0123456789',
  twilioFrom: '+15005550006',
  smppSystemId: 'gluu-demo',
  smppPassword: 'demo-pw',
  truIdClientId: 'demo-truid-client',
  truIdClientSecret: 'demo-truid-secret-0123456789',
};

export interface StandIns {
  inbox: PhoneInbox;
  twilio: TwilioStandIn;
  smsc: Smsc;
  truId: TruIdStandIn;
  /** `methods` entries that enable twilio_sms, smpp and tru_id against these stand-ins. */
  methods: {
    twilio_sms: Record<string, unknown>;
    smpp: Record<string, unknown>;
    tru_id: Record<string, unknown>;
  };
  close(): Promise<void>;
}

export async function startStandIns(
  options: { twilioPort?: number; smscPort?: number; truIdPort?: number; logger?: Logger; clock?: () => number } = {},
): Promise<StandIns> {
  const inbox = new PhoneInbox();
  const c = STAND_IN_CREDENTIALS;
  const twilio = await startTwilioStandIn({
    port: options.twilioPort ?? 0,
    host: '127.0.0.1',
    accounts: { [c.twilioSid]: c.twilioToken },
    inbox,
  });
  const truId = await startTruIdStandIn({
    port: options.truIdPort ?? 0,
    host: '127.0.0.1',
    clients: { [c.truIdClientId]: c.truIdClientSecret },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const smsc = await startSmsc({
    port: options.smscPort ?? 0,
    host: '127.0.0.1',
    systemId: c.smppSystemId,
    password: c.smppPassword,
    inbox,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    inbox,
    twilio,
    smsc,
    truId,
    methods: {
      twilio_sms: {
        enabled: true,
        twilio_sid: c.twilioSid,
        twilio_token: c.twilioToken,
        from_number: c.twilioFrom,
        api_base_url: twilio.url,
      },
      smpp: {
        enabled: true,
        smpp_server: '127.0.0.1',
        smpp_port: smsc.port,
        system_id: c.smppSystemId,
        password: c.smppPassword,
      },
      tru_id: {
        enabled: true,
        truid_api_base_url: truId.url,
        truid_client_id: c.truIdClientId,
        truid_client_secret: c.truIdClientSecret,
        fallback_acr: 'twilio_sms',
      },
    },
    close: async () => {
      await Promise.all([twilio.close(), smsc.close(), truId.close()]);
    },
  };
}
