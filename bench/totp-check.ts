// TOTP code checks per second through the HTTP step endpoint (flow API, lockout counter, audit, credential
// lookup and unsealing, the window of three HMACs) against bare otplib verifications in this process.
import { generate, verify } from 'otplib';
import { CLIENT_SECRET } from '../test/helpers/backend.js';
import { authorizationRequest, discover } from '../test/helpers/oidc-client.js';
import { FlowApi, state } from '../test/helpers/flow-api.js';
import { startBenchBackend } from './backend-process.js';
import { forDuration } from './timing.js';
import { freePort, startServerProcess } from './server-process.js';
import { cpuSince, type ThreadCpu } from './thread-cpu.js';

const USERS = 40;
const FLOWS_PER_USER = 8;
const CHECKS_PER_FLOW = 90;

export async function benchTotpChecks(options: { seconds: number; concurrency: number }) {
  const users = Array.from({ length: USERS }, (_, i) => ({ username: `otp${i}`, password: `otp bench password ${i}` }));
  const backend = await startBenchBackend(
    {
      methods: { otp: { enabled: true, issuer: 'Bench' } },
      // Each bench user binds its authenticator app after the password on its first flow (trust on first use).
      enrollment: { first_factor: true },
      // All checks come from this one address: the IP limit must not be what the benchmark measures,
      // and each account takes FLOWS_PER_USER x CHECKS_PER_FLOW wrong codes without a lockout wait.
      lockout: {
        account: { free_attempts: 100_000, max_failures: 0 },
        ip: { free_attempts: 100_000, max_failures: 0 },
      },
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
    // Every user enrolls once, then waits at the code step of new flows; wrong codes keep them there.
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
      if (first.s.step.kind !== 'otp_enroll')
        throw new Error(`expected enrollment, got ${JSON.stringify(first.s.step)}`);
      secret = first.s.step.secret;
      await api.act(first.handle, 'submit', { code: await generate({ strategy: 'totp', secret }) });
      for (const waiting of await Promise.all(Array.from({ length: FLOWS_PER_USER }, atOtp)))
        flows.push(waiting.handle);
    }

    let next = 0;
    const used = new Map<string, number>();
    const wrong = '000000';
    const before = backend.cpu();
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
    const totpMs = msPer(cpuSince(before, backend.cpu()), checks.count);
    const floor = await honoFloor(options, {
      'content-type': 'application/json',
      'gluu-flow': flows[0]!,
      origin: 'http://localhost:3999',
    });
    const bare = await forDuration(options.seconds * 1000, options.concurrency, async () => {
      await verify({ strategy: 'totp', secret, token: wrong, epochTolerance: 30 });
    });
    const httpRate = checks.count / checks.seconds;
    const bareRate = bare.count / bare.seconds;
    return { httpRate, bareRate, ratio: httpRate / bareRate, checks: checks.count, totpMs, floor };
  } finally {
    await backend.close();
  }
}

const msPer = (cpu: ThreadCpu, count: number) => (cpu.total * 1000) / count;

/**
 * Server CPU per request (ms, main thread and all) of a trivial Hono GET answering JSON and of a Hono POST
 * that reads a JSON body like the TOTP action's (same headers and body), each with the same client and
 * concurrency as the TOTP checks.
 */
export async function honoFloor(options: { seconds: number; concurrency: number }, headers: Record<string, string>) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startServerProcess({
    script: ['--import', 'tsx', new URL('./hono-floor-server.ts', import.meta.url).pathname],
    env: { FLOOR_PORT: String(port) },
    origin,
    name: 'the Hono floor server',
  });
  try {
    const body = JSON.stringify({ action: 'submit', inputs: { code: '000000' } });
    const get = async () => void (await (await fetch(`${origin}/json`)).json());
    const post = async () => void (await (await fetch(`${origin}/json`, { method: 'POST', headers, body })).json());
    const measured = async (work: () => Promise<void>) => {
      await forDuration(Math.min(3000, options.seconds * 1000), options.concurrency, work); // warm-up
      const before = server.cpu();
      const run = await forDuration(options.seconds * 1000, options.concurrency, work);
      return { ms: msPer(cpuSince(before, server.cpu()), run.count), rate: run.count / run.seconds };
    };
    return { get: await measured(get), post: await measured(post) };
  } finally {
    await server.stop();
  }
}
