import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdmin, type EmulatorAdmin } from './admin.js';
import { type Clock, createClock } from './clock.js';
import { KeyRing } from './jwt.js';
import { isHttpUrl } from './outbox.js';
import { seedSandbox } from './sandbox.js';
import { createHandler, type RequestLog } from './server.js';
import type { State } from './state.js';
import { Store } from './store.js';
import { selfSignedCertificate } from './tls.js';

export type {
  AdminUserInput,
  EmulatorAdmin,
  InviteMessage,
  MagicLinkMessage,
  MessageOfKind,
  OtpMessage,
  OutboxKind,
  OutboxMessage,
  PasswordResetMessage,
} from './admin.js';
export type { Clock } from './clock.js';
export { createClock } from './clock.js';
export { ApiError } from './errors.js';
export { SANDBOX } from './sandbox.js';
export type { RequestLog } from './server.js';

export const DEFAULT_PROJECT_ID = 'project-test-00000000-0000-0000-0000-000000000000';
export const DEFAULT_SECRET = 'secret-test-emulator-0000000000000000000000000000';
/** Stytch's documented default redirect URL for every link type in a new Test environment. */
export const DEFAULT_REDIRECT_URL = 'http://localhost:3000';

export interface EmulatorOptions {
  projectId?: string;
  secret?: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Also serve HTTPS on a second free port, with a self-signed certificate made at start. */
  https?: boolean;
  clock?: Clock;
  /**
   * The project's default redirect URL (the Dashboard setting), used by magic link, invite and
   * password reset sends that name no URL of their own. Default `http://localhost:3000`.
   */
  defaultRedirectUrl?: string;
  /** Told the method, path and outcome of each request; never bodies, tokens or credentials. */
  onRequest?: (log: RequestLog) => void;
}

export interface Emulator {
  /** `http://HOST:PORT/`, always ending in `/`. */
  url: string;
  httpsUrl: string | null;
  /** PEM of the self-signed certificate, to pass as a client's CA; null without HTTPS. */
  ca: string | null;
  projectId: string;
  secret: string;
  /** Where links go when a send names no URL of its own. */
  defaultRedirectUrl: string;
  clock: Clock;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  // A wildcard bind is reachable on loopback; IPv6 literals need brackets in a URL.
  if (host === '0.0.0.0') {
    return '127.0.0.1';
  }
  if (host === '::') {
    return '[::1]';
  }
  return host.includes(':') ? `[${host}]` : host;
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
  if (!server.listening) {
    return;
  }
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  // Keep-alive sockets from clients' pools would otherwise hold close() open.
  server.closeAllConnections();
  await closed;
}

/** Starts an in-memory, Stytch-compatible server. Development and tests only. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return serveEmulator(await createEmulatorState(options), options);
}

/**
 * The emulator's state (store, clock, signing keys, settings), seeded with the sandbox users. Only
 * a test that must reach inside (sign a JWT with the key the gateway trusts) builds it itself and
 * hands it to `serveEmulator`; `startEmulator` keeps it private.
 */
export async function createEmulatorState(options: EmulatorOptions = {}): Promise<State> {
  const state: State = {
    store: new Store(),
    clock: options.clock ?? createClock(),
    keys: await KeyRing.create(),
    projectId: options.projectId ?? DEFAULT_PROJECT_ID,
    secret: options.secret ?? DEFAULT_SECRET,
    defaultRedirectUrl: options.defaultRedirectUrl ?? DEFAULT_REDIRECT_URL,
  };
  // A bad default would otherwise only show on the first send that needs it.
  if (!isHttpUrl(state.defaultRedirectUrl)) {
    throw new Error('defaultRedirectUrl must be an absolute http(s) URL.');
  }
  seedSandbox(state);
  return state;
}

/** Serves a state over HTTP (and HTTPS when asked) on `options.host`, port 0 unless given. */
export async function serveEmulator(
  state: State,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const handler = createHandler(state, options.onRequest);

  const servers: Server[] = [];
  try {
    const http = createServer(handler);
    servers.push(http);
    const port = await listen(http, host, options.port ?? 0);
    let httpsUrl: string | null = null;
    let ca: string | null = null;
    if (options.https) {
      const tls = await selfSignedCertificate(host);
      const https = createHttpsServer({ key: tls.key, cert: tls.cert }, handler);
      servers.push(https);
      const httpsPort = await listen(https, host, 0);
      httpsUrl = `https://${urlHost(host)}:${httpsPort}/`;
      ca = tls.cert;
    }
    let closing: Promise<void> | null = null;
    return {
      url: `http://${urlHost(host)}:${port}/`,
      httpsUrl,
      ca,
      projectId: state.projectId,
      secret: state.secret,
      defaultRedirectUrl: state.defaultRedirectUrl,
      clock: state.clock,
      admin: createAdmin(state),
      close() {
        closing ??= Promise.all(servers.map(stop)).then(() => undefined);
        return closing;
      },
    };
  } catch (error) {
    await Promise.allSettled(servers.map(stop));
    throw error;
  }
}
