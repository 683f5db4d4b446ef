import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdmin } from '../../src/emulator/admin.js';
import { createClock } from '../../src/emulator/clock.js';
import {
  DEFAULT_PROJECT_ID,
  DEFAULT_REDIRECT_URL,
  DEFAULT_SECRET,
  type Emulator,
  type RequestLog,
} from '../../src/emulator/index.js';
import { KeyRing } from '../../src/emulator/jwt.js';
import { seedSandbox } from '../../src/emulator/sandbox.js';
import { createHandler } from '../../src/emulator/server.js';
import type { State } from '../../src/emulator/state.js';
import { Store } from '../../src/emulator/store.js';

/**
 * The embedded emulator (its real request handler, store and key ring) on 127.0.0.1, port 0, with
 * its state in the test's hands: a security test can sign a JWT with the very key the gateway
 * trusts, which `startEmulator` keeps private. HTTP only; everything else is `startEmulator`'s.
 */
export async function startEmulatorWithState(
  options: { onRequest?: (log: RequestLog) => void } = {},
): Promise<Emulator & { state: State }> {
  const state: State = {
    store: new Store(),
    clock: createClock(),
    keys: await KeyRing.create(),
    projectId: DEFAULT_PROJECT_ID,
    secret: DEFAULT_SECRET,
    defaultRedirectUrl: DEFAULT_REDIRECT_URL,
  };
  seedSandbox(state);
  const server = createServer(createHandler(state, options.onRequest));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    httpsUrl: null,
    ca: null,
    projectId: state.projectId,
    secret: state.secret,
    defaultRedirectUrl: state.defaultRedirectUrl,
    clock: state.clock,
    admin: createAdmin(state),
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The gateway's keep-alive pool would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
