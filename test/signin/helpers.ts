import { expect } from 'vitest';
import type { Session } from '../../src/stytch/types.js';
import { fullDeviceInfo, fullSession, fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { PROJECT_ID, SECRET, type Stack } from '../helpers/gateway.js';

export const BASIC = `Basic ${Buffer.from(`${PROJECT_ID}:${SECRET}`).toString('base64')}`;

/** Redirect URLs as an operator would configure them; the login list has two entries. */
export const REDIRECT_ENV = {
  MAGIC_LINK_LOGIN_URL: 'https://app.example.com/auth/login, https://m.example.com/login',
  MAGIC_LINK_SIGNUP_URL: 'https://app.example.com/auth/signup',
  MAGIC_LINK_INVITE_URL: 'https://app.example.com/auth/invite',
  PASSWORD_RESET_URL: 'https://app.example.com/auth/reset',
};

/**
 * Exactly one upstream call was made, a POST to `path` with the gateway's Basic credentials and
 * exactly this JSON body.
 */
export function expectOneUpstream(stack: Stack, path: string, body: unknown) {
  expect(stack.stand.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${path}`]);
  const [req] = stack.stand.requests;
  expect(req?.headers.authorization).toBe(BASIC);
  expect(req?.headers['content-type']).toBe('application/json');
  // On the parsed body: a key sent as null would fail it, as would a missing or extra one.
  expect(req?.body).toStrictEqual(body);
}

/** A Stytch answer that signed the user in with a session ("session set"), plus `extra`. */
export function sessionSetAnswer(extra: object = {}, requestId = 'request-id-test-signin') {
  return stytchSuccess(
    {
      user_id: fullUser.user_id,
      user: fullUser,
      session_token: 'session-token-from-stytch',
      session_jwt: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl',
      session: fullSession,
      user_device: fullDeviceInfo,
      ...extra,
    },
    requestId,
  );
}

/** The GraphQL view of `sessionSetAnswer` for the fields `SESSION_SET_FIELDS` selects. */
export const SESSION_SET_FIELDS =
  'requestId statusCode userId sessionToken sessionJwt user { id } session { id userId } userDevice { visitorId }';

export function sessionSetPayload(tokensInBody = true, requestId = 'request-id-test-signin') {
  return {
    requestId,
    statusCode: 200,
    userId: fullUser.user_id,
    sessionToken: tokensInBody ? 'session-token-from-stytch' : null,
    sessionJwt: tokensInBody ? 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' : null,
    user: { id: fullUser.user_id },
    session: { id: fullSession.session_id, userId: fullSession.user_id },
    userDevice: { visitorId: fullDeviceInfo.visitor_id },
  };
}

/** A request from a given socket address and user agent, as node:http would hand it to yoga. */
export async function gqlFrom(
  stack: Stack,
  client: { ip: string; userAgent?: string },
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const res = await stack.gateway.yoga.fetch(
    'http://gateway.test/graphql',
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(client.userAgent ? { 'user-agent': client.userAgent } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    },
    { req: { socket: { remoteAddress: client.ip } } },
  );
  return (await res.json()) as {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  };
}

/** A plain signed-in session (fullSession holds every factor, an impersonated one included). */
export const passwordSession: Session = {
  ...fullSession,
  authentication_factors: [
    {
      type: 'password',
      delivery_method: 'knowledge',
      last_authenticated_at: '2024-05-14T08:55:31Z',
      created_at: '2024-05-14T08:55:31Z',
      updated_at: '2024-05-14T08:55:31Z',
    },
  ],
};

/** Stytch's answer to /v1/sessions/authenticate for the viewer's opaque session token. */
export function viewerAnswer(session: Session = passwordSession, token = 'viewer-session-token') {
  return stytchSuccess({ session, session_token: token, session_jwt: '', user: fullUser });
}
