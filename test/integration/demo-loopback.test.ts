// The demo RP's Phone and Mail pages show every texted code and mailed notice to whoever reaches the RP's
// port. The RP (and so those pages) listens on loopback only, and the pages say so.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../helpers/demo-stack.js';
import { acceptsConnections } from '../helpers/ports.js';

let stack: DemoStack;
beforeAll(async () => {
  stack = await startDemoStack({}, { sms: true });
});
afterAll(() => stack?.close());

describe('the demo RP', () => {
  it('says on the Phone page: whoever reaches it sees every code; it listens on this computer only', async () => {
    const page = await (await fetch(`${stack.rpUrl}/phone`)).text();
    expect(page).toContain(
      'Anyone who can open this page sees every code on it. The demo listens on this computer only (127.0.0.1)',
    );
  });

  it('cannot be reached on the machine’s network addresses, nor can the provider: loopback only', async () => {
    for (const port of [Number(new URL(stack.rpUrl).port), Number(new URL(stack.backend.issuer).port)])
      await onlyOnLoopback(port);
  });
});

/** Connects to `port` as another machine would (on this one's network addresses) and as this one does. */
async function onlyOnLoopback(port: number): Promise<void> {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);
  expect(external.length).toBeGreaterThan(0);
  expect(await acceptsConnections(port, '127.0.0.1', 2000)).toBe(true);
  for (const address of external)
    expect([address, port, await acceptsConnections(port, address, 2000)]).toEqual([address, port, false]);
}
