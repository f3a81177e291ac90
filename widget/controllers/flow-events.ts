// Follows the flow's state while a step changes on the server by itself (the phone check answered on the
// phone): the event stream (GET /flow/events), opened again after 1 s when it ends (3 times at most), then
// polling every 2 s, as when it cannot be opened.
import type { ReactiveController } from 'lit';
import { callFlow, followFlow } from '../flow-client.js';
import type { GluuLogin } from '../gluu-login.js';

export class FlowEvents implements ReactiveController {
  /** Abort to stop following. */
  ac: AbortController | undefined;
  /** `continue` was sent by itself for this verified or denied check. */
  auto = false;

  constructor(private h: GluuLogin) {
    h.addController(this);
  }

  /** Starts following (again); `on` false only stops. */
  follow(on = true): void {
    const { h } = this;
    this.ac?.abort();
    this.ac = undefined;
    this.auto = false;
    const flow = h.state?.flow;
    if (!on || !flow || h.preview) return;
    this.ac = new AbortController();
    const { signal } = this.ac;
    const open = async (n: number): Promise<void> => {
      try {
        await followFlow(h.issuer ?? '', flow, signal, (state) => h.apply(200, state, true));
        if (n < 3) return void setTimeout(() => open(n + 1), 1000);
      } catch {
        // not opened, or aborted
      }
      while (!signal.aborted) {
        await new Promise((r) => setTimeout(r, 2000));
        await this.refresh();
      }
    };
    void open(0);
  }

  /** One GET /flow, shown as a live state, unless an action is under way or following stopped. */
  async refresh(): Promise<void> {
    const { h } = this;
    const seq = h.seq;
    const signal = this.ac?.signal;
    if (h.busy || !signal || signal.aborted) return;
    try {
      const { status, body } = await callFlow(h.issuer ?? '', h.state?.flow, { method: 'GET', path: '/flow' });
      if (!signal.aborted && seq === h.seq) h.apply(status, body, true);
    } catch {
      // unreachable this time: the next poll tries again
    }
  }

  hostDisconnected(): void {
    this.follow(false);
  }
}
