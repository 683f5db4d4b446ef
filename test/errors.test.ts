import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stytchError, stytchSuccess } from './helpers/fake-stytch.js';
import { type Stack, startStack } from './helpers/gateway.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeoutMs: 300 });
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

const AUTH = 'mutation { authenticateMagicLink(input: {token: "tok"}) { userId } }';

describe('Stytch API errors become typed GraphQL errors', () => {
  const cases: Array<[number, string, string]> = [
    [400, 'invalid_session_duration_minutes', 'BAD_USER_INPUT'],
    [401, 'unable_to_auth_magic_link', 'UNAUTHENTICATED'],
    [403, 'session_authorization_error', 'FORBIDDEN'],
    [404, 'magic_link_not_found', 'NOT_FOUND'],
    [429, 'too_many_requests', 'RATE_LIMITED'],
    [500, 'internal_server_error', 'UPSTREAM_ERROR'],
    [503, 'service_unavailable', 'UPSTREAM_ERROR'],
    [409, 'duplicate_email', 'UPSTREAM_ERROR'],
  ];
  for (const [status, errorType, code] of cases) {
    it(`${status} ${errorType} -> ${code}`, async () => {
      stack.stand.on(
        'POST',
        '/v1/magic_links/authenticate',
        stytchError(status, errorType, `Stytch says ${errorType}.`, `request-id-${status}`),
      );
      const res = await stack.gql(AUTH);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: { authenticateMagicLink: null },
        errors: [
          {
            message: `Stytch says ${errorType}.`,
            locations: [{ line: 1, column: 12 }],
            path: ['authenticateMagicLink'],
            extensions: {
              code,
              stytch: {
                errorType,
                errorMessage: `Stytch says ${errorType}.`,
                errorUrl: `https://stytch.com/docs/api/errors/${status}#${errorType}`,
                statusCode: status,
                requestId: `request-id-${status}`,
              },
            },
          },
        ],
      });
    });
  }

  it("passes Stytch's Retry-After on to the caller", async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      ...stytchError(429, 'too_many_requests', 'Too many requests have been made.'),
      headers: { 'retry-after': '7' },
    });
    const res = await stack.gql(AUTH);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 7,
    });
  });

  it("unauthorized_credentials is the operator's problem: UPSTREAM_ERROR, a loud log, /readyz 503", async () => {
    const ready = () => stack.gateway.yoga.fetch('http://gateway.test/readyz');
    expect((await ready()).status).toBe(200);
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
    );
    const res = await stack.gql(AUTH);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(res.body.errors?.[0]?.message).toMatch(/server configuration problem/);
    expect(
      stack.logs.some((l) => l.includes('"level":50') && l.includes('unauthorized_credentials')),
    ).toBe(true);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      reason: 'Stytch rejected the gateway credentials',
      stytchCredentials: 'rejected',
    });
    // A later success proves the credentials work again.
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: 'u',
        method_id: 'm',
        session_token: '',
        session_jwt: '',
        user: {},
        reset_sessions: false,
      }),
    );
    await stack.gql(AUTH);
    expect((await ready()).status).toBe(200);
  });

  it('an error body that is JSON but not Stytch-shaped still gets a typed error', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', { status: 502, body: { oops: true } });
    const res = await stack.gql(AUTH);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      stytch: { errorType: 'unknown_error', statusCode: 502, requestId: null },
    });
  });
});

describe('network failures become UPSTREAM_UNAVAILABLE', () => {
  const unavailable = (message: string) => ({
    data: { authenticateMagicLink: null },
    errors: [
      {
        message,
        locations: [{ line: 1, column: 12 }],
        path: ['authenticateMagicLink'],
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      },
    ],
  });

  it('a timeout', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      delayMs: 2000,
      ...stytchSuccess({}),
    });
    const res = await stack.gql(AUTH);
    expect(res.body).toEqual(unavailable('Stytch did not answer in time.'));
  });

  it('a non-JSON body (an HTML error page from a proxy)', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      status: 502,
      raw: '<html><body>Bad Gateway</body></html>',
    });
    const res = await stack.gql(AUTH);
    expect(res.body).toEqual(unavailable('Stytch sent a response the gateway could not read.'));
  });

  it('a 200 whose body is not JSON', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', { status: 200, raw: 'OK' });
    expect((await stack.gql(AUTH)).body).toEqual(
      unavailable('Stytch sent a response the gateway could not read.'),
    );
  });

  it('a 200 whose JSON lacks the fields Stytch promises', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', stytchSuccess({ user_id: 'u' }));
    expect((await stack.gql(AUTH)).body).toEqual(
      unavailable('Stytch sent a response the gateway could not read.'),
    );
  });

  it('the connection reset mid-body', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      ...stytchSuccess({ user_id: 'u', padding: 'x'.repeat(10_000) }),
      resetMidBody: true,
    });
    expect((await stack.gql(AUTH)).body).toEqual(unavailable('Stytch could not be reached.'));
  });

  it('Stytch not listening at all', async () => {
    const down = await startStack();
    await down.stand.stop();
    const res = await down.gql(AUTH);
    expect(res.body).toEqual(unavailable('Stytch could not be reached.'));
    await down.gateway.close();
  });

  it('the gateway keeps serving after each failure', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: 'u',
        method_id: 'm',
        session_token: '',
        session_jwt: '',
        user: {
          user_id: 'u',
          emails: [],
          status: 'active',
          phone_numbers: [],
          webauthn_registrations: [],
          providers: [],
          totps: [],
          crypto_wallets: [],
          biometric_registrations: [],
          is_locked: false,
          roles: [],
        },
        reset_sessions: false,
      }),
    );
    const res = await stack.gql(AUTH);
    expect(res.body).toEqual({ data: { authenticateMagicLink: { userId: 'u' } } });
  });
});

describe('no automatic retries', () => {
  it('a single-use token is sent exactly once, even when Stytch fails', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(500, 'internal_server_error', 'Oops.'),
    );
    await stack.gql(AUTH);
    expect(stack.stand.requests).toHaveLength(1);
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links/authenticate', { delayMs: 2000, ...stytchSuccess({}) });
    await stack.gql(AUTH);
    expect(stack.stand.requests).toHaveLength(1);
  });
});

describe('unexpected errors are masked', () => {
  it('a malformed operation is a plain GraphQL validation error', async () => {
    const res = await stack.gql('mutation { authenticateMagicLink(input: {}) { userId } }');
    expect(res.body.errors?.[0]?.message).toMatch(/token/);
    expect(stack.stand.requests).toHaveLength(0);
  });
});
