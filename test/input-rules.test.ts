import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, type Stack, startStack } from './helpers/gateway.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => stack.stand.reset());

const bigClaims = { blob: 'x'.repeat(4100) };

/** Each case: a mutation, its input, and the field the error must name. */
const cases: Array<{ name: string; mutation: string; type: string; input: object; field: string }> =
  [
    {
      name: 'empty impersonation token',
      mutation: 'authenticateImpersonation',
      type: 'AuthenticateImpersonationInput',
      input: { impersonationToken: '' },
      field: 'impersonationToken',
    },
    {
      name: 'blank impersonation token',
      mutation: 'authenticateImpersonation',
      type: 'AuthenticateImpersonationInput',
      input: { impersonationToken: '   ' },
      field: 'impersonationToken',
    },
    {
      name: 'empty user id',
      mutation: 'createMagicLink',
      type: 'CreateMagicLinkInput',
      input: { userId: '' },
      field: 'userId',
    },
    {
      name: 'expirationMinutes 4',
      mutation: 'createMagicLink',
      type: 'CreateMagicLinkInput',
      input: { userId: 'u', expirationMinutes: 4 },
      field: 'expirationMinutes',
    },
    {
      name: 'expirationMinutes 10081',
      mutation: 'createMagicLink',
      type: 'CreateMagicLinkInput',
      input: { userId: 'u', expirationMinutes: 10081 },
      field: 'expirationMinutes',
    },
    {
      name: 'empty magic link token',
      mutation: 'authenticateMagicLink',
      type: 'AuthenticateMagicLinkInput',
      input: { token: '' },
      field: 'token',
    },
    {
      name: 'sessionDurationMinutes 4',
      mutation: 'authenticateMagicLink',
      type: 'AuthenticateMagicLinkInput',
      input: { token: 't', sessionDurationMinutes: 4 },
      field: 'sessionDurationMinutes',
    },
    {
      name: 'sessionDurationMinutes 527041',
      mutation: 'authenticateMagicLink',
      type: 'AuthenticateMagicLinkInput',
      input: { token: 't', sessionDurationMinutes: 527041 },
      field: 'sessionDurationMinutes',
    },
    {
      name: 'custom claims over 4 KB',
      mutation: 'authenticateMagicLink',
      type: 'AuthenticateMagicLinkInput',
      input: { token: 't', sessionDurationMinutes: 60, sessionCustomClaims: bigClaims },
      field: 'sessionCustomClaims',
    },
    {
      name: 'empty sessionToken',
      mutation: 'authenticateMagicLink',
      type: 'AuthenticateMagicLinkInput',
      input: { token: 't', sessionToken: '' },
      field: 'sessionToken',
    },
    {
      name: 'reset without a session',
      mutation: 'resetPasswordWithSession',
      type: 'ResetPasswordWithSessionInput',
      input: { password: 'a new password' },
      field: 'sessionToken',
    },
    {
      name: 'reset with an empty password',
      mutation: 'resetPasswordWithSession',
      type: 'ResetPasswordWithSessionInput',
      input: { password: '', sessionToken: 's' },
      field: 'password',
    },
    {
      name: 'reset with sessionDurationMinutes 0',
      mutation: 'resetPasswordWithSession',
      type: 'ResetPasswordWithSessionInput',
      input: { password: 'p4ssw0rd!', sessionToken: 's', sessionDurationMinutes: 0 },
      field: 'sessionDurationMinutes',
    },
    {
      name: 'reset with custom claims over 4 KB',
      mutation: 'resetPasswordWithSession',
      type: 'ResetPasswordWithSessionInput',
      input: { password: 'p4ssw0rd!', sessionJwt: 'j', sessionCustomClaims: bigClaims },
      field: 'sessionCustomClaims',
    },
  ];

describe("input outside Stytch's rules is refused before any upstream call", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const res = await stack.gql(
        `mutation ($input: ${c.type}!) { ${c.mutation}(input: $input) { requestId } }`,
        { input: c.input },
        { 'x-api-key': API_KEY },
      );
      expect(res.body.data?.[c.mutation]).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: c.field });
      expect(stack.stand.requests).toHaveLength(0);
    });
  }

  it('the limits themselves are accepted', async () => {
    stack.stand.on('POST', '/v1/magic_links', {
      status: 200,
      body: { request_id: 'r', status_code: 200, user_id: 'u', token: 't' },
    });
    for (const expirationMinutes of [5, 10080]) {
      const res = await stack.gql(
        'mutation ($m: Int) { createMagicLink(input: {userId: "u", expirationMinutes: $m}) { token } }',
        { m: expirationMinutes },
        { 'x-api-key': API_KEY },
      );
      expect(res.body.errors).toBeUndefined();
    }
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('custom claims of exactly 4096 bytes are accepted', async () => {
    // {"a":"…"} is 8 bytes of punctuation and key around the value.
    const claims = { a: 'é'.repeat(2044) };
    expect(Buffer.byteLength(JSON.stringify(claims))).toBe(4096);
    const res = await stack.gql(
      'mutation ($c: JSON) { authenticateMagicLink(input: {token: "t", sessionDurationMinutes: 5, sessionCustomClaims: $c}) { userId } }',
      { c: claims },
    );
    expect(res.body.errors?.[0]?.extensions?.['code']).not.toBe('BAD_USER_INPUT');
    expect(stack.stand.requests).toHaveLength(1);
  });
});
