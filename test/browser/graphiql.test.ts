import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlOptions } from '../../src/http/graphiql.js';
import {
  type DevGateway,
  launchChromium,
  screenshot,
  skipBrowserTests,
  startDevGateway,
  suiteTitle,
} from './browser.js';

const TABS = [
  'Viewer',
  'AuthenticateMagicLink',
  'ResetPasswordWithSession',
  'SignOut',
  'AuthenticateImpersonation',
  'CreateMagicLink',
];

describe('GraphiQL tabs', () => {
  it('hold one valid operation each, in cookie mode and in token mode', () => {
    const schema = buildSchema(
      readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'),
    );
    for (const cookies of [true, false]) {
      const options = graphiqlOptions({ cookies, csrfHeader: 'x-graphql-yoga-csrf', demo: null });
      if (typeof options === 'function') {
        throw new Error('without demo tokens the options are static');
      }
      const names = (options.defaultTabs ?? []).map((tab) => {
        const document = parse(tab.query ?? '');
        expect(validate(schema, document)).toEqual([]);
        const [operation] = document.definitions;
        return operation?.kind === 'OperationDefinition' ? operation.name?.value : undefined;
      });
      expect(names).toEqual(TABS);
    }
  });
});

/** The visible text of a Monaco editor in GraphiQL (`nbsp` as plain spaces). */
async function editorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).innerText();
  return text.replaceAll('\u00a0', ' ');
}

/**
 * Switches to a tab and runs it with the run button, as a developer would. Tabs are switched with
 * the keyboard: GraphiQL's tabs can be dragged, and a pointer click that lands as the tab bar
 * re-lays out on hover is taken for the start of a drag.
 */
async function runTab(page: Page, origin: string, tab: string) {
  await page
    .locator('.graphiql-tabs')
    .getByRole('button', { name: tab, exact: true })
    .press('Enter');
  await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe(tab);
  // GraphiQL takes the operation name from the editor 100 ms after its text changes, and saves
  // the text to storage in the same step: run before that, and it asks for the last tab's
  // operation ("Cannot infer operation").
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('graphiql:query')))
    .toMatch(new RegExp(`(query|mutation) ${tab}\\b`));
  const answered = page.waitForResponse((res) => {
    const request = res.request();
    return (
      request.method() === 'POST' &&
      res.url() === `${origin}/graphql` &&
      JSON.parse(request.postData() ?? '{}').operationName === tab
    );
  });
  await page.locator('.graphiql-execute-button').click();
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
  let context: BrowserContext;
  beforeAll(async () => {
    // One at a time, so afterAll closes whatever started when the other fails.
    gw = await startDevGateway();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('opens with the demo tabs and the docs, and signs in with authenticateMagicLink', {
    timeout: 60_000,
  }, async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${gw.origin}/graphql`);
    await expect(page.title()).resolves.toBe('Stytch GraphQL gateway');
    await expect.poll(() => page.locator('.graphiql-tab-button').allInnerTexts()).toEqual(TABS);

    // The docs come from introspection, descriptions included.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Mutation', { exact: true }).click();
    await expect
      .poll(() => docs.innerText())
      .toContain('Authenticates a magic link token (Stytch POST /v1/magic_links/authenticate)');
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();

    expect((await runTab(page, gw.origin, 'Viewer')).body).toEqual({ data: { viewer: null } });

    // The tab opens with a token minted for the demo user when the page loaded.
    await page
      .locator('.graphiql-tabs')
      .getByRole('button', { name: 'AuthenticateMagicLink', exact: true })
      .press('Enter');
    await expect
      .poll(() => editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'))
      .toMatch(/"token": "[^"]+"/);
    const signIn = await runTab(page, gw.origin, 'AuthenticateMagicLink');
    // Cookie mode: GraphiQL adds the CSRF header by itself.
    expect(signIn.requestHeaders['x-graphql-yoga-csrf']).toBe('1');
    expect(signIn.body.errors).toBeUndefined();
    const payload = signIn.body.data?.['authenticateMagicLink'];
    expect(payload).toMatchObject({
      userId: gw.dev.userId,
      sessionToken: null,
      sessionJwt: null,
      user: { name: { firstName: 'Ada', lastName: 'Lovelace' } },
    });
    expect(payload.session.authenticationFactors[0]).toMatchObject({
      type: 'magic_link',
      deliveryMethod: 'email',
    });

    // What the developer sees: Stytch's answer in camelCase.
    const shown = await editorText(page, '.graphiql-response');
    for (const line of [
      `"userId": "${gw.dev.userId}"`,
      '"methodId": "email-',
      '"sessionToken": null',
      '"firstName": "Ada"',
      '"lastName": "Lovelace"',
      '"email": "ada@example.com"',
      '"expiresAt": "',
      '"authenticationFactors": [',
      '"deliveryMethod": "email"',
      '"lastAuthenticatedAt": "',
    ]) {
      expect(shown).toContain(line);
    }
    expect(shown).not.toMatch(/"[a-z]+_[a-z_]+":/);
    await screenshot(page, 'graphiql-authenticate-magic-link');

    // The session is in httpOnly cookies: the page's scripts cannot see it.
    const cookies = await context.cookies();
    for (const name of ['stytch_session', 'stytch_session_jwt']) {
      expect(cookies.find((c) => c.name === name)).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
        secure: false,
      });
    }
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('runs the other tabs in order on that session: viewer, reset, sign out, impersonation, createMagicLink', {
    timeout: 60_000,
  }, async () => {
    const [page] = context.pages();
    if (!page) {
      throw new Error('the first test left no page');
    }
    // GraphiQL sends the cookies with its requests.
    const viewer = await runTab(page, gw.origin, 'Viewer');
    expect(viewer.body.data?.['viewer'].user.emails).toEqual([{ email: 'ada@example.com' }]);

    // The email magic link is a recent email factor, so the reset is allowed.
    const reset = await runTab(page, gw.origin, 'ResetPasswordWithSession');
    expect(reset.body.errors).toBeUndefined();
    expect(reset.body.data?.['resetPasswordWithSession'].userId).toBe(gw.dev.userId);

    const signOut = await runTab(page, gw.origin, 'SignOut');
    expect(signOut.body.data).toEqual({
      signOut: { revoked: true, sessionId: viewer.body.data?.['viewer'].session.id },
    });
    expect((await context.cookies()).filter((c) => c.name.startsWith('stytch_'))).toEqual([]);

    const impersonation = await runTab(page, gw.origin, 'AuthenticateImpersonation');
    expect(impersonation.body.errors).toBeUndefined();
    expect(
      impersonation.body.data?.['authenticateImpersonation'].session.authenticationFactors[0],
    ).toMatchObject({
      type: 'impersonated',
      impersonatedFactor: { impersonatorEmailAddress: 'support@example.com' },
    });

    // The tab carries the development API key in its headers.
    const created = await runTab(page, gw.origin, 'CreateMagicLink');
    expect(created.requestHeaders['x-api-key']).toBe(gw.dev.apiKey);
    expect(created.body.data?.['createMagicLink']).toMatchObject({ userId: gw.dev.userId });
    expect(created.body.data?.['createMagicLink'].token).toEqual(expect.any(String));
  });
});
