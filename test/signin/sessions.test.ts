import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/stytch/types.js';
import { fullUser, impersonatedSession } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';
import { BASIC, passwordSession, viewerAnswer } from './helpers.js';

/** The viewer's sessions and revokeSession, at the wire, against the recording stand-in. */
const USER = fullUser.user_id;
const session = (id: string, lastAccessedAt: string, ip: string, userAgent: string): Session => ({
  ...passwordSession,
  session_id: id,
  last_accessed_at: lastAccessedAt,
  attributes: { ip_address: ip, user_agent: userAgent },
});
const current = { ...passwordSession, session_id: 'session-test-current' };
const laptop = session('session-test-laptop', '2024-05-14T09:00:00Z', '192.0.2.10', 'Laptop/1');
const phone = session('session-test-phone', '2024-05-14T10:00:00Z', '192.0.2.20', 'Phone/1');
const AUTH = { authorization: 'Bearer viewer-session-token' };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.stand.reset();
  stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer(current));
  stack.stand.on(
    'GET',
    '/v1/sessions',
    stytchSuccess({ sessions: [laptop, current, phone] }, 'request-id-list'),
  );
  stack.stand.on('POST', '/v1/sessions/revoke', stytchSuccess({}, 'request-id-revoke'));
});

const paths = () => stack.stand.requests.map((r) => `${r.method} ${r.path}`);

describe('viewer { sessions }', () => {
  const SESSIONS = `{ viewer { sessions { current session { sessionId userId attributes { ipAddress userAgent } authenticationFactors { type deliveryMethod } } } } }`;

  it("lists the signed-in user's sessions only, this one first, then the most recently active", async () => {
    const res = await stack.gql(SESSIONS, {}, AUTH);
    expect(paths()).toEqual([
      'POST /v1/sessions/authenticate',
      `GET /v1/sessions?user_id=${encodeURIComponent(USER)}`,
    ]);
    expect(stack.stand.requests[1]?.headers.authorization).toBe(BASIC);
    const factors = [{ type: 'password', deliveryMethod: 'knowledge' }];
    expect(res.body).toEqual({
      data: {
        viewer: {
          sessions: [
            {
              current: true,
              session: {
                sessionId: 'session-test-current',
                userId: USER,
                attributes: {
                  ipAddress: passwordSession.attributes?.ip_address,
                  userAgent: passwordSession.attributes?.user_agent,
                },
                authenticationFactors: factors,
              },
            },
            {
              current: false,
              session: {
                sessionId: 'session-test-phone',
                userId: USER,
                attributes: { ipAddress: '192.0.2.20', userAgent: 'Phone/1' },
                authenticationFactors: factors,
              },
            },
            {
              current: false,
              session: {
                sessionId: 'session-test-laptop',
                userId: USER,
                attributes: { ipAddress: '192.0.2.10', userAgent: 'Laptop/1' },
                authenticationFactors: factors,
              },
            },
          ],
        },
      },
    });
  });

  it('costs nothing without credentials: the viewer is null', async () => {
    const res = await stack.gql(SESSIONS);
    expect(res.body).toEqual({ data: { viewer: null } });
    expect(stack.stand.requests).toHaveLength(0);
  });
});

describe('revokeSession', () => {
  const REVOKE = `mutation ($id: String!) { revokeSession(input: { sessionId: $id }) { sessionId current } }`;

  it("revokes another of the viewer's own sessions by id", async () => {
    const res = await stack.gql(REVOKE, { id: 'session-test-phone' }, AUTH);
    expect(res.body).toEqual({
      data: { revokeSession: { sessionId: 'session-test-phone', current: false } },
    });
    expect(paths()).toEqual([
      'POST /v1/sessions/authenticate',
      `GET /v1/sessions?user_id=${encodeURIComponent(USER)}`,
      'POST /v1/sessions/revoke',
    ]);
    expect(stack.stand.requests[2]?.body).toStrictEqual({ session_id: 'session-test-phone' });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("never revokes an id that is not in the viewer's own list (someone else's session)", async () => {
    const res = await stack.gql(REVOKE, { id: 'session-test-someone-elses' }, AUTH);
    expect(res.body.data).toEqual({ revokeSession: null });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(paths()).not.toContain('POST /v1/sessions/revoke');
  });

  it('is UNAUTHENTICATED without a session, and calls nothing', async () => {
    const res = await stack.gql(REVOKE, { id: 'session-test-phone' });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(stack.stand.requests).toHaveLength(0);
  });

  it("an impersonated session may end itself but not the user's other sessions", async () => {
    const imp = { ...impersonatedSession, session_id: 'session-test-current' };
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer(imp));
    const other = await stack.gql(REVOKE, { id: 'session-test-phone' }, AUTH);
    expect(other.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(paths()).not.toContain('POST /v1/sessions/revoke');
    const itself = await stack.gql(REVOKE, { id: 'session-test-current' }, AUTH);
    expect(itself.body.data).toEqual({
      revokeSession: { sessionId: 'session-test-current', current: true },
    });
  });

  it('an empty id is BAD_USER_INPUT before any call', async () => {
    const res = await stack.gql(REVOKE, { id: ' ' }, AUTH);
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'sessionId',
    });
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('revoking the current session clears the cookies (cookie mode)', async () => {
    const cookies = await startStack({ sessionCookies: true });
    try {
      cookies.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer(current));
      cookies.stand.on('GET', '/v1/sessions', stytchSuccess({ sessions: [laptop, current] }));
      cookies.stand.on('POST', '/v1/sessions/revoke', stytchSuccess({}));
      const res = await cookies.gql(
        REVOKE,
        { id: 'session-test-current' },
        { cookie: 'stytch_session=viewer-session-token', 'x-graphql-yoga-csrf': '1' },
      );
      expect(res.body).toEqual({
        data: { revokeSession: { sessionId: 'session-test-current', current: true } },
      });
      const set = res.headers.getSetCookie();
      expect(set.map((c) => c.split('=')[0])).toEqual(['stytch_session', 'stytch_session_jwt']);
      expect(set.every((c) => /Max-Age=0/.test(c))).toBe(true);
      expect(cookies.stand.requests.at(-1)?.body).toStrictEqual({
        session_id: 'session-test-current',
      });
    } finally {
      await cookies.stop();
    }
  });
});
