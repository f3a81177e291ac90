// Every SMS the stand-ins received, for the demo's Phone page and for the tests: the "phone" a person
// running the demo reads the code from.
export interface ReceivedSms {
  id: string;
  /** Which stand-in received it: "twilio" or "smpp". */
  via: 'twilio' | 'smpp';
  to: string;
  from: string;
  body: string;
  receivedAt: string;
  /** Protocol details as received (form fields for Twilio; TON/NPI, data_coding, ... for SMPP). */
  raw: Record<string, unknown>;
}

/**
 * What a stand-in received, newest first, with a wait for the next one: the phone's and the mailbox's
 * shape. `addressedTo` says whether a message went to an address; `what` names the messages in errors.
 */
export class Inbox<M extends { receivedAt: string }> {
  private readonly messages: M[] = [];
  private readonly listeners = new Set<(m: M) => void>();

  constructor(
    private readonly addressedTo: (message: M, to: string) => boolean,
    private readonly what: string,
  ) {}

  add(message: M): void {
    this.messages.push(message);
    for (const listener of this.listeners) listener(message);
  }

  /** Newest first; only those to `to` when given. */
  list(to?: string): M[] {
    return this.messages.filter((m) => to === undefined || this.addressedTo(m, to)).reverse();
  }

  /** Resolves with the next message to `to` (or one already there, received at `since` or later). */
  next(to: string, options: { since?: number; timeoutMs?: number } = {}): Promise<M> {
    const since = options.since ?? 0;
    const found = this.messages.find((m) => this.addressedTo(m, to) && Date.parse(m.receivedAt) >= since);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${this.what} to ${to} within ${options.timeoutMs ?? 5000} ms`));
      }, options.timeoutMs ?? 5000);
      const listener = (m: M) => {
        if (!this.addressedTo(m, to)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m);
      };
      this.listeners.add(listener);
    });
  }

  clear(): void {
    this.messages.length = 0;
  }
}

/** The "phone": every SMS, by the number it was sent to. */
export class PhoneInbox extends Inbox<ReceivedSms> {
  constructor() {
    super((m, to) => m.to === to, 'SMS');
  }
}
