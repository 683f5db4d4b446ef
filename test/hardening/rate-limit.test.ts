import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';
import { startRedis } from '../helpers/redis.js';

const OK = stytchSuccess(sessionlessMagicLinkAuth);

/** A request from a given client socket address, as node:http would hand it to yoga. */
async function from(stack: Stack, ip: string, query: string, headers: Record<string, string> = {}) {
  const res = await stack.gateway.yoga.fetch(
    'http://gateway.test/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    },
    { req: { socket: { remoteAddress: ip } } },
  );
  return (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

const attempt = (token: string, alias = 'a') =>
  `${alias}: authenticateMagicLink(input: {token: "${token}"}) { userId }`;

describe('auth attempts per client IP', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_TOKEN: '0', TRUSTED_PROXIES: '10.0.0.0/8' },
    });
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links/authenticate', OK);
  });

  it('the fourth attempt in a minute is RATE_LIMITED, with the retry delay, and never reaches Stytch', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await from(stack, '198.51.100.1', `mutation { ${attempt(`t${i}`)} }`)).errors,
      ).toBeUndefined();
    }
    const refused = await from(stack, '198.51.100.1', `mutation { ${attempt('t4')} }`);
    expect(refused.data).toEqual({ a: null });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'ip' });
    const retry = refused.errors?.[0]?.extensions?.['retryAfterSeconds'] as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(stack.stand.requests).toHaveLength(3);
    // Another address has its own budget.
    expect(
      (await from(stack, '198.51.100.2', `mutation { ${attempt('t5')} }`)).errors,
    ).toBeUndefined();
  });

  it('aliases cannot multiply attempts: each field execution is counted', async () => {
    const five = Array.from({ length: 5 }, (_, i) => attempt(`x${i}`, `a${i}`)).join(' ');
    const res = await from(stack, '198.51.100.3', `mutation { ${five} }`);
    const refused = (res.errors ?? []).filter((e) => e.extensions?.['code'] === 'RATE_LIMITED');
    expect(refused).toHaveLength(2);
    expect(stack.stand.requests).toHaveLength(3);
  });

  it('X-Forwarded-For is believed only from a trusted proxy', async () => {
    // From an untrusted peer the header is ignored: all three count against the peer itself.
    for (let i = 0; i < 3; i++) {
      await from(stack, '198.51.100.4', `mutation { ${attempt(`f${i}`)} }`, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
    }
    const spoofed = await from(stack, '198.51.100.4', `mutation { ${attempt('f9')} }`, {
      'x-forwarded-for': '203.0.113.99',
    });
    expect(spoofed.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    // Behind the trusted proxy each real client has its own budget.
    for (const client of ['203.0.113.10', '203.0.113.11']) {
      for (let i = 0; i < 3; i++) {
        const res = await from(stack, '10.0.0.5', `mutation { ${attempt(`p${client}${i}`)} }`, {
          'x-forwarded-for': `192.0.2.77, ${client}`,
        });
        expect(res.errors).toBeUndefined();
      }
    }
  });

  it("the client's IP and user agent fill Stytch attributes when the input gives none", async () => {
    await from(stack, '198.51.100.20', `mutation { ${attempt('attr')} }`, {
      'user-agent': 'Browser/1.0',
    });
    expect(stack.stand.requests[0]?.body).toEqual({
      token: 'attr',
      attributes: { ip_address: '198.51.100.20', user_agent: 'Browser/1.0' },
    });
  });
});

describe('attempts per token and per target user', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_TOKEN: '2' } });
  });
  afterAll(() => stack.stop());

  it('one token tried over and over from many addresses is stopped', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(404, 'magic_link_not_found', 'Not found.'),
    );
    const codes: unknown[] = [];
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']) {
      const res = await from(stack, ip, `mutation { ${attempt('same-token')} }`);
      codes.push(res.errors?.[0]?.extensions?.['code']);
    }
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('createMagicLink is limited per target user, not per (server) IP', async () => {
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links', stytchSuccess({ user_id: 'u', token: 't' }));
    const create = (userId: string) =>
      from(
        stack,
        '10.1.1.1',
        `mutation { createMagicLink(input: {userId: "${userId}"}) { token } }`,
        {
          'x-api-key': API_KEY,
        },
      );
    expect((await create('user-a')).errors).toBeUndefined();
    expect((await create('user-a')).errors).toBeUndefined();
    expect((await create('user-a')).errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    expect((await create('user-b')).errors).toBeUndefined();
    expect(stack.stand.requests).toHaveLength(3);
  });
});

describe('shared limits in Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let one: Stack;
  let two: Stack;
  beforeAll(async () => {
    redis = await startRedis();
    const env = { RATE_LIMIT_PER_IP: '4', RATE_LIMIT_PER_TOKEN: '0', REDIS_URL: redis.url };
    one = await startStack({ env });
    two = await startStack({ env });
    for (const stack of [one, two]) {
      stack.stand.on('POST', '/v1/magic_links/authenticate', OK);
    }
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await redis.stop();
  });

  it('two gateway instances enforce one limit', async () => {
    const results: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const stack = i % 2 ? two : one;
      const res = await from(stack, '198.51.100.50', `mutation { ${attempt(`r${i}`)} }`);
      results.push(res.errors?.[0]?.extensions?.['code'] ?? 'ok');
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(one.stand.requests.length + two.stand.requests.length).toBe(4);
  });

  it('no raw token is stored in Redis', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    const keys = await client.keys('*');
    await client.quit();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/r[0-9]/);
  });
});
