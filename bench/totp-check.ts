// TOTP code checks per second through the HTTP step endpoint (flow API, lockout counter, audit, credential
// lookup and unsealing, the window of three HMACs) against bare otplib verifications in this process.
import { generate, verify } from 'otplib';
import { CLIENT_SECRET } from '../test/helpers/backend.js';
import { authorizationRequest, discover } from '../test/helpers/oidc-client.js';
import { FlowApi, state } from '../test/helpers/flow-api.js';
import { startBenchBackend } from './backend-process.js';
import { forDuration } from './timing.js';

const USERS = 40;
const CHECKS_PER_FLOW = 90; // under free_attempts, so no lockout wait interferes

export async function benchTotpChecks(options: { seconds: number; concurrency: number }) {
  const users = Array.from({ length: USERS }, (_, i) => ({ username: `otp${i}`, password: `otp bench password ${i}` }));
  const backend = await startBenchBackend(
    {
      methods: { otp: { enabled: true, issuer: 'Bench' } },
      // All checks come from this one address: the IP limit must not be what the benchmark measures.
      lockout: { account: { free_attempts: 100, max_failures: 0 }, ip: { free_attempts: 100_000, max_failures: 0 } },
      clients: [
        {
          client_id: 'test-rp',
          client_secret: CLIENT_SECRET,
          redirect_uris: ['http://localhost:3999/callback'],
          allowed_origins: ['http://localhost:3999'],
        },
      ],
    },
    users,
  );
  try {
    const config = await discover(backend.issuer);
    const api = new FlowApi(backend.issuer, 'http://localhost:3999');
    // Every user enrolls once, then waits at the code step of a new flow; wrong codes keep it there.
    const flows: string[] = [];
    let secret = '';
    for (const user of users) {
      const atOtp = async () => {
        const handle = state(
          await api.start((await authorizationRequest(config, { acr_values: 'otp' })).url.href),
        ).flow;
        await api.act(handle, 'submit', { username: user.username });
        return { handle, s: state(await api.act(handle, 'submit', { password: user.password })) };
      };
      const first = await atOtp();
      if (first.s.step.kind !== 'otp_enroll') throw new Error(`expected enrollment, got ${first.s.step.kind}`);
      secret = first.s.step.secret;
      await api.act(first.handle, 'submit', { code: await generate({ strategy: 'totp', secret }) });
      flows.push((await atOtp()).handle);
    }

    let next = 0;
    const used = new Map<string, number>();
    const wrong = '000000';
    const checks = await forDuration(options.seconds * 1000, options.concurrency, async () => {
      let handle = flows[next++ % flows.length]!;
      for (let tries = 0; (used.get(handle) ?? 0) >= CHECKS_PER_FLOW; tries++) {
        if (tries > flows.length) throw new Error('ran out of flows: lengthen CHECKS_PER_FLOW or add users');
        handle = flows[next++ % flows.length]!;
      }
      used.set(handle, (used.get(handle) ?? 0) + 1);
      const response = await api.act(handle, 'submit', { code: wrong });
      if (response.status !== 401) throw new Error(`unexpected ${response.status}`);
    });
    const bare = await forDuration(options.seconds * 1000, options.concurrency, async () => {
      await verify({ strategy: 'totp', secret, token: wrong, epochTolerance: 30 });
    });
    const httpRate = checks.count / checks.seconds;
    const bareRate = bare.count / bare.seconds;
    return { httpRate, bareRate, ratio: httpRate / bareRate, checks: checks.count };
  } finally {
    await backend.close();
  }
}
