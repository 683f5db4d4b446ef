/**
 * One-time passcodes by email and SMS against the emulator over HTTP: codes read from the outbox,
 * expiry through the emulator's clock (never a sleep), single use, one live code per method,
 * pending users, methods attached by a send, locks and the sandbox values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulator,
  type OtpMessage,
  SANDBOX,
  startEmulator,
} from '../../src/emulator/index.js';
import type { Session, User } from '../../src/stytch/types.js';
import {
  emulatorHttp,
  expectError,
  expectOk,
  frozenClock,
  HOUR,
  MINUTE,
  uniqueEmail,
  uniquePhone,
} from './helpers.js';

let emulator: Emulator;
let http: ReturnType<typeof emulatorHttp>;

interface OtpAuth {
  user_id: string;
  method_id: string;
  user: User;
  reset_sessions: boolean;
  session_token: string;
  session_jwt: string;
  session: Session | null;
}

beforeAll(async () => {
  emulator = await startEmulator({ clock: frozenClock(Date.UTC(2030, 2, 3, 4)) });
  http = emulatorHttp(emulator);
});

afterAll(async () => {
  await emulator?.close();
});

function lastCode(to: string): OtpMessage {
  const message = emulator.admin.lastMessage(to, 'otp');
  if (!message) {
    throw new Error(`no code was sent to ${to}`);
  }
  return message;
}

const authenticate = (methodId: string, code: string, extra: object = {}) =>
  http.post<OtpAuth>('v1/otps/authenticate', { method_id: methodId, code, ...extra });

/** A wrong code for `code`: same length, never equal. */
const wrong = (code: string) => (code === '999999' ? '000001' : '999999');

describe('email codes', () => {
  it('login_or_create makes the user once and puts a 6-digit code in the outbox', async () => {
    const email = uniqueEmail('otp');
    const first = await http.post('v1/otps/email/login_or_create', { email });
    expectOk(first);
    expect(first.body).toMatchObject({ user_created: true });
    const message = lastCode(email);
    expect(message).toEqual({
      kind: 'otp',
      channel: 'email',
      to: email,
      email,
      userId: first.body.user_id,
      methodId: first.body.email_id,
      code: expect.stringMatching(/^\d{6}$/),
      sentAt: new Date(emulator.clock.now()).toISOString(),
    });
    const again = await http.post('v1/otps/email/login_or_create', { email });
    expect(again.body).toMatchObject({
      user_created: false,
      user_id: first.body.user_id,
      email_id: first.body.email_id,
    });
  });

  it('authenticate gives the email_otp factor, verifies the address and starts a session', async () => {
    const email = uniqueEmail('otp');
    await http.post('v1/otps/email/login_or_create', { email });
    const { methodId, code, userId } = lastCode(email);
    const reply = await authenticate(methodId, code, { session_duration_minutes: 45 });
    expectOk(reply);
    expect(reply.body).toMatchObject({
      user_id: userId,
      method_id: methodId,
      reset_sessions: false,
      user: { status: 'active', emails: [{ email_id: methodId, email, verified: true }] },
    });
    expect(reply.body.session?.authentication_factors).toEqual([
      expect.objectContaining({
        type: 'email_otp',
        delivery_method: 'email',
        email_factor: { email_id: methodId, email_address: email },
      }),
    ]);
    expect(Date.parse(reply.body.session?.expires_at ?? '')).toBe(
      emulator.clock.now() + 45 * MINUTE,
    );
    // A fresh email OTP factor lets the session set a password.
    expectOk(
      await http.post('v1/passwords/session/reset', {
        session_token: reply.body.session_token,
        password: 'tidal-ember-compass-otp',
      }),
    );
  });

  it('codes are single use; a wrong code is otp_code_not_found', async () => {
    const email = uniqueEmail('once');
    await http.post('v1/otps/email/login_or_create', { email });
    const { methodId, code } = lastCode(email);
    expectError(await authenticate(methodId, wrong(code)), 404, 'otp_code_not_found');
    expectOk(await authenticate(methodId, code));
    expectError(await authenticate(methodId, code), 401, 'unable_to_auth_otp_code');
    expectError(await authenticate('email-test-unknown', code), 404, 'otp_code_not_found');
  });

  it('codes expire after 2 minutes by default, or expiration_minutes within 1..10', async () => {
    const email = uniqueEmail('expiry');
    await http.post('v1/otps/email/login_or_create', { email });
    const first = lastCode(email);
    emulator.clock.advance(2 * MINUTE - 1_000);
    expectOk(await authenticate(first.methodId, first.code));

    await http.post('v1/otps/email/send', { email });
    const second = lastCode(email);
    emulator.clock.advance(2 * MINUTE);
    expectError(await authenticate(second.methodId, second.code), 401, 'unable_to_auth_otp_code');

    for (const bad of [0, 11]) {
      expectError(
        await http.post('v1/otps/email/send', { email, expiration_minutes: bad }),
        400,
        'invalid_expiration_otp',
      );
    }
    await http.post('v1/otps/email/send', { email, expiration_minutes: 10 });
    const long = lastCode(email);
    emulator.clock.advance(10 * MINUTE - 1_000);
    expectOk(await authenticate(long.methodId, long.code));
  });

  it('a new send invalidates the previous code', async () => {
    const email = uniqueEmail('replace');
    await http.post('v1/otps/email/login_or_create', { email });
    const old = lastCode(email);
    await http.post('v1/otps/email/send', { email });
    const fresh = lastCode(email);
    expect(fresh.methodId).toBe(old.methodId);
    if (fresh.code !== old.code) {
      expectError(await authenticate(old.methodId, old.code), 404, 'otp_code_not_found');
    }
    expectOk(await authenticate(fresh.methodId, fresh.code));
  });

  it('send needs an existing address unless it names a user', async () => {
    expectError(
      await http.post('v1/otps/email/send', { email: uniqueEmail('ghost') }),
      404,
      'email_not_found',
    );
    expectError(await http.post('v1/otps/email/send', { email: 'nope' }), 400, 'invalid_email');
  });

  it('create_user_as_pending makes a pending user, active once the code is authenticated', async () => {
    const email = uniqueEmail('pending');
    const created = await http.post('v1/otps/email/login_or_create', {
      email,
      create_user_as_pending: true,
    });
    expect((await http.get<User>(`v1/users/${created.body.user_id}`)).body.status).toBe('pending');
    const { methodId, code } = lastCode(email);
    const reply = await authenticate(methodId, code);
    expect(reply.body.user.status).toBe('active');
  });

  it('checks attributes when options ask for it', async () => {
    const email = uniqueEmail('attrs');
    await http.post('v1/otps/email/login_or_create', {
      email,
      attributes: { ip_address: '203.0.113.5', user_agent: 'UA/1' },
    });
    const { methodId, code } = lastCode(email);
    expectError(
      await authenticate(methodId, code, {
        attributes: { ip_address: '198.51.100.1' },
        options: { ip_match_required: true },
      }),
      401,
      'attribute_mismatch',
    );
    expectOk(
      await authenticate(methodId, code, {
        attributes: { ip_address: '203.0.113.5' },
        options: { ip_match_required: true },
      }),
    );
  });
});

