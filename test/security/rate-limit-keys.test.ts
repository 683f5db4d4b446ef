import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, SECRET, type Stack, startStack } from '../helpers/gateway.js';
import { startRedis } from '../helpers/redis.js';

// Random-looking, so that no 8 characters of them occur in a key prefix or a digest by chance.
const MAGIC_LINK_TOKEN = 'Qm7vKp2XwRz9LtYc4HnB-ds8FgJ0aE1u';
const IMPERSONATION_TOKEN = 'Zx4TrW9pLq2MvKe7Ny5Hb0Ca3Uj8Gf6D';
const SESSION_TOKEN = 'Wd3Nq8Lz5Rx1Kp7Vt0Ys9Bm4Hc6Jf2Ga';
const TARGET_USER_ID = 'user-test-6a0f93e1-5b2c-4d7e-8f14-c3b9a8d2e7f5';
/** createMagicLink also takes an external id, and an email is a common one. */
const TARGET_EMAIL = 'marie.curie.radium@physics.example.org';

/** Every 8-character piece of a value: finding any of them in the store leaks part of it. */
function pieces(value: string): string[] {
  return Array.from({ length: value.length - 7 }, (_, i) => value.slice(i, i + 8));
}

/** Every key in Redis with its type and whole value, as an attacker with a dump would see it. */
async function dump(url: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    const entries: string[] = [];
    for (const key of await client.keys('*')) {
      const type = await client.type(key);
      const value =
        type === 'string'
          ? await client.get(key)
          : type === 'hash'
            ? JSON.stringify(await client.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await client.lrange(key, 0, -1))
              : type === 'set'
                ? JSON.stringify(await client.smembers(key))
                : type === 'zset'
                  ? JSON.stringify(await client.zrange(key, 0, -1, 'WITHSCORES'))
                  : `(${type})`;
      entries.push(`${key} ${type} ${value}`);
    }
    return entries;
  } finally {
    await client.quit();
  }
}

describe('rate-limit keys in a shared Redis, with both limits on', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let stack: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({
      env: { RATE_LIMIT_PER_IP: '50', RATE_LIMIT_PER_TOKEN: '50', REDIS_URL: redis.url },
    });
    stack.stand.on('POST', '/v1/magic_links/authenticate', stytchSuccess(sessionlessMagicLinkAuth));
    stack.stand.on(
      'POST',
      '/v1/impersonation/authenticate',
      stytchError(404, 'impersonation_token_not_found', 'Not found.'),
    );
    stack.stand.on(
      'POST',
      '/v1/passwords/session/reset',
      stytchError(404, 'session_not_found', 'Not found.'),
    );
    stack.stand.on('POST', '/v1/magic_links', stytchSuccess({ user_id: 'u', token: 't' }));
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it('hold neither the tokens tried nor the users targeted, whole or in part', async () => {
    const operations = [
      `mutation { authenticateMagicLink(input: {token: "${MAGIC_LINK_TOKEN}"}) { userId } }`,
      `mutation { authenticateImpersonation(input: {impersonationToken: "${IMPERSONATION_TOKEN}"}) { userId } }`,
      `mutation { resetPasswordWithSession(input: {password: "New-Passw0rd-4c1e", sessionToken: "${SESSION_TOKEN}"}) { userId } }`,
      `mutation { createMagicLink(input: {userId: "${TARGET_USER_ID}"}) { token } }`,
      `mutation { createMagicLink(input: {userId: "${TARGET_EMAIL}"}) { token } }`,
    ];
    for (const operation of operations) {
      for (let i = 0; i < 2; i++) {
        const res = await stack.gql(operation, undefined, { 'x-api-key': API_KEY });
        expect(res.body.errors?.[0]?.extensions?.['code']).not.toBe('RATE_LIMITED');
      }
    }
    // Every attempt was counted, then reached Stytch.
    expect(stack.stand.requests).toHaveLength(operations.length * 2);

    const entries = await dump(redis.url);
    // One per-token counter for each operation: the check below looked at real keys.
    const tokenKeys = entries.filter((e) => e.startsWith('stytch-gateway:token'));
    expect(tokenKeys).toHaveLength(operations.length);
    for (const entry of tokenKeys) {
      expect(entry).toMatch(/ string 2$/);
    }
    const all = entries.join('\n');
    for (const secret of [
      MAGIC_LINK_TOKEN,
      IMPERSONATION_TOKEN,
      SESSION_TOKEN,
      TARGET_USER_ID,
      TARGET_EMAIL,
    ]) {
      for (const piece of pieces(secret)) {
        expect(all, `"${piece}" of ${secret}`).not.toContain(piece);
      }
    }
    // Keyed with the Stytch secret: a list of addresses and a dump confirm nothing without it.
    for (const target of [TARGET_USER_ID, TARGET_EMAIL]) {
      const keyed = createHmac('sha256', SECRET).update(target).digest('base64url').slice(0, 32);
      expect(all).toContain(keyed);
    }
  });
});
