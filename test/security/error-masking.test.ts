import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

const SESSION_TOKEN = 'session-token-masking-7d41c0';

/**
 * Stytch answers 200 with every key `requireKeys` asks for, but a session missing fields our code
 * then relies on: the gateway fails with a plain TypeError of its own, deep in a resolver. Exactly
 * the kind of error whose message and stack must never reach the caller. Should the gateway learn
 * to survive one of these bodies, the case fails on the log assertion: replace it with another
 * real unexpected error rather than deleting it, the point is a real one.
 */
const cases = [
  {
    name: 'a mutation extending the caller session (no authentication_factors)',
    session: { session_id: 'session-test-masking-1', user_id: fullUser.user_id },
    query: 'mutation { authenticateMagicLink(input: {token: "ml-token-masking"}) { userId } }',
    path: ['authenticateMagicLink'],
    data: { authenticateMagicLink: null },
    // The TypeError's own words, as node prints them.
    leaks: ["reading 'some'", 'caller-session'],
  },
  {
    name: "a query for the session's user (no user_id)",
    session: { session_id: 'session-test-masking-2', authentication_factors: [] },
    query: '{ viewer { session { sessionId user { userId } } } }',
    path: ['viewer', 'session', 'user'],
    // Session.user is non-null: the null reaches up to the nullable viewer.
    data: { viewer: null },
    leaks: ['loader.load()', 'must be called with a value', 'dataloader'],
  },
] as const;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.stand.reset();
  stack.logs.length = 0;
});

describe('an unexpected error inside the gateway is masked, and logged in full', () => {
  for (const c of cases) {
    it(c.name, async () => {
      stack.stand.on(
        'POST',
        '/v1/sessions/authenticate',
        stytchSuccess({
          session: c.session,
          user: fullUser,
          session_token: SESSION_TOKEN,
          session_jwt: '',
        }),
      );
      const res = await stack.gql(c.query, undefined, { authorization: `Bearer ${SESSION_TOKEN}` });

      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(c.data);
      expect(res.body.errors).toHaveLength(1);
      const [error] = res.body.errors ?? [];
      // yoga's generic message, the place in the operation, and the code: nothing else.
      expect(error?.message).toBe('Unexpected error.');
      expect(error?.path).toEqual(c.path);
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(Object.keys(error ?? {}).sort()).toEqual([
        'extensions',
        'locations',
        'message',
        'path',
      ]);
      for (const leak of [
        ...c.leaks,
        'TypeError',
        'Cannot read',
        '    at ',
        'node_modules',
        '/src/',
      ]) {
        expect(res.text).not.toContain(leak);
      }
      // No single-use token was spent on a request that was going to fail.
      expect(stack.stand.requests.map((r) => r.path)).toEqual(['/v1/sessions/authenticate']);

      // The operator gets everything: the error's type, message and stack.
      const lines = stack.logs.map((line) => JSON.parse(line));
      const logged = lines.filter((l) => l.msg === 'unexpected error while resolving an operation');
      expect(logged).toHaveLength(1);
      expect(logged[0].level).toBe(50);
      expect(logged[0].err.type).toBe('TypeError');
      for (const leak of c.leaks.slice(0, 1)) {
        expect(logged[0].err.message).toContain(leak);
      }
      expect(logged[0].err.stack).toMatch(/^TypeError: .*\n\s+at /);
      // And the session token is in neither.
      expect([res.text, ...stack.logs].join('\n')).not.toContain(SESSION_TOKEN);
    });
  }
});