describe('SMS codes', () => {
  it('login_or_create and authenticate with an E.164 number', async () => {
    const phone = uniquePhone();
    const created = await http.post('v1/otps/sms/login_or_create', { phone_number: phone });
    expectOk(created);
    expect(created.body).toMatchObject({ user_created: true });
    expect(created.body.phone_id).toMatch(/^phone-number-test-/);
    const message = lastCode(phone);
    expect(message).toMatchObject({ channel: 'sms', to: phone, methodId: created.body.phone_id });
    expect(message).not.toHaveProperty('email');
    const reply = await authenticate(message.methodId, message.code, {
      session_duration_minutes: 10,
    });
    expectOk(reply);
    expect(reply.body.user.phone_numbers).toEqual([
      { phone_id: message.methodId, phone_number: phone, verified: true },
    ]);
    expect(reply.body.user.emails).toEqual([]);
    expect(reply.body.session?.authentication_factors[0]).toMatchObject({
      type: 'otp',
      delivery_method: 'sms',
      phone_number_factor: { phone_id: message.methodId, phone_number: phone },
    });
  });

  it('malformed numbers are invalid_phone_number; unknown ones phone_number_not_found', async () => {
    for (const bad of ['5551234567', '+0123456789', '+1 555 123 4567', '+1234567890123456']) {
      expectError(
        await http.post('v1/otps/sms/login_or_create', { phone_number: bad }),
        400,
        'invalid_phone_number',
      );
    }
    expectError(
      await http.post('v1/otps/sms/send', { phone_number: uniquePhone() }),
      404,
      'phone_number_not_found',
    );
  });

  it('send reaches a number given to POST /v1/users or admin.createUser', async () => {
    const phone = uniquePhone();
    const created = await http.post('v1/users', { phone_number: phone });
    expectOk(created);
    expect(created.body.phone_id).toMatch(/^phone-number-test-/);
    const sent = await http.post('v1/otps/sms/send', { phone_number: phone });
    expect(sent.body).toMatchObject({
      user_id: created.body.user_id,
      phone_id: created.body.phone_id,
    });
    expectError(await http.post('v1/users', { phone_number: '12' }), 400, 'invalid_phone_number');
    expectError(await http.post('v1/users', {}), 400, 'bad_request');

    const other = uniquePhone();
    const user = emulator.admin.createUser({ email: uniqueEmail('phone'), phoneNumber: other });
    await http.post('v1/otps/sms/send', { phone_number: other });
    expect(lastCode(other)).toMatchObject({
      userId: user.user_id,
      methodId: user.phone_numbers[0]?.phone_id,
    });
    expect(() =>
      emulator.admin.createUser({ email: uniqueEmail('x'), phoneNumber: '555' }),
    ).toThrow(/E\.164/);
  });
});

