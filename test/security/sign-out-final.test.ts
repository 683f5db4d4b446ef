import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, type RequestLog, startEmulator } from '../../src/emulator/index.js';
import { CSRF_HEADER, createGateway, type Gateway } from '../../src/http/gateway.js';
import { testConfig } from '../helpers/config.js';
import { captureLogs } from '../helpers/logs.js';
import { startRedis } from '../helpers/redis.js';

/**
 * Sign-out is final on this gateway: once `signOut` has answered, the session's JWT, which every
 * instance would otherwise accept locally for up to five minutes, is refused everywhere.
 */
const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    sessionJwt session { id }
  }
}`;
const VIEWER = '{ viewer { session { id } } }';

function gatewayOn(emulator: Emulator, env: Record<string, string> = {}): Gateway {
  return createGateway(
    testConfig(
      { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
      { sessionCookies: false },
      env,
    ),
    { logger: captureLogs().logger, now: () => emulator.clock.now(), jwksCooldownMs: 0 },
  );
}

async function gql(gateway: Gateway, query: string, variables = {}, jwt?: string) {
  const res = await gateway.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CSRF_HEADER]: '1',
      ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

async function signIn(emulator: Emulator, gateway: Gateway, email: string) {
  const user = emulator.admin.createUser({ email });
  const token = emulator.admin.createMagicLink(user.user_id, 60);
  const body = await gql(gateway, SIGN_IN, { token });
  return {
    jwt: body.data?.['authenticateMagicLink'].sessionJwt as string,
    sessionId: body.data?.['authenticateMagicLink'].session.id as string,
  };
}

describe('sign-out is final on every instance at once (Redis shared)', () => {
  let emulator: Emulator;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: Gateway;
  let b: Gateway;
  const calls: RequestLog[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ onRequest: (log) => calls.push(log) });
    redis = await startRedis();
    a = gatewayOn(emulator, { REDIS_URL: redis.url });
    b = gatewayOn(emulator, { REDIS_URL: redis.url });
    // Both instances have loaded the shared list before the test starts.
    await Promise.all([a.revocationsReady(), b.revocationsReady()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await emulator.close();
    await redis.stop();
  });

  it('a JWT instance B accepted locally is refused there as soon as instance A signed it out', async () => {
    const s = await signIn(emulator, a, 'final@example.com');
    expect((await gql(b, VIEWER, {}, s.jwt)).data?.['viewer'].session.id).toBe(s.sessionId);
    calls.length = 0;
    // Locally: B does not ask Stytch about a fresh JWT.
    expect((await gql(b, VIEWER, {}, s.jwt)).data?.['viewer'].session.id).toBe(s.sessionId);
    expect(calls.filter((c) => c.path === '/v1/sessions/authenticate')).toHaveLength(0);

    const out = await gql(a, 'mutation { signOut { revoked sessionId } }', {}, s.jwt);
    expect(out.data?.['signOut']).toEqual({ revoked: true, sessionId: s.sessionId });

    // The same JWT, still within its five minutes, on both instances, right away.
    for (const gateway of [b, a]) {
      const after = await gql(gateway, VIEWER, {}, s.jwt);
      expect(after.data?.['viewer']).toBeNull();
      expect(after.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(after.errors?.[0]?.message).toMatch(/signed out/);
    }
  });

  it('an instance started after the sign-out learns it from Redis', async () => {
    const s = await signIn(emulator, a, 'late@example.com');
    await gql(a, 'mutation { signOut { revoked } }', {}, s.jwt);
    const c = gatewayOn(emulator, { REDIS_URL: redis.url });
    try {
      await c.revocationsReady();
      const after = await gql(c, VIEWER, {}, s.jwt);
      expect(after.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    } finally {
      await c.close();
    }
  });
});

describe('while the Redis subscription is down', () => {
  it('the list cannot be trusted: every JWT is checked with Stytch', async () => {
    const calls: RequestLog[] = [];
    const emulator = await startEmulator({ onRequest: (log) => calls.push(log) });
    const redis = await startRedis();
    const gateway = gatewayOn(emulator, { REDIS_URL: redis.url });
    try {
      await gateway.revocationsReady();
      const s = await signIn(emulator, gateway, 'outage@example.com');
      calls.length = 0;
      await gql(gateway, VIEWER, {}, s.jwt);
      expect(calls.filter((c) => c.path === '/v1/sessions/authenticate')).toHaveLength(0);
      await redis.stop();
      // The subscriber notices the closed connection at once; a few tries leave it time to.
      let asked = 0;
      for (let i = 0; i < 20 && asked === 0; i++) {
        calls.length = 0;
        const res = await gql(gateway, VIEWER, {}, s.jwt);
        expect(res.data?.['viewer'].session.id).toBe(s.sessionId);
        asked = calls.filter((c) => c.path === '/v1/sessions/authenticate').length;
        if (asked === 0) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(asked).toBe(1);
    } finally {
      await gateway.close();
      await emulator.close();
    }
  });
});

describe('without Redis (one instance) and with SESSION_VERIFY=remote', () => {
  let emulator: Emulator;
  const calls: RequestLog[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ onRequest: (log) => calls.push(log) });
  });
  afterAll(() => emulator.close());

  it('one instance refuses the signed-out JWT at once', async () => {
    const gateway = gatewayOn(emulator);
    try {
      const s = await signIn(emulator, gateway, 'single@example.com');
      expect((await gql(gateway, VIEWER, {}, s.jwt)).data?.['viewer'].session.id).toBe(s.sessionId);
      await gql(gateway, 'mutation { signOut { revoked } }', {}, s.jwt);
      const after = await gql(gateway, VIEWER, {}, s.jwt);
      expect(after.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    } finally {
      await gateway.close();
    }
  });

  it('SESSION_VERIFY=remote asks Stytch on every request, so another backend’s revocation counts too', async () => {
    const gateway = gatewayOn(emulator, { SESSION_VERIFY: 'remote' });
    try {
      const s = await signIn(emulator, gateway, 'remote@example.com');
      calls.length = 0;
      expect((await gql(gateway, VIEWER, {}, s.jwt)).data?.['viewer'].session.id).toBe(s.sessionId);
      expect(calls.filter((c) => c.path === '/v1/sessions/authenticate')).toHaveLength(1);
      // Revoked at Stytch by someone else (not through this gateway).
      await emulatorRevoke(emulator, s.sessionId);
      const after = await gql(gateway, VIEWER, {}, s.jwt);
      expect(after.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    } finally {
      await gateway.close();
    }
  });

  it('a password reset ends the other sessions: their JWTs are checked with Stytch from then on', async () => {
    const gateway = gatewayOn(emulator);
    try {
      const user = emulator.admin.createUser({ email: 'reset-final@example.com' });
      const sendLink = async () => {
        const { sendEmailMagicLink } = await import('../../src/dev-mode.js');
        return sendEmailMagicLink(emulator, 'reset-final@example.com');
      };
      const other = await gql(gateway, SIGN_IN, { token: await sendLink() });
      const otherJwt = other.data?.['authenticateMagicLink'].sessionJwt as string;
      emulator.clock.advance(1000);
      const current = await gql(gateway, SIGN_IN, { token: await sendLink() });
      const currentJwt = current.data?.['authenticateMagicLink'].sessionJwt as string;
      expect((await gql(gateway, VIEWER, {}, otherJwt)).data?.['viewer']).not.toBeNull();
      void user;

      const reset = await gql(
        gateway,
        'mutation { resetPasswordWithSession(input: { password: "a-Fresh-passphrase-for-2026!" }) { userId } }',
        {},
        currentJwt,
      );
      expect(reset.errors).toBeUndefined();
      const after = await gql(gateway, VIEWER, {}, otherJwt);
      expect(after.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect((await gql(gateway, VIEWER, {}, currentJwt)).data?.['viewer']).not.toBeNull();
    } finally {
      await gateway.close();
    }
  });
});

/** Revokes a session straight at the emulator, as another backend with the secret would. */
async function emulatorRevoke(emulator: Emulator, sessionId: string) {
  const res = await fetch(`${emulator.url}v1/sessions/revoke`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`,
    },
    body: JSON.stringify({ session_id: sessionId }),
  });
  expect(res.status).toBe(200);
}
