/**
 * The official Stytch Node SDK, pointed at the emulator over HTTPS, must accept every answer and
 * raise StytchError with the documented error_type where Stytch would. If the SDK is happy, the
 * emulator's wire format is close enough to Stytch's for the gateway to be tested against it.
 */
import { globalAgent } from 'node:https';
import * as stytch from 'stytch';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, SANDBOX, startEmulator } from '../../src/emulator/index.js';
import { strongPassword } from './helpers.js';

const HOUR = 60 * 60_000;

/**
 * The SDK's typings name undici 6's Dispatcher (its own nested copy). Node 20's fetch, which the
 * SDK calls, drives undici 7's Agent just as well, so only the type needs bridging.
 */
type SdkDispatcher = NonNullable<ConstructorParameters<typeof stytch.Client>[0]['dispatcher']>;

let emulator: Emulator;
let client: stytch.Client;
let dispatcher: Agent;
let previousGlobalCa: unknown;
let seq = 0;

function newEmail(): string {
  seq += 1;
  return `sdk-${seq}-${Date.now()}@example.com`;
}

function makeClient(secret = emulator.secret): stytch.Client {
  return new stytch.Client({
    project_id: emulator.projectId,
    secret,
    custom_base_url: emulator.httpsUrl as string,
    dispatcher: dispatcher as unknown as SdkDispatcher,
  });
}

/** Resolves to the StytchError a call rejects with, failing the test if it resolves instead. */
async function stytchError(call: Promise<unknown>): Promise<stytch.StytchError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(stytch.StytchError);
    return error as stytch.StytchError;
  }
  throw new Error('expected the call to fail with a StytchError');
}

/** A user with a session whose magic-link factor is fresh (so passwords.session.reset works). */
async function userWithSession(minutes = 60) {
  const user = emulator.admin.createUser({ email: newEmail(), firstName: 'Ada' });
  await client.magicLinks.email.send({ email: user.emails[0]?.email ?? '' });
  const sent = emulator.admin.outbox().at(-1);
  expect(sent?.userId).toBe(user.user_id);
  const auth = await client.magicLinks.authenticate({
    token: sent?.token ?? '',
    session_duration_minutes: minutes,
  });
  return { user, auth };
}

beforeAll(async () => {
  emulator = await startEmulator({ https: true });
  dispatcher = new Agent({ connect: { ca: emulator.ca as string } });
  // The SDK fetches the JWKS through jose 5 with node:https and no agent of its own, so the
  // emulator's throwaway CA has to be trusted by the global agent for local JWT verification.
  previousGlobalCa = globalAgent.options.ca;
  globalAgent.options.ca = emulator.ca as string;
  client = makeClient();
});

afterAll(async () => {
  globalAgent.options.ca = previousGlobalCa as string | undefined;
  await dispatcher?.close();
  await emulator?.close();
});

describe('users', () => {
  it('users.get returns the flattened user', async () => {
    const created = emulator.admin.createUser({
      email: newEmail(),
      firstName: 'Grace',
      lastName: 'Hopper',
      password: 'correct horse battery',
    });
    const res = await client.users.get({ user_id: created.user_id });
    expect(res.status_code).toBe(200);
    expect(res.request_id).toMatch(/^request-id-test-[0-9a-f-]{36}$/);
    expect(res.user_id).toBe(created.user_id);
    expect(res.user_id).toMatch(/^user-test-[0-9a-f-]{36}$/);
    expect(res.emails[0]?.email_id).toMatch(/^email-test-/);
    expect(res.name).toMatchObject({ first_name: 'Grace', last_name: 'Hopper' });
    expect(res.password).toMatchObject({ requires_reset: false });
    expect(res.password?.password_id).toMatch(/^password-test-/);
  });

  it('users.get of an unknown user is user_not_found', async () => {
    const err = await stytchError(client.users.get({ user_id: 'user-test-nope' }));
    expect(err.status_code).toBe(404);
    expect(err.error_type).toBe('user_not_found');
  });

  it('users.create answers with the created user', async () => {
    const email = newEmail();
    const res = await client.users.create({ email, name: { first_name: 'Linus' } });
    expect(res.user.emails[0]?.email).toBe(email);
    expect(res.user_id).toBe(res.user.user_id);
    expect(res.status).toBe('active');
  });
});

