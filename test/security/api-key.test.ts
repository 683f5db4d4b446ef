import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKeyCheck } from '../../src/http/api-keys.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';

const CREATE = 'mutation { createMagicLink(input: {userId: "user-test-1"}) { token } }';

/** Keys a careless comparison would take for API_KEY (gk_test_0123456789abcdefghij). */
const NEAR_MISSES = [
  API_KEY.toUpperCase(),
  `${API_KEY.slice(0, 8)}${API_KEY.slice(8).toUpperCase()}`,
  API_KEY.replace('a', 'A'),
  API_KEY.replace('_', '-'),
  API_KEY.replace('0', 'O'),
  API_KEY.replace('i', '\u0456'), // Cyrillic і
  `${API_KEY}\u0000`,
  API_KEY.normalize('NFKD').replace('j', 'ｊ'), // fullwidth j
];

describe('x-api-key is compared exactly', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.stand.reset();
    stack.stand.on(
      'POST',
      '/v1/magic_links',
      stytchSuccess({ user_id: 'user-test-1', token: 't' }),
    );
  });

  it('a key that differs in case, lookalike characters or a trailing NUL is refused', () => {
    const check = createApiKeyCheck([API_KEY, 'gk_test_second_key_0000000000']);
    expect(check(API_KEY)).toBe(true);
    for (const key of NEAR_MISSES) {
      expect(check(key), JSON.stringify(key)).toBe(false);
    }
  });

  it('over the wire too: FORBIDDEN, and Stytch is not called', async () => {
    // Header values must be ByteStrings: only the ASCII near misses can travel in one.
    for (const key of NEAR_MISSES.filter((k) => /^[\x20-\x7e]+$/.test(k))) {
      const res = await stack.gql(CREATE, undefined, { 'x-api-key': key });
      expect(res.body.errors?.[0]?.extensions?.['code'], key).toBe('FORBIDDEN');
    }
    expect(stack.stand.requests).toHaveLength(0);
    const ok = await stack.gql(CREATE, undefined, { 'x-api-key': API_KEY });
    expect(ok.body).toEqual({ data: { createMagicLink: { token: 't' } } });
  });
});
