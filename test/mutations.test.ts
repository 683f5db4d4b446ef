import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index.js';
import { fullDeviceInfo, fullSession, fullUser, impersonatedSession } from './fixtures/stytch.js';
import { stytchSuccess } from './helpers/fake-stytch.js';
import { API_KEY, PROJECT_ID, SECRET, type Stack, startStack } from './helpers/gateway.js';
import { selectAll } from './helpers/selection.js';

const schema = buildSchema();
const basic = `Basic ${Buffer.from(`${PROJECT_ID}:${SECRET}`).toString('base64')}`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

function expectUpstream(path: string, body: unknown) {
  expect(stack.stand.requests).toHaveLength(1);
  const [req] = stack.stand.requests;
  expect(req?.method).toBe('POST');
  expect(req?.path).toBe(path);
  expect(req?.headers.authorization).toBe(basic);
  expect(req?.headers['content-type']).toBe('application/json');
  expect(req?.headers['user-agent']).toMatch(/^stytch-graphql-gateway\/\d+\.\d+\.\d+$/);
  // toStrictEqual on the parsed body: a key sent as null or undefined would fail it.
  expect(req?.body).toStrictEqual(body);
  expect(req?.rawBody).not.toContain('null,');
}

describe('authenticateImpersonation', () => {
  const query = `mutation ($input: AuthenticateImpersonationInput!) {
    authenticateImpersonation(input: $input) { ${selectAll(schema, 'AuthenticateImpersonationPayload')} }
  }`;

  it('sends the token and returns the whole impersonated session in camelCase', async () => {
    stack.stand.on(
      'POST',
      '/v1/impersonation/authenticate',
      stytchSuccess(
        {
          user_id: fullUser.user_id,
          user: fullUser,
          session_token: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q',
          session_jwt: 'eyJhbGciOiJSUzI1NiJ9.e30.sig',
          session: impersonatedSession,
        },
        'request-id-test-imp',
      ),
    );
    const res = await stack.gql(query, { input: { impersonationToken: 'imp-token-1' } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expectUpstream('/v1/impersonation/authenticate', { impersonation_token: 'imp-token-1' });
    const factor = impersonatedSession.authentication_factors[0];
    expect(res.body.data?.['authenticateImpersonation']).toMatchObject({
      requestId: 'request-id-test-imp',
      statusCode: 200,
      userId: fullUser.user_id,
      sessionToken: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q',
      sessionJwt: 'eyJhbGciOiJSUzI1NiJ9.e30.sig',
      user: { id: fullUser.user_id },
      session: {
        id: impersonatedSession.session_id,
        authenticationFactors: [
          {
            type: 'impersonated',
            deliveryMethod: 'impersonation',
            impersonatedFactor: {
              impersonatorId: factor?.impersonated_factor?.impersonator_id,
              impersonatorEmailAddress: factor?.impersonated_factor?.impersonator_email_address,
            },
          },
        ],
      },
    });
  });
});

describe('createMagicLink', () => {
  const query = `mutation ($input: CreateMagicLinkInput!) {
    createMagicLink(input: $input) { requestId userId token statusCode }
  }`;

  it('sends only the given fields in snake_case and returns the token', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links',
      stytchSuccess({ user_id: 'user-test-1', token: 'ml-token-abc' }, 'request-id-test-ml'),
    );
    const res = await stack.gql(
      query,
      { input: { userId: 'user-test-1' } },
      { 'x-api-key': API_KEY },
    );
    expectUpstream('/v1/magic_links', { user_id: 'user-test-1' });
    expect(res.body).toEqual({
      data: {
        createMagicLink: {
          requestId: 'request-id-test-ml',
          userId: 'user-test-1',
          token: 'ml-token-abc',
          statusCode: 200,
        },
      },
    });
  });

  it('maps every input field', async () => {
    stack.stand.on('POST', '/v1/magic_links', stytchSuccess({ user_id: 'u', token: 't' }));
    await stack.gql(
      query,
      {
        input: {
          userId: 'user-test-1',
          expirationMinutes: 30,
          attributes: { ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0' },
        },
      },
      { 'x-api-key': API_KEY },
    );
    expectUpstream('/v1/magic_links', {
      user_id: 'user-test-1',
      expiration_minutes: 30,
      attributes: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0' },
    });
  });

  it('omits attribute keys given as null', async () => {
    stack.stand.on('POST', '/v1/magic_links', stytchSuccess({ user_id: 'u', token: 't' }));
    await stack.gql(
      query,
      {
        input: {
          userId: 'u',
          expirationMinutes: null,
          attributes: { ipAddress: '198.51.100.1', userAgent: null },
        },
      },
      { 'x-api-key': API_KEY },
    );
    expectUpstream('/v1/magic_links', { user_id: 'u', attributes: { ip_address: '198.51.100.1' } });
  });
});

describe('authenticateMagicLink', () => {
  const query = `mutation ($input: AuthenticateMagicLinkInput!) {
    authenticateMagicLink(input: $input) { ${selectAll(schema, 'AuthenticateMagicLinkPayload')} }
  }`;
  const answer = stytchSuccess(
    {
      user_id: fullUser.user_id,
      method_id: fullUser.emails[0]?.email_id,
      session_token: 'sess-token-1',
      session_jwt: 'jwt-1',
      user: fullUser,
      reset_sessions: false,
      session: fullSession,
      user_device: fullDeviceInfo,
    },
    'request-id-test-auth',
  );

  it('sends just the token when nothing else is given', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', answer);
    const res = await stack.gql(query, { input: { token: 'ml-token-abc' } });
    expect(res.body.errors).toBeUndefined();
    expectUpstream('/v1/magic_links/authenticate', { token: 'ml-token-abc' });
  });

  it('maps every input field, leaving custom claim keys and nulls untouched', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', answer);
    const claims = { plan_tier: 'gold', 'Mixed-Key': { nested_key: 1 }, remove_me: null };
    await stack.gql(query, {
      input: {
        token: 'ml-token-abc',
        attributes: { ipAddress: '203.0.113.7', userAgent: 'UA' },
        options: { ipMatchRequired: true, userAgentMatchRequired: false },
        sessionToken: 'existing-token',
        sessionJwt: 'existing-jwt',
        sessionDurationMinutes: 60,
        sessionCustomClaims: claims,
        codeVerifier: 'verifier-abc',
        telemetryId: 'telemetry-1',
      },
    });
    expectUpstream('/v1/magic_links/authenticate', {
      token: 'ml-token-abc',
      attributes: { ip_address: '203.0.113.7', user_agent: 'UA' },
      options: { ip_match_required: true, user_agent_match_required: false },
      session_token: 'existing-token',
      session_jwt: 'existing-jwt',
      session_duration_minutes: 60,
      session_custom_claims: claims,
      code_verifier: 'verifier-abc',
      telemetry_id: 'telemetry-1',
    });
  });

  it('returns the payload fields', async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', answer);
    const res = await stack.gql(query, { input: { token: 'ml-token-abc' } });
    expect(res.body.data?.['authenticateMagicLink']).toMatchObject({
      requestId: 'request-id-test-auth',
      statusCode: 200,
      userId: fullUser.user_id,
      methodId: fullUser.emails[0]?.email_id,
      sessionToken: 'sess-token-1',
      sessionJwt: 'jwt-1',
      resetSessions: false,
      userDevice: { visitorId: fullDeviceInfo.visitor_id },
      session: { id: fullSession.session_id, customClaims: fullSession.custom_claims },
      user: { id: fullUser.user_id, trustedMetadata: fullUser.trusted_metadata },
    });
  });

  it('answers null session and device when Stytch created none', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'email-test-1',
        session_token: '',
        session_jwt: '',
        user: fullUser,
        reset_sessions: false,
        session: null,
      }),
    );
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { sessionToken session { id } userDevice { visitorId } } }',
    );
    expect(res.body).toEqual({
      data: { authenticateMagicLink: { sessionToken: '', session: null, userDevice: null } },
    });
  });
});

