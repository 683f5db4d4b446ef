/**
 * The emulator's rules, tested over plain HTTP: single use, expiry through the controllable clock,
 * PKCE, custom claims, password reset, impersonation, sandbox values and key rotation.
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, type Emulator, SANDBOX, startEmulator } from '../../src/emulator/index.js';
import { StytchClient } from '../../src/stytch/client.js';
import type {
  JsonObject,
  MagicLinksAuthenticateResponse,
  Session,
  SessionsAuthenticateResponse,
} from '../../src/stytch/types.js';
import { expectError, frozenClock, HOUR, MINUTE, pkcePair, type Reply } from './helpers.js';

let emulator: Emulator;
let auth: string;
let seq = 0;

async function call<T = JsonObject>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: auth },
): Promise<Reply<T>> {
  const res = await request(new URL(path, emulator.url), {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as T & JsonObject };
}

const post = <T = JsonObject>(path: string, body: unknown = {}) => call<T>('POST', path, body);
const get = <T = JsonObject>(path: string) => call<T>('GET', path);

function newUser(password?: string) {
  seq += 1;
  return emulator.admin.createUser({
    email: `behaviour-${seq}@example.com`,
    ...(password ? { password } : {}),
  });
}

type MagicAuth = MagicLinksAuthenticateResponse & JsonObject;

/** A user and a fresh session from an embeddable magic link. */
async function login(minutes = 60, extra: JsonObject = {}) {
  const user = newUser();
  const token = emulator.admin.createMagicLink(user.user_id);
  const reply = await post<MagicAuth>('v1/magic_links/authenticate', {
    token,
    session_duration_minutes: minutes,
    ...extra,
  });
  expect(reply.status).toBe(200);
  return { ...reply.body, user, session: reply.body.session as Session };
}

/** A user and a session from an emailed link: the factor password resets accept. */
async function emailLogin(minutes = 60) {
  const user = newUser();
  await post('v1/magic_links/email/send', { email: user.emails[0]?.email });
  const token = emulator.admin.outbox().at(-1)?.token;
  const reply = await post<MagicAuth>('v1/magic_links/authenticate', {
    token,
    session_duration_minutes: minutes,
  });
  expect(reply.status).toBe(200);
  return { ...reply.body, user, session: reply.body.session as Session };
}

beforeAll(async () => {
  emulator = await startEmulator({ clock: frozenClock(Date.UTC(2030, 0, 1, 12)) });
  auth = `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`;
});

afterAll(async () => {
  await emulator?.close();
});

describe('clock', () => {
  it('createClock follows real time, shifted by advance() and set()', () => {
    const clock = createClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    clock.advance(HOUR);
    expect(Math.abs(clock.now() - (Date.now() + HOUR))).toBeLessThan(50);
    clock.set(Date.UTC(2040, 0, 1));
    expect(Math.abs(clock.now() - Date.UTC(2040, 0, 1))).toBeLessThan(50);
    const started = createClock(Date.UTC(2020, 0, 1));
    expect(Math.abs(started.now() - Date.UTC(2020, 0, 1))).toBeLessThan(50);
  });
});

describe('transport', () => {
  it('serves on 127.0.0.1 with a URL ending in /', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(emulator.httpsUrl).toBeNull();
    expect(emulator.ca).toBeNull();
  });

  it('missing or wrong Basic credentials are unauthorized_credentials', async () => {
    const user = newUser();
    const none = await call('GET', `v1/users/${user.user_id}`, undefined, {});
    expectError(none, 401, 'unauthorized_credentials');
    const wrong = `Basic ${Buffer.from(`${emulator.projectId}:nope`).toString('base64')}`;
    const bad = await call('GET', `v1/users/${user.user_id}`, undefined, { authorization: wrong });
    expectError(bad, 401, 'unauthorized_credentials');
    const admin = await call('GET', 'emulator/health', undefined, {});
    expectError(admin, 401, 'unauthorized_credentials');
  });

  it('error bodies have the documented shape', async () => {
    const reply = await get('v1/users/user-test-missing');
    expect(Object.keys(reply.body).sort()).toEqual(
      ['error_message', 'error_type', 'error_url', 'request_id', 'status_code'].sort(),
    );
    expect(reply.body.request_id).toMatch(/^request-id-test-[0-9a-f-]{36}$/);
    expect(reply.body.error_url).toBe('https://stytch.com/docs/api/errors/404#user_not_found');
  });

  it('unknown routes, wrong methods, bad JSON and missing fields', async () => {
    expectError(await get('v1/nothing/here'), 404, 'route_not_found');
    expectError(await get('v1/magic_links/authenticate'), 405, 'method_not_allowed');
    expectError(await post('v1/magic_links/authenticate', '{"token": '), 400, 'bad_request');
    expectError(await post('v1/magic_links/authenticate', '[1, 2]'), 400, 'bad_request');
    expectError(await post('v1/magic_links/authenticate', {}), 400, 'bad_request');
    expectError(await post('v1/magic_links', { user_id: 42 }), 400, 'bad_request');
  });

  it('every success carries request_id and status_code', async () => {
    const reply = await get('emulator/health');
    expect(reply.body).toMatchObject({ status: 'ok', status_code: 200 });
    expect(reply.body.request_id).toMatch(/^request-id-test-/);
  });
});