describe('magic links', () => {
  it('create + authenticate an embeddable link, with a session', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const created = await client.magicLinks.create({ user_id: user.user_id });
    expect(created.user_id).toBe(user.user_id);
    expect(created.token).toHaveLength(44);

    const res = await client.magicLinks.authenticate({
      token: created.token,
      session_duration_minutes: 30,
    });
    expect(res.user_id).toBe(user.user_id);
    expect(res.reset_sessions).toBe(false);
    expect(res.session_token).toHaveLength(44);
    expect(res.session?.session_id).toMatch(/^session-test-/);
    const factor = res.session?.authentication_factors[0];
    expect(factor).toMatchObject({ type: 'magic_link', delivery_method: 'embedded' });
    expect(factor?.embeddable_magic_link_factor?.embedded_id).toBe(res.method_id);
    // Embeddable links prove nothing about the address.
    expect(res.user.emails[0]?.verified).toBe(false);
  });

  it('authenticate without session_duration_minutes creates no session', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const token = emulator.admin.createMagicLink(user.user_id);
    const res = await client.magicLinks.authenticate({ token });
    expect(res.session_token).toBe('');
    expect(res.session_jwt).toBe('');
    expect(res.session ?? null).toBeNull();
  });

  it('email.send puts the link in the outbox and authenticate verifies the email', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const email = user.emails[0]?.email as string;
    const sent = await client.magicLinks.email.send({
      email,
      login_magic_link_url: 'https://app.example.com/login',
    });
    expect(sent.user_id).toBe(user.user_id);
    expect(sent.email_id).toBe(user.emails[0]?.email_id);
    const message = emulator.admin.outbox().at(-1);
    expect(message).toMatchObject({ email, userId: user.user_id, type: 'login' });

    const res = await client.magicLinks.authenticate({
      token: message?.token as string,
      session_duration_minutes: 60,
    });
    expect(res.method_id).toBe(user.emails[0]?.email_id);
    expect(res.user.emails[0]?.verified).toBe(true);
    expect(res.session?.authentication_factors[0]).toMatchObject({
      type: 'magic_link',
      delivery_method: 'email',
      email_factor: { email_id: user.emails[0]?.email_id, email_address: email },
    });
  });

  it('email.send to an unknown address is email_not_found', async () => {
    const err = await stytchError(client.magicLinks.email.send({ email: newEmail() }));
    expect(err.status_code).toBe(404);
    expect(err.error_type).toBe('email_not_found');
  });

  it('email.loginOrCreate creates the user once', async () => {
    const email = newEmail();
    const first = await client.magicLinks.email.loginOrCreate({ email });
    expect(first.user_created).toBe(true);
    expect(emulator.admin.outbox().at(-1)).toMatchObject({ email, type: 'signup' });
    const second = await client.magicLinks.email.loginOrCreate({ email });
    expect(second.user_created).toBe(false);
    expect(second.user_id).toBe(first.user_id);
    expect(second.email_id).toBe(first.email_id);
  });

  it('a used link is unable_to_auth_magic_link', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const token = emulator.admin.createMagicLink(user.user_id);
    await client.magicLinks.authenticate({ token });
    const err = await stytchError(client.magicLinks.authenticate({ token }));
    expect(err.status_code).toBe(401);
    expect(err.error_type).toBe('unable_to_auth_magic_link');
    expect(err.error_message).toBe(
      'The magic link could not be authenticated because it was either already used or expired. Send another magic link to this user.',
    );
    expect(err.error_url).toBe('https://stytch.com/docs/api/errors/401#unable_to_auth_magic_link');
  });

  it('an unknown link is magic_link_not_found', async () => {
    const err = await stytchError(
      client.magicLinks.authenticate({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
    );
    expect(err.status_code).toBe(404);
    expect(err.error_type).toBe('magic_link_not_found');
  });

  it('an expired link (clock moved past 60 minutes) is unable_to_auth_magic_link', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const token = emulator.admin.createMagicLink(user.user_id);
    emulator.clock.advance(HOUR + 1_000);
    const err = await stytchError(client.magicLinks.authenticate({ token }));
    expect(err.status_code).toBe(401);
    expect(err.error_type).toBe('unable_to_auth_magic_link');
  });

  it('an IP mismatch is attribute_mismatch', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const created = await client.magicLinks.create({
      user_id: user.user_id,
      attributes: { ip_address: '203.0.113.7', user_agent: 'Browser/1' },
    });
    const err = await stytchError(
      client.magicLinks.authenticate({
        token: created.token,
        attributes: { ip_address: '198.51.100.9', user_agent: 'Browser/1' },
        options: { ip_match_required: true, user_agent_match_required: false },
      }),
    );
    expect(err.status_code).toBe(401);
    expect(err.error_type).toBe('attribute_mismatch');
  });
});

