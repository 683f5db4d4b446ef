import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';
import {
  expectOneUpstream,
  gqlFrom,
  REDIRECT_ENV,
  SESSION_SET_FIELDS,
  sessionSetAnswer,
  sessionSetPayload,
  viewerAnswer,
} from './helpers.js';

/** Wire-level tests of the password operations against the recording stand-in. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: REDIRECT_ENV });
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

const PASSWORD = 'correct horse battery staple';

describe('createPassword', () => {
  const CREATE = `mutation ($input: CreatePasswordInput!) {
    createPassword(input: $input) { ${SESSION_SET_FIELDS} emailId }
  }`;

  it('sends every field in snake_case and returns the whole payload', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords',
      sessionSetAnswer({ email_id: 'email-test-created' }, 'request-id-create'),
    );
    const res = await stack.gql(CREATE, {
      input: {
        email: 'grace@example.com',
        password: PASSWORD,
        name: { firstName: 'Grace', middleName: 'Brewster', lastName: 'Hopper' },
        untrustedMetadata: { theme_pref: 'dark', 'Mixed-Key': null },
        sessionDurationMinutes: 60,
        sessionCustomClaims: { plan_tier: 'free' },
        telemetryId: 'telemetry-9',
      },
    });
    expectOneUpstream(stack, '/v1/passwords', {
      email: 'grace@example.com',
      password: PASSWORD,
      name: { first_name: 'Grace', middle_name: 'Brewster', last_name: 'Hopper' },
      untrusted_metadata: { theme_pref: 'dark', 'Mixed-Key': null },
      session_duration_minutes: 60,
      session_custom_claims: { plan_tier: 'free' },
      telemetry_id: 'telemetry-9',
    });
    expect(res.body).toEqual({
      data: {
        createPassword: {
          ...sessionSetPayload(true, 'request-id-create'),
          emailId: 'email-test-created',
        },
      },
    });
  });

  it('sends only email and password when nothing else is given (no session asked for)', async () => {
    stack.stand.on('POST', '/v1/passwords', sessionSetAnswer({ email_id: 'e' }));
    await stack.gql(CREATE, { input: { email: 'grace@example.com', password: PASSWORD } });
    expectOneUpstream(stack, '/v1/passwords', { email: 'grace@example.com', password: PASSWORD });
  });

  it('has no input for trusted metadata: only servers may set it', async () => {
    const res = await stack.gql(CREATE, {
      input: { email: 'grace@example.com', password: PASSWORD, trustedMetadata: { admin: true } },
    });
    expect(res.body.errors?.[0]?.message).toMatch(/trustedMetadata/);
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('a taken address is refused with duplicate_email', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords',
      stytchError(400, 'duplicate_email', 'A user with this email already exists.'),
    );
    const res = await stack.gql(CREATE, {
      input: { email: 'ada@example.com', password: PASSWORD },
    });
    expect(res.body.data).toEqual({ createPassword: null });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      stytch: { errorType: 'duplicate_email' },
    });
  });
});

describe('authenticatePassword', () => {
  const AUTH = `mutation ($input: AuthenticatePasswordInput!) {
    authenticatePassword(input: $input) { ${SESSION_SET_FIELDS} }
  }`;

  it('sends email, password and session fields, and returns the whole payload', async () => {
    stack.stand.on('POST', '/v1/passwords/authenticate', sessionSetAnswer({}, 'request-id-auth'));
    const res = await stack.gql(AUTH, {
      input: {
        email: ' grace@example.com',
        password: ` ${PASSWORD} `,
        sessionJwt: 'existing-jwt',
        sessionDurationMinutes: 120,
        sessionCustomClaims: { step: 'up' },
        telemetryId: 'telemetry-1',
      },
    });
    // The password is sent exactly as typed: its spaces are part of it.
    expectOneUpstream(stack, '/v1/passwords/authenticate', {
      email: 'grace@example.com',
      password: ` ${PASSWORD} `,
      session_jwt: 'existing-jwt',
      session_duration_minutes: 120,
      session_custom_claims: { step: 'up' },
      telemetry_id: 'telemetry-1',
    });
    expect(res.body).toEqual({
      data: { authenticatePassword: sessionSetPayload(true, 'request-id-auth') },
    });
  });

  it("extends the request's own valid session when it is the same user's and the input names none", async () => {
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on('POST', '/v1/passwords/authenticate', sessionSetAnswer());
    const own = fullUser.emails[0]?.email as string;
    const res = await stack.gql(
      AUTH,
      { input: { email: own.toUpperCase(), password: PASSWORD, sessionDurationMinutes: 30 } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expect(res.body.errors).toBeUndefined();
    const call = stack.stand.requests.find((r) => r.path === '/v1/passwords/authenticate');
    expect(call?.body).toStrictEqual({
      email: own.toUpperCase(),
      password: PASSWORD,
      session_duration_minutes: 30,
      session_token: 'viewer-session-token',
    });
  });

  it("another user signing in on the same browser gets a new session, not the viewer's", async () => {
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on('POST', '/v1/passwords/authenticate', sessionSetAnswer());
    await stack.gql(
      AUTH,
      { input: { email: 'grace@example.com', password: PASSWORD, sessionDurationMinutes: 30 } },
      { authorization: 'Bearer viewer-session-token' },
    );
    const call = stack.stand.requests.find((r) => r.path === '/v1/passwords/authenticate');
    expect(call?.body).toStrictEqual({
      email: 'grace@example.com',
      password: PASSWORD,
      session_duration_minutes: 30,
    });
  });

  it('an unknown address is NOT_FOUND (email_not_found)', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/authenticate',
      stytchError(404, 'email_not_found', 'Email could not be found.'),
    );
    const res = await stack.gql(AUTH, { input: { email: 'nobody@example.com', password: 'x' } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      stytch: { errorType: 'email_not_found', statusCode: 404 },
    });
  });

  it('cookie mode: the session goes into httpOnly cookies, not the payload', async () => {
    const cookies = await startStack({ sessionCookies: true });
    try {
      cookies.stand.on('POST', '/v1/passwords/authenticate', sessionSetAnswer());
      const res = await cookies.gql(
        AUTH,
        { input: { email: 'grace@example.com', password: PASSWORD, sessionDurationMinutes: 60 } },
        { 'x-graphql-yoga-csrf': '1' },
      );
      expect(res.body).toEqual({
        data: { authenticatePassword: sessionSetPayload(false, 'request-id-test-signin') },
      });
      const set = res.headers.getSetCookie();
      expect(set).toHaveLength(2);
      expect(set.find((c) => c.startsWith('stytch_session=session-token-from-stytch;'))).toMatch(
        /HttpOnly/,
      );
      expect(set.find((c) => c.startsWith('stytch_session_jwt='))).toMatch(/HttpOnly/);
    } finally {
      await cookies.stop();
    }
  });
});

describe('passwordStrengthCheck (a query)', () => {
  const CHECK = `query ($input: PasswordStrengthCheckInput!) {
    passwordStrengthCheck(input: $input) {
      requestId statusCode validPassword score breachedPassword strengthPolicy breachDetectionOnCreate
      feedback { warning suggestions ludsRequirements { hasLowerCase hasUpperCase hasDigit hasSymbol missingComplexity missingCharacters } }
    }
  }`;

  it('sends password and email, and returns the whole verdict in camelCase', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/strength_check',
      stytchSuccess(
        {
          valid_password: false,
          score: 1,
          breached_password: true,
          strength_policy: 'luds',
          breach_detection_on_create: true,
          feedback: {
            warning: 'This is a very common password.',
            suggestions: ['Add another word or two.'],
            luds_requirements: {
              has_lower_case: true,
              has_upper_case: false,
              has_digit: false,
              has_symbol: false,
              missing_complexity: 2,
              missing_characters: 3,
            },
          },
        },
        'request-id-strength',
      ),
    );
    const res = await stack.gql(CHECK, {
      input: { password: 'password', email: 'grace@example.com' },
    });
    expectOneUpstream(stack, '/v1/passwords/strength_check', {
      password: 'password',
      email: 'grace@example.com',
    });
    expect(res.body).toEqual({
      data: {
        passwordStrengthCheck: {
          requestId: 'request-id-strength',
          statusCode: 200,
          validPassword: false,
          score: 1,
          breachedPassword: true,
          strengthPolicy: 'luds',
          breachDetectionOnCreate: true,
          feedback: {
            warning: 'This is a very common password.',
            suggestions: ['Add another word or two.'],
            ludsRequirements: {
              hasLowerCase: true,
              hasUpperCase: false,
              hasDigit: false,
              hasSymbol: false,
              missingComplexity: 2,
              missingCharacters: 3,
            },
          },
        },
      },
    });
  });

  it('answers null feedback and LUDS requirements when Stytch gives none (zxcvbn)', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/strength_check',
      stytchSuccess({
        valid_password: true,
        score: 4,
        breached_password: false,
        strength_policy: 'zxcvbn',
        breach_detection_on_create: false,
        feedback: { warning: '', suggestions: [], luds_requirements: null },
      }),
    );
    const res = await stack.gql(CHECK, { input: { password: PASSWORD } });
    expectOneUpstream(stack, '/v1/passwords/strength_check', { password: PASSWORD });
    expect((res.body.data as any)?.passwordStrengthCheck.feedback).toEqual({
      warning: '',
      suggestions: [],
      ludsRequirements: null,
    });
  });

  it('refuses GET, which would put the password in the URL, before any call', async () => {
    const url = new URL('http://gateway.test/graphql');
    url.searchParams.set('query', CHECK);
    url.searchParams.set('variables', JSON.stringify({ input: { password: 'pw-in-url' } }));
    const res = await stack.gateway.yoga.fetch(url, { method: 'GET' });
    const body = (await res.json()) as { data: unknown; errors: Array<{ extensions: unknown }> };
    expect(body.data).toEqual({ passwordStrengthCheck: null });
    expect(body.errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(stack.stand.requests).toHaveLength(0);
  });
});

describe('password reset by email', () => {
  const START = `mutation ($input: StartPasswordResetByEmailInput!) {
    startPasswordResetByEmail(input: $input) { requestId statusCode }
  }`;
  const RESET = `mutation ($input: ResetPasswordByEmailInput!) {
    resetPasswordByEmail(input: $input) { ${SESSION_SET_FIELDS} }
  }`;

  it('start sends the configured reset and login URLs, and answers only the envelope', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/email/reset/start',
      stytchSuccess({ user_id: fullUser.user_id, email_id: 'email-test-1' }, 'request-id-start'),
    );
    const res = await gqlFrom(stack, { ip: '192.0.2.44' }, START, {
      input: {
        email: 'grace@example.com',
        loginRedirectUrl: 'https://m.example.com/login',
        resetPasswordExpirationMinutes: 45,
        codeChallenge: 'challenge-abc',
        locale: 'es',
      },
    });
    expectOneUpstream(stack, '/v1/passwords/email/reset/start', {
      email: 'grace@example.com',
      reset_password_redirect_url: 'https://app.example.com/auth/reset',
      login_redirect_url: 'https://m.example.com/login',
      reset_password_expiration_minutes: 45,
      code_challenge: 'challenge-abc',
      locale: 'es',
      attributes: { ip_address: '192.0.2.44' },
    });
    expect(res).toEqual({
      data: { startPasswordResetByEmail: { requestId: 'request-id-start', statusCode: 200 } },
    });
  });

  it('start refuses a reset URL that is not configured, before any call', async () => {
    const res = await stack.gql(START, {
      input: { email: 'grace@example.com', resetPasswordRedirectUrl: 'https://evil.example.net/r' },
    });
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'resetPasswordRedirectUrl',
    });
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('reset sends token, password, PKCE verifier, options and session fields', async () => {
    stack.stand.on('POST', '/v1/passwords/email/reset', sessionSetAnswer({}, 'request-id-reset'));
    const res = await stack.gql(RESET, {
      input: {
        token: 'reset-token-1',
        password: PASSWORD,
        codeVerifier: 'verifier-1',
        options: { ipMatchRequired: true },
        sessionDurationMinutes: 60,
      },
    });
    expectOneUpstream(stack, '/v1/passwords/email/reset', {
      token: 'reset-token-1',
      password: PASSWORD,
      code_verifier: 'verifier-1',
      options: { ip_match_required: true },
      session_duration_minutes: 60,
    });
    expect(res.body).toEqual({
      data: { resetPasswordByEmail: sessionSetPayload(true, 'request-id-reset') },
    });
  });

  it("reset does not hand Stytch the request's own session: Stytch revokes them all", async () => {
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on('POST', '/v1/passwords/email/reset', sessionSetAnswer());
    await stack.gql(
      RESET,
      { input: { token: 'reset-token-2', password: PASSWORD } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expectOneUpstream(stack, '/v1/passwords/email/reset', {
      token: 'reset-token-2',
      password: PASSWORD,
    });
  });
});

describe('resetPasswordWithExistingPassword', () => {
  const RESET = `mutation ($input: ResetPasswordWithExistingPasswordInput!) {
    resetPasswordWithExistingPassword(input: $input) { ${SESSION_SET_FIELDS} }
  }`;

  it('sends both passwords and session fields, and returns the whole payload', async () => {
    stack.stand.on(
      'POST',
      '/v1/passwords/existing_password/reset',
      sessionSetAnswer({}, 'request-id-existing'),
    );
    const res = await stack.gql(RESET, {
      input: {
        email: 'grace@example.com',
        existingPassword: 'old-passw0rd-123',
        newPassword: PASSWORD,
        sessionDurationMinutes: 60,
        telemetryId: 'telemetry-3',
      },
    });
    expectOneUpstream(stack, '/v1/passwords/existing_password/reset', {
      email: 'grace@example.com',
      existing_password: 'old-passw0rd-123',
      new_password: PASSWORD,
      session_duration_minutes: 60,
      telemetry_id: 'telemetry-3',
    });
    expect(res.body).toEqual({
      data: { resetPasswordWithExistingPassword: sessionSetPayload(true, 'request-id-existing') },
    });
  });
});
