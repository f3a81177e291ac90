// Complete password logins per second through the real HTTP endpoints (flow start -> username -> password
// -> /auth with the ticket -> callback -> code exchange with openid-client), against bare argon2id
// verifications per second with the same parameters, at the same concurrency, in the same run.
import { verify, hash } from '@node-rs/argon2';
import { CLIENT_SECRET } from '../test/helpers/backend.js';
import { startBenchBackend } from './backend-process.js';
import { forDuration } from './timing.js';
import { authorizationRequest, discover, exchange } from '../test/helpers/oidc-client.js';
import { embeddedLogin } from '../test/helpers/logins.js';
import { UserAgent } from '../test/helpers/user-agent.js';

export async function benchPasswordLogin(options: { seconds: number; concurrency: number }) {
  const backend = await startBenchBackend(
    {
      // One user logs in over and over, several at a time: attempts in flight count until they succeed,
      // so the free attempts must cover the concurrency or the lockout would (rightly) step in.
      lockout: { account: { free_attempts: 100 }, ip: { free_attempts: 100 } },
      clients: [
        {
          client_id: 'test-rp',
          client_secret: CLIENT_SECRET,
          redirect_uris: ['http://localhost:3999/callback'],
          allowed_origins: ['http://localhost:3999'],
        },
      ],
    },
    [{ username: 'bench', password: 'bench password 1' }],
  );
  try {
    const config = await discover(backend.issuer);
    const params = { memory_kib: 19_456, time_cost: 2, parallelism: 1 }; // the defaults the backend runs with
    const stored = await hash('bench password 1', {
      algorithm: 2,
      memoryCost: params.memory_kib,
      timeCost: params.time_cost,
      parallelism: params.parallelism,
    });

    const login = async () => {
      const request = await authorizationRequest(config);
      const callback = await embeddedLogin(backend.issuer, request, 'bench', 'bench password 1', new UserAgent());
      const tokens = await exchange(config, callback, request);
      if (!tokens.claims()?.sub) throw new Error('no subject');
    };
    for (let i = 0; i < 20; i++) await login(); // warm up
    const serverCpuBefore = backend.cpuSeconds();
    const logins = await forDuration(options.seconds * 1000, options.concurrency, login);
    const serverCpu = backend.cpuSeconds() - serverCpuBefore;
    const cpuBefore = process.cpuUsage();
    const verifications = await forDuration(options.seconds * 1000, options.concurrency, async () => {
      if (!(await verify(stored, 'bench password 1'))) throw new Error('verify failed');
    });
    const verifyCpu = process.cpuUsage(cpuBefore);
    const loginRate = logins.count / logins.seconds;
    const verifyRate = verifications.count / verifications.seconds;
    return {
      loginRate,
      verifyRate,
      ratio: loginRate / verifyRate,
      logins: logins.count,
      verifications: verifications.count,
      params,
      serverCpuMsPerLogin: (serverCpu * 1000) / logins.count,
      cpuMsPerVerification: (verifyCpu.user + verifyCpu.system) / 1000 / verifications.count,
    };
  } finally {
    await backend.close();
  }
}
