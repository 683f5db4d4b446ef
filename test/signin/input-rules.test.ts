import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';
import { REDIRECT_ENV } from './helpers.js';

/** Every input rule of the sign-in operations refuses before any upstream call. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: REDIRECT_ENV });
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

const claims = { blob: 'x'.repeat(4100) };

type Case = { operation: string; type: string; input: object; field: string; query?: true };
const c = (operation: string, type: string, input: object, field: string): Case => ({
  operation,
  type,
  input,
  field,
});

const cases: Case[] = [
  c('loginOrCreateWithMagicLink', 'LoginOrCreateWithMagicLinkInput', { email: '' }, 'email'),
  c('loginOrCreateWithMagicLink', 'LoginOrCreateWithMagicLinkInput', { email: '   ' }, 'email'),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'ada.example.com' },
    'email',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'ada lovelace@example.com' },
    'email',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: `${'a'.repeat(250)}@example.com` },
    'email',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'a@example.com', loginExpirationMinutes: 4 },
    'loginExpirationMinutes',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'a@example.com', signupExpirationMinutes: 10081 },
    'signupExpirationMinutes',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'a@example.com', locale: 'english please' },
    'locale',
  ),
  c(
    'loginOrCreateWithMagicLink',
    'LoginOrCreateWithMagicLinkInput',
    { email: 'a@example.com', codeChallenge: '' },
    'codeChallenge',
  ),
  c('sendMagicLink', 'SendMagicLinkInput', { email: 'ada@localhost' }, 'email'),
  c(
    'sendMagicLink',
    'SendMagicLinkInput',
    { email: 'a@example.com', loginExpirationMinutes: 10081 },
    'loginExpirationMinutes',
  ),
  c(
    'sendMagicLink',
    'SendMagicLinkInput',
    { email: 'a@example.com', signupMagicLinkUrl: 'https://app.example.com/auth/login' },
    'signupMagicLinkUrl',
  ),
  c('inviteByMagicLink', 'InviteByMagicLinkInput', { email: 'invitee' }, 'email'),
  c(
    'inviteByMagicLink',
    'InviteByMagicLinkInput',
    { email: 'a@example.com', inviteExpirationMinutes: 4 },
    'inviteExpirationMinutes',
  ),
  c(
    'inviteByMagicLink',
    'InviteByMagicLinkInput',
    { email: 'a@example.com', inviteMagicLinkUrl: 'https://evil.example.net/' },
    'inviteMagicLinkUrl',
  ),
  c('revokeMagicLinkInvite', 'RevokeMagicLinkInviteInput', { email: '@example.com' }, 'email'),
  c('createPassword', 'CreatePasswordInput', { email: 'a@example.com', password: '' }, 'password'),
  c(
    'createPassword',
    'CreatePasswordInput',
    { email: 'no-at-sign', password: 'Secret-Passw0rd-1' },
    'email',
  ),
  c(
    'createPassword',
    'CreatePasswordInput',
    { email: 'a@example.com', password: 'Secret-Passw0rd-1', sessionDurationMinutes: 4 },
    'sessionDurationMinutes',
  ),
  c(
    'createPassword',
    'CreatePasswordInput',
    { email: 'a@example.com', password: 'Secret-Passw0rd-1', sessionCustomClaims: claims },
    'sessionCustomClaims',
  ),
  c(
    'authenticatePassword',
    'AuthenticatePasswordInput',
    { email: 'a@example.com', password: '' },
    'password',
  ),
  c(
    'authenticatePassword',
    'AuthenticatePasswordInput',
    { email: '', password: 'Secret-Passw0rd-1' },
    'email',
  ),
  c(
    'authenticatePassword',
    'AuthenticatePasswordInput',
    { email: 'a@example.com', password: 'Secret-Passw0rd-1', sessionDurationMinutes: 527041 },
    'sessionDurationMinutes',
  ),
  c('startPasswordResetByEmail', 'StartPasswordResetByEmailInput', { email: 'a@b' }, 'email'),
  c(
    'startPasswordResetByEmail',
    'StartPasswordResetByEmailInput',
    { email: 'a@example.com', resetPasswordExpirationMinutes: 4 },
    'resetPasswordExpirationMinutes',
  ),
  c(
    'startPasswordResetByEmail',
    'StartPasswordResetByEmailInput',
    { email: 'a@example.com', resetPasswordExpirationMinutes: 10081 },
    'resetPasswordExpirationMinutes',
  ),
  c(
    'startPasswordResetByEmail',
    'StartPasswordResetByEmailInput',
    { email: 'a@example.com', loginRedirectUrl: 'https://app.example.com/auth/reset' },
    'loginRedirectUrl',
  ),
  c(
    'resetPasswordByEmail',
    'ResetPasswordByEmailInput',
    { token: ' ', password: 'Secret-Passw0rd-1' },
    'token',
  ),
  c(
    'resetPasswordByEmail',
    'ResetPasswordByEmailInput',
    { token: 'reset-token', password: '' },
    'password',
  ),
  c(
    'resetPasswordByEmail',
    'ResetPasswordByEmailInput',
    { token: 'reset-token', password: 'Secret-Passw0rd-1', codeVerifier: '' },
    'codeVerifier',
  ),
  c(
    'resetPasswordWithExistingPassword',
    'ResetPasswordWithExistingPasswordInput',
    { email: 'a@example.com', existingPassword: '', newPassword: 'Secret-Passw0rd-1' },
    'existingPassword',
  ),
  c(
    'resetPasswordWithExistingPassword',
    'ResetPasswordWithExistingPasswordInput',
    { email: 'a@example.com', existingPassword: 'Old-Passw0rd-1', newPassword: '' },
    'newPassword',
  ),
  c(
    'loginOrCreateWithEmailOtp',
    'LoginOrCreateWithEmailOtpInput',
    { email: 'a@example.com', expirationMinutes: 0 },
    'expirationMinutes',
  ),
  c(
    'loginOrCreateWithEmailOtp',
    'LoginOrCreateWithEmailOtpInput',
    { email: 'a@example.com', expirationMinutes: 11 },
    'expirationMinutes',
  ),
  c(
    'loginOrCreateWithEmailOtp',
    'LoginOrCreateWithEmailOtpInput',
    { email: 'a@@example.com' },
    'email',
  ),
  c(
    'sendEmailOtp',
    'SendEmailOtpInput',
    { email: 'a@example.com', expirationMinutes: 11 },
    'expirationMinutes',
  ),
  c('sendEmailOtp', 'SendEmailOtpInput', { email: 'a@example.com', locale: 'pt_BR' }, 'locale'),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: '2025550162' },
    'phoneNumber',
  ),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: '+0 202 555 0162' },
    'phoneNumber',
  ),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: '+1 202 555 0162 ext 5' },
    'phoneNumber',
  ),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: '+1234567890123456' },
    'phoneNumber',
  ),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: ' - ' },
    'phoneNumber',
  ),
  c(
    'loginOrCreateWithSmsOtp',
    'LoginOrCreateWithSmsOtpInput',
    { phoneNumber: '+12025550162', expirationMinutes: 11 },
    'expirationMinutes',
  ),
  c('sendSmsOtp', 'SendSmsOtpInput', { phoneNumber: 'call me' }, 'phoneNumber'),
  c('authenticateOtp', 'AuthenticateOtpInput', { methodId: 'phone-test-1', code: '12345' }, 'code'),
  c(
    'authenticateOtp',
    'AuthenticateOtpInput',
    { methodId: 'phone-test-1', code: '1234567' },
    'code',
  ),
  c(
    'authenticateOtp',
    'AuthenticateOtpInput',
    { methodId: 'phone-test-1', code: 'abcdef' },
    'code',
  ),
  c(
    'authenticateOtp',
    'AuthenticateOtpInput',
    { methodId: 'phone-test-1', code: '123 456' },
    'code',
  ),
  c('authenticateOtp', 'AuthenticateOtpInput', { methodId: '', code: '123456' }, 'methodId'),
  c(
    'authenticateOtp',
    'AuthenticateOtpInput',
    { methodId: 'phone-test-1', code: '123456', sessionDurationMinutes: 4 },
    'sessionDurationMinutes',
  ),
  {
    ...c('passwordStrengthCheck', 'PasswordStrengthCheckInput', { password: '' }, 'password'),
    query: true,
  },
  {
    ...c(
      'passwordStrengthCheck',
      'PasswordStrengthCheckInput',
      { password: 'Secret-Passw0rd-1', email: 'nope' },
      'email',
    ),
    query: true,
  },
];

/** The input's own string values, which no error message may quote. */
const values = (input: object) =>
  Object.values(input).filter((v): v is string => typeof v === 'string' && v.trim().length > 2);

