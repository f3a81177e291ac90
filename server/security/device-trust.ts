// Device tokens (OWASP's "device cookies"): a browser where a user once typed the right password gets a
// sealed token naming that user and a random device id. Presented again, its password attempts count on a
// counter of their own (per user and device) instead of the account's shared one, so an attacker who knows
// only the username and floods wrong passwords cannot lock that browser out, while every guess of theirs
// is still throttled. Hosted, the token is an HttpOnly cookie of the provider's origin; embedded, the flow
// answer carries it once (`device_token`) and the widget keeps it in the RP page's localStorage and sends
// it back in the Gluu-Device header (a third-party cookie would not be sent).
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { randomHandle } from './random.js';
import type { Sealer } from './seal.js';

export { DEVICE_HEADER } from '../../wire/flow-api.js';
const CONTEXT = 'gluu-login device token';

const payload = z.strictObject({ u: z.string(), d: z.string(), x: z.number() });

/** The device token of the request being handled: the one presented, and one issued while handling it. */
export interface DeviceRequest {
  readonly presented: string | undefined;
  issued?: { token: string; placement: string };
}

// The token travels with the HTTP request, which the flow engine does not see; the route opens this scope
// around the engine call and reads back what a method issued, so methods and engine need no new parameter.
const scope = new AsyncLocalStorage<DeviceRequest>();

export function withDeviceRequest<T>(
  presented: string | undefined,
  run: (request: DeviceRequest) => Promise<T>,
): Promise<T> {
  const request: DeviceRequest = { presented: presented && presented.length <= 512 ? presented : undefined };
  return scope.run(request, () => run(request));
}

export function currentDeviceRequest(): DeviceRequest | undefined {
  return scope.getStore();
}

export class DeviceTokens {
  constructor(
    private readonly sealer: Sealer,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => number,
  ) {}

  get enabled(): boolean {
    return this.lifetimeSeconds > 0;
  }

  issue(userId: string, deviceId: string = randomHandle()): string {
    return this.sealer.seal(
      JSON.stringify({ u: userId, d: deviceId, x: this.clock() + this.lifetimeSeconds * 1000 }),
      CONTEXT,
    );
  }

  /**
   * The device id of `token` when it is a live token of `userId` (undefined: none, forged, expired or
   * another user's). Opened whether or not the account exists, so its cost says nothing about it.
   */
  deviceOf(token: string | undefined, userId: string | undefined): string | undefined {
    if (!token || !this.enabled) return undefined;
    let opened: z.infer<typeof payload>;
    try {
      opened = payload.parse(JSON.parse(this.sealer.open(token, CONTEXT)));
    } catch {
      return undefined;
    }
    return userId !== undefined && opened.u === userId && opened.x > this.clock() ? opened.d : undefined;
  }
}
