import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

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

export { type DevGateway, startDevGateway } from './dev-gateway.js';