describe('users', () => {
  it('POST /v1/users creates, GET flattens, duplicates are refused', async () => {
    const created = await post('v1/users', {
      email: 'Mixed.Case@Example.com',
      name: { first_name: 'Mixed', last_name: 'Case' },
      password: 'long enough password',
    });
    expect(created.status).toBe(200);
    const userId = created.body.user_id as string;
    const fetched = await get(`v1/users/${userId}`);
    expect(fetched.body).toMatchObject({
      user_id: userId,
      status: 'active',
      emails: [{ email: 'Mixed.Case@Example.com', verified: false }],
      name: { first_name: 'Mixed', last_name: 'Case' },
      password: { requires_reset: false },
      status_code: 200,
    });
    expect(fetched.body).not.toHaveProperty('user');
    const again = await post('v1/users', { email: 'mixed.case@example.com' });
    expectError(again, 400, 'duplicate_email');
    expectError(
      await post('v1/users', { email: 'x@example.com', password: 'short' }),
      400,
      'weak_password',
    );
  });

  it('users without a password have no password record', async () => {
    const user = newUser();
    expect((await get(`v1/users/${user.user_id}`)).body).not.toHaveProperty('password');
  });
});

describe('magic links', () => {
  it('are single use', async () => {
    const user = newUser();
    const token = emulator.admin.createMagicLink(user.user_id);
    expect((await post('v1/magic_links/authenticate', { token })).status).toBe(200);
    expectError(
      await post('v1/magic_links/authenticate', { token }),
      401,
      'unable_to_auth_magic_link',
    );
  });

  it('are single use even when raced', async () => {
    const s = await login();
    const token = emulator.admin.createMagicLink(s.user.user_id);
    // The session lookup awaits a JWT verification, the window a double spend would need.
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        post('v1/magic_links/authenticate', { token, session_jwt: s.session_jwt }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('expire after 60 minutes by default', async () => {
    const user = newUser();
    const early = emulator.admin.createMagicLink(user.user_id);
    const late = emulator.admin.createMagicLink(user.user_id);
    emulator.clock.advance(HOUR - 1_000);
    expect((await post('v1/magic_links/authenticate', { token: early })).status).toBe(200);
    emulator.clock.advance(1_000);
    expectError(
      await post('v1/magic_links/authenticate', { token: late }),
      401,
      'unable_to_auth_magic_link',
    );
  });

  it('honour expiration_minutes within 5..10080', async () => {
    const user = newUser();
    for (const bad of [4, 10_081]) {
      const reply = await post('v1/magic_links', {
        user_id: user.user_id,
        expiration_minutes: bad,
      });
      expectError(reply, 400, 'invalid_expiration');
    }
    const created = await post('v1/magic_links', { user_id: user.user_id, expiration_minutes: 5 });
    emulator.clock.advance(5 * MINUTE);
    expectError(
      await post('v1/magic_links/authenticate', { token: created.body.token }),
      401,
      'unable_to_auth_magic_link',
    );
    expectError(await post('v1/magic_links', { user_id: 'user-test-x' }), 404, 'user_not_found');
  });

  it('signup links from login_or_create last a week by default', async () => {
    seq += 1;
    const email = `signup-${seq}@example.com`;
    const reply = await post('v1/magic_links/email/login_or_create', { email });
    expect(reply.body).toMatchObject({ user_created: true, status_code: 200 });
    const sent = emulator.admin.outbox().at(-1);
    expect(sent).toMatchObject({ email, type: 'signup', userId: reply.body.user_id });
    emulator.clock.advance(6 * 24 * HOUR);
    const ok = await post<MagicAuth>('v1/magic_links/authenticate', { token: sent?.token });
    expect(ok.status).toBe(200);
    expect(ok.body.user.emails[0]?.verified).toBe(true);
  });

  it('refuse out-of-range session_duration_minutes without spending the link', async () => {
    const user = newUser();
    const token = emulator.admin.createMagicLink(user.user_id);
    for (const bad of [4, 527_041]) {
      const reply = await post('v1/magic_links/authenticate', {
        token,
        session_duration_minutes: bad,
      });
      expectError(reply, 400, 'invalid_session_duration_minutes');
    }
    expect((await post('v1/magic_links/authenticate', { token })).status).toBe(200);
  });

  it('check PKCE', async () => {
    const user = newUser();
    const email = user.emails[0]?.email;
    const { verifier, challenge } = pkcePair();
    await post('v1/magic_links/email/send', { email, code_challenge: challenge });
    const token = emulator.admin.outbox().at(-1)?.token;
    expectError(
      await post('v1/magic_links/authenticate', { token }),
      400,
      'pkce_expected_code_verifier',
    );
    expectError(
      await post('v1/magic_links/authenticate', { token, code_verifier: pkcePair().verifier }),
      400,
      'pkce_mismatch',
    );
    const ok = await post('v1/magic_links/authenticate', { token, code_verifier: verifier });
    expect(ok.status).toBe(200);

    const plain = emulator.admin.createMagicLink(user.user_id);
    expectError(
      await post('v1/magic_links/authenticate', { token: plain, code_verifier: verifier }),
      400,
      'pkce_did_not_expect_code_verifier',
    );
  });

  it('compare attributes when options ask for it', async () => {
    const user = newUser();
    const attributes = { ip_address: '203.0.113.1', user_agent: 'Agent/1' };
    const created = await post('v1/magic_links', { user_id: user.user_id, attributes });
    const token = created.body.token;
    expectError(
      await post('v1/magic_links/authenticate', {
        token,
        attributes: { ...attributes, user_agent: 'Agent/2' },
        options: { user_agent_match_required: true },
      }),
      401,
      'attribute_mismatch',
    );
    expectError(
      await post('v1/magic_links/authenticate', {
        token,
        options: { ip_match_required: true },
      }),
      401,
      'attribute_mismatch',
    );
    const ok = await post('v1/magic_links/authenticate', {
      token,
      attributes,
      options: { ip_match_required: true, user_agent_match_required: true },
    });
    expect(ok.status).toBe(200);
  });

  it('extend an existing session and add the factor', async () => {
    const first = await emailLogin(30);
    const token = emulator.admin.createMagicLink(first.user.user_id);
    emulator.clock.advance(MINUTE);
    const reply = await post<MagicAuth>('v1/magic_links/authenticate', {
      token,
      session_token: first.session_token,
      session_duration_minutes: 120,
    });
    expect(reply.status).toBe(200);
    const session = reply.body.session as Session;
    expect(session.session_id).toBe(first.session.session_id);
    expect(session.authentication_factors.map((f) => f.delivery_method)).toEqual([
      'email',
      'embedded',
    ]);
    expect(session.last_accessed_at).toBe(new Date(emulator.clock.now()).toISOString());
    expect(Date.parse(session.expires_at ?? '')).toBe(emulator.clock.now() + 120 * MINUTE);
  });

  it('refuse to extend unknown, foreign or impersonated sessions', async () => {
    const user = newUser();
    const link = () => emulator.admin.createMagicLink(user.user_id);
    expectError(
      await post('v1/magic_links/authenticate', { token: link(), session_token: 'x'.repeat(44) }),
      404,
      'session_not_found',
    );
    const other = await login();
    expectError(
      await post('v1/magic_links/authenticate', {
        token: link(),
        session_token: other.session_token,
      }),
      400,
      'user_id_mismatch',
    );
    const imp = await post('v1/impersonation/authenticate', {
      impersonation_token: emulator.admin.createImpersonationToken(user.user_id),
    });
    expectError(
      await post('v1/magic_links/authenticate', {
        token: link(),
        session_jwt: imp.body.session_jwt,
        session_duration_minutes: 60,
      }),
      400,
      'session_not_mutable_impersonated',
    );
    expectError(
      await post('v1/magic_links/authenticate', {
        token: link(),
        session_token: other.session_token,
        session_jwt: other.session_jwt,
      }),
      400,
      'too_many_session_arguments',
    );
  });

  it('email/send refuses unknown addresses; the outbox records what was sent', async () => {
    expectError(
      await post('v1/magic_links/email/send', { email: 'nobody@example.com' }),
      404,
      'email_not_found',
    );
    expectError(
      await post('v1/magic_links/email/send', { email: 'not-an-email' }),
      400,
      'invalid_email',
    );
    const user = newUser();
    await post('v1/magic_links/email/send', {
      email: user.emails[0]?.email,
      login_expiration_minutes: 5,
    });
    const sent = emulator.admin.outbox().at(-1);
    expect(sent).toMatchObject({ userId: user.user_id, type: 'login' });
    expect(sent?.sentAt).toBe(new Date(emulator.clock.now()).toISOString());
    emulator.clock.advance(5 * MINUTE);
    expectError(
      await post('v1/magic_links/authenticate', { token: sent?.token }),
      401,
      'unable_to_auth_magic_link',
    );
  });
});

describe('custom claims', () => {
  it('are stored, copied into the JWT, null deletes, reserved ignored', async () => {
    const first = await login(60, {
      session_custom_claims: { plan: 'pro', org: { id: 7 }, iss: 'evil', sub: 'evil' },
    });
    expect(first.session.custom_claims).toEqual({ plan: 'pro', org: { id: 7 } });
    const payload = decodeJwt(first.session_jwt);
    expect(payload).toMatchObject({ plan: 'pro', org: { id: 7 }, sub: first.user.user_id });
    expect(payload.iss).toBe(`stytch.com/${emulator.projectId}`);

    const updated = await post<SessionsAuthenticateResponse>('v1/sessions/authenticate', {
      session_token: first.session_token,
      session_custom_claims: { plan: null, team: 'blue' },
    });
    expect(updated.body.session.custom_claims).toEqual({ org: { id: 7 }, team: 'blue' });
    const after = decodeJwt(updated.body.session_jwt);
    expect(after).not.toHaveProperty('plan');
    expect(after.team).toBe('blue');
  });

  it('over 4 KB are refused and leave the link unspent', async () => {
    const user = newUser();
    const token = emulator.admin.createMagicLink(user.user_id);
    const big = { blob: 'x'.repeat(4_100) };
    expectError(
      await post('v1/magic_links/authenticate', {
        token,
        session_duration_minutes: 60,
        session_custom_claims: big,
      }),
      400,
      'custom_claims_too_large',
    );
    expectError(
      await post('v1/magic_links/authenticate', {
        token,
        session_duration_minutes: 60,
        session_custom_claims: { 'https://stytch.com/session': {} },
      }),
      400,
      'stytch_claims_in_custom_claims',
    );
    expect((await post('v1/magic_links/authenticate', { token })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('JWTs have the documented header and claims, 5 minutes long', async () => {
    const s = await login();
    const header = decodeProtectedHeader(s.session_jwt);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.kid).toMatch(/^jwk-test-/);
    const payload = decodeJwt(s.session_jwt);
    expect(payload.aud).toEqual([emulator.projectId]);
    expect(payload.iat).toBe(Math.floor(emulator.clock.now() / 1000));
    expect(payload.nbf).toBe(payload.iat);
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
    expect(payload['https://stytch.com/session']).toEqual({
      id: s.session.session_id,
      started_at: s.session.started_at,
      last_accessed_at: s.session.last_accessed_at,
      expires_at: s.session.expires_at,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: s.session.authentication_factors,
      roles: ['stytch_user'],
    });
  });

  it('accept a JWT past its exp while the session lives, and mint a fresh one', async () => {
    const s = await login(60);
    emulator.clock.advance(10 * MINUTE);
    const reply = await post<SessionsAuthenticateResponse>('v1/sessions/authenticate', {
      session_jwt: s.session_jwt,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.session.session_id).toBe(s.session.session_id);
    const fresh = decodeJwt(reply.body.session_jwt);
    expect(fresh.iat).toBe(Math.floor(emulator.clock.now() / 1000));
    expect(reply.body.session.last_accessed_at).toBe(new Date(emulator.clock.now()).toISOString());
    expect(reply.body.session.last_accessed_at).not.toBe(s.session.last_accessed_at);
  });

  it('end when their time is up, and can be extended', async () => {
    const s = await login(30);
    emulator.clock.advance(20 * MINUTE);
    const extended = await post<SessionsAuthenticateResponse>('v1/sessions/authenticate', {
      session_token: s.session_token,
      session_duration_minutes: 30,
    });
    expect(Date.parse(extended.body.session.expires_at ?? '')).toBe(
      emulator.clock.now() + 30 * MINUTE,
    );
    emulator.clock.advance(29 * MINUTE);
    expect(
      (await post('v1/sessions/authenticate', { session_token: s.session_token })).status,
    ).toBe(200);
    emulator.clock.advance(MINUTE);
    expectError(
      await post('v1/sessions/authenticate', { session_token: s.session_token }),
      404,
      'session_not_found',
    );
    expectError(
      await post('v1/sessions/authenticate', { session_jwt: s.session_jwt }),
      404,
      'session_not_found',
    );
  });

  it('check their arguments', async () => {
    const s = await login();
    expectError(await post('v1/sessions/authenticate', {}), 400, 'no_session_arguments');
    expectError(
      await post('v1/sessions/authenticate', {
        session_token: s.session_token,
        session_jwt: s.session_jwt,
      }),
      400,
      'too_many_session_arguments',
    );
    expectError(
      await post('v1/sessions/authenticate', { session_jwt: 'not.a.jwt' }),
      400,
      'unable_to_parse_session_jwt',
    );
    expectError(
      await post('v1/sessions/authenticate', {
        session_token: s.session_token,
        session_duration_minutes: 1,
      }),
      400,
      'invalid_session_duration_minutes',
    );
    expectError(await post('v1/sessions/revoke', {}), 400, 'no_session_revoke_arguments');
    expectError(
      await post('v1/sessions/revoke', {
        session_id: s.session.session_id,
        session_token: s.session_token,
      }),
      400,
      'too_many_session_revoke_arguments',
    );
    expectError(await get('v1/sessions'), 400, 'bad_request');
  });

  it('revoke by id, token or JWT; GET /v1/sessions lists only live ones', async () => {
    const a = await login();
    const b = await login();
    const c = await login();
    const sameUser = emulator.admin.createMagicLink(a.user.user_id);
    const a2 = await post<MagicAuth>('v1/magic_links/authenticate', {
      token: sameUser,
      session_duration_minutes: 60,
    });
    const listed = await get<{ sessions: Session[] }>(`v1/sessions?user_id=${a.user.user_id}`);
    expect(listed.body.sessions).toHaveLength(2);

    expect((await post('v1/sessions/revoke', { session_id: a.session.session_id })).status).toBe(
      200,
    );
    expect((await post('v1/sessions/revoke', { session_token: b.session_token })).status).toBe(200);
    expect((await post('v1/sessions/revoke', { session_jwt: c.session_jwt })).status).toBe(200);
    for (const s of [a, b, c]) {
      expectError(
        await post('v1/sessions/authenticate', { session_token: s.session_token }),
        404,
        'session_not_found',
      );
    }
    expectError(
      await post('v1/sessions/revoke', { session_id: a.session.session_id }),
      404,
      'session_not_found',
    );
    const left = await get<{ sessions: Session[] }>(`v1/sessions?user_id=${a.user.user_id}`);
    expect(left.body.sessions.map((s) => s.session_id)).toEqual([a2.body.session?.session_id]);
  });
});

describe('impersonation', () => {
  it('gives exactly 60 minutes, one factor, and cannot be extended', async () => {
    const user = newUser();
    const token = emulator.admin.createImpersonationToken(user.user_id);
    const reply = await post<SessionsAuthenticateResponse>('v1/impersonation/authenticate', {
      impersonation_token: token,
      session_duration_minutes: 600,
    });
    expect(reply.status).toBe(200);
    const session = reply.body.session;
    expect(Date.parse(session.expires_at ?? '') - Date.parse(session.started_at ?? '')).toBe(HOUR);
    expect(session.authentication_factors).toEqual([
      expect.objectContaining({
        type: 'impersonated',
        delivery_method: 'impersonation',
        impersonated_factor: {
          impersonator_id: 'emulator-admin',
          impersonator_email_address: 'admin@emulator.invalid',
        },
      }),
    ]);
    expectError(
      await post('v1/sessions/authenticate', {
        session_token: reply.body.session_token,
        session_duration_minutes: 120,
      }),
      400,
      'session_not_mutable_impersonated',
    );
    expectError(
      await post('v1/sessions/authenticate', {
        session_token: reply.body.session_token,
        session_custom_claims: { a: 1 },
      }),
      400,
      'session_not_mutable_impersonated',
    );
    expect(
      (await post('v1/sessions/authenticate', { session_token: reply.body.session_token })).status,
    ).toBe(200);
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'impersonators cannot',
        session_token: reply.body.session_token,
      }),
      400,
      'session_too_old_to_reset_password',
    );
    emulator.clock.advance(HOUR);
    expectError(
      await post('v1/sessions/authenticate', { session_token: reply.body.session_token }),
      404,
      'session_not_found',
    );
  });

  it('tokens work once and expire after 5 minutes', async () => {
    const user = newUser();
    const once = emulator.admin.createImpersonationToken(user.user_id);
    expect(
      (await post('v1/impersonation/authenticate', { impersonation_token: once })).status,
    ).toBe(200);
    expectError(
      await post('v1/impersonation/authenticate', { impersonation_token: once }),
      401,
      'unable_to_auth_impersonation_token',
    );
    const slow = emulator.admin.createImpersonationToken(user.user_id);
    const ok = emulator.admin.createImpersonationToken(user.user_id);
    emulator.clock.advance(5 * MINUTE - 1_000);
    expect((await post('v1/impersonation/authenticate', { impersonation_token: ok })).status).toBe(
      200,
    );
    emulator.clock.advance(1_000);
    expectError(
      await post('v1/impersonation/authenticate', { impersonation_token: slow }),
      401,
      'unable_to_auth_impersonation_token',
    );
    expectError(
      await post('v1/impersonation/authenticate', { impersonation_token: 'made-up' }),
      401,
      'unable_to_auth_impersonation_token',
    );
  });
});

describe('passwords/session/reset', () => {
  it('sets the password, revokes the other sessions and keeps this one', async () => {
    const main = await emailLogin(60);
    const otherToken = emulator.admin.createMagicLink(main.user.user_id);
    const other = await post<MagicAuth>('v1/magic_links/authenticate', {
      token: otherToken,
      session_duration_minutes: 60,
    });
    const reply = await post('v1/passwords/session/reset', {
      password: 'brand new password',
      session_jwt: main.session_jwt,
      session_duration_minutes: 90,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      user_id: main.user.user_id,
      session_token: main.session_token,
      user: { password: { requires_reset: false } },
      session: { session_id: main.session.session_id },
    });
    expect(Date.parse((reply.body.session as Session).expires_at ?? '')).toBe(
      emulator.clock.now() + 90 * MINUTE,
    );
    expectError(
      await post('v1/sessions/authenticate', { session_token: other.body.session_token }),
      404,
      'session_not_found',
    );
    expect(
      (await post('v1/sessions/authenticate', { session_token: main.session_token })).status,
    ).toBe(200);
    const listed = await get<{ sessions: Session[] }>(`v1/sessions?user_id=${main.user.user_id}`);
    expect(listed.body.sessions.map((s) => s.session_id)).toEqual([main.session.session_id]);
  });

  it('needs a fresh email factor, a strong password and one session argument', async () => {
    const embedded = await login();
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'long enough password',
        session_token: embedded.session_token,
      }),
      400,
      'session_too_old_to_reset_password',
    );
    const s = await emailLogin();
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'short',
        session_token: s.session_token,
      }),
      400,
      'weak_password',
    );
    expectError(
      await post('v1/passwords/session/reset', { password: 'long enough password' }),
      400,
      'no_session_arguments',
    );
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'long enough password',
        session_token: s.session_token,
        session_jwt: s.session_jwt,
      }),
      400,
      'too_many_session_arguments',
    );
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'long enough password',
        session_token: 'y'.repeat(44),
      }),
      404,
      'session_not_found',
    );
    emulator.clock.advance(5 * MINUTE + 1);
    expectError(
      await post('v1/passwords/session/reset', {
        password: 'long enough password',
        session_token: s.session_token,
      }),
      400,
      'session_too_old_to_reset_password',
    );
  });
});

