// New flows per client address. Starting one needs no credential and stores a record until it expires,
// so an anonymous loop would fill the store: a fixed-window budget per address (offices behind one NAT
// share it, so it is generous and starts afresh each window), counted in the shared store.
import type { Config } from '../config.js';
import type { Audit } from '../security/audit.js';
import type { Throttle } from '../security/lockout.js';
import { budget } from '../security/budgets.js';
import { rateLimitBucket } from '../security/ip-address.js';
import type { FlowError } from '../../wire/flow-api.js';

export class FlowStartLimit {
  constructor(
    private readonly throttle: Throttle,
    private readonly config: Config,
    private readonly audit: Audit,
    private readonly clock: () => number,
  ) {}

  /** Counts one start from `ip`; when the address's budget is spent, the refusal to answer (429) instead. */
  async charge(ip: string, placement: 'hosted' | 'embedded'): Promise<FlowError | undefined> {
    const { key, retryAfterSeconds } = budget(
      `flowq:ip:${rateLimitBucket(ip)}`,
      this.config.flow.start_limit_per_ip,
      this.clock(),
    );
    if ((await this.throttle.reserve([key])).allowed) return undefined;
    this.audit.record({ event: 'flow.started', outcome: 'refused', reason: 'start_limit', ip, placement });
    return {
      code: 'rate_limited',
      message: `Too many sign-ins were started from your network. Try again in ${retryAfterSeconds} seconds.`,
      retry_after: retryAfterSeconds,
    };
  }
}