describe('impersonation', () => {
  it('impersonation.authenticate gives a 60-minute impersonated session', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const token = emulator.admin.createImpersonationToken(user.user_id, {
      id: 'member-test-1',
      email: 'support@example.com',
    });
    const res = await client.impersonation.authenticate({ impersonation_token: token });
    expect(res.user_id).toBe(user.user_id);
    expect(res.session_token).toHaveLength(44);
    expect(res.session?.authentication_factors).toEqual([
      expect.objectContaining({
        type: 'impersonated',
        delivery_method: 'impersonation',
        impersonated_factor: {
          impersonator_id: 'member-test-1',
          impersonator_email_address: 'support@example.com',
        },
      }),
    ]);
    const started = Date.parse(res.session?.started_at ?? '');
    expect(Date.parse(res.session?.expires_at ?? '') - started).toBe(HOUR);
  });

  it('a reused impersonation token is unable_to_auth_impersonation_token', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const token = emulator.admin.createImpersonationToken(user.user_id);
    await client.impersonation.authenticate({ impersonation_token: token });
    const err = await stytchError(
      client.impersonation.authenticate({ impersonation_token: token }),
    );
    expect(err.status_code).toBe(401);
    expect(err.error_type).toBe('unable_to_auth_impersonation_token');
  });
});

describe('passwords.sessions.reset (POST /v1/passwords/session/reset)', () => {
  it('sets the password on a fresh magic-link session', async () => {
    const { user, auth } = await userWithSession();
    const res = await client.passwords.sessions.reset({
      password: 'a much better password',
      session_token: auth.session_token,
    });
    expect(res.user_id).toBe(user.user_id);
    expect(res.session?.session_id).toBe(auth.session?.session_id);
    expect(res.session_token).toBe(auth.session_token);
    expect(res.user.password?.password_id).toMatch(/^password-test-/);
  });

  it('is session_too_old_to_reset_password after five minutes', async () => {
    const { auth } = await userWithSession();
    emulator.clock.advance(5 * 60_000 + 1_000);
    const err = await stytchError(
      client.passwords.sessions.reset({
        password: 'a much better password',
        session_token: auth.session_token,
      }),
    );
    expect(err.status_code).toBe(400);
    expect(err.error_type).toBe('session_too_old_to_reset_password');
  });
});

describe('sessions', () => {
  it('authenticate by token and by JWT, get, revoke', async () => {
    const { user, auth } = await userWithSession();
    const byToken = await client.sessions.authenticate({ session_token: auth.session_token });
    expect(byToken.session.session_id).toBe(auth.session?.session_id);
    expect(byToken.user.user_id).toBe(user.user_id);
    expect(byToken.session_jwt.split('.')).toHaveLength(3);

    const byJwt = await client.sessions.authenticate({ session_jwt: auth.session_jwt });
    expect(byJwt.session.session_id).toBe(auth.session?.session_id);
    expect(byJwt.session_token).toBe(auth.session_token);

    const listed = await client.sessions.get({ user_id: user.user_id });
    expect(listed.sessions.map((s) => s.session_id)).toEqual([auth.session?.session_id]);

    const revoked = await client.sessions.revoke({ session_id: auth.session?.session_id });
    expect(revoked.status_code).toBe(200);
    const err = await stytchError(
      client.sessions.authenticate({ session_token: auth.session_token }),
    );
    expect(err.status_code).toBe(404);
    expect(err.error_type).toBe('session_not_found');
    expect((await client.sessions.get({ user_id: user.user_id })).sessions).toEqual([]);
  });

  it('getJWKS lists the signing key', async () => {
    const res = await client.sessions.getJWKS({ project_id: emulator.projectId });
    expect(res.keys.length).toBeGreaterThan(0);
    expect(res.keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      key_ops: ['verify'],
    });
    expect(res.keys[0]?.kid).toMatch(/^jwk-test-/);
  });

  it('authenticateJwtLocal verifies the emulator JWT with the JWKS', async () => {
    const { user, auth } = await userWithSession();
    const now = new Date(emulator.clock.now());
    const local = await client.sessions.authenticateJwtLocal({
      session_jwt: auth.session_jwt,
      current_date: now,
    });
    expect(local.user_id).toBe(user.user_id);
    expect(local.session_id).toBe(auth.session?.session_id);
    expect(local.expires_at).toBe(auth.session?.expires_at);
    expect(local.authentication_factors).toEqual(auth.session?.authentication_factors);
    expect(local.roles).toEqual(['stytch_user']);

    // With the real clock (the emulator's may be ahead), authenticateJwt falls back to the API
    // whenever local checks fail, so it must succeed either way.
    const either = await client.sessions.authenticateJwt({ session_jwt: auth.session_jwt });
    expect(either.session.user_id).toBe(user.user_id);
  });

  it('authenticateJwt falls back to the API for a JWT past its exp', async () => {
    const { auth } = await userWithSession();
    emulator.clock.advance(10 * 60_000);
    const later = new Date(emulator.clock.now());
    await expect(
      client.sessions.authenticateJwtLocal({ session_jwt: auth.session_jwt, current_date: later }),
    ).rejects.toBeInstanceOf(stytch.ClientError);
    const res = await client.sessions.authenticateJwt({
      session_jwt: auth.session_jwt,
      max_token_age_seconds: 0,
    });
    expect(res.session.session_id).toBe(auth.session?.session_id);
    expect(res.session_jwt).not.toBe(auth.session_jwt);
  });
});

