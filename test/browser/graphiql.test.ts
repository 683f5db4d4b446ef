import { readFileSync } from 'node:fs';
import { buildSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlOptions, STORAGE_GENERATION_KEY } from '../../src/http/graphiql.js';
import {
  type DevGateway,
  launchChromium,
  screenshot,
  skipBrowserTests,
  startDevGateway,
  suiteTitle,
} from './browser.js';

/** The operations of each tab, in the order of the development banner's walkthrough. */
const TABS = [
  ['Viewer'],
  ['SendMagicLink', 'AuthenticateMagicLink'],
  ['ResetPasswordWithSession'],
  ['SignUp', 'SignOutGrace', 'SignIn'],
  ['SendCode', 'EnterCode'],
  ['Devices', 'SignOutDevice'],
  ['ForgotPassword', 'ResetPassword'],
  ['SignOut'],
  ['Impersonate'],
  ['CreateMagicLink'],
];

const DEMO = {
  userId: 'user-test-00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  apiKey: 'dev_key_for_the_tab_test_000000',
  mailboxPath: '/dev/mailbox',
};

describe('GraphiQL tabs', () => {
  it('hold the walkthrough, one valid document per flow, in cookie mode and in token mode, with and without the demo', async () => {
    const schema = buildSchema(
      readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'),
    );
    for (const cookies of [true, false]) {
      for (const demo of [null, DEMO]) {
        const built = graphiqlOptions({ cookies, csrfHeader: 'x-graphql-yoga-csrf', demo });
        const options = typeof built === 'function' ? await built(new Request('http://x/')) : built;
        // Development pages are per run: a storage generation, and never a cached page.
        expect(typeof built === 'function').toBe(demo !== null);
        expect(options.storageGeneration !== undefined).toBe(demo !== null);
        const names = (options.defaultTabs ?? []).map((tab) => {
          const document = parse(tab.query ?? '');
          expect(validate(schema, document)).toEqual([]);
          // Every variable an operation declares is in the tab's Variables pane.
          const variables = JSON.parse(tab.variables ?? '{}');
          return document.definitions.map((definition) => {
            const operation = definition as OperationDefinitionNode;
            for (const declared of operation.variableDefinitions ?? []) {
              expect(variables).toHaveProperty(declared.variable.name.value);
            }
            return operation.name?.value;
          });
        });
        expect(names).toEqual(TABS);
      }
    }
  });

  it('a generation per gateway start, so a restart opens fresh tabs', async () => {
    const generation = async () => {
      const built = graphiqlOptions({ cookies: true, csrfHeader: 'x', demo: DEMO });
      return typeof built === 'function'
        ? (await built(new Request('http://x/'))).storageGeneration
        : undefined;
    };
    const [first, second] = [await generation(), await generation()];
    expect(first).toMatch(/^[\w-]{16}$/);
    expect(second).not.toBe(first);
  });
});

/** The visible text of a Monaco editor in GraphiQL (`nbsp` as plain spaces). */
async function editorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).innerText();
  return text.replaceAll('\u00a0', ' ');
}

const VARIABLES_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';

/**
 * Switches to the nth tab with the keyboard, as a developer would: GraphiQL's tabs can be dragged,
 * and a pointer click that lands as the tab bar re-lays out on hover is taken for a drag. Resolves
 * once GraphiQL has taken in the tab's document (it saves it to storage 100 ms after a change,
 * and runs the previous tab's operations until then).
 */
async function openTab(page: Page, index: number) {
  await page.locator('.graphiql-tab').nth(index).locator('.graphiql-tab-button').press('Enter');
  const first = TABS[index]?.[0] ?? '';
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('graphiql:query')))
    .toMatch(new RegExp(`(query|mutation) ${first}\\b`));
}

