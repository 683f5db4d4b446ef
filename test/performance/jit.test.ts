import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILE_AFTER_RUNS } from '../../src/http/plugins/jit.js';
import { fullSession, fullUser } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * A document runs on graphql-js first and compiled by graphql-jit from its second run on
 * (GRAPHQL_JIT, on by default). Every answer must be the same either way, errors included: their
 * messages, `path`, `locations` and extensions.
 */
const RUNS = COMPILE_AFTER_RUNS + 3;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function sameEveryRun(query: string, variables?: Record<string, unknown>) {
  const answers: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    answers.push((await stack.gql(query, variables)).text);
  }
  expect(answers.filter((a) => a !== answers[0])).toEqual([]);
  return JSON.parse(answers[0] as string);
}

describe('compiled execution answers as graphql-js does', () => {
  it('a full sign-in', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'email-test-1',
        session_token: 'session-token-jit',
        session_jwt: 'session-jwt-jit',
        user: fullUser,
        reset_sessions: false,
        session: fullSession,
      }),
    );
    const answer = await sameEveryRun(
      `mutation ($token: String!) {
        authenticateMagicLink(input: { token: $token }) {
          userId user { name { firstName } emails { email } }
          session { authenticationFactors { type deliveryMethod emailFactor { emailAddress } } }
        }
      }`,
      { token: 't' },
    );
    expect(answer.data.authenticateMagicLink.userId).toBe(fullUser.user_id);
  });

  it('a Stytch error keeps its path and locations', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(401, 'unable_to_auth_magic_link', 'Magic link could not be authenticated.'),
    );
    const answer = await sameEveryRun(
      `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token }) { userId }
}`,
      { token: 't' },
    );
    expect(answer.errors).toEqual([
      expect.objectContaining({
        path: ['authenticateMagicLink'],
        locations: [{ line: 2, column: 3 }],
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
  });

  it('a variable that does not coerce is worded by graphql-js, without its value', async () => {
    const answer = await sameEveryRun(
      'mutation ($token: String!) { authenticateMagicLink(input: { token: $token }) { userId } }',
      { token: { secret: 'do-not-echo' } },
    );
    expect(JSON.stringify(answer)).not.toContain('do-not-echo');
    expect(answer.errors?.[0]?.message).toMatch(/^Variable "\$token" got an invalid value/);
  });

  it('an explicit null for a defaulted variable in a non-null place is refused every time', async () => {
    // graphql-jit would hand the null to the resolver; graphql-js refuses the argument.
    const sent = stack.stand.requests.length;
    const answer = await sameEveryRun(
      'mutation ($token: String = "t") { authenticateMagicLink(input: { token: $token }) { userId } }',
      { token: null },
    );
    expect(answer.errors?.[0]?.message).toBe('Argument "input" has invalid value.');
    expect(stack.stand.requests).toHaveLength(sent);
    expect(stack.logs.join('\n')).not.toContain('"level":50');
  });

  it('an operation name the document does not define is refused the same way every time', async () => {
    const query = 'query A { viewer { session { id } } } query B { viewer { session { id } } }';
    const answers = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName: `C${i % 2}` }),
      });
      answers.add(await res.text());
    }
    expect([...answers]).toEqual([
      '{"errors":[{"message":"Could not determine what operation to execute.","extensions":{"code":"OPERATION_RESOLUTION_FAILURE"}}]}',
    ]);
  });
});
