// N simulated users logging in over and over for a fixed time against a cluster, each login with an
// account whose TOTP code for the current 30 s step has not been spent yet.
import { emptyTimings, login, Balancer, totpStep, type Timings } from './load-user.js';
import type { Account, Cluster } from './load-cluster.js';

/**
 * TOTP replay protection: the server accepts each time step of a device once, so one account logs in at
 * most once per 30 s step. Rather than bend the servers' clocks, the simulated users draw from a pool of
 * accounts and take only one whose last code was for an earlier step; the pool is sized so that this never
 * has to wait (`waits` counts the times it did, which would cap the rate).
 */
export class AccountPool {
  private cursor = 0;
  waits = 0;
  constructor(readonly accounts: Account[]) {}

  async take(): Promise<Account> {
    for (;;) {
      const step = totpStep();
      for (let i = 0; i < this.accounts.length; i++) {
        const account = this.accounts[(this.cursor + i) % this.accounts.length]!;
        if (!account.busy && account.lastStep < step) {
          this.cursor = (this.cursor + i + 1) % this.accounts.length;
          account.busy = true;
          return account;
        }
      }
      this.waits++;
      await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - Date.now() + 5));
    }
  }

  release(account: Account): void {
    account.busy = false;
  }
}

export interface LoadResult {
  logins: number;
  seconds: number;
  errors: number;
  errorSamples: string[];
  timings: Timings;
  /** Whole logins (start to token), ms. */
  loginMs: number[];
  serverCpuSeconds: number;
  /** Each instance's CPU seconds. */
  instanceCpuSeconds: number[];
  clientCpuSeconds: number;
}

/** Simulated users against one cluster, measured over one or more timed slices that add up. */
export class Load {
  readonly result: LoadResult;
  private readonly origins: string[];

  constructor(
    private readonly cluster: Cluster,
    private readonly pool: AccountPool,
    private readonly users: number,
  ) {
    this.origins = cluster.instances.map((i) => i.origin);
    this.result = {
      logins: 0,
      seconds: 0,
      errors: 0,
      errorSamples: [],
      timings: emptyTimings(),
      loginMs: [],
      serverCpuSeconds: 0,
      instanceCpuSeconds: this.origins.map(() => 0),
      clientCpuSeconds: 0,
    };
  }

  private async attempt(user: number, timings: Timings, loginMs: number[]): Promise<void> {
    const account = await this.pool.take();
    const started = performance.now();
    try {
      // Each login starts at the next instance, so over the run every step kind meets every instance.
      await login(
        this.cluster.issuer,
        new Balancer(this.cluster.issuer, this.origins, user + loginMs.length + this.result.errors),
        account,
        timings,
      );
      loginMs.push(performance.now() - started);
    } catch (err) {
      this.result.errors++;
      if (this.result.errorSamples.length < 5) this.result.errorSamples.push((err as Error).message);
    } finally {
      this.pool.release(account);
    }
  }

  /** Not timed, errors counted: JIT, connection pools, the provider's first requests. */
  async warmUp(logins: number): Promise<void> {
    const timings = emptyTimings();
    await Promise.all(
      Array.from({ length: this.users }, async (_, user) => {
        for (let i = user; i < logins; i += this.users) await this.attempt(user, timings, []);
      }),
    );
  }

  /** Every user logs in over and over for `ms`; logins under way at the end finish and count. */
  async slice(ms: number): Promise<void> {
    const r = this.result;
    const cpuBefore = process.cpuUsage();
    const instancesBefore = this.cluster.instances.map((i) => i.cpuSeconds());
    const start = performance.now();
    const end = start + ms;
    await Promise.all(
      Array.from({ length: this.users }, async (_, user) => {
        while (performance.now() < end) await this.attempt(user, r.timings, r.loginMs);
      }),
    );
    r.seconds += (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    r.clientCpuSeconds += (cpu.user + cpu.system) / 1e6;
    this.cluster.instances.forEach((instance, n) => {
      const used = instance.cpuSeconds() - instancesBefore[n]!;
      r.instanceCpuSeconds[n]! += used;
      r.serverCpuSeconds += used;
    });
    r.logins = r.loginMs.length;
  }
}
