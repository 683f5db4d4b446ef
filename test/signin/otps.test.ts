import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';
import {
  expectOneUpstream,
  gqlFrom,
  SESSION_SET_FIELDS,
  sessionSetAnswer,
  sessionSetPayload,
  viewerAnswer,
} from './helpers.js';

/** Wire-level tests of the one-time passcode operations against the recording stand-in. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

const created = (idKey: 'email_id' | 'phone_id', id: string) =>
  stytchSuccess({ user_id: 'user-test-new', [idKey]: id, user_created: true }, 'request-id-otp');

describe('sending codes', () => {
  it('loginOrCreateWithEmailOtp sends the address and options, and returns only the method id', async () => {
    stack.stand.on('POST', '/v1/otps/email/login_or_create', created('email_id', 'email-test-otp'));
    const res = await gqlFrom(
      stack,
      { ip: '203.0.113.80', userAgent: 'Phone/1' },
      `mutation ($input: LoginOrCreateWithEmailOtpInput!) {
        loginOrCreateWithEmailOtp(input: $input) { requestId statusCode methodId }
      }`,
      { input: { email: 'otp@example.com', expirationMinutes: 10, locale: 'fr' } },
    );
    expectOneUpstream(stack, '/v1/otps/email/login_or_create', {
      email: 'otp@example.com',
      expiration_minutes: 10,
      locale: 'fr',
      attributes: { ip_address: '203.0.113.80', user_agent: 'Phone/1' },
    });
    expect(res).toEqual({
      data: {
        loginOrCreateWithEmailOtp: {
          requestId: 'request-id-otp',
          statusCode: 200,
          methodId: 'email-test-otp',
        },
      },
    });
  });

  it('loginOrCreateWithSmsOtp sends the number in E.164, whatever formatting it was typed with', async () => {
    stack.stand.on('POST', '/v1/otps/sms/login_or_create', created('phone_id', 'phone-test-otp'));
    const res = await stack.gql(
      `mutation ($input: LoginOrCreateWithSmsOtpInput!) {
        loginOrCreateWithSmsOtp(input: $input) { requestId statusCode methodId }
      }`,
      { input: { phoneNumber: '+1 (202) 555-0162', expirationMinutes: 1 } },
    );
    expectOneUpstream(stack, '/v1/otps/sms/login_or_create', {
      phone_number: '+12025550162',
      expiration_minutes: 1,
    });
    expect(res.body).toEqual({
      data: {
        loginOrCreateWithSmsOtp: {
          requestId: 'request-id-otp',
          statusCode: 200,
          methodId: 'phone-test-otp',
        },
      },
    });
  });

  it('no login-or-create payload can tell a new account from an existing one', async () => {
    for (const type of [
      'LoginOrCreateWithEmailOtpPayload',
      'LoginOrCreateWithSmsOtpPayload',
      'SendEmailOtpPayload',
      'SendSmsOtpPayload',
    ]) {
      const res = await stack.gql(`{ __type(name: "${type}") { fields { name } } }`);
      const names = (res.body.data as any).__type.fields.map((f: { name: string }) => f.name);
      expect(names, type).not.toContain('userCreated');
      expect(names, type).not.toContain('userId');
      expect(names, type).toContain('methodId');
    }
  });

  it('sendEmailOtp sends to an existing user; with a valid session it attaches the address', async () => {
    stack.stand.on(
      'POST',
      '/v1/otps/email/send',
      stytchSuccess({ user_id: 'user-test-1', email_id: 'email-test-1' }, 'request-id-send'),
    );
    const SEND = `mutation ($input: SendEmailOtpInput!) {
      sendEmailOtp(input: $input) { requestId statusCode methodId attachedToViewer }
    }`;
    const plain = await stack.gql(SEND, { input: { email: 'otp@example.com' } });
    expectOneUpstream(stack, '/v1/otps/email/send', { email: 'otp@example.com' });
    expect(plain.body).toEqual({
      data: {
        sendEmailOtp: {
          requestId: 'request-id-send',
          statusCode: 200,
          methodId: 'email-test-1',
          attachedToViewer: false,
        },
      },
    });

    stack.stand.reset();
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on(
      'POST',
      '/v1/otps/email/send',
      stytchSuccess({ user_id: 'user-test-1', email_id: 'email-test-2' }),
    );
    const attached = await stack.gql(
      SEND,
      { input: { email: 'second@example.com' } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expect((attached.body.data as any)?.sendEmailOtp.attachedToViewer).toBe(true);
    expect(stack.stand.requests.find((r) => r.path === '/v1/otps/email/send')?.body).toStrictEqual({
      email: 'second@example.com',
      session_token: 'viewer-session-token',
    });
  });

  it('sendSmsOtp sends the E.164 number to an existing user', async () => {
    stack.stand.on(
      'POST',
      '/v1/otps/sms/send',
      stytchSuccess({ user_id: 'user-test-1', phone_id: 'phone-test-1' }, 'request-id-sms'),
    );
    const res = await stack.gql(
      `mutation ($input: SendSmsOtpInput!) {
        sendSmsOtp(input: $input) { requestId statusCode methodId attachedToViewer }
      }`,
      { input: { phoneNumber: '+44 20 7946 0958', locale: 'de-DE' } },
    );
    expectOneUpstream(stack, '/v1/otps/sms/send', {
      phone_number: '+442079460958',
      locale: 'de-DE',
    });
    expect(res.body).toEqual({
      data: {
        sendSmsOtp: {
          requestId: 'request-id-sms',
          statusCode: 200,
          methodId: 'phone-test-1',
          attachedToViewer: false,
        },
      },
    });
  });
});

describe('authenticateOtp', () => {
  const AUTH = `mutation ($input: AuthenticateOtpInput!) {
    authenticateOtp(input: $input) { ${SESSION_SET_FIELDS} methodId resetSessions }
  }`;

  it('sends method id, code, options and session fields, and returns the whole payload', async () => {
    stack.stand.on(
      'POST',
      '/v1/otps/authenticate',
      sessionSetAnswer({ method_id: 'phone-test-1', reset_sessions: false }, 'request-id-code'),
    );
    const res = await stack.gql(AUTH, {
      input: {
        methodId: 'phone-test-1',
        code: ' 012345 ',
        options: { ipMatchRequired: false, userAgentMatchRequired: true },
        sessionToken: 'existing-token',
        sessionDurationMinutes: 60,
        sessionCustomClaims: { mfa: true },
      },
    });
    expectOneUpstream(stack, '/v1/otps/authenticate', {
      method_id: 'phone-test-1',
      code: '012345',
      options: { ip_match_required: false, user_agent_match_required: true },
      session_token: 'existing-token',
      session_duration_minutes: 60,
      session_custom_claims: { mfa: true },
    });
    expect(res.body).toEqual({
      data: {
        authenticateOtp: {
          ...sessionSetPayload(true, 'request-id-code'),
          methodId: 'phone-test-1',
          resetSessions: false,
        },
      },
    });
  });

  it("extends the request's own valid session when the code went to that user (a second factor)", async () => {
    const phoneId = fullUser.phone_numbers[0]?.phone_id as string;
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on(
      'POST',
      '/v1/otps/authenticate',
      sessionSetAnswer({ method_id: phoneId, reset_sessions: false }),
    );
    await stack.gql(
      AUTH,
      { input: { methodId: phoneId, code: '123456' } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expect(
      stack.stand.requests.find((r) => r.path === '/v1/otps/authenticate')?.body,
    ).toStrictEqual({ method_id: phoneId, code: '123456', session_token: 'viewer-session-token' });
  });

  it("a code sent to someone else does not touch the viewer's session", async () => {
    stack.stand.on('POST', '/v1/sessions/authenticate', viewerAnswer());
    stack.stand.on(
      'POST',
      '/v1/otps/authenticate',
      sessionSetAnswer({ method_id: 'phone-test-other', reset_sessions: false }),
    );
    await stack.gql(
      AUTH,
      { input: { methodId: 'phone-test-other', code: '123456' } },
      { authorization: 'Bearer viewer-session-token' },
    );
    expect(
      stack.stand.requests.find((r) => r.path === '/v1/otps/authenticate')?.body,
    ).toStrictEqual({ method_id: 'phone-test-other', code: '123456' });
  });
});
