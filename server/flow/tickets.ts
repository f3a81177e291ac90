// The ticket that carries a finished flow into the provider is derived from the flow handle with a
// server-only key: the widget can be given it again after a reload without the server keeping it in clear,
// and only its hash is stored, so it stays single use.
import { createHmac } from 'node:crypto';

export class TicketMinter {
  /** `key`: Sealer.derive('flow tickets'), never the seal key itself. */
  constructor(private readonly key: Buffer) {}

  ticketFor(handle: string): string {
    return createHmac('sha256', this.key).update(handle).digest('base64url');
  }
}
