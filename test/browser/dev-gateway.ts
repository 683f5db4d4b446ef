import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { type DevStytch, devGatewayOptions, startDevStytch } from '../../src/dev-mode.js';
import { createGateway } from '../../src/http/gateway.js';
import type { MailboxEntry } from '../../src/http/plugins/dev-mailbox.js';
import { testConfig } from '../helpers/config.js';

export interface DevGateway {
  /** e.g. `http://127.0.0.1:54321`, with no trailing slash. */
  origin: string;
  /** The current run's emulator, demo user and development API key. */
  dev: DevStytch;
  /** The dev mailbox as JSON, newest first (what `GET /dev/mailbox` lists for a browser). */
  mailbox(filter?: { to?: string; kind?: string }): Promise<MailboxEntry[]>;
  /**
   * Stops this run and starts a fresh one on the same origin, as stopping and starting
   * `npm start` on its fixed port does: a new emulator, demo user, API key and GraphiQL state.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The gateway as `npm start` runs it with no configuration: the embedded emulator with its seeded
 * demo user, cookie mode, GraphiQL's walkthrough and the dev mailbox (main.ts's own
 * `devGatewayOptions`), over a real socket on 127.0.0.1. It listens first, so that `appUrl` can
 * start an app that proxies to it, and return where that app runs: the emulator's emails link
 * there, as they link to the example app in development.
 */
export async function startDevGateway(
  options: { appUrl?: (gatewayOrigin: string) => Promise<string> } = {},
): Promise<DevGateway> {
  let listener: RequestListener | null = null;
  const server = createServer((req, res) => {
    if (listener) {
      listener(req, res);
    } else {
      res.writeHead(503).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const run = async (appUrl: string | undefined) => {
    const dev = await startDevStytch(appUrl ? { appUrl } : {});
    const { emulator } = dev;
    const gateway = createGateway(
      testConfig(
        { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
        { apiKeys: [dev.apiKey], sessionCookies: true, tokensInBody: null, cookieSecure: false },
      ),
      {
        // Errors only: a failing test should show why, a passing one stays quiet.
        logger: pino({ level: 'error' }, pino.destination(2)),
        ...devGatewayOptions(dev),
      },
    );
    return { dev, gateway };
  };

  let appUrl: string | undefined;
  let current: Awaited<ReturnType<typeof run>> | null = null;
  const stopRun = async () => {
    const stopping = current;
    current = null;
    listener = null;
    await stopping?.gateway.close();
    await stopping?.dev.emulator.close();
  };
  try {
    appUrl = options.appUrl ? await options.appUrl(origin) : undefined;
    current = await run(appUrl);
    listener = current.gateway.publicListener;
  } catch (error) {
    await stopRun();
    server.close();
    throw error;
  }

  return {
    origin,
    get dev() {
      if (!current) {
        throw new Error('the development gateway is stopped');
      }
      return current.dev;
    },
    async mailbox(filter = {}) {
      const query = new URLSearchParams(filter as Record<string, string>).toString();
      const res = await fetch(`${origin}/dev/mailbox${query ? `?${query}` : ''}`, {
        headers: { accept: 'application/json' },
      });
      if (res.status !== 200) {
        throw new Error(`the dev mailbox answered HTTP ${res.status}`);
      }
      return ((await res.json()) as { messages: MailboxEntry[] }).messages;
    },
    async restart() {
      await stopRun();
      current = await run(appUrl);
      listener = current.gateway.publicListener;
    },
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      // Chromium keeps connections alive; close() would otherwise wait for them.
      server.closeAllConnections();
      await closed;
      await stopRun();
    },
  };
}
