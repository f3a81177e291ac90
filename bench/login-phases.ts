// `npm run bench:phases`: where a password login's server main-thread CPU
// goes, exchange by exchange, for gluu-login and for the anchor (bench/anchor-server.ts on our SQLite
// storage). Each side runs logins cut short after 1, 2, ... exchanges, at the same concurrency; the
// difference between two cuts is what the exchange added. Best of two rounds (least main-thread CPU).
import { CLIENT_SECRET } from '../test/helpers/backend.js';
import { authorizationRequest, discover, exchange } from '../test/helpers/oidc-client.js';
import { FlowApi, state } from '../test/helpers/flow-api.js';
import { toCallback } from '../test/helpers/logins.js';
import { UserAgent } from '../test/helpers/user-agent.js';
import { startAnchor } from './anchor-process.js';
import { startBenchBackend } from './backend-process.js';
import { cpuSince, type ThreadCpu } from './thread-cpu.js';
import { forDuration } from './timing.js';

const USERNAME = 'bench';
const PASSWORD = 'bench password 1';
const CONCURRENCY = 8;
const SECONDS = 3;
const ROUNDS = 2;

interface Side {
  name: string;
  exchanges: string[];
  cpu: () => ThreadCpu;
  /** Seconds to wait between rounds (the flow API's per-address start limit is 10,000 a minute at most). */
  pause?: number;
  /** A login cut short after `n` exchanges. */
  upTo: (n: number) => () => Promise<void>;
}

async function measure(side: Side): Promise<void> {
  const all = side.exchanges.length;
  await forDuration(12_000, CONCURRENCY, side.upTo(all)); // warm-up: V8 compiles for hundreds of logins
  const best: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0 && side.pause) await new Promise((resolve) => setTimeout(resolve, side.pause! * 1000));
    for (let n = 1; n <= all; n++) {
      const before = side.cpu();
      const run = await forDuration(SECONDS * 1000, CONCURRENCY, side.upTo(n));
      const main = (cpuSince(before, side.cpu()).main * 1000) / run.count;
      best[n] = Math.min(best[n] ?? Infinity, main);
    }
  }
  console.log(`${side.name}: main-thread CPU per login, ms`);
  for (let n = 1; n <= all; n++) {
    const added = best[n]! - (n > 1 ? best[n - 1]! : 0);
    console.log(
      `  ${side.exchanges[n - 1]!.padEnd(44)}${added.toFixed(2).padStart(6)}   (${best[n]!.toFixed(2)} so far)`,
    );
  }
}

const lockout = { account: { free_attempts: 100 }, ip: { free_attempts: 100 } };
const client = {
  client_id: 'test-rp',
  client_secret: CLIENT_SECRET,
  redirect_uris: ['http://localhost:3999/callback'],
  allowed_origins: ['http://localhost:3999'],
};
const backend = await startBenchBackend({ lockout, clients: [client] }, [{ username: USERNAME, password: PASSWORD }]);
const anchor = await startAnchor({
  store: 'sqlite',
  clientSecret: CLIENT_SECRET,
  username: USERNAME,
  password: PASSWORD,
});
try {
  const ours = await discover(backend.issuer);
  const api = new FlowApi(backend.issuer, 'http://localhost:3999');
  await measure({
    name: 'gluu-login (embedded)',
    exchanges: [
      'POST /flow (start)',
      'POST /flow/action (username)',
      'POST /flow/action (password)',
      '/auth with the ticket (redeemed) + resume',
      'POST /token',
    ],
    cpu: backend.cpu,
    pause: 61,
    upTo: (n) => async () => {
      const request = await authorizationRequest(ours);
      const handle = state(await api.start(request.url.href)).flow;
      if (n === 1) return;
      await api.act(handle, 'submit', { username: USERNAME });
      if (n === 2) return;
      const done = state(await api.act(handle, 'submit', { password: PASSWORD }));
      if (done.step.kind !== 'done') throw new Error(`not done: ${JSON.stringify(done.step)}`);
      if (n === 3) return;
      const callback = await toCallback(done.step.continue_url, new UserAgent());
      if (n === 4) return;
      await exchange(ours, callback, request);
    },
  });
  const theirs = await discover(anchor.issuer);
  await measure({
    name: 'anchor (bare oidc-provider, our SQLite storage)',
    exchanges: ['/auth', 'POST the form (password)', 'resume', 'POST /token'],
    cpu: anchor.cpu,
    upTo: (n) => async () => {
      const request = await authorizationRequest(theirs);
      const agent = new UserAgent();
      const auth = await agent.request(request.url.href);
      await auth.arrayBuffer();
      if (n === 1) return;
      const form = await agent.request(new URL(auth.headers.get('location') ?? '', anchor.issuer).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: USERNAME, password: PASSWORD }),
      });
      await form.arrayBuffer();
      if (n === 2) return;
      const callback = await toCallback(new URL(form.headers.get('location')!, anchor.issuer).href, agent);
      if (n === 3) return;
      await exchange(theirs, callback, request);
    },
  });
} finally {
  await Promise.all([backend.close(), anchor.close()]);
}
