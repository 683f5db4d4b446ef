import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';
import { gqlFrom, sessionSetAnswer } from './helpers.js';

/**
 * Attempts are counted per client IP and per target (address, phone, method id), with the target
 * normalised: writing the same inbox or phone differently does not buy a fresh budget.
 */
const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  res.errors?.[0]?.extensions?.['code'] ?? 'ok';

describe('per target, aliases counting as one', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_TOKEN: '2' } });
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.stand.reset();
    stack.stand.on(
      'POST',
      '/v1/magic_links/email/login_or_create',
      stytchSuccess({ user_id: 'u', email_id: 'e', user_created: false }),
    );
    stack.stand.on('POST', '/v1/otps/email/send', stytchSuccess({ user_id: 'u', email_id: 'e' }));
    stack.stand.on(
      'POST',
      '/v1/otps/sms/login_or_create',
      stytchSuccess({ user_id: 'u', phone_id: 'p', user_created: false }),
    );
    stack.stand.on(
      'POST',
      '/v1/passwords/authenticate',
      stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
    );
    stack.stand.on(
      'POST',
      '/v1/passwords/existing_password/reset',
      stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
    );
    stack.stand.on(
      'POST',
      '/v1/otps/authenticate',
      stytchError(404, 'otp_code_not_found', 'The OTP code could not be found.'),
    );
  });

  const magicLink = (email: string, ip: string) =>
    gqlFrom(
      stack,
      { ip },
      'mutation ($e: String!) { loginOrCreateWithMagicLink(input: {email: $e}) { requestId } }',
      { e: email },
    );

  it('one inbox written three ways, from three addresses, is one target', async () => {
    const results = [
      code(await magicLink('ada@example.com', '192.0.2.1')),
      code(await magicLink('  ADA+promo@Example.com ', '192.0.2.2')),
      code(await magicLink('Ada+other-tag@EXAMPLE.com', '192.0.2.3')),
    ];
    expect(results).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(stack.stand.requests).toHaveLength(2);
    // Stytch got the addresses as typed (trimmed): the alias folding is for counting only.
    expect(stack.stand.requests.map((r) => (r.body as { email: string }).email)).toEqual([
      'ada@example.com',
      'ADA+promo@Example.com',
    ]);
    // Every operation that mails the inbox shares the budget: a code is refused too.
    const otp = await gqlFrom(
      stack,
      { ip: '192.0.2.4' },
      'mutation { sendEmailOtp(input: {email: "ada+x@example.com"}) { methodId } }',
    );
    expect(code(otp)).toBe('RATE_LIMITED');
    // Another inbox has its own budget.
    expect(code(await magicLink('grace@example.com', '192.0.2.1'))).toBe('ok');
  });

  it('one phone written with spaces, dashes, dots and brackets is one target', async () => {
    const sms = (phone: string) =>
      gqlFrom(
        stack,
        { ip: '192.0.2.9' },
        'mutation ($p: String!) { loginOrCreateWithSmsOtp(input: {phoneNumber: $p}) { methodId } }',
        { p: phone },
      );
    const results = [
      code(await sms('+1 202-555-0163')),
      code(await sms('+12025550163')),
      code(await sms('+1 (202) 555.0163')),
    ];
    expect(results).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('password guesses for one account count together, on sign-in and on change', async () => {
    const signIn = (email: string) =>
      gqlFrom(
        stack,
        { ip: '198.51.100.1' },
        'mutation ($e: String!) { authenticatePassword(input: {email: $e, password: "guess-1"}) { userId } }',
        { e: email },
      );
    expect(code(await signIn('grace@example.com'))).toBe('UNAUTHENTICATED');
    expect(code(await signIn('Grace+1@Example.com'))).toBe('UNAUTHENTICATED');
    expect(code(await signIn('grace+2@example.com'))).toBe('RATE_LIMITED');
    const change = await gqlFrom(
      stack,
      { ip: '198.51.100.2' },
      'mutation { resetPasswordWithExistingPassword(input: {email: "GRACE@example.com", existingPassword: "guess-3", newPassword: "n3w-Passw0rd-long"}) { userId } }',
    );
    expect(code(change)).toBe('RATE_LIMITED');
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('code guesses are counted per method id, whatever addresses they come from', async () => {
    const guess = (ip: string, c: string) =>
      gqlFrom(
        stack,
        { ip },
        'mutation ($c: String!) { authenticateOtp(input: {methodId: "phone-test-guessed", code: $c}) { userId } }',
        { c },
      );
    const results = [
      code(await guess('203.0.113.1', '000001')),
      code(await guess('203.0.113.2', '000002')),
      code(await guess('203.0.113.3', '000003')),
    ];
    expect(results).toEqual(['NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    expect(stack.stand.requests).toHaveLength(2);
  });
});

describe('per client IP', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_TOKEN: '0' } });
    stack.stand.on('POST', '/v1/passwords', sessionSetAnswer({ email_id: 'e' }));
  });
  afterAll(() => stack.stop());

  it('the fourth sign-up from one address in a minute is refused, whatever the target', async () => {
    const results: unknown[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      const res = await gqlFrom(
        stack,
        { ip: '198.51.100.77' },
        'mutation ($e: String!) { createPassword(input: {email: $e, password: "Secret-Passw0rd-1"}) { userId } }',
        { e: `${name}@example.com` },
      );
      results.push(code(res));
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(stack.stand.requests).toHaveLength(3);
  });
});