describe('credentials and sandbox', () => {
  it('a wrong secret is unauthorized_credentials', async () => {
    const bad = makeClient('secret-test-wrong');
    const err = await stytchError(bad.users.get({ user_id: SANDBOX.userId }));
    expect(err.status_code).toBe(401);
    expect(err.error_type).toBe('unauthorized_credentials');
  });

  it('the documented sandbox values behave as documented', async () => {
    const ok = await client.magicLinks.authenticate({ token: SANDBOX.magicLinkToken });
    expect(ok.user_id).toBe(SANDBOX.userId);
    const used = await stytchError(
      client.magicLinks.authenticate({ token: SANDBOX.expiredMagicLinkToken }),
    );
    expect([used.status_code, used.error_type]).toEqual([401, 'unable_to_auth_magic_link']);
    const missing = await stytchError(
      client.magicLinks.authenticate({ token: SANDBOX.unknownMagicLinkToken }),
    );
    expect([missing.status_code, missing.error_type]).toEqual([404, 'magic_link_not_found']);

    const sent = await client.magicLinks.email.send({ email: SANDBOX.email });
    expect(sent.user_id).toBe(SANDBOX.userId);
    const created = await client.magicLinks.email.loginOrCreate({ email: SANDBOX.email });
    expect(created.user_id).toBe(SANDBOX.userId);

    const session = await client.sessions.authenticate({ session_token: SANDBOX.sessionToken });
    expect(session).toMatchObject({
      status_code: 200,
      session_token: SANDBOX.sessionToken,
      session: { started_at: SANDBOX.sessionStartedAt, user_id: SANDBOX.userId },
    });
    const local = await client.sessions.authenticateJwtLocal({
      session_jwt: session.session_jwt,
      current_date: new Date(emulator.clock.now()),
    });
    expect(local.user_id).toBe(SANDBOX.userId);
    const gone = await stytchError(
      client.sessions.authenticate({ session_token: SANDBOX.unknownSessionToken }),
    );
    expect([gone.status_code, gone.error_type]).toEqual([404, 'session_not_found']);
  });
});