describe('sandbox values', () => {
  it('behave as documented, with the documented user id', async () => {
    const ok = await post<MagicAuth>('v1/magic_links/authenticate', {
      token: SANDBOX.magicLinkToken,
    });
    expect(ok.body.user_id).toBe(SANDBOX.userId);
    // The sandbox token is not spent: everyone's tests use it.
    expect(
      (await post('v1/magic_links/authenticate', { token: SANDBOX.magicLinkToken })).status,
    ).toBe(200);
    expectError(
      await post('v1/magic_links/authenticate', { token: SANDBOX.expiredMagicLinkToken }),
      401,
      'unable_to_auth_magic_link',
    );
    expectError(
      await post('v1/magic_links/authenticate', { token: SANDBOX.unknownMagicLinkToken }),
      404,
      'magic_link_not_found',
    );
    const outboxBefore = emulator.admin.outbox().length;
    for (const path of ['v1/magic_links/email/send', 'v1/magic_links/email/login_or_create']) {
      const reply = await post(path, { email: SANDBOX.email });
      expect(reply.body).toMatchObject({ status_code: 200, user_id: SANDBOX.userId });
    }
    expect(emulator.admin.outbox()).toHaveLength(outboxBefore);

    const session = await post<SessionsAuthenticateResponse>('v1/sessions/authenticate', {
      session_token: SANDBOX.sessionToken,
    });
    expect(session.body).toMatchObject({
      session_token: SANDBOX.sessionToken,
      session: { started_at: SANDBOX.sessionStartedAt, user_id: SANDBOX.userId },
    });
    expectError(
      await post('v1/sessions/authenticate', { session_token: SANDBOX.unknownSessionToken }),
      404,
      'session_not_found',
    );
    expect((await get(`v1/users/${SANDBOX.userId}`)).body.emails).toEqual([
      expect.objectContaining({ email: SANDBOX.email, verified: true }),
    ]);
  });
});

