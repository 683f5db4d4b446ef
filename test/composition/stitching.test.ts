import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorStack } from '../helpers/emulator-stack.js';
import { API_KEY } from '../helpers/gateway.js';
import { serveOnLoopback } from '../helpers/http-gateway.js';
import { createStitchedGateway, type OrdersByUser } from '../helpers/stitched-gateway.js';

/**
 * The gateway stitched into a company graph with @graphql-tools/stitch: the real gateway on real
 * HTTP (loopback, port 0) on the emulator, reached through a remote executor; a local subschema
 * beside it; the stitched schema served by a second yoga. Everything the caller proves about
 * itself (Authorization, cookies, x-api-key) must reach the gateway, and nothing else.
 */
type Body = {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
};

async function startStitched(cookies: boolean) {
  const stack = await startEmulatorStack({ cookies });
  const server = await serveOnLoopback(stack.gateway.yoga);
  const orders: OrdersByUser = new Map();
  const stitched = createStitchedGateway(server.url, orders);
  async function gql(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const res = await stitched.fetch('http://company.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Body };
  }
  return {
    stack,
    server,
    orders,
    gql,
    async stop() {
      await stitched.dispose();
      await server.close();
      await stack.stop();
    },
  };
}

const CREATE = 'mutation ($u: String!) { createMagicLink(input: { userId: $u }) { userId token } }';
const AUTH = `mutation ($t: String!) {
  authenticateMagicLink(input: { token: $t, sessionDurationMinutes: 60 }) {
    userId sessionToken sessionJwt session { id authenticationFactors { type deliveryMethod } }
  }
}`;
const VIEWER = '{ viewer { user { id emails { email } orders { id total } } session { id } } }';

describe('stitched, token mode (Bearer): the recommended setup', () => {
  let s: Awaited<ReturnType<typeof startStitched>>;
  let userId: string;
  const EMAIL = 'stitch@example.com';

  beforeAll(async () => {
    s = await startStitched(false);
    userId = s.stack.emulator.admin.createUser({ email: EMAIL, firstName: 'Stitch' }).user_id;
    s.orders.set(userId, [{ id: 'order-7', total: 700 }]);
  });
  afterAll(() => s?.stop());

  it('createMagicLink works with the forwarded x-api-key, and is FORBIDDEN without it', async () => {
    const calls = s.stack.callsTo('/v1/magic_links');
    const refused = await s.gql(CREATE, { u: userId });
    expect(refused.body.data).toEqual({ createMagicLink: null });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(s.stack.callsTo('/v1/magic_links')).toBe(calls);

    const created = await s.gql(CREATE, { u: userId }, { 'x-api-key': API_KEY });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.['createMagicLink'].userId).toBe(userId);
    expect(s.stack.callsTo('/v1/magic_links')).toBe(calls + 1);
  });

  it('authenticateMagicLink, then viewer only with the forwarded Authorization, across both subschemas', async () => {
    const token = s.stack.emulator.admin.createMagicLink(userId);
    const signIn = await s.gql(AUTH, { t: token });
    expect(signIn.body.errors).toBeUndefined();
    const { sessionJwt, session } = signIn.body.data?.['authenticateMagicLink'] ?? {};
    expect(sessionJwt).toMatch(/^ey/);

    const anonymous = await s.gql(VIEWER);
    expect(anonymous.body).toEqual({ data: { viewer: null } });

    const res = await s.gql(
      `{ appInfo { name } ${VIEWER.slice(1, -1)} }`,
      {},
      { authorization: `Bearer ${sessionJwt}` },
    );
    expect(res.body).toEqual({
      data: {
        appInfo: { name: 'company graph' },
        viewer: {
          user: { id: userId, emails: [{ email: EMAIL }], orders: [{ id: 'order-7', total: 700 }] },
          session: { id: session.id },
        },
      },
    });
  });

  it('authenticateImpersonation', async () => {
    const impersonationToken = s.stack.emulator.admin.createImpersonationToken(userId, {
      email: 'support@example.com',
    });
    const res = await s.gql(
      `mutation ($t: String!) { authenticateImpersonation(input: { impersonationToken: $t }) {
        userId session { authenticationFactors { type impersonatedFactor { impersonatorEmailAddress } } }
      } }`,
      { t: impersonationToken },
    );
    expect(res.body).toEqual({
      data: {
        authenticateImpersonation: {
          userId,
          session: {
            authenticationFactors: [
              {
                type: 'impersonated',
                impersonatedFactor: { impersonatorEmailAddress: 'support@example.com' },
              },
            ],
          },
        },
      },
    });
  });

  it("resetPasswordWithSession on the caller's own session, named only by the forwarded Authorization", async () => {
    const signIn = await s.gql(AUTH, { t: await s.stack.emailMagicLink(EMAIL) });
    const { sessionToken, session } = signIn.body.data?.['authenticateMagicLink'] ?? {};
    expect(session.authenticationFactors).toEqual([
      { type: 'magic_link', deliveryMethod: 'email' },
    ]);

    const RESET =
      'mutation { resetPasswordWithSession(input: { password: "stitched-passw0rd-2026" }) { userId session { id } } }';
    const withoutSession = await s.gql(RESET);
    expect(withoutSession.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const reset = await s.gql(RESET, {}, { authorization: `Bearer ${sessionToken}` });
    expect(reset.body).toEqual({
      data: { resetPasswordWithSession: { userId, session: { id: session.id } } },
    });
  });

  it('user(id:) answers through the stitched graph only with the forwarded key', async () => {
    const USER = 'query ($id: ID!) { user(id: $id) { id orders { id } } }';
    const refused = await s.gql(USER, { id: userId });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const allowed = await s.gql(USER, { id: userId }, { 'x-api-key': API_KEY });
    expect(allowed.body).toEqual({ data: { user: { id: userId, orders: [{ id: 'order-7' }] } } });
  });
});

describe('stitched, cookie mode: Set-Cookie is relayed, the cookie is forwarded', () => {
  let s: Awaited<ReturnType<typeof startStitched>>;
  let userId: string;

  beforeAll(async () => {
    s = await startStitched(true);
    userId = s.stack.emulator.admin.createUser({ email: 'crumb@example.com' }).user_id;
  });
  afterAll(() => s?.stop());

  it('signs in, reads the viewer from the cookie alone, signs out', async () => {
    const signIn = await s.gql(AUTH, { t: s.stack.emulator.admin.createMagicLink(userId) });
    expect(signIn.body.errors).toBeUndefined();
    // Cookie mode keeps the tokens out of the body: the only way to the session is the cookie.
    expect(signIn.body.data?.['authenticateMagicLink']).toMatchObject({
      sessionToken: null,
      sessionJwt: null,
    });
    const setCookies = signIn.headers.getSetCookie();
    expect(setCookies.map((c) => c.split('=')[0]).sort()).toEqual([
      'stytch_session',
      'stytch_session_jwt',
    ]);
    expect(setCookies.every((c) => /HttpOnly/.test(c) && /SameSite=Lax/.test(c))).toBe(true);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');

    const viewer = await s.gql('{ viewer { user { id } } }', {}, { cookie });
    expect(viewer.body).toEqual({ data: { viewer: { user: { id: userId } } } });

    const signOut = await s.gql('mutation { signOut { revoked } }', {}, { cookie });
    expect(signOut.body).toEqual({ data: { signOut: { revoked: true } } });
    expect(signOut.headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true);

    // The revoked session's token cookie is refused by Stytch. (Its JWT would still verify locally
    // for up to 5 minutes, the documented model, so it is left out of this check.)
    const tokenCookie = cookie.split('; ').find((c) => c.startsWith('stytch_session=')) as string;
    const after = await s.gql('{ viewer { user { id } } }', {}, { cookie: tokenCookie });
    expect(after.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
