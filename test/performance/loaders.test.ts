import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullSession, fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * The per-request DataLoaders are built on first use, and what a sign-in primes them with waits
 * until then: the user Stytch returned with the session still answers `session.user` without a
 * second call, in the same operation.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('loaders primed by a sign-in', () => {
  it('session.user comes from the sign-in, not from another call to Stytch', async () => {
    stack.stand.reset();
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'email-test-1',
        session_token: 'session-token-loaders',
        session_jwt: 'session-jwt-loaders',
        user: fullUser,
        reset_sessions: false,
        session: fullSession,
      }),
    );
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: { token: "t" }) { session { user { userId } } } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      authenticateMagicLink: { session: { user: { userId: fullUser.user_id } } },
    });
    expect(stack.stand.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /v1/magic_links/authenticate',
    ]);
  });
});
