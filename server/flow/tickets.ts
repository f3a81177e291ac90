// The ticket that carries a finished flow into the provider is derived from the flow handle with a
// server-only key: the widget can be given it again after a reload without the server keeping it in clear,
// and only its hash is stored, so it stays single use.
import { createHmac, hkdfSync } from 'node:crypto';

export class TicketMinter {
  private readonly key: Buffer;

  constructor(sealKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', sealKey, Buffer.alloc(0), 'gluu-login flow tickets', 32));
  }

  ticketFor(handle: string): string {
    return createHmac('sha256', this.key).update(handle).digest('base64url');
  }
}
