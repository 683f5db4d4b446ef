/**
 * Password endpoints against the emulator over HTTP: Stytch's default strength policy, the
 * documented errors, user locks (moved through time by the clock, never by sleeping), email and
 * existing-password resets and the session revocation they cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, SANDBOX, startEmulator } from '../../src/emulator/index.js';
import type { Session, User } from '../../src/stytch/types.js';
import {
  emulatorHttp,
  expectError,
  expectOk,
  frozenClock,
  HOUR,
  MINUTE,
  pkcePair,
  strongPassword,
  uniqueEmail,
} from './helpers.js';

let emulator: Emulator;
let http: ReturnType<typeof emulatorHttp>;

interface SessionSet {
  user_id: string;
  user: User;
  session_token: string;
  session_jwt: string;
  session: Session | null;
}

beforeAll(async () => {
  emulator = await startEmulator({ clock: frozenClock(Date.UTC(2030, 5, 1, 9)) });
  http = emulatorHttp(emulator);
});

afterAll(async () => {
  await emulator?.close();
});

/** A password user made through POST /v1/passwords, and the password. */
async function passwordUser() {
  const email = uniqueEmail('pw');
  const password = strongPassword();
  const reply = await http.post<SessionSet & { email_id: string }>('v1/passwords', {
    email,
    password,
  });
  expectOk(reply);
  return { email, password, userId: reply.body.user_id, emailId: reply.body.email_id };
}

async function signIn(email: string, password: string, minutes = 60) {
  return http.post<SessionSet>('v1/passwords/authenticate', {
    email,
    password,
    session_duration_minutes: minutes,
  });
}

async function sessionAlive(token: string): Promise<boolean> {
  const reply = await http.post('v1/sessions/authenticate', { session_token: token });
  if (reply.status === 404) {
    return false;
  }
  expectOk(reply);
  return true;
}

describe('strength policy (zxcvbn score >= 3, not breached)', () => {
  it('strength_check gives the verdict for a weak, a breached and a strong password', async () => {
    const weak = await http.post('v1/passwords/strength_check', { password: 'password1' });
    expectOk(weak);
    expect(weak.body).toMatchObject({
      valid_password: false,
      breached_password: true,
      strength_policy: 'zxcvbn',
      breach_detection_on_create: true,
      feedback: { luds_requirements: null },
    });
    expect(weak.body.score).toBeLessThan(3);
    expect((weak.body.feedback as { warning: string }).warning).not.toBe('');

    // Strong by zxcvbn's estimate, but on the breach list: only an email makes that count.
    const leaked = 'correcthorsebatterystaple';
    const noEmail = await http.post('v1/passwords/strength_check', { password: leaked });
    expect(noEmail.body).toMatchObject({ valid_password: true, breached_password: true });
    expect(noEmail.body.score).toBeGreaterThanOrEqual(3);
    const withEmail = await http.post('v1/passwords/strength_check', {
      password: leaked,
      email: uniqueEmail('sc'),
    });
    expect(withEmail.body).toMatchObject({ valid_password: false, breached_password: true });

    const strong = await http.post('v1/passwords/strength_check', {
      password: strongPassword(),
      email: uniqueEmail('sc'),
    });
    expect(strong.body).toMatchObject({
      valid_password: true,
      breached_password: false,
      strength_policy: 'zxcvbn',
      breach_detection_on_create: true,
      feedback: { warning: '', suggestions: [], luds_requirements: null },
    });
    expect(strong.body.score).toBeGreaterThanOrEqual(3);
    expect(Object.keys(strong.body).sort()).toEqual(
      [
        'breach_detection_on_create',
        'breached_password',
        'feedback',
        'request_id',
        'score',
        'status_code',
        'strength_policy',
        'valid_password',
      ].sort(),
    );
    expectError(await http.post('v1/passwords/strength_check', {}), 400, 'bad_request');
  });

  it('the email counts as a guessable word', async () => {
    const password = 'zorbulax.quintrell';
    const plain = await http.post('v1/passwords/strength_check', { password });
    const personal = await http.post('v1/passwords/strength_check', {
      password,
      email: 'zorbulax.quintrell@example.com',
    });
    expect(plain.body.score).toBeGreaterThanOrEqual(3);
    expect(personal.body).toMatchObject({ valid_password: false });
    expect(personal.body.score as number).toBeLessThan(3);
  });

  it('create refuses weak_password and breached_password, and accepts a strong one', async () => {
    expectError(
      await http.post('v1/passwords', { email: uniqueEmail('weak'), password: 'password1' }),
      400,
      'weak_password',
    );
    expectError(
      await http.post('v1/passwords', {
        email: uniqueEmail('leak'),
        password: 'correcthorsebatterystaple',
      }),
      400,
      'breached_password',
    );
    const email = uniqueEmail('strong');
    const ok = await http.post<SessionSet & { email_id: string }>('v1/passwords', {
      email,
      password: strongPassword(),
    });
    expectOk(ok);
    expect(ok.body.user.password?.password_id).toMatch(/^password-test-/);
    // Nothing proved the address.
    expect(ok.body.user.emails).toEqual([{ email_id: ok.body.email_id, email, verified: false }]);
    // No session_duration_minutes, no session.
    expect(ok.body).toMatchObject({ session_token: '', session_jwt: '', session: null });
  });
});

