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
  page.waitForSelector(`body[data-state="${state}"][data-busy="false"]`);

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/**
 * Clicks a button of the page and waits until the action it starts has settled. The click's
 * handler marks the page busy before the click returns, so the wait cannot see the state from
 * before it.
 */
async function press(page: Page, name: string, scope = page.locator('body')) {
  await scope.getByRole('button', { name, exact: true }).click();
  await page.waitForSelector('body[data-busy="false"]');
}

/** The guarantees of every signed-in page: httpOnly cookies only, nothing scripts can read. */
async function expectSessionOutOfReach(page: Page, context: BrowserContext, app: string) {
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
}

describe.skipIf(skipBrowserTests)(suiteTitle('examples/web in Chromium'), () => {
  let gw: DevGateway;
  let browser: Browser;
  let server: PreviewServer | undefined;
  let outDir: string | undefined;
  /** The example app's origin, e.g. `http://127.0.0.1:41234/`. */
  let app: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'example-web-'));
    // The gateway listens first; the app proxies to it, and its URL is where the development
    // emulator's links lead, as `npm start` points them at the example app.
    gw = await startDevGateway({
      appUrl: async (gatewayOrigin) => {
        // The production build, served by `vite preview` with the same proxy as the dev
        // server: what a developer ships, on one origin with the gateway.
        const config = webConfig(gatewayOrigin);
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
        return url;
      },
    });
    app = gw.dev.emulator.defaultRedirectUrl;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await gw?.close();
    if (outDir) {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  /** A browser profile of its own (a device), with a page of the app open and settled. */
  async function device(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(app);
    await page.waitForSelector('body[data-busy="false"]');
    return { context, page };
  }

  /**
   * Opens the dev mailbox (on the app's origin, through its proxy) in this tab and follows the
   * link of the newest message to `to`, as a user clicks the link in an email.
   */
  async function followNewestLink(page: Page, to: string) {
    await page.goto(`${app}dev/mailbox?to=${encodeURIComponent(to)}`);
    const newest = page.locator('#messages > li').first();
    const href = await newest.getByRole('link', { name: 'Open the link' }).getAttribute('href');
    await newest.getByRole('link', { name: 'Open the link' }).click();
    // The mailbox's body has no data-busy: this is the app, settled.
    await page.waitForSelector('body[data-busy="false"]');
    return href ?? '';
  }

  /** Signs a new user up with the password form. */
  async function signUp(page: Page, email: string, password: string) {
    const form = page.locator('#password-form');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await press(page, 'Create account');
    expect(await text(page, '#message')).toBe('Account created. You are signed in.');
    await settled(page, 'signed-in');
  }

  async function signInWithPassword(page: Page, email: string, password: string) {
    const form = page.locator('#password-form');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await press(page, 'Sign in');
  }

  let spentLink: string;

  it('magic link: asks for a link, follows it from the dev mailbox, keeps the session across a reload from the cookies alone, changes the password right after, signs out', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    await settled(page, 'signed-out');
    await page.locator('#magic-link-form').getByLabel('Email').fill('ada@example.com');
    await press(page, 'Email me a link');
    expect(await text(page, '#message')).toBe('Check ada@example.com for a sign-in link.');
    await screenshot(page, 'example-web-link-sent');

    // The email's link opens the app with the token; the app signs in by itself.
    spentLink = await followNewestLink(page, 'ada@example.com');
    expect(spentLink).toMatch(/[?&]stytch_token_type=magic_links&token=/);
    await settled(page, 'signed-in');
    expect(await text(page, '#status')).toBe('Signed in as Ada Lovelace.');
    expect(await text(page, '#message')).toBe('Signed in with a magic link.');
    expect(await text(page, '#viewer-email')).toBe('ada@example.com');
    expect(await text(page, '#viewer-user')).toBe(gw.dev.userId);
    expect(await text(page, '#viewer-factors')).toBe('magic_link (email)');
    // The single-use token is gone from the address bar and the history.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
    await expectSessionOutOfReach(page, context, app);

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

    // Right after an email link sign-in, the session alone may set a password.
    await page.locator('#reset-form').getByLabel('New password').fill('a-brand-new-passw0rd');
    await press(page, 'Change password');
    expect(await text(page, '#message')).toBe(
      "Password changed. Stytch signed out the user's other sessions.",
    );
    await settled(page, 'signed-in');
    expect(await text(page, '#viewer-session')).toBe(sessionId);
    expect(await page.locator('#reset-form input[type="password"]').inputValue()).toBe('');

    await press(page, 'Sign out', page.locator('#signed-in'));
    await settled(page, 'signed-out');
    expect(await text(page, '#message')).toBe('Signed out.');
    expect((await context.cookies(app)).filter((c) => c.name.startsWith('stytch_'))).toEqual([]);
    await page.reload();
    await settled(page, 'signed-out');
    expect(await text(page, '#status')).toBe('Signed out.');
    // The password set above works.
    await signInWithPassword(page, 'ada@example.com', 'a-brand-new-passw0rd');
    await settled(page, 'signed-in');
    expect(await text(page, '#viewer-factors')).toBe('password (knowledge)');
    await context.close();
  });

  it('a spent link shows a typed error; the mailbox Impersonate button signs in as the user', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    await page.goto(spentLink);
    await settled(page, 'signed-out');
    expect(await text(page, '#message')).toMatch(/^UNAUTHENTICATED: /);
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'example-web-spent-link');

    // The Stytch Dashboard's "Impersonate user" in development: a link to the app.
    await page.goto(`${app}dev/mailbox`);
    await page.getByRole('button', { name: 'Impersonate' }).click();
    await page.waitForSelector('#messages > li:first-child[data-kind="impersonation"]');
    await page
      .locator('#messages > li')
      .first()
      .getByRole('link', { name: 'Open the link' })
      .click();
    await settled(page, 'signed-in');
    expect(await text(page, '#message')).toBe('Signed in with an impersonation token.');
    expect(await text(page, '#status')).toBe(
      'Signed in as Ada Lovelace, impersonated by support@example.com.',
    );
    expect(await text(page, '#viewer-factors')).toBe('impersonated (impersonation)');
    expect(new URL(page.url()).search).toBe('');
    await expectSessionOutOfReach(page, context, app);
    await screenshot(page, 'example-web-impersonated');
    await press(page, 'Sign out', page.locator('#signed-in'));
    await settled(page, 'signed-out');
    await context.close();
  });

  it('password: signs up, signs out, signs back in; a wrong password reads like an unknown address', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    await signUp(page, 'grace@example.com', 'Velvet-Harbour-Nimbus-2046');
    expect(await text(page, '#status')).toBe('Signed in as grace@example.com.');
    expect(await text(page, '#viewer-factors')).toBe('password (knowledge)');
    expect(await page.locator('#password-form input[type="password"]').inputValue()).toBe('');
    await expectSessionOutOfReach(page, context, app);

    await press(page, 'Sign out', page.locator('#signed-in'));
    await settled(page, 'signed-out');

    await signInWithPassword(page, 'grace@example.com', 'Not-Her-Password-77');
    expect(await text(page, '#message')).toBe('Wrong email or password.');
    await signInWithPassword(page, 'nobody@example.com', 'Not-Her-Password-77');
    expect(await text(page, '#message')).toBe('Wrong email or password.');
    await settled(page, 'signed-out');

    await signInWithPassword(page, 'grace@example.com', 'Velvet-Harbour-Nimbus-2046');
    await settled(page, 'signed-in');
    expect(await text(page, '#message')).toBe('Signed in with a password.');
    expect(await text(page, '#status')).toBe('Signed in as grace@example.com.');
    await screenshot(page, 'example-web-password');
    await context.close();
  });

  it('one-time code: asks for a code, reads it in the dev mailbox, signs in with it', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    // Where the code goes appears once a code is on its way.
    expect(await page.locator('#enter-code-form').isVisible()).toBe(false);
    await page.locator('#code-form').getByLabel('Email').fill('olu@example.com');
    await press(page, 'Email me a code');
    expect(await text(page, '#message')).toBe(
      'A 6-digit code is on its way to olu@example.com. It works once, for 2 minutes.',
    );
    await expect.poll(() => page.locator('#enter-code-form').isVisible()).toBe(true);

    // The user reads the code in their inbox, in another tab.
    const inbox = await context.newPage();
    await inbox.goto(`${app}dev/mailbox?to=olu%40example.com`);
    const newest = inbox.locator('#messages > li').first();
    expect(await newest.getAttribute('data-kind')).toBe('otp');
    const code = await newest.locator('dd').first().innerText();
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(inbox, 'dev-mailbox');
    await inbox.close();
    await page.bringToFront();

    await page.locator('#enter-code-form').getByLabel('Code').fill(code);
    await press(page, 'Sign in with the code');
    await settled(page, 'signed-in');
    expect(await text(page, '#message')).toBe('Signed in with a code.');
    expect(await text(page, '#viewer-email')).toBe('olu@example.com');
    expect(await text(page, '#viewer-factors')).toBe('email_otp (email)');
    expect(await page.locator('#enter-code-form').isVisible()).toBe(false);
    await expectSessionOutOfReach(page, context, app);
    await screenshot(page, 'example-web-code');
    await context.close();
  });

  it('devices: two browsers list both sessions, and one signs the other out', {
    timeout: 60_000,
  }, async () => {
    const laptop = await device();
    await signUp(laptop.page, 'lin@example.com', 'Copper-Lantern-Fjord-58');
    const phone = await device();
    await signInWithPassword(phone.page, 'lin@example.com', 'Copper-Lantern-Fjord-58');
    await settled(phone.page, 'signed-in');
    const phoneSession = await text(phone.page, '#viewer-session');
    const laptopSession = await text(laptop.page, '#viewer-session');

    // The laptop's list is as fresh as its last look: it looks again when it comes into view.
    await laptop.page.reload();
    await settled(laptop.page, 'signed-in');
    const rows = laptop.page.locator('#sessions > li');
    expect(
      await rows.evaluateAll((els) => els.map((el) => ({ ...(el as HTMLElement).dataset }))),
    ).toEqual([
      { sessionId: laptopSession, current: 'true' },
      { sessionId: phoneSession, current: 'false' },
    ]);
    expect(await rows.nth(0).locator('.device').innerText()).toBe('This device');
    expect(await rows.nth(1).locator('.device').innerText()).toBe('Another device');
    await screenshot(laptop.page, 'example-web-devices');

    await press(laptop.page, 'Sign out this device', rows.nth(1));
    expect(await text(laptop.page, '#message')).toBe('Signed out the other device.');
    await settled(laptop.page, 'signed-in');
    expect(await rows.count()).toBe(1);

    // The phone finds out on its next look: its session is over, cookies or not.
    await phone.page.reload();
    await settled(phone.page, 'signed-out');
    expect(await text(phone.page, '#message')).toBe('Your session has ended. Sign in again.');

    // "Sign out this device" on its own row is a sign-out.
    await press(laptop.page, 'Sign out this device', rows.nth(0));
    await settled(laptop.page, 'signed-out');
    expect(await text(laptop.page, '#message')).toBe('Signed out.');
    expect((await laptop.context.cookies(app)).filter((c) => c.name.startsWith('stytch_'))).toEqual(
      [],
    );
    await laptop.context.close();
    await phone.context.close();
  });

  it('password reset by email: the reset link asks for a new password, signs in, and the old one stops working', {
    timeout: 60_000,
  }, async () => {
    const { context, page } = await device();
    await signUp(page, 'mae@example.com', 'Saffron-Glacier-Piano-31');
    await press(page, 'Sign out', page.locator('#signed-in'));
    await settled(page, 'signed-out');

    // "Forgot password?" needs only the address, and says the same whether it has an account.
    await page.locator('#password-form').getByLabel('Email').fill('nobody@example.com');
    await press(page, 'Forgot password?');
    expect(await text(page, '#message')).toBe(
      'If nobody@example.com has an account, a link to reset the password is on its way.',
    );
    await page.locator('#password-form').getByLabel('Email').fill('mae@example.com');
    await press(page, 'Forgot password?');
    expect(await text(page, '#message')).toBe(
      'If mae@example.com has an account, a link to reset the password is on its way.',
    );

    const link = await followNewestLink(page, 'mae@example.com');
    expect(link).toMatch(/[?&]stytch_token_type=reset_password&token=/);
    expect(new URL(page.url()).search).toBe('');
    await settled(page, 'signed-out');
    expect(await text(page, '#message')).toBe('Choose a new password.');
    await screenshot(page, 'example-web-new-password');
    await page
      .locator('#new-password-form')
      .getByLabel('New password')
      .fill('Marble-Orchid-Tundra-64');
    await press(page, 'Set password and sign in');
    await settled(page, 'signed-in');
    expect(await text(page, '#message')).toBe(
      'Password changed. You are signed in, and every other session was signed out.',
    );
    expect(await text(page, '#viewer-email')).toBe('mae@example.com');
    expect(await page.locator('#new-password').isVisible()).toBe(false);
    await expectSessionOutOfReach(page, context, app);

    await press(page, 'Sign out', page.locator('#signed-in'));
    await signInWithPassword(page, 'mae@example.com', 'Saffron-Glacier-Piano-31');
    expect(await text(page, '#message')).toBe('Wrong email or password.');
    await signInWithPassword(page, 'mae@example.com', 'Marble-Orchid-Tundra-64');
    await settled(page, 'signed-in');

    // The link worked once: opened again, it is refused.
    await page.goto(link);
    await page
      .locator('#new-password-form')
      .getByLabel('New password')
      .fill('Another-Password-9-Z');
    await press(page, 'Set password and sign in');
    expect(await text(page, '#message')).toMatch(/^UNAUTHENTICATED: /);
    await context.close();
  });
});
