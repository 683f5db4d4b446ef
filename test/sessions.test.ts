import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorStack } from './helpers/emulator-stack.js';
import { startEmulatorStack } from './helpers/emulator-stack.js';
import { API_KEY } from './helpers/gateway.js';

const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    userId sessionToken sessionJwt session { id expiresAt user { id } } user { id }
  }
}`;
const VIEWER = '{ viewer { session { id userId } user { id emails { email } } } }';

/** Signs the user in (without cookies) and returns the session's token, JWT and id. */
async function signIn(stack: EmulatorStack, userId: string) {
  const token = stack.emulator.admin.createMagicLink(userId, 60);
  const res = await stack.gql(SIGN_IN, { token });
  const payload = res.body.data?.['authenticateMagicLink'];
  expect(payload?.sessionToken).toBeTruthy();
  return {
    token: payload.sessionToken as string,
    jwt: payload.sessionJwt as string,
    sessionId: payload.session.id as string,
  };
}

describe('bearer credentials (token mode)', () => {
  let stack: EmulatorStack;
  let userId: string;
  beforeAll(async () => {
    stack = await startEmulatorStack();
    userId = stack.emulator.admin.createUser({
      email: 'grace@example.com',
      firstName: 'Grace',
    }).user_id;
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.calls.length = 0;
  });

  it('viewer is null without credentials, and costs nothing', async () => {
    const res = await stack.gql(VIEWER);
    expect(res.body).toEqual({ data: { viewer: null } });
    expect(stack.calls).toHaveLength(0);
  });

  it('a fresh JWT is verified locally: no call to /v1/sessions/authenticate', async () => {
    const s = await signIn(stack, userId);
    await stack.gql(VIEWER, {}, { authorization: `Bearer ${s.jwt}` }); // warms the JWKS cache
    stack.calls.length = 0;
    const res = await stack.gql(
      '{ viewer { session { id userId } } }',
      {},
      { authorization: `Bearer ${s.jwt}` },
    );
    expect(res.body).toEqual({ data: { viewer: { session: { id: s.sessionId, userId } } } });
    expect(stack.calls).toHaveLength(0);
  });

  it('an opaque session token is checked with Stytch', async () => {
    const s = await signIn(stack, userId);
    stack.calls.length = 0;
    const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${s.token}` });
    expect(res.body.data?.['viewer']).toEqual({
      session: { id: s.sessionId, userId },
      user: { id: userId, emails: [{ email: 'grace@example.com' }] },
    });
    // The user came with the session answer: no separate GET /v1/users.
    expect(stack.calls.map((c) => c.path)).toEqual(['/v1/sessions/authenticate']);
  });

  it('an expired JWT falls back to Stytch, which vouches for the live session', async () => {
    const s = await signIn(stack, userId);
    stack.emulator.clock.advance(6 * 60_000);
    stack.calls.length = 0;
    const res = await stack.gql(
      '{ viewer { session { id } } }',
      {},
      { authorization: `Bearer ${s.jwt}` },
    );
    expect(res.body).toEqual({ data: { viewer: { session: { id: s.sessionId } } } });
    expect(stack.callsTo('/v1/sessions/authenticate')).toBe(1);
  });

  it('a JWT verified once is not trusted past its expiry', async () => {
    const s = await signIn(stack, userId);
    const q = '{ viewer { session { id } } }';
    await stack.gql(q, {}, { authorization: `Bearer ${s.jwt}` });
    stack.calls.length = 0;
    await stack.gql(q, {}, { authorization: `Bearer ${s.jwt}` });
    expect(stack.calls).toHaveLength(0);
    stack.emulator.clock.advance(5 * 60_000 + 1000);
    const res = await stack.gql(q, {}, { authorization: `Bearer ${s.jwt}` });
    expect(res.body).toEqual({ data: { viewer: { session: { id: s.sessionId } } } });
    // Expired: Stytch was asked again rather than the remembered verdict reused.
    expect(stack.callsTo('/v1/sessions/authenticate')).toBe(1);
  });

  it('an expired session is UNAUTHENTICATED, as are forged and garbage credentials', async () => {
    const s = await signIn(stack, userId);
    stack.emulator.clock.advance(61 * 60_000);
    for (const credential of [s.jwt, s.token, 'not-a-token', `${s.jwt.slice(0, -4)}AAAA`]) {
      const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${credential}` });
      expect(res.body.data).toEqual({ viewer: null });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  });

  it('a JWT from another project or with a bad signature never reaches Stytch', async () => {
    const s = await signIn(stack, userId);
    const [header, payload] = s.jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user-test-someone-else' })).toString('base64url')}.${s.jwt.split('.')[2]}`;
    stack.calls.length = 0;
    const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${forged}` });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(stack.callsTo('/v1/sessions/authenticate')).toBe(0);
  });

  it('key rotation: a JWT signed by a new key triggers one JWKS refetch and is verified locally', async () => {
    const before = await signIn(stack, userId);
    await stack.gql(VIEWER, {}, { authorization: `Bearer ${before.jwt}` });
    await stack.admin('rotate_keys');
    const after = await signIn(stack, userId);
    expect(
      JSON.parse(Buffer.from(after.jwt.split('.')[0] as string, 'base64url').toString()).kid,
    ).not.toBe(
      JSON.parse(Buffer.from(before.jwt.split('.')[0] as string, 'base64url').toString()).kid,
    );
    stack.calls.length = 0;
    const res = await stack.gql(
      '{ viewer { session { id } } }',
      {},
      { authorization: `Bearer ${after.jwt}` },
    );
    expect(res.body).toEqual({ data: { viewer: { session: { id: after.sessionId } } } });
    expect(stack.calls.map((c) => c.path)).toEqual([
      `/v1/sessions/jwks/${stack.emulator.projectId}`,
    ]);
    // The old key is still served for a while, so older JWTs keep working without a call.
    stack.calls.length = 0;
    const old = await stack.gql(
      '{ viewer { session { id } } }',
      {},
      { authorization: `Bearer ${before.jwt}` },
    );
    expect(old.body).toEqual({ data: { viewer: { session: { id: before.sessionId } } } });
    expect(stack.calls).toHaveLength(0);
  });

  it('user(id:) is refused to anonymous callers and to other users, with no upstream call', async () => {
    const s = await signIn(stack, userId);
    const other = stack.emulator.admin.createUser({ email: 'other@example.com' }).user_id;
    stack.calls.length = 0;
    const q = 'query ($id: ID!) { user(id: $id) { id } }';
    const anonymous = await stack.gql(q, { id: userId });
    expect(anonymous.body.data).toEqual({ user: null });
    expect(anonymous.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const someoneElse = await stack.gql(q, { id: other }, { authorization: `Bearer ${s.jwt}` });
    expect(someoneElse.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.callsTo(`/v1/users/${other}`)).toBe(0);
    const own = await stack.gql(q, { id: userId }, { authorization: `Bearer ${s.jwt}` });
    expect(own.body).toEqual({ data: { user: { id: userId } } });
    const server = await stack.gql(q, { id: other }, { 'x-api-key': API_KEY });
    expect(server.body).toEqual({ data: { user: { id: other } } });
  });

  it('DataLoader: the same user asked for in many places is fetched once', async () => {
    const other = stack.emulator.admin.createUser({ email: 'batch@example.com' }).user_id;
    stack.calls.length = 0;
    const res = await stack.gql(
      `query ($a: ID!, $b: ID!) {
        one: user(id: $a) { id } two: user(id: $a) { emails { email } } three: user(id: $a) { status }
        four: user(id: $b) { id }
      }`,
      { a: userId, b: other },
      { 'x-api-key': API_KEY },
    );
    expect(res.body.errors).toBeUndefined();
    expect(stack.callsTo(`/v1/users/${userId}`)).toBe(1);
    expect(stack.callsTo(`/v1/users/${other}`)).toBe(1);
    expect(stack.calls).toHaveLength(2);
  });

  it('DataLoader priming: session.user after a mutation costs no extra call', async () => {
    const token = stack.emulator.admin.createMagicLink(userId, 60);
    stack.calls.length = 0;
    const res = await stack.gql(SIGN_IN, { token });
    expect(res.body.data?.['authenticateMagicLink'].session.user).toEqual({ id: userId });
    expect(stack.calls.map((c) => c.path)).toEqual(['/v1/magic_links/authenticate']);
  });

  it('viewer with a fresh JWT and the user: one user fetch, no session call', async () => {
    const s = await signIn(stack, userId);
    stack.calls.length = 0;
    const res = await stack.gql(
      '{ viewer { user { id } session { user { id } } } again: viewer { user { emails { email } } } }',
      {},
      { authorization: `Bearer ${s.jwt}` },
    );
    expect(res.body.errors).toBeUndefined();
    expect(stack.calls.map((c) => c.path)).toEqual([`/v1/users/${userId}`]);
  });
});

function cookieJar(setCookies: string[], jar: Map<string, string> = new Map()) {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const [name, ...rest] = (pair as string).split('=');
    const value = rest.join('=');
    if (value === '' || /max-age=0/i.test(line)) {
      jar.delete(name as string);
    } else {
      jar.set(name as string, value);
    }
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

describe('cookie mode', () => {
  let stack: EmulatorStack;
  let userId: string;
  beforeAll(async () => {
    stack = await startEmulatorStack({ cookies: true });
    userId = stack.emulator.admin.createUser({
      email: 'cookie@example.com',
      firstName: 'Cookie',
    }).user_id;
  });
  afterAll(() => stack.stop());

  it('sign in, reload, viewer from the cookie alone, sign out, signed out', async () => {
    const token = stack.emulator.admin.createMagicLink(userId, 60);
    const signIn = await stack.gql(SIGN_IN, { token });
    const payload = signIn.body.data?.['authenticateMagicLink'];
    // The raw tokens stay out of page scripts' reach.
    expect(payload.sessionToken).toBeNull();
    expect(payload.sessionJwt).toBeNull();
    const setCookies = signIn.headers.getSetCookie();
    expect(setCookies).toHaveLength(2);
    const expires = new Date(payload.session.expiresAt).toUTCString();
    for (const name of ['stytch_session', 'stytch_session_jwt']) {
      const line = setCookies.find((c) => c.startsWith(`${name}=`)) as string;
      expect(line).toBeDefined();
      expect(line).toMatch(/; HttpOnly/);
      expect(line).toMatch(/; SameSite=Lax/);
      expect(line).toMatch(/; Path=\//);
      expect(line).toContain(`; Expires=${expires}`);
      // localhost: a developer's machine, no TLS, so no Secure attribute.
      expect(line).not.toMatch(/Secure/);
    }
    const jar = cookieJar(setCookies);

    // "Reload": a new request carrying nothing but the cookies.
    const viewer = await stack.gql(VIEWER, {}, { cookie: cookieHeader(jar) });
    expect(viewer.body.data?.['viewer']).toEqual({
      session: { id: payload.session.id, userId },
      user: { id: userId, emails: [{ email: 'cookie@example.com' }] },
    });

    const signOut = await stack.gql(
      'mutation { signOut { revoked sessionId } }',
      {},
      { cookie: cookieHeader(jar) },
    );
    expect(signOut.body).toEqual({
      data: { signOut: { revoked: true, sessionId: payload.session.id } },
    });
    const cleared = signOut.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    for (const line of cleared) {
      expect(line).toMatch(/^stytch_session(_jwt)?=;/);
      expect(line).toMatch(/Max-Age=0/);
    }
    cookieJar(cleared, jar);
    expect(jar.size).toBe(0);
    expect((await stack.gql(VIEWER, {}, { cookie: cookieHeader(jar) })).body).toEqual({
      data: { viewer: null },
    });

    // The revoked session is dead at Stytch too, not only forgotten by the browser.
    const stale = `stytch_session=${cookieJar(setCookies).get('stytch_session')}`;
    const revoked = await stack.gql(VIEWER, {}, { cookie: stale });
    expect(revoked.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('Secure comes from COOKIE_SECURE, never from the Host header', async () => {
    const sign = async (gateway: typeof stack.gateway, url: string) => {
      const token = stack.emulator.admin.createMagicLink(userId, 60);
      const res = await gateway.yoga.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SIGN_IN, variables: { token } }),
      });
      const lines = res.headers.getSetCookie();
      expect(lines).toHaveLength(2);
      return lines;
    };
    // This stack runs with COOKIE_SECURE off (plain-http development): a public host changes
    // nothing.
    for (const line of await sign(stack.gateway, 'https://auth.example.com/graphql')) {
      expect(line).not.toMatch(/Secure/);
    }
    // With it on, Secure is set even when a proxy hands the request on as Host: 127.0.0.1.
    const secure = await startEmulatorStack({ cookies: true, cookieSecure: true });
    try {
      const token = secure.emulator.admin.createMagicLink(
        secure.emulator.admin.createUser({ email: 'secure@example.com' }).user_id,
        60,
      );
      const res = await secure.gateway.yoga.fetch('http://127.0.0.1:4000/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SIGN_IN, variables: { token } }),
      });
      const lines = res.headers.getSetCookie();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line).toMatch(/; Secure/);
      }
    } finally {
      await secure.stop();
    }
  });

  it('CSRF: a request a cross-site form could send is refused and reaches nothing', async () => {
    const token = stack.emulator.admin.createMagicLink(userId, 60);
    stack.calls.length = 0;
    const res = await stack.gateway.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: `mutation { signOut { revoked } }` }).toString(),
    });
    // A form's media type is refused before anything else (415), in every mode; a GET, which
    // needs no body, is refused by the CSRF header check (403).
    expect(res.status).toBe(415);
    const get = await stack.gateway.yoga.fetch(
      `http://localhost/graphql?query=${encodeURIComponent('{ viewer { user { id } } }')}`,
      { headers: { accept: 'application/json' } },
    );
    expect(get.status).toBe(403);
    expect(stack.calls).toHaveLength(0);
    void token;
  });

  it('resetPasswordWithSession uses the cookie session when the input names none', async () => {
    const token = await stack.emailMagicLink('cookie@example.com');
    const signIn = await stack.gql(SIGN_IN, { token });
    const jar = cookieJar(signIn.headers.getSetCookie());
    const res = await stack.gql(
      'mutation { resetPasswordWithSession(input: { password: "a-brand-new-passw0rd" }) { userId session { id } } }',
      {},
      { cookie: cookieHeader(jar) },
    );
    expect(res.body).toEqual({
      data: {
        resetPasswordWithSession: {
          userId,
          session: { id: signIn.body.data?.['authenticateMagicLink'].session.id },
        },
      },
    });
  });

  it("authenticateMagicLink extends the caller's session instead of making a new one", async () => {
    const first = await stack.gql(SIGN_IN, {
      token: stack.emulator.admin.createMagicLink(userId, 60),
    });
    const jar = cookieJar(first.headers.getSetCookie());
    const second = await stack.gql(
      SIGN_IN,
      { token: stack.emulator.admin.createMagicLink(userId, 60) },
      { cookie: cookieHeader(jar) },
    );
    expect(second.body.data?.['authenticateMagicLink'].session.id).toBe(
      first.body.data?.['authenticateMagicLink'].session.id,
    );
  });

  it('a stale cookie does not spend the magic link: a fresh session is made', async () => {
    const stale = 'stytch_session=not-a-live-session-token';
    const res = await stack.gql(
      SIGN_IN,
      { token: stack.emulator.admin.createMagicLink(userId, 60) },
      { cookie: stale },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.['authenticateMagicLink'].session.id).toMatch(/^session-/);
  });
});