describe('keys', () => {
  it('rotation keeps the old key in the JWKS and old JWTs valid', async () => {
    const before = await login();
    const jwksPath = `v1/sessions/jwks/${emulator.projectId}`;
    // The JWKS is public, as Stytch serves it.
    const first = await call<{ keys: JsonObject[] }>('GET', jwksPath, undefined, {});
    expect(first.status).toBe(200);
    const oldKid = decodeProtectedHeader(before.session_jwt).kid;
    expect(first.body.keys.map((k) => k.kid)).toContain(oldKid);
    expect(first.body.keys[0]).toMatchObject({ x5c: [], x5tS256: '', key_ops: ['verify'] });

    const rotated = await post<{ kid: string }>('emulator/rotate_keys');
    expect(rotated.body.kid).not.toBe(oldKid);
    const after = await login();
    expect(decodeProtectedHeader(after.session_jwt).kid).toBe(rotated.body.kid);

    const jwks = await call<{ keys: JsonObject[] }>('GET', jwksPath, undefined, {});
    expect(jwks.body.keys.map((k) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, rotated.body.kid]),
    );
    const keySet = createLocalJWKSet({ keys: jwks.body.keys });
    const options = {
      issuer: `stytch.com/${emulator.projectId}`,
      audience: emulator.projectId,
      currentDate: new Date(emulator.clock.now()),
    };
    await expect(jwtVerify(before.session_jwt, keySet, options)).resolves.toBeTruthy();
    await expect(jwtVerify(after.session_jwt, keySet, options)).resolves.toBeTruthy();
    expect(
      (await post('v1/sessions/authenticate', { session_jwt: before.session_jwt })).status,
    ).toBe(200);

    expectError(
      await call('GET', 'v1/sessions/jwks/project-test-other', undefined, {}),
      404,
      'project_not_found',
    );

    await post('emulator/rotate_keys', { keep_previous: false });
    const only = await call<{ keys: JsonObject[] }>('GET', jwksPath, undefined, {});
    expect(only.body.keys).toHaveLength(1);
    expectError(
      await post('v1/sessions/authenticate', { session_jwt: before.session_jwt }),
      400,
      'unable_to_parse_session_jwt',
    );
  });
});

