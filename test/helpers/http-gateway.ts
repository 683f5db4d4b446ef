import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:54321/graphql`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a request listener (a yoga instance is one) on 127.0.0.1, port 0, so a stitching or
 * federation gateway reaches it over a real socket, as it would in production.
 */
export async function serveOnLoopback(
  listener: RequestListener,
  path = '/graphql',
): Promise<LoopbackServer> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    async close() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      // The gateways' keep-alive pools would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}
