import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeCodegen } from '@graphql-codegen/cli';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../../examples/web/codegen.js';
import { webConfig } from '../../examples/web/vite.config.js';
import {
  type DevGateway,
  launchChromium,
  screenshot,
  skipBrowserTests,
  startDevGateway,
  suiteTitle,
} from './browser.js';

describe('examples/web generated types', () => {
  // The example builds from the committed src/gql/ without running codegen, so a change to
  // schema.graphql or to the operations must come with regenerated files.
  it('are what GraphQL Code Generator makes from schema.graphql (npm run example:web:codegen)', {
    timeout: 30_000,
  }, async () => {
    const { result, error } = await executeCodegen(codegenConfig);
    expect(error).toBeNull();
    expect(result.length).toBeGreaterThan(0);
    for (const file of result) {
      expect(await readFile(file.filename, 'utf8'), file.filename).toBe(file.content);
    }
  });
});

/** The page's own signal that it has settled after a load or an action. */
const settled = (page: Page, state: 'signed-in' | 'signed-out') =>
  page.waitForSelector(`body[data-state="${state}"]`);

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe.skipIf(skipBrowserTests)(suiteTitle('examples/web in Chromium'), () => {
  let gw: DevGateway;
  let browser: Browser;
  let server: PreviewServer;
  let outDir: string;
  /** The example app's origin, e.g. `http://127.0.0.1:41234/`. */
  let app: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'example-web-'));
    // One at a time, so afterAll closes whatever started when the other fails.
    gw = await startDevGateway();
    browser = await launchChromium();
    // The production build, served by `vite preview` with the same /graphql proxy as the dev
    // server: what a developer ships, on one origin with the gateway.
    const config = webConfig(gw.origin);
    await build({
      ...config,
      configFile: false,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    server = await preview({
      ...config,
      configFile: false,
      logLevel: 'warn',
      build: { outDir },
      preview: { ...config.preview, port: 0, strictPort: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) {
      throw new Error('vite preview did not report its URL');
    }
    app = url;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    await gw?.close();
    if (outDir) {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  let context: BrowserContext;
  let spentMagicLink: string;

  it('signs in from an emailed magic link, keeps the session across a reload from the cookie alone, resets the password and signs out', {
    timeout: 60_000,
  }, async () => {
    context = await browser.newContext({ viewport: { width: 1000, height: 820 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    spentMagicLink = (await gw.mintTokens()).magicLink;

    // The link in the email opens the app's login redirect URL.
    await page.goto(
      `${app}authenticate?stytch_token_type=magic_links&token=${encodeURIComponent(spentMagicLink)}`,
    );
    await settled(page, 'signed-in');
    expect(await text(page, '#status')).toBe('Signed in as Ada Lovelace.');
    expect(await text(page, '#message')).toBe('Signed in with a magic link.');
    expect(await text(page, '#viewer-email')).toBe('ada@example.com');
    expect(await text(page, '#viewer-user')).toBe(gw.dev.userId);
    expect(await text(page, '#viewer-factors')).toBe('magic_link (email)');
    // The single-use token is gone from the address bar and the history.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');

    // The session is in httpOnly cookies, out of reach of the page's scripts; nothing in storage.
    const cookies = await context.cookies(app);
    for (const name of ['stytch_session', 'stytch_session_jwt']) {
      expect(cookies.find((c) => c.name === name)).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
        secure: false,
        path: '/',
      });
    }
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    // A reload knows the user from the cookies alone, which the browser attaches by itself.
    const sessionId = await text(page, '#viewer-session');
    const viewerRequest = page.waitForRequest(
      (req) => req.method() === 'POST' && req.postData()?.includes('query Viewer') === true,
    );
    await page.reload();
    await settled(page, 'signed-in');
    expect((await (await viewerRequest).allHeaders())['cookie']).toMatch(/stytch_session=/);
    expect(await text(page, '#viewer-session')).toBe(sessionId);
    expect(await text(page, '#message')).toBe('');
    await screenshot(page, 'example-web-signed-in');

    // The email magic link is a recent email factor, which a reset with the session needs.
    await page.getByLabel('New password').fill('a-brand-new-passw0rd');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect
      .poll(() => text(page, '#message'))
      .toBe("Password changed. Stytch signed out the user's other sessions.");
    await settled(page, 'signed-in');
    expect(await text(page, '#viewer-session')).toBe(sessionId);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await settled(page, 'signed-out');
    expect(await text(page, '#message')).toBe('Signed out.');
    expect((await context.cookies(app)).filter((c) => c.name.startsWith('stytch_'))).toEqual([]);
    await page.reload();
    await settled(page, 'signed-out');
    expect(await text(page, '#status')).toBe('Signed out.');
  });

  it('shows a spent magic link as a typed error, then signs in with a pasted impersonation token', {
    timeout: 60_000,
  }, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(app);
    await settled(page, 'signed-out');

    await page.getByLabel('Magic link token').fill(spentMagicLink);
    await page.getByRole('button', { name: 'Sign in with magic link' }).click();
    await expect.poll(() => text(page, '#message')).toMatch(/^UNAUTHENTICATED: /);
    await settled(page, 'signed-out');
    await screenshot(page, 'example-web-signed-out-error');

    await page.getByLabel('Impersonation token').fill((await gw.mintTokens()).impersonation);
    await page.getByRole('button', { name: 'Impersonate' }).click();
    await expect.poll(() => text(page, '#message')).toBe('Signed in with an impersonation token.');
    await settled(page, 'signed-in');
    expect(await text(page, '#status')).toBe(
      'Signed in as Ada Lovelace, impersonated by support@example.com.',
    );
    expect(await text(page, '#viewer-factors')).toBe('impersonated (impersonation)');
    await screenshot(page, 'example-web-impersonated');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await settled(page, 'signed-out');
  });
});