describe('sends that name a user attach the method', () => {
  it('email by user_id: unverified at once, verified and kept once authenticated', async () => {
    const user = emulator.admin.createUser({ email: uniqueEmail('owner') });
    const extra = uniqueEmail('second');
    const sent = await http.post('v1/otps/email/send', {
      email: extra,
      user_id: user.user_id,
      expiration_minutes: 10,
    });
    expectOk(sent);
    expect(sent.body.user_id).toBe(user.user_id);
    const listed = await http.get<User>(`v1/users/${user.user_id}`);
    expect(listed.body.emails).toContainEqual({
      email_id: sent.body.email_id,
      email: extra,
      verified: false,
    });
    const { code } = lastCode(extra);
    emulator.clock.advance(4 * MINUTE);
    expectOk(await authenticate(sent.body.email_id as string, code));
    emulator.clock.advance(HOUR);
    const kept = await http.get<User>(`v1/users/${user.user_id}`);
    expect(kept.body.emails).toContainEqual({
      email_id: sent.body.email_id,
      email: extra,
      verified: true,
    });
  });

  it('SMS by session_token; a method left unauthenticated for 5 minutes is dropped', async () => {
    const email = uniqueEmail('sess');
    await http.post('v1/otps/email/login_or_create', { email });
    const login = lastCode(email);
    const signedIn = await authenticate(login.methodId, login.code, {
      session_duration_minutes: 60,
    });
    const phone = uniquePhone();
    const sent = await http.post('v1/otps/sms/send', {
      phone_number: phone,
      session_token: signedIn.body.session_token,
      expiration_minutes: 10,
    });
    expectOk(sent);
    expect(sent.body.user_id).toBe(signedIn.body.user_id);
    emulator.clock.advance(5 * MINUTE);
    const user = await http.get<User>(`v1/users/${signedIn.body.user_id}`);
    expect(user.body.phone_numbers).toEqual([]);
    // The code died with the number, although its own 10 minutes had not run out.
    expectError(
      await authenticate(sent.body.phone_id as string, lastCode(phone).code),
      401,
      'unable_to_auth_otp_code',
    );
    // The number is free again for anyone.
    expectOk(await http.post('v1/otps/sms/login_or_create', { phone_number: phone }));
  });

  it("another user's address is refused", async () => {
    const a = emulator.admin.createUser({ email: uniqueEmail('a') });
    const b = emulator.admin.createUser({ email: uniqueEmail('b') });
    expectError(
      await http.post('v1/otps/email/send', { email: b.emails[0]?.email, user_id: a.user_id }),
      400,
      'duplicate_email',
    );
    expectError(
      await http.post('v1/otps/email/send', { email: uniqueEmail('c'), user_id: 'user-test-no' }),
      404,
      'user_not_found',
    );
  });
});

describe('locks', () => {
  it('10 wrong codes lock the user for an hour, even against the right code', async () => {
    const email = uniqueEmail('lock');
    await http.post('v1/otps/email/login_or_create', { email });
    const { methodId, code, userId } = lastCode(email);
    for (let i = 0; i < 10; i++) {
      expectError(await authenticate(methodId, wrong(code)), 404, 'otp_code_not_found');
    }
    expectError(await authenticate(methodId, code), 429, 'user_lock_limit_reached');
    expect((await http.get<User>(`v1/users/${userId}`)).body.is_locked).toBe(true);
    emulator.clock.advance(HOUR);
    await http.post('v1/otps/email/send', { email });
    const fresh = lastCode(email);
    expectOk(await authenticate(fresh.methodId, fresh.code));
  });
});

describe('sandbox values', () => {
  it('sandbox@stytch.com and +10000000000 send nothing and take 000000', async () => {
    const before = emulator.admin.outbox().length;
    for (const path of ['v1/otps/email/send', 'v1/otps/email/login_or_create']) {
      const reply = await http.post(path, { email: SANDBOX.email });
      expectOk(reply);
      expect(reply.body).toMatchObject({ user_id: SANDBOX.userId, email_id: SANDBOX.emailId });
    }
    for (const path of ['v1/otps/sms/send', 'v1/otps/sms/login_or_create']) {
      const reply = await http.post(path, { phone_number: SANDBOX.phoneNumber });
      expectOk(reply);
      expect(reply.body).toMatchObject({ user_id: SANDBOX.userId, phone_id: SANDBOX.phoneId });
    }
    expect(emulator.admin.outbox()).toHaveLength(before);

    for (const methodId of [SANDBOX.emailId, SANDBOX.phoneId, SANDBOX.emailId]) {
      const reply = await authenticate(methodId, '000000');
      expectOk(reply);
      expect(reply.body.user_id).toBe(SANDBOX.userId);
    }
    expectError(await authenticate(SANDBOX.emailId, '123456'), 404, 'otp_code_not_found');
  });
});
