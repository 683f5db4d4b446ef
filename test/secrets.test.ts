import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullUser } from './fixtures/stytch.js';
import { stytchError, stytchSuccess } from './helpers/fake-stytch.js';
import { API_KEY, SECRET, type Stack, startStack } from './helpers/gateway.js';

const PASSWORD = 'my-Very-Secret-Passw0rd!';
const ML_TOKEN = 'ml-token-SECRET-7f3a9c';
const IMP_TOKEN = 'imp-token-SECRET-1b2c3d';
const SESSION_TOKEN_IN = 'session-token-SECRET-in-4e5f';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeoutMs: 200 });
});
afterAll(() => stack.stop());

const operations = [
  [
    'authenticateImpersonation',
    `mutation { authenticateImpersonation(input: {impersonationToken: "${IMP_TOKEN}"}) { userId } }`,
  ],
  [
    'authenticateMagicLink',
    `mutation { authenticateMagicLink(input: {token: "${ML_TOKEN}", sessionToken: "${SESSION_TOKEN_IN}"}) { userId } }`,
  ],
  [
    'resetPasswordWithSession',
    `mutation { resetPasswordWithSession(input: {password: "${PASSWORD}", sessionToken: "${SESSION_TOKEN_IN}"}) { userId } }`,
  ],
  ['createMagicLink', 'mutation { createMagicLink(input: {userId: "user-test-1"}) { userId } }'],
] as const;

const paths: Record<string, string> = {
  authenticateImpersonation: '/v1/impersonation/authenticate',
  authenticateMagicLink: '/v1/magic_links/authenticate',
  resetPasswordWithSession: '/v1/passwords/session/reset',
  createMagicLink: '/v1/magic_links',
};

describe('secrets never leave the gateway', () => {
  it('not in responses or logs, whatever Stytch answers', async () => {
    const texts: string[] = [];
    const answers = [
      stytchSuccess({
        user_id: fullUser.user_id,
        user: fullUser,
        session_token: '',
        session_jwt: '',
        method_id: 'm',
        reset_sessions: false,
        token: 'x',
      }),
      stytchError(400, 'weak_password', 'The password is too weak.'),
      stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
      stytchError(500, 'internal_server_error', 'Oops.'),
      { status: 502, raw: '<html>bad gateway</html>' },
      { delayMs: 1000, ...stytchSuccess({}) },
      { status: 200, raw: 'not json' },
    ];
    for (const answer of answers) {
      for (const [name, query] of operations) {
        stack.stand.reset();
        stack.stand.on('POST', paths[name] as string, answer);
        const res = await stack.gql(query, undefined, { 'x-api-key': API_KEY });
        texts.push(res.text);
      }
    }
    // Some of the operations did reach Stytch with the secrets: the stand-in saw them.
    const all = [...texts, ...stack.logs].join('\n');
    expect(stack.logs.length).toBeGreaterThan(0);
    for (const secret of [SECRET, PASSWORD, ML_TOKEN, IMP_TOKEN, SESSION_TOKEN_IN, API_KEY]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 20));
  });
});