describe("sign-in input outside Stytch's rules is refused before any upstream call", () => {
  for (const t of cases) {
    const shown = JSON.stringify(t.input).slice(0, 80);
    it(`${t.operation} ${shown}`, async () => {
      const res = await stack.gql(
        `${t.query ? 'query' : 'mutation'} ($input: ${t.type}!) { ${t.operation}(input: $input) { requestId } }`,
        { input: t.input },
        { 'x-api-key': API_KEY },
      );
      expect(res.body.data?.[t.operation]).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: t.field });
      expect(res.body.errors?.[0]?.message).toMatch(new RegExp(`^${t.field} `));
      for (const value of values(t.input)) {
        expect(res.body.errors?.[0]?.message).not.toContain(value);
      }
      expect(stack.stand.requests).toHaveLength(0);
    });
  }

  it('the edges themselves are accepted', async () => {
    stack.stand.on(
      'POST',
      '/v1/otps/sms/login_or_create',
      stytchSuccess({ user_id: 'u', phone_id: 'p', user_created: false }),
    );
    for (const [phoneNumber, expirationMinutes] of [
      ['+12', 1],
      ['+123456789012345', 10],
    ] as const) {
      const res = await stack.gql(
        'mutation ($p: String!, $m: Int) { loginOrCreateWithSmsOtp(input: {phoneNumber: $p, expirationMinutes: $m}) { methodId } }',
        { p: phoneNumber, m: expirationMinutes },
      );
      expect(res.body.errors).toBeUndefined();
    }
    stack.stand.on(
      'POST',
      '/v1/passwords/email/reset/start',
      stytchSuccess({ user_id: 'u', email_id: 'e' }),
    );
    for (const minutes of [5, 10080]) {
      const res = await stack.gql(
        'mutation ($m: Int) { startPasswordResetByEmail(input: {email: "a+b.c@sub.example.co.uk", resetPasswordExpirationMinutes: $m}) { requestId } }',
        { m: minutes },
      );
      expect(res.body.errors).toBeUndefined();
    }
    expect(stack.stand.requests).toHaveLength(4);
  });
});
