import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type DevStytch, devGatewayOptions, startDevStytch } from '../../src/dev-mode.js';
import { createGateway } from '../../src/http/gateway.js';
import type { MailboxEntry } from '../../src/http/plugins/dev-mailbox.js';
import { testConfig } from '../helpers/config.js';

/** The Debian `chromium` package's binary; `.ci/run` installs it. Never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

const inCI = ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * Skip only on a developer machine without Chromium. In CI a missing browser is a broken
 * pipeline, so the tests run and fail instead of passing by skipping.
 */
export const skipBrowserTests = !existsSync(CHROMIUM) && !inCI;

if (skipBrowserTests) {
  process.stderr.write(
    `Browser tests skipped: ${CHROMIUM} is missing. Install it with \`apt-get install chromium\` (CI installs it in .ci/run).\n`,
  );
}

/** A title that says why a suite did not run. */
export const suiteTitle = (title: string) =>
  skipBrowserTests ? `${title} (skipped: no ${CHROMIUM})` : title;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Headless, sandbox-free (CI runs as root), and nothing that reaches the network by itself.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 20_000,
  });
}

/** Where screenshots go: `test-artifacts/` at the repository root (gitignored, kept by CI). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = resolve(import.meta.dirname, '../../test-artifacts');
  await mkdir(dir, { recursive: true });
  const path = resolve(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

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