describe('admin routes', () => {
  it('create users and impersonation tokens, show the outbox, move the clock', async () => {
    const created = await post<{ user_id: string }>('emulator/users', {
      email: 'admin-made@example.com',
      first_name: 'Ad',
      last_name: 'Min',
    });
    expect(created.status).toBe(200);
    const minted = await post<{ token: string }>('emulator/impersonation_tokens', {
      user_id: created.body.user_id,
      impersonator_email: 'ops@example.com',
    });
    const imp = await post<SessionsAuthenticateResponse>('v1/impersonation/authenticate', {
      impersonation_token: minted.body.token,
    });
    expect(imp.body.session.authentication_factors[0]?.impersonated_factor).toMatchObject({
      impersonator_email_address: 'ops@example.com',
    });
    expectError(
      await post('emulator/impersonation_tokens', { user_id: 'user-test-none' }),
      404,
      'user_not_found',
    );

    await post('v1/magic_links/email/send', { email: 'admin-made@example.com' });
    const outbox = await get<{ outbox: Array<{ email: string; token: string }> }>(
      'emulator/outbox',
    );
    expect(outbox.body.outbox.at(-1)).toMatchObject({ email: 'admin-made@example.com' });
    expect(outbox.body.outbox.at(-1)?.token).toBe(emulator.admin.outbox().at(-1)?.token);

    const before = emulator.clock.now();
    const advanced = await post<{ now_ms: number }>('emulator/clock', { advance_ms: HOUR });
    expect(advanced.body.now_ms).toBeGreaterThanOrEqual(before + HOUR);
    const target = Date.UTC(2031, 0, 1);
    const set = await post<{ now_ms: number; now: string }>('emulator/clock', { now_ms: target });
    expect(set.body.now).toMatch(/^2031-01-01T00:00:00/);
    expect(emulator.clock.now()).toBeGreaterThanOrEqual(target);
    expectError(await post('emulator/clock', {}), 400, 'bad_request');
  });
});

