import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';
import { expectOneUpstream, gqlFrom, REDIRECT_ENV, viewerAnswer } from './helpers.js';

/** Wire-level tests of the magic link operations against the recording stand-in. */
let stack: Stack;
let bare: Stack;
beforeAll(async () => {
  stack = await startStack({ env: REDIRECT_ENV });
  bare = await startStack();
});
afterAll(async () => {
  await stack.stop();
  await bare.stop();
});
beforeEach(() => {
  stack.stand.reset();
  bare.stand.reset();
});

const LOGIN_OR_CREATE = `mutation ($input: LoginOrCreateWithMagicLinkInput!) {
  loginOrCreateWithMagicLink(input: $input) { requestId statusCode }
}`;
const SEND = `mutation ($input: SendMagicLinkInput!) {
  sendMagicLink(input: $input) { requestId statusCode attachedToViewer }
}`;
const INVITE = `mutation ($input: InviteByMagicLinkInput!) {
  inviteByMagicLink(input: $input) { requestId statusCode userId emailId }
}`;
const REVOKE_INVITE = `mutation ($input: RevokeMagicLinkInviteInput!) {
  revokeMagicLinkInvite(input: $input) { requestId statusCode }
}`;

const created = stytchSuccess(
  { user_id: 'user-test-new', email_id: 'email-test-new', user_created: true },
  'request-id-test-loc',
);

describe('loginOrCreateWithMagicLink', () => {
  it('sends the email and the configured default URLs, and reveals nothing about the account', async () => {
    stack.stand.on('POST', '/v1/magic_links/email/login_or_create', created);
    const res = await stack.gql(LOGIN_OR_CREATE, { input: { email: 'new.user@example.com' } });
    expectOneUpstream(stack, '/v1/magic_links/email/login_or_create', {
      email: 'new.user@example.com',
      login_magic_link_url: 'https://app.example.com/auth/login',
      signup_magic_link_url: 'https://app.example.com/auth/signup',
    });
    expect(res.body).toEqual({
      data: { loginOrCreateWithMagicLink: { requestId: 'request-id-test-loc', statusCode: 200 } },
    });
  });

  it('has no field that could tell a new account from an existing one', async () => {
    const fields = (
      await stack.gql('{ __type(name: "LoginOrCreateWithMagicLinkPayload") { fields { name } } }')
    ).body.data?.['__type'] as { fields: Array<{ name: string }> };
    expect(fields.fields.map((f) => f.name).sort()).toEqual(['requestId', 'statusCode']);
  });

  it('maps every input field, and the client it saw as attributes', async () => {
    stack.stand.on('POST', '/v1/magic_links/email/login_or_create', created);
    const res = await gqlFrom(
      stack,
      { ip: '198.51.100.9', userAgent: 'Browser/2.0' },
      LOGIN_OR_CREATE,
      {
        input: {
          email: '  Ada@Example.com ',
          loginMagicLinkUrl: 'https://m.example.com/login',
          signupMagicLinkUrl: 'https://app.example.com/auth/signup',
          loginExpirationMinutes: 15,
          signupExpirationMinutes: 10080,
          codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          locale: 'pt-br',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expectOneUpstream(stack, '/v1/magic_links/email/login_or_create', {
      email: 'Ada@Example.com',
      login_magic_link_url: 'https://m.example.com/login',
      signup_magic_link_url: 'https://app.example.com/auth/signup',
      login_expiration_minutes: 15,
      signup_expiration_minutes: 10080,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      locale: 'pt-br',
      attributes: { ip_address: '198.51.100.9', user_agent: 'Browser/2.0' },
    });
  });

  it('omits the URLs when none is configured, so the Dashboard default applies', async () => {
    bare.stand.on('POST', '/v1/magic_links/email/login_or_create', created);
    const res = await bare.gql(LOGIN_OR_CREATE, { input: { email: 'ada@example.com' } });
    expect(res.body.errors).toBeUndefined();
    expectOneUpstream(bare, '/v1/magic_links/email/login_or_create', { email: 'ada@example.com' });
  });

  it('a URL outside the configured list is BAD_USER_INPUT before any call', async () => {
    for (const url of [
      'https://evil.example.net/login',
      'https://app.example.com/auth/login?next=https://evil.example.net',
      'https://app.example.com/auth/login/',
      'HTTPS://APP.EXAMPLE.COM/auth/login',
    ]) {
      const res = await stack.gql(LOGIN_OR_CREATE, {
        input: { email: 'ada@example.com', loginMagicLinkUrl: url },
      });
      expect(res.body.data).toEqual({ loginOrCreateWithMagicLink: null });
      expect(res.body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'loginMagicLinkUrl',
      });
      expect(res.body.errors?.[0]?.message).toBe(
        'loginMagicLinkUrl must be exactly one of the URLs configured in MAGIC_LINK_LOGIN_URL.',
      );
    }
    // The signup URL is checked against its own list, not the login one.
    const crossed = await stack.gql(LOGIN_OR_CREATE, {
      input: { email: 'ada@example.com', signupMagicLinkUrl: 'https://m.example.com/login' },
    });
    expect(crossed.body.errors?.[0]?.extensions?.['field']).toBe('signupMagicLinkUrl');
    const unconfigured = await bare.gql(LOGIN_OR_CREATE, {
      input: { email: 'ada@example.com', loginMagicLinkUrl: 'https://app.example.com/auth/login' },
    });
    expect(unconfigured.body.errors?.[0]?.message).toBe(
      'loginMagicLinkUrl cannot be chosen: MAGIC_LINK_LOGIN_URL is not configured on the gateway.',
    );
    expect(stack.stand.requests).toHaveLength(0);
    expect(bare.stand.requests).toHaveLength(0);
  });
});

describe('sendMagicLink', () => {
  it('sends to an existing user, without a session when the request carries none', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/send',
      stytchSuccess({ user_id: 'user-test-1', email_id: 'email-test-1' }, 'request-id-test-send'),
    );
    const res = await stack.gql(SEND, { input: { email: 'ada@example.com' } });
    expectOneUpstream(stack, '/v1/magic_links/email/send', {
      email: 'ada@example.com',
      login_magic_link_url: 'https://app.example.com/auth/login',
      signup_magic_link_url: 'https://app.example.com/auth/signup',
    });
    expect(res.body).toEqual({
      data: {
        sendMagicLink: {
          requestId: 'request-id-test-send',
          statusCode: 200,
          attachedToViewer: false,
        },
      },
    });
  });

  it('with a valid session, passes it so Stytch adds the address to the viewer', async () => {
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/send',
      stytchSuccess({ user_id: fullUser.user_id, email_id: 'email-test-added' }),
    );
    const res = await stack.gql(
      SEND,
      { input: { email: 'second@example.com', loginExpirationMinutes: 5 } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expect(res.body.data).toEqual({
      sendMagicLink: { requestId: 'request-id-test-ok', statusCode: 200, attachedToViewer: true },
    });
    const send = stack.stand.requests.find((r) => r.path === '/v1/magic_links/email/send');
    expect(send?.body).toStrictEqual({
      email: 'second@example.com',
      login_magic_link_url: 'https://app.example.com/auth/login',
      signup_magic_link_url: 'https://app.example.com/auth/signup',
      login_expiration_minutes: 5,
      session_token: 'viewer-session-token',
    });
  });

  it('with an invalid session, it is a plain send: a stale cookie must not block signing in', async () => {
    stack.stand.on(
      'POST',
      '/v1/sessions/authenticate',
      stytchError(404, 'session_not_found', 'Session could not be found.'),
    );
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/send',
      stytchSuccess({ user_id: 'user-test-1', email_id: 'email-test-1' }),
    );
    const res = await stack.gql(
      SEND,
      { input: { email: 'ada@example.com' } },
      { authorization: 'Bearer stale-session-token' },
    );
    expect((res.body.data as any)?.sendMagicLink.attachedToViewer).toBe(false);
    const send = stack.stand.requests.find((r) => r.path === '/v1/magic_links/email/send');
    expect(send?.body).not.toHaveProperty('session_token');
  });

  it("an unknown address is NOT_FOUND with Stytch's error", async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/send',
      stytchError(404, 'email_not_found', 'Email could not be found.'),
    );
    const res = await stack.gql(SEND, { input: { email: 'nobody@example.com' } });
    expect(res.body.data).toEqual({ sendMagicLink: null });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      stytch: { errorType: 'email_not_found', statusCode: 404 },
    });
  });
});

