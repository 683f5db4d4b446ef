/**
 * Email magic links beyond the basics in behaviour.test.ts: invites, redirect URLs and the links
 * built from them, addresses attached by a send that names a user, external_id wherever a
 * user_id is taken, and the outbox as the admin API and routes show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulator,
  type OutboxMessage,
  SANDBOX,
  startEmulator,
} from '../../src/emulator/index.js';
import type { Session, User } from '../../src/stytch/types.js';
import {
  emulatorHttp,
  expectError,
  expectOk,
  frozenClock,
  MINUTE,
  strongPassword,
  uniqueEmail,
} from './helpers.js';

let emulator: Emulator;
let http: ReturnType<typeof emulatorHttp>;

interface MagicAuth {
  user_id: string;
  user: User;
  session_token: string;
  session: Session | null;
}

beforeAll(async () => {
  emulator = await startEmulator({ clock: frozenClock(Date.UTC(2030, 8, 9, 10)) });
  http = emulatorHttp(emulator);
});

afterAll(async () => {
  await emulator?.close();
});

const authenticate = (token: string | undefined, extra: object = {}) =>
  http.post<MagicAuth>('v1/magic_links/authenticate', { token, ...extra });

function query(url: string | undefined) {
  const parsed = new URL(url ?? '');
  return {
    base: `${parsed.origin}${parsed.pathname}`,
    params: Object.fromEntries(parsed.searchParams),
  };
}

describe('invites', () => {
  it('invite makes a pending user, whom the invite link makes active', async () => {
    const email = uniqueEmail('invitee');
    const reply = await http.post('v1/magic_links/email/invite', {
      email,
      invite_magic_link_url: 'https://app.example.com/join?team=7',
      name: { first_name: 'Katherine', last_name: 'Johnson' },
      untrusted_metadata: { invited_by: 'ops' },
    });
    expectOk(reply);
    const userId = reply.body.user_id as string;
    const created = await http.get<User>(`v1/users/${userId}`);
    expect(created.body).toMatchObject({
      status: 'pending',
      name: { first_name: 'Katherine', last_name: 'Johnson' },
      untrusted_metadata: { invited_by: 'ops' },
      emails: [{ email_id: reply.body.email_id, email, verified: false }],
    });

    const message = emulator.admin.lastMessage(email, 'invite');
    expect(message).toMatchObject({ kind: 'invite', type: 'invite', email, to: email, userId });
    expect(query(message?.url)).toEqual({
      base: 'https://app.example.com/join',
      params: { team: '7', stytch_token_type: 'magic_links', token: message?.token },
    });

    const authed = await authenticate(message?.token, { session_duration_minutes: 60 });
    expectOk(authed);
    expect(authed.body.user).toMatchObject({
      status: 'active',
      emails: [{ email, verified: true }],
    });
    expect(authed.body.session?.authentication_factors[0]).toMatchObject({
      type: 'magic_link',
      delivery_method: 'email',
    });
  });

  it('invite links last 60 minutes by default; invite_expiration_minutes is 5..10080', async () => {
    const email = uniqueEmail('slow');
    await http.post('v1/magic_links/email/invite', { email });
    const token = emulator.admin.lastMessage(email, 'invite')?.token;
    emulator.clock.advance(60 * MINUTE);
    expectError(await authenticate(token), 401, 'unable_to_auth_magic_link');
    expectError(
      await http.post('v1/magic_links/email/invite', {
        email: uniqueEmail('x'),
        invite_expiration_minutes: 10_081,
      }),
      400,
      'invalid_expiration',
    );
    expectError(
      await http.post('v1/magic_links/email/invite', {
        email: uniqueEmail('x'),
        invite_magic_link_url: 'ftp://example.com/',
      }),
      400,
      'invalid_invite_magic_link_url',
    );
  });

  it('a pending user can be invited again; an active one cannot', async () => {
    const email = uniqueEmail('twice');
    const first = await http.post('v1/magic_links/email/invite', { email });
    const second = await http.post('v1/magic_links/email/invite', { email });
    expect(second.body.user_id).toBe(first.body.user_id);
    expect(emulator.admin.outbox().filter((m) => m.to === email)).toHaveLength(2);
    const active = emulator.admin.createUser({ email: uniqueEmail('active') });
    expectError(
      await http.post('v1/magic_links/email/invite', { email: active.emails[0]?.email }),
      400,
      'duplicate_email',
    );
  });

  it('revoke_invite stops the invite links and keeps the pending user', async () => {
    const email = uniqueEmail('revoked');
    const invited = await http.post('v1/magic_links/email/invite', { email });
    const token = emulator.admin.lastMessage(email, 'invite')?.token;
    const revoked = await http.post('v1/magic_links/email/revoke_invite', { email });
    expectOk(revoked);
    expect(Object.keys(revoked.body).sort()).toEqual(['request_id', 'status_code']);
    expectError(await authenticate(token), 401, 'unable_to_auth_magic_link');
    expect((await http.get<User>(`v1/users/${invited.body.user_id}`)).body.status).toBe('pending');

    expectError(
      await http.post('v1/magic_links/email/revoke_invite', { email: uniqueEmail('none') }),
      404,
      'email_not_found',
    );
    const active = emulator.admin.createUser({ email: uniqueEmail('act') });
    expectError(
      await http.post('v1/magic_links/email/revoke_invite', { email: active.emails[0]?.email }),
      400,
      'bad_request',
    );
  });

  it('sandbox@stytch.com: invite and revoke_invite answer 200 and send nothing', async () => {
    const before = emulator.admin.outbox().length;
    const invited = await http.post('v1/magic_links/email/invite', { email: SANDBOX.email });
    expect(invited.body).toMatchObject({ user_id: SANDBOX.userId, email_id: SANDBOX.emailId });
    expectOk(await http.post('v1/magic_links/email/revoke_invite', { email: SANDBOX.email }));
    expect(emulator.admin.outbox()).toHaveLength(before);
    expect((await http.get<User>(`v1/users/${SANDBOX.userId}`)).body.status).toBe('active');
  });
});

describe('redirect URLs', () => {
  it('login links go to login_magic_link_url, signup links to signup_magic_link_url', async () => {
    const email = uniqueEmail('urls');
    const urls = {
      login_magic_link_url: 'http://localhost:5173/login?next=%2Fhome',
      signup_magic_link_url: 'http://localhost:5173/welcome',
    };
    await http.post('v1/magic_links/email/login_or_create', { email, ...urls });
    const signup = emulator.admin.lastMessage(email, 'magic_link');
    expect(signup?.type).toBe('signup');
    expect(query(signup?.url)).toEqual({
      base: 'http://localhost:5173/welcome',
      params: { stytch_token_type: 'magic_links', token: signup?.token },
    });
    await authenticate(signup?.token);
    await http.post('v1/magic_links/email/send', { email, ...urls });
    const login = emulator.admin.lastMessage(email, 'magic_link');
    expect(login?.type).toBe('login');
    expect(query(login?.url)).toEqual({
      base: 'http://localhost:5173/login',
      params: { next: '/home', stytch_token_type: 'magic_links', token: login?.token },
    });
    expectError(
      await http.post('v1/magic_links/email/send', { email, login_magic_link_url: '/relative' }),
      400,
      'bad_request',
    );
  });

  it('a send without a URL uses the project default, http://localhost:3000 unless set', async () => {
    const user = emulator.admin.createUser({ email: uniqueEmail('plain') });
    const email = user.emails[0]?.email as string;
    await http.post('v1/magic_links/email/send', { email });
    expect(query(emulator.admin.lastMessage(email, 'magic_link')?.url).base).toBe(
      'http://localhost:3000/',
    );

    const custom = await startEmulator({ defaultRedirectUrl: 'http://127.0.0.1:5173/auth?x=1' });
    try {
      const other = emulatorHttp(custom);
      const owner = custom.admin.createUser({ email: 'custom@example.com' });
      await other.post('v1/magic_links/email/send', { email: owner.emails[0]?.email });
      const sent = custom.admin.lastMessage('custom@example.com', 'magic_link');
      expect(sent?.url).toBe(
        `http://127.0.0.1:5173/auth?x=1&stytch_token_type=magic_links&token=${encodeURIComponent(sent?.token ?? '')}`,
      );
    } finally {
      await custom.close();
    }
    await expect(startEmulator({ defaultRedirectUrl: 'not a url' })).rejects.toThrow();
    // The same rule as at send time: a default no send could use stops the start.
    await expect(startEmulator({ defaultRedirectUrl: 'ftp://files.example.com/' })).rejects.toThrow(
      /absolute http\(s\) URL/,
    );
  });
});

describe('magic_links/email/send naming a user', () => {
  it('attaches a new address by user_id instead of answering email_not_found', async () => {
    const user = emulator.admin.createUser({ email: uniqueEmail('first') });
    const extra = uniqueEmail('added');
    expectError(
      await http.post('v1/magic_links/email/send', { email: extra }),
      404,
      'email_not_found',
    );
    const sent = await http.post('v1/magic_links/email/send', {
      email: extra,
      user_id: user.user_id,
    });
    expectOk(sent);
    expect(sent.body.user_id).toBe(user.user_id);
    const pending = await http.get<User>(`v1/users/${user.user_id}`);
    expect(pending.body.emails).toContainEqual({
      email_id: sent.body.email_id,
      email: extra,
      verified: false,
    });
    const message = emulator.admin.lastMessage(extra, 'magic_link');
    expect(message).toMatchObject({ type: 'login', userId: user.user_id });
    const authed = await authenticate(message?.token);
    expect(authed.body.user.emails).toContainEqual({
      email_id: sent.body.email_id,
      email: extra,
      verified: true,
    });
  });

  it('by session: an address not authenticated within 5 minutes is dropped', async () => {
    const user = emulator.admin.createUser({ email: uniqueEmail('holder') });
    const signedIn = await authenticate(emulator.admin.createMagicLink(user.user_id), {
      session_duration_minutes: 60,
    });
    const extra = uniqueEmail('late');
    const sent = await http.post('v1/magic_links/email/send', {
      email: extra,
      session_token: signedIn.body.session_token,
    });
    expectOk(sent);
    const token = emulator.admin.lastMessage(extra, 'magic_link')?.token;
    // A reset sent to the unconfirmed address goes with it, like the link.
    expectOk(await http.post('v1/passwords/email/reset/start', { email: extra }));
    const reset = emulator.admin.lastMessage(extra, 'password_reset')?.token;
    emulator.clock.advance(5 * MINUTE);
    const after = await http.get<User>(`v1/users/${user.user_id}`);
    expect(after.body.emails.map((e) => e.email)).toEqual([user.emails[0]?.email]);
    expectError(await authenticate(token), 401, 'unable_to_auth_magic_link');
    expectError(
      await http.post('v1/passwords/email/reset', { token: reset, password: strongPassword() }),
      401,
      'unable_to_auth_password_reset_token',
    );
  });

  it("refuses another user's address and more than one way of naming the user", async () => {
    const a = emulator.admin.createUser({ email: uniqueEmail('a') });
    const b = emulator.admin.createUser({ email: uniqueEmail('b') });
    expectError(
      await http.post('v1/magic_links/email/send', {
        email: b.emails[0]?.email,
        user_id: a.user_id,
      }),
      400,
      'duplicate_email',
    );
    expectError(
      await http.post('v1/magic_links/email/send', {
        email: uniqueEmail('c'),
        user_id: a.user_id,
        session_token: 'x'.repeat(44),
      }),
      400,
      'bad_request',
    );
  });
});

describe('external_id', () => {
  it('is accepted wherever a user_id is', async () => {
    const externalId = `crm|${Date.now()}-a.b_c`;
    const created = await http.post<{ user_id: string; user: User }>('v1/users', {
      email: uniqueEmail('ext'),
      external_id: externalId,
    });
    expectOk(created);
    const userId = created.body.user_id;
    expect(created.body.user.external_id).toBe(externalId);

    const fetched = await http.get<User>(`v1/users/${encodeURIComponent(externalId)}`);
    expect(fetched.body.user_id).toBe(userId);

    const link = await http.post<{ user_id: string; token: string }>('v1/magic_links', {
      user_id: externalId,
    });
    expect(link.body.user_id).toBe(userId);
    const authed = await authenticate(link.body.token, { session_duration_minutes: 30 });
    expect(authed.body.user_id).toBe(userId);

    const listed = await http.get<{ sessions: Session[] }>(
      `v1/sessions?user_id=${encodeURIComponent(externalId)}`,
    );
    expect(listed.body.sessions.map((s) => s.session_id)).toEqual([
      authed.body.session?.session_id,
    ]);

    const extra = uniqueEmail('ext2');
    const sent = await http.post('v1/otps/email/send', { email: extra, user_id: externalId });
    expect(sent.body.user_id).toBe(userId);
    expect(emulator.admin.lastMessage(extra, 'otp')?.userId).toBe(userId);
    expect(emulator.admin.createImpersonationToken(externalId)).toBeTruthy();
  });

  it('must be well formed and unique', async () => {
    const externalId = `dup-${Date.now()}`;
    expectOk(await http.post('v1/users', { email: uniqueEmail('e1'), external_id: externalId }));
    expectError(
      await http.post('v1/users', { email: uniqueEmail('e2'), external_id: externalId }),
      400,
      'bad_request',
    );
    expectError(
      await http.post('v1/users', { email: uniqueEmail('e3'), external_id: 'has space' }),
      400,
      'bad_request',
    );
    expectError(
      await http.post('v1/users', { email: uniqueEmail('e4'), external_id: 'x'.repeat(129) }),
      400,
      'bad_request',
    );
  });
});

describe('the outbox', () => {
  it('lists every kind oldest first, filtered by address and kind over GET and POST', async () => {
    const email = uniqueEmail('box');
    await http.post('v1/magic_links/email/login_or_create', { email });
    await http.post('v1/otps/email/send', { email });
    await http.post('v1/passwords/email/reset/start', { email });
    await http.post('v1/magic_links/email/invite', { email: uniqueEmail('other') });

    const all = emulator.admin.outbox().filter((m) => m.to === email);
    expect(all.map((m) => m.kind)).toEqual(['magic_link', 'otp', 'password_reset']);
    for (const message of all) {
      expect(message).toMatchObject({ to: email, email, userId: all[0]?.userId });
      expect(message.sentAt).toBe(new Date(emulator.clock.now()).toISOString());
    }

    const byGet = await http.get<{ outbox: OutboxMessage[] }>(
      `emulator/outbox?to=${encodeURIComponent(email.toUpperCase())}&kind=otp`,
    );
    expect(byGet.body.outbox).toEqual(all.filter((m) => m.kind === 'otp'));
    const byPost = await http.post<{ outbox: OutboxMessage[] }>('emulator/outbox', { to: email });
    expect(byPost.body.outbox).toEqual(all);
    const everything = await http.post<{ outbox: OutboxMessage[] }>('emulator/outbox');
    expect(everything.body.outbox).toEqual(emulator.admin.outbox());
    expectError(await http.post('emulator/outbox', { kind: 'fax' }), 400, 'bad_request');

    expect(emulator.admin.lastMessage(email)?.kind).toBe('password_reset');
    expect(emulator.admin.lastMessage(email, 'otp')?.code).toMatch(/^\d{6}$/);
    expect(emulator.admin.lastMessage(uniqueEmail('silent'))).toBeUndefined();
  });

  it('hands out copies', () => {
    const before = emulator.admin.outbox();
    const first = before[0];
    if (first) {
      first.userId = 'changed';
    }
    expect(emulator.admin.outbox()[0]?.userId).not.toBe('changed');
  });
});