describe('upstream for the gateway', () => {
  it("the gateway's own StytchClient accepts the emulator's answers", async () => {
    const client = new StytchClient({
      projectId: emulator.projectId,
      secret: emulator.secret,
      baseUrl: emulator.url,
      timeoutMs: 5_000,
    });
    try {
      const user = newUser();
      const created = await client.magicLinks.create({ user_id: user.user_id });
      const authed = await client.magicLinks.authenticate({
        token: created.token,
        session_duration_minutes: 60,
      });
      const refreshed = await client.sessions.authenticate({ session_jwt: authed.session_jwt });
      expect(refreshed.session.session_id).toBe(authed.session?.session_id);
      const fetched = await client.users.get(user.user_id);
      expect(fetched.user_id).toBe(user.user_id);
      const jwks = await client.sessions.jwks(emulator.projectId);
      expect(jwks.keys.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('serves the same API over HTTPS with its own CA', async () => {
    const secure = await startEmulator({ https: true });
    const dispatcher = new Agent({ connect: { ca: secure.ca as string } });
    try {
      expect(secure.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await request(
        new URL(`v1/sessions/jwks/${secure.projectId}`, secure.httpsUrl as string),
        {
          dispatcher,
        },
      );
      expect(res.statusCode).toBe(200);
      expect(((await res.body.json()) as { keys: unknown[] }).keys).toHaveLength(1);
      await expect(
        request(new URL('emulator/health', secure.httpsUrl as string)),
      ).rejects.toThrow();
    } finally {
      await dispatcher.close();
      await secure.close();
    }
  });
});
