import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type DevStytch, graphiqlDemo, startDevStytch } from '../../src/dev-mode.js';
import { createGateway } from '../../src/http/gateway.js';
import type { DemoTokens } from '../../src/http/graphiql.js';
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
  dev: DevStytch;
  /** A fresh email magic link and impersonation token for the demo user, as GraphiQL gets them. */
  mintTokens(): Promise<DemoTokens>;
  close(): Promise<void>;
}

/**
 * The gateway as `npm start` runs it with no configuration: the embedded emulator with its seeded
 * demo user, cookie mode, GraphiQL's demo tokens, over a real socket on 127.0.0.1.
 */
export async function startDevGateway(): Promise<DevGateway> {
  const dev = await startDevStytch();
  const { emulator } = dev;
  const demo = graphiqlDemo(dev);
  const gateway = createGateway(
    testConfig(
      { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
      { apiKeys: [dev.apiKey], sessionCookies: true, tokensInBody: null, cookieSecure: false },
    ),
    {
      // Errors only: a failing test should show why, a passing one stays quiet.
      logger: pino({ level: 'error' }, pino.destination(2)),
      demo,
    },
  );
  const server = createServer(gateway.yoga);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dev,
    mintTokens: () => {
      if (!demo.mintTokens) {
        throw new Error('the development demo mints no tokens');
      }
      return demo.mintTokens();
    },
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      // Chromium keeps connections alive; close() would otherwise wait for them.
      server.closeAllConnections();
      await closed;
      await gateway.close();
      await emulator.close();
    },
  };
}
