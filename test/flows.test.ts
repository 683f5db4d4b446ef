import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorStack, startEmulatorStack } from './helpers/emulator-stack.js';
import { API_KEY } from './helpers/gateway.js';

/** End-to-end flows through the gateway against the embedded emulator (token mode). */
let stack: EmulatorStack;
let userId: string;
const EMAIL = 'flow@example.com';
beforeAll(async () => {
  stack = await startEmulatorStack();
  userId = stack.emulator.admin.createUser({ email: EMAIL, firstName: 'Flo' }).user_id;
});
afterAll(() => stack.stop());

const CREATE =
  'mutation ($userId: String!, $m: Int) { createMagicLink(input: { userId: $userId, expirationMinutes: $m }) { userId token } }';
const AUTH = `mutation ($token: String!, $minutes: Int) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: $minutes }) {
    userId sessionToken sessionJwt session { id expiresAt authenticationFactors { type deliveryMethod } }
  }
}`;
const VIEWER = '{ viewer { session { id } } }';

describe('magic link -> session -> password reset', () => {
  it('creates a link, signs in, resets the password, and every other session is revoked', async () => {
    const created = await stack.gql(CREATE, { userId, m: 30 }, { 'x-api-key': API_KEY });
    expect(created.body.data?.['createMagicLink'].userId).toBe(userId);
    const embedded = created.body.data?.['createMagicLink'].token as string;

    // A session on another device, from the embeddable link.
    const other = await stack.gql(AUTH, { token: embedded, minutes: 120 });
    const otherSession = other.body.data?.['authenticateMagicLink'];
    expect(otherSession.session.authenticationFactors).toEqual([
      { type: 'magic_link', deliveryMethod: 'embedded' },
    ]);

    // The user asks for an email link on this device and signs in with it.
    const signIn = await stack.gql(AUTH, { token: await stack.emailMagicLink(EMAIL), minutes: 60 });
    const current = signIn.body.data?.['authenticateMagicLink'];
    expect(current.session.authenticationFactors).toEqual([
      { type: 'magic_link', deliveryMethod: 'email' },
    ]);

    const reset = await stack.gql(
      'mutation ($t: String!) { resetPasswordWithSession(input: { password: "n3w-and-long-passw0rd", sessionToken: $t }) { userId session { id } user { password { passwordId } } } }',
      { t: current.sessionToken },
    );
    expect(reset.body.errors).toBeUndefined();
    expect(reset.body.data?.['resetPasswordWithSession'].session.id).toBe(current.session.id);
    expect(reset.body.data?.['resetPasswordWithSession'].user.password.passwordId).toMatch(
      /^password-/,
    );

    // The session used survives; the other device's session is gone at Stytch.
    const kept = await stack.gql(VIEWER, {}, { authorization: `Bearer ${current.sessionToken}` });
    expect(kept.body.data).toEqual({ viewer: { session: { id: current.session.id } } });
    const revoked = await stack.gql(
      VIEWER,
      {},
      { authorization: `Bearer ${otherSession.sessionToken}` },
    );
    expect(revoked.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('a reset with a session whose email factor is older than 5 minutes is refused by Stytch', async () => {
    const signIn = await stack.gql(AUTH, { token: await stack.emailMagicLink(EMAIL), minutes: 60 });
    const sessionToken = signIn.body.data?.['authenticateMagicLink'].sessionToken;
    stack.emulator.clock.advance(6 * 60_000);
    const reset = await stack.gql(
      'mutation ($t: String!) { resetPasswordWithSession(input: { password: "another-passw0rd!", sessionToken: $t }) { userId } }',
      { t: sessionToken },
    );
    expect(reset.body.data).toEqual({ resetPasswordWithSession: null });
    expect(reset.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      stytch: { errorType: 'session_too_old_to_reset_password', statusCode: 400 },
    });
  });
});

describe('single use and expiry', () => {
  it('a magic link token used twice: the second attempt is UNAUTHENTICATED', async () => {
    const token = stack.emulator.admin.createMagicLink(userId, 60);
    const first = await stack.gql(AUTH, { token, minutes: 60 });
    expect(first.body.errors).toBeUndefined();
    const second = await stack.gql(AUTH, { token, minutes: 60 });
    expect(second.body.data).toEqual({ authenticateMagicLink: null });
    expect(second.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      stytch: { errorType: 'unable_to_auth_magic_link', statusCode: 401 },
    });
  });

  it('an expired magic link (moved past its 15 minutes on the clock) is UNAUTHENTICATED', async () => {
    const created = await stack.gql(CREATE, { userId, m: 15 }, { 'x-api-key': API_KEY });
    stack.emulator.clock.advance(16 * 60_000);
    const res = await stack.gql(AUTH, { token: created.body.data?.['createMagicLink'].token });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      stytch: { errorType: 'unable_to_auth_magic_link' },
    });
  });

  it('an unknown token is NOT_FOUND', async () => {
    const res = await stack.gql(AUTH, { token: 'no-such-token-0000000000000000000000000000' });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      stytch: { errorType: 'magic_link_not_found', statusCode: 404 },
    });
  });
});