describe('passwords', () => {
  it('create, authenticate and strengthCheck', async () => {
    const email = newEmail();
    const password = strongPassword();
    const created = await client.passwords.create({
      email,
      password,
      session_duration_minutes: 60,
      name: { first_name: 'Hedy' },
    });
    expect(created.user_id).toMatch(/^user-test-/);
    expect(created.email_id).toBe(created.user.emails[0]?.email_id);
    expect(created.session?.authentication_factors[0]).toMatchObject({
      type: 'password',
      delivery_method: 'knowledge',
    });

    const authed = await client.passwords.authenticate({
      email,
      password,
      session_duration_minutes: 30,
    });
    expect(authed.user_id).toBe(created.user_id);
    expect(authed.session_token).toHaveLength(44);

    const strong = await client.passwords.strengthCheck({ password: strongPassword(), email });
    expect(strong).toMatchObject({
      valid_password: true,
      breached_password: false,
      strength_policy: 'zxcvbn',
      breach_detection_on_create: true,
    });
    const weak = await client.passwords.strengthCheck({ password: 'password' });
    expect(weak.valid_password).toBe(false);
    expect(weak.feedback?.warning).not.toBe('');
  });

  it('documented errors reach the SDK as StytchError', async () => {
    const email = newEmail();
    const password = strongPassword();
    await client.passwords.create({ email, password });
    const wrong = await stytchError(client.passwords.authenticate({ email, password: 'nope' }));
    expect([wrong.status_code, wrong.error_type, wrong.error_message]).toEqual([
      401,
      'unauthorized_credentials',
      'Unauthorized credentials.',
    ]);
    const missing = await stytchError(
      client.passwords.authenticate({ email: newEmail(), password }),
    );
    expect([missing.status_code, missing.error_type]).toEqual([404, 'email_not_found']);
    const dup = await stytchError(client.passwords.create({ email, password: strongPassword() }));
    expect(dup.error_type).toBe('duplicate_email');
    const weak = await stytchError(
      client.passwords.create({ email: newEmail(), password: '1234' }),
    );
    expect(weak.error_type).toBe('weak_password');
    const leaked = await stytchError(
      client.passwords.create({ email: newEmail(), password: 'correcthorsebatterystaple' }),
    );
    expect(leaked.error_type).toBe('breached_password');
  });

  it('a locked user is user_lock_limit_reached (429)', async () => {
    const email = newEmail();
    const password = strongPassword();
    const created = await client.passwords.create({ email, password });
    for (let i = 0; i < 10; i++) {
      await stytchError(client.passwords.authenticate({ email, password: 'wrong' }));
    }
    const locked = await stytchError(client.passwords.authenticate({ email, password }));
    expect([locked.status_code, locked.error_type]).toEqual([429, 'user_lock_limit_reached']);
    const user = await client.users.get({ user_id: created.user_id });
    expect(user.is_locked).toBe(true);
    expect(Date.parse(user.lock_expires_at ?? '') - Date.parse(user.lock_created_at ?? '')).toBe(
      HOUR,
    );
  });

  it('email.resetStart + email.reset, then existingPassword.reset', async () => {
    const email = newEmail();
    const first = await client.passwords.create({
      email,
      password: strongPassword(),
      session_duration_minutes: 60,
    });
    const started = await client.passwords.email.resetStart({
      email,
      reset_password_redirect_url: 'https://app.example.com/reset',
    });
    expect(started).toMatchObject({ user_id: first.user_id, email_id: first.email_id });
    const message = emulator.admin.lastMessage(email, 'password_reset');
    expect(message?.url).toContain('stytch_token_type=reset_password');
    const second = strongPassword();
    const reset = await client.passwords.email.reset({
      token: message?.token ?? '',
      password: second,
      session_duration_minutes: 60,
    });
    expect(reset.user_id).toBe(first.user_id);
    expect(reset.session?.session_id).not.toBe(first.session?.session_id);
    const gone = await stytchError(
      client.sessions.authenticate({ session_token: first.session_token }),
    );
    expect(gone.error_type).toBe('session_not_found');
    const again = await stytchError(
      client.passwords.email.reset({ token: message?.token ?? '', password: strongPassword() }),
    );
    expect([again.status_code, again.error_type]).toEqual([
      401,
      'unable_to_auth_password_reset_token',
    ]);

    const third = strongPassword();
    const changed = await client.passwords.existingPassword.reset({
      email,
      existing_password: second,
      new_password: third,
      session_duration_minutes: 60,
    });
    expect(changed.user_id).toBe(first.user_id);
    const old = await stytchError(
      client.sessions.authenticate({ session_token: reset.session_token }),
    );
    expect(old.error_type).toBe('session_not_found');
    expect((await client.passwords.authenticate({ email, password: third })).user_id).toBe(
      first.user_id,
    );
  });
});

