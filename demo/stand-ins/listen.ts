// Starting and stopping the stand-ins' servers: each listens on the port it is given (the demo's fixed
// ones, where a clash must fail the start) or on one picked for it (0, the tests'), and stops without
// waiting for its clients to let go.
import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** Resolves with the port once `server` listens; rejects when it cannot (EADDRINUSE reaches start.ts's hint). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export interface HttpStandInServer {
  readonly port: number;
  /** http://host:port (an IPv6 host in brackets). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server for a stand-in on `host` (default 127.0.0.1) and `port` (default 0). `handle` answers
 * each request, or leaves it unanswered to play a hung service; when it throws before answering,
 * `answerFailure` answers instead, and after that the connection is cut.
 */
export async function serveHttp(
  address: { port?: number; host?: string },
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  answerFailure: (res: http.ServerResponse) => void,
): Promise<HttpStandInServer> {
  const host = address.host ?? '127.0.0.1';
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answerFailure(res);
      else res.destroy();
    });
  });
  const port = await listen(server, address.port ?? 0, host);
  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Every connection, active ones too: requests left hanging and idle keep-alive sockets would
        // otherwise hold close() open until their clients let them go.
        server.closeAllConnections();
      }),
  };
}