describe('impersonation', () => {
  const IMPERSONATE = `mutation ($t: String!) {
    authenticateImpersonation(input: { impersonationToken: $t }) {
      userId sessionToken
      session { id startedAt expiresAt authenticationFactors { type deliveryMethod impersonatedFactor { impersonatorId impersonatorEmailAddress } } }
    }
  }`;

  it('gives a 60-minute session with one impersonated factor, once', async () => {
    const token = stack.emulator.admin.createImpersonationToken(userId, {
      id: 'member-live-support-1',
      email: 'support@example.com',
    });
    const res = await stack.gql(IMPERSONATE, { t: token });
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data?.['authenticateImpersonation'];
    expect(payload.userId).toBe(userId);
    const { startedAt, expiresAt, authenticationFactors } = payload.session;
    expect(Date.parse(expiresAt) - Date.parse(startedAt)).toBe(60 * 60_000);
    expect(authenticationFactors).toEqual([
      {
        type: 'impersonated',
        deliveryMethod: 'impersonation',
        impersonatedFactor: {
          impersonatorId: 'member-live-support-1',
          impersonatorEmailAddress: 'support@example.com',
        },
      },
    ]);

    const again = await stack.gql(IMPERSONATE, { t: token });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      stytch: { errorType: 'unable_to_auth_impersonation_token' },
    });

    // Alive at 59 minutes, gone at 61.
    stack.emulator.clock.advance(59 * 60_000);
    const alive = await stack.gql(VIEWER, {}, { authorization: `Bearer ${payload.sessionToken}` });
    expect(alive.body.data).toEqual({ viewer: { session: { id: payload.session.id } } });
    stack.emulator.clock.advance(2 * 60_000);
    const gone = await stack.gql(VIEWER, {}, { authorization: `Bearer ${payload.sessionToken}` });
    expect(gone.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('an impersonation token expires after 5 minutes', async () => {
    const token = stack.emulator.admin.createImpersonationToken(userId);
    stack.emulator.clock.advance(5 * 60_000 + 1000);
    const res = await stack.gql(IMPERSONATE, { t: token });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      stytch: { errorType: 'unable_to_auth_impersonation_token' },
    });
  });

  it('an impersonated session is not extended by a later magic link sign-in', async () => {
    const imp = await stack.gql(IMPERSONATE, {
      t: stack.emulator.admin.createImpersonationToken(userId),
    });
    const impToken = imp.body.data?.['authenticateImpersonation'].sessionToken;
    const res = await stack.gql(
      AUTH,
      { token: stack.emulator.admin.createMagicLink(userId, 60), minutes: 30 },
      { authorization: `Bearer ${impToken}` },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.['authenticateMagicLink'].session.id).not.toBe(
      imp.body.data?.['authenticateImpersonation'].session.id,
    );
  });
});