describe('POST /v1/passwords (create)', () => {
  it('is duplicate_email for any user holding the address, password or not', async () => {
    const { email } = await passwordUser();
    expectError(
      await http.post('v1/passwords', { email, password: strongPassword() }),
      400,
      'duplicate_email',
    );
    const passwordless = emulator.admin.createUser({ email: uniqueEmail('ml') });
    expectError(
      await http.post('v1/passwords', {
        email: passwordless.emails[0]?.email,
        password: strongPassword(),
      }),
      400,
      'duplicate_email',
    );
  });

  it('starts a session with the password factor and keeps name and metadata', async () => {
    const reply = await http.post<SessionSet>('v1/passwords', {
      email: uniqueEmail('named'),
      password: strongPassword(),
      session_duration_minutes: 30,
      session_custom_claims: { tier: 'gold' },
      name: { first_name: 'Rosalind', last_name: 'Franklin' },
      trusted_metadata: { plan: 'team' },
    });
    expectOk(reply);
    expect(reply.body.user).toMatchObject({
      name: { first_name: 'Rosalind', last_name: 'Franklin' },
      trusted_metadata: { plan: 'team' },
      status: 'active',
    });
    expect(reply.body.session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'password', delivery_method: 'knowledge' }),
    ]);
    expect(reply.body.session?.custom_claims).toEqual({ tier: 'gold' });
    expect(Date.parse(reply.body.session?.expires_at ?? '')).toBe(
      emulator.clock.now() + 30 * MINUTE,
    );
  });
});

describe('POST /v1/passwords/authenticate', () => {
  it('signs in; wrong password, unknown email and passwordless users fail as documented', async () => {
    const { email, password, userId } = await passwordUser();
    const ok = await signIn(email, password);
    expectOk(ok);
    expect(ok.body.user_id).toBe(userId);
    expect(ok.body.session?.authentication_factors[0]).toMatchObject({
      type: 'password',
      delivery_method: 'knowledge',
    });

    const wrong = await http.post('v1/passwords/authenticate', {
      email,
      password: `${password}x`,
    });
    expectError(wrong, 401, 'unauthorized_credentials');
    expect(wrong.body.error_message).toBe('Unauthorized credentials.');

    expectError(
      await http.post('v1/passwords/authenticate', {
        email: uniqueEmail('nobody'),
        password,
      }),
      404,
      'email_not_found',
    );
    const passwordless = emulator.admin.createUser({ email: uniqueEmail('nopw') });
    expectError(
      await http.post('v1/passwords/authenticate', {
        email: passwordless.emails[0]?.email,
        password,
      }),
      400,
      'no_user_password',
    );
  });

  it('adds the factor to an existing session of the same user only', async () => {
    const { email, password } = await passwordUser();
    const first = await signIn(email, password, 20);
    emulator.clock.advance(MINUTE);
    const again = await http.post<SessionSet>('v1/passwords/authenticate', {
      email,
      password,
      session_token: first.body.session_token,
      session_duration_minutes: 90,
    });
    expectOk(again);
    expect(again.body.session?.session_id).toBe(first.body.session?.session_id);
    expect(again.body.session?.authentication_factors).toHaveLength(1);
    expect(Date.parse(again.body.session?.expires_at ?? '')).toBe(
      emulator.clock.now() + 90 * MINUTE,
    );
    const other = await passwordUser();
    expectError(
      await http.post('v1/passwords/authenticate', {
        email: other.email,
        password: other.password,
        session_token: first.body.session_token,
      }),
      400,
      'user_id_mismatch',
    );
  });
});

