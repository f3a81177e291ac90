// Open /flow/events streams, counted per flow and per client address. A stream is a connection held by
// this instance, so the count lives here, not in the shared store: each instance caps what it holds.
import { rateLimitBucket } from '../security/ip-address.js';

export class OpenStreams {
  private readonly perFlow = new Map<string, number>();
  private readonly perIp = new Map<string, number>();

  constructor(
    private readonly maxPerFlow: number,
    private readonly maxPerIp: number,
  ) {}

  /**
   * Takes a slot for a stream of `flowId` from `ip`: the function that gives it back (once), or undefined when either
   * cap is reached.
   */
  open(flowId: string, address: string): (() => void) | undefined {
    const ip = rateLimitBucket(address);
    if ((this.perFlow.get(flowId) ?? 0) >= this.maxPerFlow || (this.perIp.get(ip) ?? 0) >= this.maxPerIp)
      return undefined;
    bump(this.perFlow, flowId, 1);
    bump(this.perIp, ip, 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      bump(this.perFlow, flowId, -1);
      bump(this.perIp, ip, -1);
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