describe('one-time passcodes', () => {
  it('otps.email.loginOrCreate + send + authenticate', async () => {
    const email = newEmail();
    const created = await client.otps.email.loginOrCreate({ email, expiration_minutes: 5 });
    expect(created.user_created).toBe(true);
    const code = emulator.admin.lastMessage(email, 'otp');
    expect(code?.methodId).toBe(created.email_id);
    const authed = await client.otps.authenticate({
      method_id: created.email_id,
      code: code?.code ?? '',
      session_duration_minutes: 60,
    });
    expect(authed).toMatchObject({ user_id: created.user_id, method_id: created.email_id });
    expect(authed.reset_sessions).toBe(false);
    expect(authed.session?.authentication_factors[0]).toMatchObject({
      type: 'email_otp',
      delivery_method: 'email',
    });
    const sent = await client.otps.email.send({ email });
    expect(sent).toMatchObject({ user_id: created.user_id, email_id: created.email_id });
    const wrong = await stytchError(
      client.otps.authenticate({ method_id: created.email_id, code: '12345x' }),
    );
    expect([wrong.status_code, wrong.error_type]).toEqual([404, 'otp_code_not_found']);
    // The send replaced the first code, which is no longer the method's code at all (unless the
    // new one happens to be the same six digits).
    if (emulator.admin.lastMessage(email, 'otp')?.code !== code?.code) {
      const replaced = await stytchError(
        client.otps.authenticate({ method_id: created.email_id, code: code?.code ?? '' }),
      );
      expect(replaced.error_type).toBe('otp_code_not_found');
    }
  });

  it('otps.sms.loginOrCreate + send + authenticate, and a spent code', async () => {
    seq += 1;
    const phone = `+1555${String(seq).padStart(7, '0')}`;
    const created = await client.otps.sms.loginOrCreate({ phone_number: phone });
    expect(created.phone_id).toMatch(/^phone-number-test-/);
    const sent = await client.otps.sms.send({ phone_number: phone });
    expect(sent).toMatchObject({ user_id: created.user_id, phone_id: created.phone_id });
    const code = emulator.admin.lastMessage(phone, 'otp')?.code ?? '';
    const authed = await client.otps.authenticate({ method_id: created.phone_id, code });
    expect(authed.user.phone_numbers[0]).toMatchObject({ phone_number: phone, verified: true });
    const spent = await stytchError(
      client.otps.authenticate({ method_id: created.phone_id, code }),
    );
    expect([spent.status_code, spent.error_type]).toEqual([401, 'unable_to_auth_otp_code']);
    const bad = await stytchError(client.otps.sms.send({ phone_number: '555-0100' }));
    expect([bad.status_code, bad.error_type]).toEqual([400, 'invalid_phone_number']);
  });

  it('the sandbox values', async () => {
    const email = await client.otps.email.send({ email: SANDBOX.email });
    const sms = await client.otps.sms.send({ phone_number: SANDBOX.phoneNumber });
    for (const methodId of [email.email_id, sms.phone_id]) {
      const res = await client.otps.authenticate({ method_id: methodId, code: '000000' });
      expect(res.user_id).toBe(SANDBOX.userId);
    }
  });
});

describe('invites, attach on send and external_id', () => {
  it('magicLinks.email.invite + revokeInvite', async () => {
    const email = newEmail();
    const invited = await client.magicLinks.email.invite({
      email,
      invite_magic_link_url: 'https://app.example.com/join',
    });
    expect(invited.email_id).toMatch(/^email-test-/);
    expect((await client.users.get({ user_id: invited.user_id })).status).toBe('pending');
    const revoked = await client.magicLinks.email.revokeInvite({ email });
    expect(revoked.status_code).toBe(200);
    const token = emulator.admin.lastMessage(email, 'invite')?.token ?? '';
    const err = await stytchError(client.magicLinks.authenticate({ token }));
    expect(err.error_type).toBe('unable_to_auth_magic_link');

    await client.magicLinks.email.invite({ email });
    const fresh = emulator.admin.lastMessage(email, 'invite')?.token ?? '';
    const accepted = await client.magicLinks.authenticate({ token: fresh });
    expect(accepted.user.status).toBe('active');
  });

  it('magicLinks.email.send with user_id attaches a new address', async () => {
    const user = emulator.admin.createUser({ email: newEmail() });
    const extra = newEmail();
    const sent = await client.magicLinks.email.send({ email: extra, user_id: user.user_id });
    expect(sent.user_id).toBe(user.user_id);
    const res = await client.magicLinks.authenticate({
      token: emulator.admin.lastMessage(extra, 'magic_link')?.token ?? '',
    });
    expect(res.user.emails.map((e) => [e.email, e.verified])).toContainEqual([extra, true]);
  });

  it('users.create with external_id; users.get, magicLinks.create, sessions.get by it', async () => {
    const externalId = `ext-${Date.now()}-${seq}`;
    const created = await client.users.create({ email: newEmail(), external_id: externalId });
    expect(created.user.external_id).toBe(externalId);
    const got = await client.users.get({ user_id: externalId });
    expect(got.user_id).toBe(created.user_id);
    const link = await client.magicLinks.create({ user_id: externalId });
    expect(link.user_id).toBe(created.user_id);
    const authed = await client.magicLinks.authenticate({
      token: link.token,
      session_duration_minutes: 5,
    });
    const listed = await client.sessions.get({ user_id: externalId });
    expect(listed.sessions.map((s) => s.session_id)).toEqual([authed.session?.session_id]);
  });
});