describe('user locks', () => {
  it('10 failures lock the user for an hour, even against the right password', async () => {
    const { email, password, userId } = await passwordUser();
    for (let i = 0; i < 10; i++) {
      expectError(
        await http.post('v1/passwords/authenticate', { email, password: 'not-it-at-all-42' }),
        401,
        'unauthorized_credentials',
      );
    }
    const lockedAt = emulator.clock.now();
    expectError(await signIn(email, password), 429, 'user_lock_limit_reached');
    const user = await http.get<User>(`v1/users/${userId}`);
    expect(user.body).toMatchObject({
      is_locked: true,
      lock_created_at: new Date(lockedAt).toISOString(),
      lock_expires_at: new Date(lockedAt + HOUR).toISOString(),
    });

    emulator.clock.advance(HOUR - 1_000);
    expectError(await signIn(email, password), 429, 'user_lock_limit_reached');
    emulator.clock.advance(1_000);
    expectOk(await signIn(email, password));
    const after = await http.get<User>(`v1/users/${userId}`);
    expect(after.body.is_locked).toBe(false);
    expect(after.body).not.toHaveProperty('lock_expires_at');
  });

  it('a success resets the count of consecutive failures', async () => {
    const { email, password } = await passwordUser();
    const fail = () => http.post('v1/passwords/authenticate', { email, password: 'nope-nope-42' });
    for (let i = 0; i < 9; i++) {
      await fail();
    }
    expectOk(await signIn(email, password));
    for (let i = 0; i < 9; i++) {
      expectError(await fail(), 401, 'unauthorized_credentials');
    }
    expectOk(await signIn(email, password));
  });

  it('a locked user cannot sign in with a magic link either', async () => {
    const { email, password, userId } = await passwordUser();
    for (let i = 0; i < 10; i++) {
      await http.post('v1/passwords/authenticate', { email, password: 'wrong-wrong-42' });
    }
    const token = emulator.admin.createMagicLink(userId, 120);
    expectError(
      await http.post('v1/magic_links/authenticate', { token }),
      429,
      'user_lock_limit_reached',
    );
    expect((await signIn(email, password)).status).toBe(429);
    // The refused attempt did not spend the link: it works once the lock is over.
    emulator.clock.advance(HOUR);
    expectOk(await http.post('v1/magic_links/authenticate', { token }));
  });
});

