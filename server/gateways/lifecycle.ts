// What the server does with every gateway (a client of an outside service a method needs), whatever it talks
// to: start it, close it, report its health.
export interface GatewayHealth {
  /** ready: can serve now; connecting: (re)connecting; down: cannot serve (see detail). */
  state: 'ready' | 'connecting' | 'down';
  detail?: string;
  /** ISO time of the last state change. */
  since: string;
}

export interface ManagedGateway {
  /** e.g. "twilio", "smpp", "truid". */
  readonly service: string;
  /**
   * Resolves after the first attempt to connect whatever its outcome, so a service that is down does not stop
   * the server.
   */
  start(): Promise<void>;
  close(): Promise<void>;
  health(): GatewayHealth;
}

/** A gateway's health as it changes; `since` moves only when the state itself changes, not its detail. */
export class HealthState {
  private current: GatewayHealth;

  constructor(
    private readonly clock: () => number,
    state: GatewayHealth['state'],
    detail?: string,
  ) {
    this.current = { state, ...(detail === undefined ? {} : { detail }), since: this.now() };
  }

  get(): GatewayHealth {
    return { ...this.current };
  }

  set(state: GatewayHealth['state'], detail?: string): void {
    const since = state === this.current.state ? this.current.since : this.now();
    this.current = detail === undefined ? { state, since } : { state, detail, since };
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}