/** Replaces the Variables pane's text with a paste from the clipboard. */
async function pasteVariables(page: Page, text: string) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.locator(`${VARIABLES_EDITOR} .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect
    .poll(async () => (await editorText(page, VARIABLES_EDITOR)).replace(/\s/g, ''))
    .toBe(text.replace(/\s/g, ''));
}

/**
 * Runs one operation of the open tab with the run button: with several operations GraphiQL asks
 * which, in a menu. Resolves with the gateway's answer once the result pane shows it.
 */
async function run(page: Page, origin: string, operation: string) {
  const answered = page.waitForResponse((res) => {
    const request = res.request();
    return (
      request.method() === 'POST' &&
      res.url() === `${origin}/graphql` &&
      JSON.parse(request.postData() ?? '{}').operationName === operation
    );
  });
  await page.locator('.graphiql-execute-button').click();
  const menu = page.getByRole('menuitem', { name: operation, exact: true });
  if ((TABS.find((ops) => ops.includes(operation))?.length ?? 0) > 1) {
    await menu.click();
  }
  const res = await answered;
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  // The result pane shows this answer once it names the operation's root field.
  const field = Object.keys(body.data ?? {})[0] ?? 'errors';
  await expect.poll(() => editorText(page, '.graphiql-response')).toContain(`"${field}"`);
  return { requestHeaders: res.request().headers(), body };
}

describe.skipIf(skipBrowserTests)(suiteTitle('GraphiQL in Chromium'), () => {
  let gw: DevGateway;
  let browser: Browser;
  beforeAll(async () => {
    // One at a time, so afterAll closes whatever started when the other fails.
    gw = await startDevGateway();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  let context: BrowserContext;

  it('runs every tab in order on a fresh start, reading links and codes from the dev mailbox', {
    timeout: 120_000,
  }, async () => {
    context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      // Values are pasted as a developer pastes them from the mailbox.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The developer's inbox, in a second tab of the same browser.
    const inbox = await context.newPage();
    inbox.setDefaultTimeout(15_000);
    await page.bringToFront();
    // Like a developer, switch to a tab to use it: a page in a tab that is not in front gets no
    // animation frames, and GraphiQL's editors wait on them.
    const newestVariables = async () => {
      await inbox.bringToFront();
      await inbox.goto(`${gw.origin}/dev/mailbox`);
      const variables = await inbox
        .locator('#messages > li')
        .first()
        .locator('pre.variables')
        .innerText();
      await page.bringToFront();
      return variables;
    };

    await page.goto(`${gw.origin}/graphql`);
    await expect(page.title()).resolves.toBe('Stytch GraphQL gateway');
    await expect
      .poll(() => page.locator('.graphiql-tab-button').allInnerTexts())
      .toEqual(TABS.map((ops) => ops[0]));

    // The docs come from introspection, descriptions included.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Mutation', { exact: true }).click();
    await expect
      .poll(() => docs.innerText())
      .toContain('Authenticates a magic link token (Stytch POST /v1/magic_links/authenticate)');
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();

    // 1. Viewer
    expect((await run(page, gw.origin, 'Viewer')).body).toEqual({ data: { viewer: null } });

    // 2. Magic link: send, then the token from the mailbox.
    await openTab(page, 1);
    expect((await run(page, gw.origin, 'SendMagicLink')).body.errors).toBeUndefined();
    await pasteVariables(page, await newestVariables());
    const signIn = await run(page, gw.origin, 'AuthenticateMagicLink');
    // Cookie mode: GraphiQL adds the CSRF header by itself.
    expect(signIn.requestHeaders['x-graphql-yoga-csrf']).toBe('1');
    expect(signIn.body.errors).toBeUndefined();
    const ada = signIn.body.data?.['authenticateMagicLink'];
    expect(ada).toMatchObject({
      userId: gw.dev.userId,
      user: { name: { firstName: 'Ada', lastName: 'Lovelace' } },
    });
    expect(ada.session.authenticationFactors[0]).toMatchObject({
      type: 'magic_link',
      deliveryMethod: 'email',
    });
    // What the developer sees: Stytch's answer in camelCase.
    const shown = await editorText(page, '.graphiql-response');
    for (const line of [
      `"userId": "${gw.dev.userId}"`,
      '"firstName": "Ada"',
      '"authenticationFactors": [',
      '"deliveryMethod": "email"',
      '"lastAuthenticatedAt": "',
    ]) {
      expect(shown).toContain(line);
    }
    expect(shown).not.toMatch(/"[a-z]+_[a-z_]+":/);
    await screenshot(page, 'graphiql-authenticate-magic-link');
    // The session is in httpOnly cookies: the page's scripts cannot see it.
    const cookies = await context.cookies(gw.origin);
    for (const name of ['stytch_session', 'stytch_session_jwt']) {
      expect(cookies.find((c) => c.name === name)).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
        secure: false,
      });
    }
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // 3. The email link is a recent email factor, so the password change is allowed.
    await openTab(page, 2);
    const reset = await run(page, gw.origin, 'ResetPasswordWithSession');
    expect(reset.body.errors).toBeUndefined();
    expect(reset.body.data?.['resetPasswordWithSession'].userId).toBe(gw.dev.userId);

    // 4. Password sign-up, sign-out, sign-in.
    await openTab(page, 3);
    const signUp = await run(page, gw.origin, 'SignUp');
    expect(signUp.body.errors).toBeUndefined();
    const grace = signUp.body.data?.['createPassword'].userId;
    expect((await run(page, gw.origin, 'SignOutGrace')).body.data?.['signOut'].revoked).toBe(true);
    expect((await run(page, gw.origin, 'SignIn')).body.data?.['authenticatePassword'].userId).toBe(
      grace,
    );

    // 5. A code by email.
    await openTab(page, 4);
    expect((await run(page, gw.origin, 'SendCode')).body.errors).toBeUndefined();
    await pasteVariables(page, await newestVariables());
    const code = await run(page, gw.origin, 'EnterCode');
    expect(code.body.data?.['authenticateOtp'].session.authenticationFactors[0]).toMatchObject({
      type: 'email_otp',
    });

    // 6. Devices: this one, and the magic link session left open.
    await openTab(page, 5);
    const devices = (await run(page, gw.origin, 'Devices')).body.data?.['viewer'].sessions;
    expect(devices.map((d: { current: boolean }) => d.current)).toEqual([true, false]);
    expect(devices[1].session.sessionId).toBe(ada.session.id);
    await pasteVariables(page, JSON.stringify({ sessionId: devices[1].session.sessionId }));
    expect((await run(page, gw.origin, 'SignOutDevice')).body.data).toEqual({
      revokeSession: { sessionId: ada.session.id, current: false },
    });
    await screenshot(page, 'graphiql-devices');

    // 7. Forgotten password: the reset link's token from the mailbox.
    await openTab(page, 6);
    expect((await run(page, gw.origin, 'ForgotPassword')).body.errors).toBeUndefined();
    await pasteVariables(page, await newestVariables());
    const byEmail = await run(page, gw.origin, 'ResetPassword');
    expect(byEmail.body.errors).toBeUndefined();
    expect(byEmail.body.data?.['resetPasswordByEmail'].userId).toBe(gw.dev.userId);

    // 8. Sign out: the cookies go.
    await openTab(page, 7);
    expect((await run(page, gw.origin, 'SignOut')).body.data?.['signOut'].revoked).toBe(true);
    expect((await context.cookies(gw.origin)).filter((c) => c.name.startsWith('stytch_'))).toEqual(
      [],
    );

    // 9. Impersonation: the mailbox's Impersonate button stands in for the Dashboard.
    await openTab(page, 8);
    await inbox.bringToFront();
    await inbox.goto(`${gw.origin}/dev/mailbox`);
    await inbox.getByRole('button', { name: 'Impersonate' }).click();
    await screenshot(inbox, 'dev-mailbox-impersonation');
    await inbox.waitForSelector('#messages > li:first-child[data-kind="impersonation"]');
    const impersonation = await inbox
      .locator('#messages > li')
      .first()
      .locator('pre.variables')
      .innerText();
    await page.bringToFront();
    await pasteVariables(page, impersonation);
    const impersonated = await run(page, gw.origin, 'Impersonate');
    expect(
      impersonated.body.data?.['authenticateImpersonation'].session.authenticationFactors[0],
    ).toMatchObject({
      type: 'impersonated',
      impersonatedFactor: { impersonatorEmailAddress: 'support@example.com' },
    });

    // 10. The tab carries the development API key in its headers.
    await openTab(page, 9);
    const created = await run(page, gw.origin, 'CreateMagicLink');
    expect(created.requestHeaders['x-api-key']).toBe(gw.dev.apiKey);
    expect(created.body.data?.['createMagicLink']).toMatchObject({ userId: gw.dev.userId });
    await inbox.close();
  });

  it('a reload keeps the edits of this run; after a restart GraphiQL opens fresh tabs', {
    timeout: 60_000,
  }, async () => {
    const [page] = context.pages();
    if (!page) {
      throw new Error('the first test left no page');
    }
    await openTab(page, 1);
    await pasteVariables(page, '{"token": "edited in this run"}');
    // GraphiQL saves the tabs a moment after an edit.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('graphiql:tabState')))
      .toContain('edited in this run');
    const generation = await page.evaluate(
      (key) => localStorage.getItem(key),
      STORAGE_GENERATION_KEY,
    );

    await page.reload();
    await openTab(page, 1);
    await expect.poll(() => editorText(page, VARIABLES_EDITOR)).toContain('edited in this run');

    // `npm start` again: a new emulator, demo user and API key on the same origin.
    const oldKey = gw.dev.apiKey;
    await gw.restart();
    expect(gw.dev.apiKey).not.toBe(oldKey);
    await page.reload();
    await expect
      .poll(() => page.locator('.graphiql-tab-button').allInnerTexts())
      .toEqual(TABS.map((ops) => ops[0]));
    await openTab(page, 1);
    await expect.poll(() => editorText(page, VARIABLES_EDITOR)).toContain('"token": ""');
    // The server tab carries this run's key and demo user, not the ones the browser saw before.
    await openTab(page, 9);
    const created = await run(page, gw.origin, 'CreateMagicLink');
    expect(created.requestHeaders['x-api-key']).toBe(gw.dev.apiKey);
    expect(created.body.data?.['createMagicLink'].userId).toBe(gw.dev.userId);
    await screenshot(page, 'graphiql-after-restart');
    // How: the page dropped the state saved under the previous run's generation.
    expect(generation).toMatch(/^[\w-]{16}$/);
    expect(
      await page.evaluate((key) => localStorage.getItem(key), STORAGE_GENERATION_KEY),
    ).not.toBe(generation);
  });
});