describe('email reset', () => {
  it('start sends a reset link, default 30 minutes, to the URL given or the default', async () => {
    const { email, userId, emailId } = await passwordUser();
    const started = await http.post('v1/passwords/email/reset/start', {
      email,
      reset_password_redirect_url: 'https://app.example.com/reset?from=mail',
    });
    expectOk(started);
    expect(started.body).toMatchObject({ user_id: userId, email_id: emailId });
    const message = emulator.admin.lastMessage(email, 'password_reset');
    expect(message).toMatchObject({
      kind: 'password_reset',
      type: 'reset_password',
      to: email,
      email,
      userId,
      sentAt: new Date(emulator.clock.now()).toISOString(),
    });
    const url = new URL(message?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://app.example.com/reset');
    expect(url.searchParams.get('from')).toBe('mail');
    expect(url.searchParams.get('stytch_token_type')).toBe('reset_password');
    expect(url.searchParams.get('token')).toBe(message?.token);

    await http.post('v1/passwords/email/reset/start', { email });
    const byDefault = emulator.admin.lastMessage(email, 'password_reset');
    expect(byDefault?.url).toBe(
      `http://localhost:3000/?stytch_token_type=reset_password&token=${encodeURIComponent(byDefault?.token ?? '')}`,
    );

    emulator.clock.advance(30 * MINUTE - 1_000);
    expectOk(
      await http.post('v1/passwords/email/reset', {
        token: byDefault?.token,
        password: strongPassword(),
      }),
    );
    emulator.clock.advance(1_000);
    expectError(
      await http.post('v1/passwords/email/reset', {
        token: message?.token,
        password: strongPassword(),
      }),
      401,
      'unable_to_auth_password_reset_token',
    );
  });

  it('start checks the address and the expiration range', async () => {
    expectError(
      await http.post('v1/passwords/email/reset/start', { email: uniqueEmail('ghost') }),
      404,
      'email_not_found',
    );
    const { email } = await passwordUser();
    expectError(
      await http.post('v1/passwords/email/reset/start', {
        email,
        reset_password_expiration_minutes: 4,
      }),
      400,
      'invalid_expiration',
    );
    expectError(
      await http.post('v1/passwords/email/reset/start', {
        email,
        reset_password_redirect_url: 'not a url',
      }),
      400,
      'invalid_password_reset_redirect_url',
    );
  });

  it('reset works once, revokes every session of the user and may start a new one', async () => {
    const { email, password } = await passwordUser();
    const a = await signIn(email, password);
    const b = await signIn(email, password);
    await http.post('v1/passwords/email/reset/start', { email });
    const token = emulator.admin.lastMessage(email, 'password_reset')?.token;
    const next = strongPassword();
    // A refused password leaves the token unspent.
    expectError(
      await http.post('v1/passwords/email/reset', { token, password: 'password1' }),
      400,
      'weak_password',
    );
    const reply = await http.post<SessionSet>('v1/passwords/email/reset', {
      token,
      password: next,
      session_duration_minutes: 60,
    });
    expectOk(reply);
    expect(await sessionAlive(a.body.session_token)).toBe(false);
    expect(await sessionAlive(b.body.session_token)).toBe(false);
    expect(await sessionAlive(reply.body.session_token)).toBe(true);
    expect(reply.body.session?.authentication_factors[0]).toMatchObject({ type: 'password' });

    expectError(
      await http.post('v1/passwords/email/reset', { token, password: strongPassword() }),
      401,
      'unable_to_auth_password_reset_token',
    );
    expectError(await signIn(email, password), 401, 'unauthorized_credentials');
    expectOk(await signIn(email, next));
    expectError(
      await http.post('v1/passwords/email/reset', {
        token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        password: next,
      }),
      401,
      'unable_to_auth_password_reset_token',
    );
  });

  it('checks PKCE like magic links', async () => {
    const { email } = await passwordUser();
    const { verifier, challenge } = pkcePair();
    await http.post('v1/passwords/email/reset/start', { email, code_challenge: challenge });
    const token = emulator.admin.lastMessage(email, 'password_reset')?.token;
    const password = strongPassword();
    expectError(
      await http.post('v1/passwords/email/reset', { token, password }),
      400,
      'pkce_expected_code_verifier',
    );
    expectError(
      await http.post('v1/passwords/email/reset', {
        token,
        password,
        code_verifier: pkcePair().verifier,
      }),
      400,
      'pkce_mismatch',
    );
    expectOk(
      await http.post('v1/passwords/email/reset', { token, password, code_verifier: verifier }),
    );
  });
});

describe('existing_password/reset', () => {
  it('needs the current password, revokes every session and may start a new one', async () => {
    const { email, password } = await passwordUser();
    const before = await signIn(email, password);
    const next = strongPassword();
    expectError(
      await http.post('v1/passwords/existing_password/reset', {
        email,
        existing_password: 'not-the-one-42',
        new_password: next,
      }),
      401,
      'unauthorized_credentials',
    );
    expectError(
      await http.post('v1/passwords/existing_password/reset', {
        email,
        existing_password: password,
        new_password: 'correcthorsebatterystaple',
      }),
      400,
      'breached_password',
    );
    const reply = await http.post<SessionSet>('v1/passwords/existing_password/reset', {
      email,
      existing_password: password,
      new_password: next,
      session_duration_minutes: 15,
    });
    expectOk(reply);
    expect(await sessionAlive(before.body.session_token)).toBe(false);
    expect(await sessionAlive(reply.body.session_token)).toBe(true);
    expectError(await signIn(email, password), 401, 'unauthorized_credentials');
    expectOk(await signIn(email, next));
  });

  it('without a session duration revokes everything and starts nothing', async () => {
    const { email, password } = await passwordUser();
    const before = await signIn(email, password);
    const reply = await http.post<SessionSet>('v1/passwords/existing_password/reset', {
      email,
      existing_password: password,
      new_password: strongPassword(),
    });
    expectOk(reply);
    expect(reply.body).toMatchObject({ session_token: '', session: null });
    expect(await sessionAlive(before.body.session_token)).toBe(false);
  });
});

describe('sandbox values', () => {
  it('sandbox@stytch.com creates and authenticates with any password, unchanged', async () => {
    const created = await http.post<SessionSet & { email_id: string }>('v1/passwords', {
      email: SANDBOX.email,
      password: 'x',
    });
    expectOk(created);
    expect(created.body).toMatchObject({ user_id: SANDBOX.userId, email_id: SANDBOX.emailId });
    const authed = await http.post<SessionSet>('v1/passwords/authenticate', {
      email: SANDBOX.email,
      password: 'anything at all',
      session_duration_minutes: 5,
    });
    expectOk(authed);
    expect(authed.body.user_id).toBe(SANDBOX.userId);
    expect(authed.body.user).not.toHaveProperty('password');
  });
});
