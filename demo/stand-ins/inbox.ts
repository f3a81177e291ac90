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

export class PhoneInbox {
  private readonly messages: ReceivedSms[] = [];
  private readonly listeners = new Set<(m: ReceivedSms) => void>();

  add(message: ReceivedSms): void {
    this.messages.push(message);
    for (const listener of this.listeners) listener(message);
  }

  /** Newest first; only those to `to` when given. */
  list(to?: string): ReceivedSms[] {
    return this.messages.filter((m) => to === undefined || m.to === to).reverse();
  }

  /** Resolves with the next message to `to` (or one already there after `since`). */
  next(to: string, options: { since?: number; timeoutMs?: number } = {}): Promise<ReceivedSms> {
    const since = options.since ?? 0;
    const found = this.messages.find((m) => m.to === to && Date.parse(m.receivedAt) >= since);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no SMS to ${to} within ${options.timeoutMs ?? 5000} ms`));
      }, options.timeoutMs ?? 5000);
      const listener = (m: ReceivedSms) => {
        if (m.to !== to) return;
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