describe('inviteByMagicLink and revokeMagicLinkInvite (server API key)', () => {
  it('invite sends every field and the configured invite URL', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/invite',
      stytchSuccess({ user_id: 'user-test-pending', email_id: 'email-test-inv' }, 'request-id-inv'),
    );
    const res = await stack.gql(
      INVITE,
      {
        input: {
          email: 'invitee@example.com',
          inviteExpirationMinutes: 1440,
          name: { firstName: 'Grace', lastName: 'Hopper' },
          locale: 'en',
          trustedMetadata: { plan: 'team', seats: 5 },
          untrustedMetadata: { theme_pref: 'dark' },
          attributes: { ipAddress: '203.0.113.5', userAgent: 'Admin/1.0' },
        },
      },
      { 'x-api-key': API_KEY },
    );
    expectOneUpstream(stack, '/v1/magic_links/email/invite', {
      email: 'invitee@example.com',
      invite_magic_link_url: 'https://app.example.com/auth/invite',
      invite_expiration_minutes: 1440,
      name: { first_name: 'Grace', last_name: 'Hopper' },
      locale: 'en',
      trusted_metadata: { plan: 'team', seats: 5 },
      untrusted_metadata: { theme_pref: 'dark' },
      attributes: { ip_address: '203.0.113.5', user_agent: 'Admin/1.0' },
    });
    expect(res.body).toEqual({
      data: {
        inviteByMagicLink: {
          requestId: 'request-id-inv',
          statusCode: 200,
          userId: 'user-test-pending',
          emailId: 'email-test-inv',
        },
      },
    });
  });

  it('revoke sends the address', async () => {
    stack.stand.on('POST', '/v1/magic_links/email/revoke_invite', stytchSuccess({}, 'req-rev'));
    const res = await stack.gql(
      REVOKE_INVITE,
      { input: { email: 'invitee@example.com' } },
      { 'x-api-key': API_KEY },
    );
    expectOneUpstream(stack, '/v1/magic_links/email/revoke_invite', {
      email: 'invitee@example.com',
    });
    expect(res.body).toEqual({
      data: { revokeMagicLinkInvite: { requestId: 'req-rev', statusCode: 200 } },
    });
  });

  it('both are FORBIDDEN without the API key, with no upstream call', async () => {
    for (const [query, name] of [
      [INVITE, 'inviteByMagicLink'],
      [REVOKE_INVITE, 'revokeMagicLinkInvite'],
    ] as const) {
      const res = await stack.gql(query, { input: { email: 'invitee@example.com' } });
      expect(res.body.data).toEqual({ [name]: null });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(stack.stand.requests).toHaveLength(0);
  });
});
