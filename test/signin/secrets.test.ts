import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { SECRET, type Stack, startStack } from '../helpers/gateway.js';

/**
 * Passwords, codes and tokens given to the sign-in operations never come back in a response, an
 * error message or a log line: whatever Stytch answers, and however malformed the input.
 */
const PASSWORD = 'pw-SECRET-4f1c-Horse-Battery';
const NEW_PASSWORD = 'pw-SECRET-new-77aa-Staple';
const OTP_CODE = '824613';
const RESET_TOKEN = 'reset-token-SECRET-9d8e7f';
const SESSION_TOKEN_IN = 'session-token-SECRET-in-1a2b';
const SECRETS = [PASSWORD, NEW_PASSWORD, OTP_CODE, RESET_TOKEN, SESSION_TOKEN_IN, SECRET];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeoutMs: 200 });
});
afterAll(() => stack.stop());

const operations: Array<{ path: string; query: string }> = [
  {
    path: '/v1/passwords',
    query: `mutation { createPassword(input: {email: "ada@example.com", password: "${PASSWORD}", sessionDurationMinutes: 60}) { userId } }`,
  },
  {
    path: '/v1/passwords/authenticate',
    query: `mutation { authenticatePassword(input: {email: "ada@example.com", password: "${PASSWORD}", sessionToken: "${SESSION_TOKEN_IN}"}) { userId } }`,
  },
  {
    path: '/v1/passwords/strength_check',
    query: `query { passwordStrengthCheck(input: {password: "${PASSWORD}", email: "ada@example.com"}) { validPassword } }`,
  },
  {
    path: '/v1/passwords/email/reset',
    query: `mutation { resetPasswordByEmail(input: {token: "${RESET_TOKEN}", password: "${NEW_PASSWORD}"}) { userId } }`,
  },
  {
    path: '/v1/passwords/existing_password/reset',
    query: `mutation { resetPasswordWithExistingPassword(input: {email: "ada@example.com", existingPassword: "${PASSWORD}", newPassword: "${NEW_PASSWORD}"}) { userId } }`,
  },
  {
    path: '/v1/otps/authenticate',
    query: `mutation { authenticateOtp(input: {methodId: "phone-test-1", code: "${OTP_CODE}", sessionToken: "${SESSION_TOKEN_IN}"}) { userId } }`,
  },
];

const answers = [
  stytchSuccess({
    user_id: fullUser.user_id,
    user: fullUser,
    session_token: '',
    session_jwt: '',
    email_id: 'email-test-1',
    method_id: 'phone-test-1',
    reset_sessions: false,
    valid_password: true,
    score: 4,
    breached_password: false,
    strength_policy: 'zxcvbn',
    breach_detection_on_create: true,
  }),
  stytchError(400, 'weak_password', 'The password is too weak.'),
  stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
  stytchError(404, 'otp_code_not_found', 'The OTP code could not be found.'),
  stytchError(500, 'internal_server_error', 'Oops.'),
  { status: 502, raw: '<html>bad gateway</html>' },
  { delayMs: 1000, ...stytchSuccess({}) },
  { status: 200, raw: 'not json' },
  stytchSuccess({ user_id: 42 }),
];

describe('secrets never leave the gateway (sign-in operations)', () => {
  it('not in responses or logs, whatever Stytch answers', async () => {
    const texts: string[] = [];
    let reachedStytch = 0;
    for (const answer of answers) {
      for (const { path, query } of operations) {
        stack.stand.reset();
        stack.stand.on('POST', path, answer);
        texts.push((await stack.gql(query)).text);
        reachedStytch += stack.stand.requests.length;
      }
    }
    // Every call did carry its secrets to Stytch: the stand-in saw them all.
    expect(reachedStytch).toBe(answers.length * operations.length);
    const all = [...texts, ...stack.logs].join('\n');
    expect(stack.logs.length).toBeGreaterThan(0);
    for (const secret of SECRETS) {
      expect(all).not.toContain(secret);
    }
  });

  it('not in the error when the input is malformed (graphql-js would quote the whole variable)', async () => {
    stack.stand.reset();
    const cases: Array<[string, string, object]> = [
      [
        'AuthenticatePasswordInput',
        'authenticatePassword',
        { email: 'a@example.com', password: PASSWORD, pasword: PASSWORD },
      ],
      ['AuthenticatePasswordInput', 'authenticatePassword', { password: PASSWORD }],
      [
        'ResetPasswordWithExistingPasswordInput',
        'resetPasswordWithExistingPassword',
        { email: 'a@example.com', existingPassword: PASSWORD, newPassword: [NEW_PASSWORD] },
      ],
      ['AuthenticateOtpInput', 'authenticateOtp', { methodId: 'm', code: Number(OTP_CODE) }],
      [
        'ResetPasswordByEmailInput',
        'resetPasswordByEmail',
        { token: RESET_TOKEN, password: { value: NEW_PASSWORD } },
      ],
      [
        'CreatePasswordInput',
        'createPassword',
        { email: 'a@example.com', password: PASSWORD, name: 'Ada' },
      ],
    ];
    const messages: string[] = [];
    for (const [type, field, input] of cases) {
      const res = await stack.gql(
        `mutation ($input: ${type}!) { ${field}(input: $input) { userId } }`,
        { input },
      );
      expect(res.body.errors?.length).toBeGreaterThan(0);
      messages.push(res.text);
    }
    // Where and why survive, so the developer can still fix the call.
    expect(messages[0]).toContain('pasword');
    expect(messages[1]).toContain('email');
    const all = [...messages, ...stack.logs].join('\n');
    for (const secret of SECRETS) {
      expect(all).not.toContain(secret);
    }
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('a strength check sent over GET is refused, and its password is in no log line', async () => {
    stack.stand.reset();
    const url = new URL('http://gateway.test/graphql');
    url.searchParams.set(
      'query',
      `query { passwordStrengthCheck(input: {password: "${PASSWORD}"}) { validPassword } }`,
    );
    const res = await stack.gateway.yoga.fetch(url, { method: 'GET' });
    const text = await res.text();
    expect(text).not.toContain(PASSWORD);
    expect(stack.logs.join('\n')).not.toContain(PASSWORD);
    expect(stack.stand.requests).toHaveLength(0);
  });
});
