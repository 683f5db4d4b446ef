import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fullUser, sessionlessMagicLinkAuth } from '../fixtures/stytch.js';
import { stytchError, stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';

const AUTH = 'mutation { authenticateMagicLink(input: {token: "tok"}) { userId } }';
const OK = stytchSuccess(sessionlessMagicLinkAuth);

describe('circuit breaker', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      timeoutMs: 300,
      env: { STYTCH_CIRCUIT_FAILURES: '3', STYTCH_CIRCUIT_HALF_OPEN_MS: '400' },
    });
  });
  afterAll(() => stack.stop());

  it('opens after repeated failures, fails fast without calling Stytch, then probes and recovers', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(503, 'unavailable', 'Down.'),
    );
    for (let i = 0; i < 3; i++) {
      expect((await stack.gql(AUTH)).body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_ERROR');
    }
    expect(stack.stand.requests).toHaveLength(3);

    const fast = await stack.gql(AUTH);
    expect(fast.body.errors?.[0]?.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      retryAfterSeconds: 1,
    });
    expect(stack.stand.requests).toHaveLength(3);
    const metrics = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/^stytch_circuit_state 2$/m);

    // Stytch is back: once the half-open delay has passed, one probe goes through and closes the
    // circuit. Until then every call fails fast without reaching Stytch, whatever the timing.
    stack.stand.on('POST', '/v1/magic_links/authenticate', OK);
    let fastFailures = 0;
    for (;;) {
      const res = await stack.gql(AUTH);
      if (!res.body.errors) {
        break;
      }
      expect(res.body.errors[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      expect(stack.stand.requests).toHaveLength(3);
      fastFailures++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fastFailures).toBeLessThan(100);
    expect(stack.stand.requests).toHaveLength(4);
    expect((await stack.gql(AUTH)).body.errors).toBeUndefined();
    expect(stack.stand.requests).toHaveLength(5);
    const after = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(after).toMatch(/^stytch_circuit_state 0$/m);
  });

  it("4xx answers are the caller's business and never open it", async () => {
    stack.stand.reset();
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(401, 'unable_to_auth_magic_link', 'Used.'),
    );
    for (let i = 0; i < 6; i++) {
      expect((await stack.gql(AUTH)).body.errors?.[0]?.extensions?.['code']).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(stack.stand.requests).toHaveLength(6);
  });

  it('a 4xx whose body is not JSON (a proxy or firewall page) never opens it either', async () => {
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      status: 403,
      raw: '<html><body>Forbidden by policy</body></html>',
    });
    for (let i = 0; i < 6; i++) {
      expect((await stack.gql(AUTH)).body.errors?.[0]?.extensions?.['code']).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
    }
    // Every one reached Stytch: the circuit stayed closed.
    expect(stack.stand.requests).toHaveLength(6);
    const metrics = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/^stytch_circuit_state 0$/m);
  });
});

describe('retries', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());
  beforeEach(() => stack.stand.reset());

  it('an idempotent read (GET /v1/users) is retried after a 5xx', async () => {
    let calls = 0;
    stack.stand.on('GET', `/v1/users/${fullUser.user_id}`, () =>
      ++calls === 1
        ? stytchError(503, 'service_unavailable', 'Try again.')
        : stytchSuccess({ ...fullUser }),
    );
    const res = await stack.gql(
      'query ($id: ID!) { user(id: $id) { id } }',
      { id: fullUser.user_id },
      { 'x-api-key': API_KEY },
    );
    expect(res.body).toEqual({ data: { user: { id: fullUser.user_id } } });
    expect(stack.stand.requests).toHaveLength(2);
  });

  it('an auth call (POST) is never retried', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchError(503, 'unavailable', 'Down.'),
    );
    await stack.gql(AUTH);
    expect(stack.stand.requests).toHaveLength(1);
  });

  it("Stytch's Retry-After on a 503 reaches the caller", async () => {
    stack.stand.on('POST', '/v1/magic_links/authenticate', {
      ...stytchError(503, 'service_unavailable', 'Maintenance.'),
      headers: { 'retry-after': '30' },
    });
    const res = await stack.gql(AUTH);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      retryAfterSeconds: 30,
    });
  });
});

describe('separate timeouts', () => {
  it('headers that never come end the call at the headers timeout', async () => {
    const stack = await startStack({ timeoutMs: 400 });
    stack.stand.on('POST', '/v1/magic_links/authenticate', { delayMs: 5000, ...OK });
    const res = await stack.gql(AUTH);
    expect(res.body.errors?.[0]?.message).toBe('Stytch did not answer in time.');
    await stack.stop();
  });
});
