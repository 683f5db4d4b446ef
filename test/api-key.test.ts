import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKeyCheck } from '../src/http/api-keys.js';
import { stytchSuccess } from './helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from './helpers/gateway.js';

const OLD_KEY = 'gk_test_rotating_out_0000000000';
const CREATE = 'mutation { createMagicLink(input: {userId: "user-test-1"}) { token } }';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ apiKeys: [OLD_KEY, API_KEY] });
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.stand.reset();
  stack.stand.on(
    'POST',
    '/v1/magic_links',
    stytchSuccess({ user_id: 'user-test-1', token: 'tok' }),
  );
});

describe('createMagicLink needs a server API key', () => {
  it('without x-api-key: FORBIDDEN and no upstream call', async () => {
    const res = await stack.gql(CREATE);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ createMagicLink: null });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('with a wrong key: FORBIDDEN and no upstream call', async () => {
    for (const key of ['nope', `${API_KEY}x`, API_KEY.slice(0, -1), '']) {
      const res = await stack.gql(CREATE, undefined, { 'x-api-key': key });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('with any configured key (rotation): the link is created', async () => {
    for (const key of [API_KEY, OLD_KEY]) {
      const res = await stack.gql(CREATE, undefined, { 'x-api-key': key });
      expect(res.body).toEqual({ data: { createMagicLink: { token: 'tok' } } });
    }
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('with no keys configured, nobody may call it', () => {
    const check = createApiKeyCheck([]);
    expect(check('')).toBe(false);
    expect(check('anything')).toBe(false);
  });

  it('the other mutations are public', async () => {
    stack.stand.on('POST', '/v1/impersonation/authenticate', stytchSuccess({}));
    const res = await stack.gql(
      'mutation { authenticateImpersonation(input: {impersonationToken: "t"}) { userId } }',
    );
    expect(res.body.errors?.[0]?.extensions?.['code']).not.toBe('FORBIDDEN');
    expect(stack.stand.requests).toHaveLength(1);
  });
});