describe('resetPasswordWithSession', () => {
  const query = `mutation ($input: ResetPasswordWithSessionInput!) {
    resetPasswordWithSession(input: $input) { ${selectAll(schema, 'ResetPasswordWithSessionPayload')} }
  }`;

  it('sends password and session, and returns the whole payload', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/session/reset',
      stytchSuccess(
        {
          user_id: fullUser.user_id,
          user: fullUser,
          session_token: 'sess-token-2',
          session_jwt: 'jwt-2',
          session: fullSession,
          user_device: fullDeviceInfo,
        },
        'request-id-test-reset',
      ),
    );
    const res = await stack.gql(query, {
      input: {
        password: 'correct horse battery staple',
        sessionJwt: 'jwt-1',
        sessionDurationMinutes: 120,
        sessionCustomClaims: { role_hint: 'admin' },
        telemetryId: 'telemetry-2',
      },
    });
    expect(res.body.errors).toBeUndefined();
    expectUpstream('/v1/passwords/session/reset', {
      password: 'correct horse battery staple',
      session_jwt: 'jwt-1',
      session_duration_minutes: 120,
      session_custom_claims: { role_hint: 'admin' },
      telemetry_id: 'telemetry-2',
    });
    expect(res.body.data?.['resetPasswordWithSession']).toMatchObject({
      requestId: 'request-id-test-reset',
      statusCode: 200,
      userId: fullUser.user_id,
      sessionToken: 'sess-token-2',
      sessionJwt: 'jwt-2',
      session: { id: fullSession.session_id },
      userDevice: { visitorId: fullDeviceInfo.visitor_id },
    });
  });
});
