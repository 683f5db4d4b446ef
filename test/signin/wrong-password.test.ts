import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stytchError } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * Stytch answers a wrong password with 401 `unauthorized_credentials`, the error_type it uses when
 * it refuses the gateway's own secret. The calls that check the end user's password say so; every
 * other call still reads it as the operator's problem.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.stand.reset();
  stack.logs.length = 0;
});

const refused = stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.');
const ready = async () => (await stack.gateway.yoga.fetch('http://gateway.test/readyz')).status;
const operatorAlarm = () =>
  stack.logs.some(
    (l) => l.includes('"level":50') || l.includes('rejected the gateway credentials'),
  );

const userCredentialCalls = [
  {
    path: '/v1/passwords/authenticate',
    query:
      'mutation { authenticatePassword(input: {email: "ada@example.com", password: "wrong-Passw0rd"}) { userId } }',
    field: 'authenticatePassword',
  },
  {
    path: '/v1/passwords/existing_password/reset',
    query:
      'mutation { resetPasswordWithExistingPassword(input: {email: "ada@example.com", existingPassword: "wrong-Passw0rd", newPassword: "n3w-Passw0rd-long"}) { userId } }',
    field: 'resetPasswordWithExistingPassword',
  },
];

describe('a wrong password', () => {
  for (const call of userCredentialCalls) {
    it(`${call.field}: UNAUTHENTICATED for the user, /readyz stays 200, no operator alarm`, async () => {
      stack.stand.on('POST', call.path, refused);
      const res = await stack.gql(call.query);
      expect(res.body).toEqual({
        data: { [call.field]: null },
        errors: [
          {
            message: 'Unauthorized credentials.',
            locations: [{ line: 1, column: 12 }],
            path: [call.field],
            extensions: {
              code: 'UNAUTHENTICATED',
              stytch: {
                errorType: 'unauthorized_credentials',
                errorMessage: 'Unauthorized credentials.',
                errorUrl: 'https://stytch.com/docs/api/errors/401#unauthorized_credentials',
                statusCode: 401,
                requestId: 'request-id-test-unauthorized_credentials',
              },
            },
          },
        ],
      });
      expect(await ready()).toBe(200);
      expect(operatorAlarm()).toBe(false);
    });
  }
});

describe('a refused gateway secret on any other call', () => {
  it('is still UPSTREAM_ERROR, turns /readyz red and alarms the operator', async () => {
    stack.stand.on('POST', '/v1/passwords', refused);
    const res = await stack.gql(
      'mutation { createPassword(input: {email: "ada@example.com", password: "n3w-Passw0rd-long"}) { userId } }',
    );
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    expect(res.body.errors?.[0]?.message).toMatch(/server configuration problem/);
    expect(await ready()).toBe(503);
    expect(operatorAlarm()).toBe(true);

    // While it is red, a wrong password neither hides nor clears the operator's problem.
    stack.stand.on('POST', '/v1/passwords/authenticate', refused);
    const wrong = await stack.gql(userCredentialCalls[0]?.query as string);
    expect(wrong.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await ready()).toBe(503);
  });
});
