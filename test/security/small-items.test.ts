import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClientIdentity, rateLimitKey } from '../../src/http/client-identity.js';
import { stytchError } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';
import { type LoopbackServer, serveOnLoopback } from '../helpers/http-gateway.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** POSTs over a real socket, so the gateway sees a peer address (the trusted proxy, 127.0.0.1). */
async function post(server: LoopbackServer, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
}

describe('client identity behind a proxy', () => {
  it('X-Forwarded-For hops with ports and brackets are the addresses they carry', () => {
    const identify = createClientIdentity(['127.0.0.1']);
    const server = { req: { socket: { remoteAddress: '127.0.0.1' } } };
    const ip = (xff: string) =>
      identify(new Request('http://gw/graphql', { headers: { 'x-forwarded-for': xff } }), server)
        .ip;
    expect(ip('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(ip('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(ip('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(ip('198.51.100.9, 127.0.0.1:8080')).toBe('198.51.100.9');
  });

  it('IPv6 clients are counted per /64', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe(rateLimitKey('2001:db8:1:2:bbbb::2'));
    expect(rateLimitKey('2001:db8:1:2::1')).not.toBe(rateLimitKey('2001:db8:1:3::1'));
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
  });

  describe('over a socket, with the per-IP limit on', () => {
    let stack: Stack;
    let server: LoopbackServer;
    beforeAll(async () => {
      stack = await startStack({
        env: { RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_TOKEN: '0', TRUSTED_PROXIES: '127.0.0.1' },
      });
      server = await serveOnLoopback((req, res) => stack.gateway.publicListener(req, res));
      stack.stand.on(
        'POST',
        '/v1/sessions/authenticate',
        stytchError(404, 'session_not_found', 'Session could not be found.'),
      );
      stack.stand.on(
        'POST',
        '/v1/magic_links/authenticate',
        stytchError(404, 'magic_link_not_found', 'Not found.'),
      );
    });
    afterAll(async () => {
      await server.close();
      await stack.stop();
    });

    it('one /64 is one client, however its addresses and ports are written', async () => {
      const hops = [
        '[2001:db8:5:6::1]:443',
        '2001:db8:5:6::2',
        '[2001:db8:5:6:ffff::9]',
        '2001:db8:5:6::3',
      ];
      const codes: unknown[] = [];
      for (const hop of hops) {
        const body = await post(
          server,
          'mutation { authenticateMagicLink(input: { token: "guess" }) { userId } }',
          { 'x-forwarded-for': hop },
        );
        codes.push(body.errors?.[0]?.extensions?.['code']);
      }
      expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    });

    it('made-up bearer tokens count against the per-IP limit; then none reaches Stytch', async () => {
      stack.stand.requests.length = 0;
      const codes: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const body = await post(server, '{ viewer { session { id } } }', {
          'x-forwarded-for': '198.51.100.77',
          authorization: `Bearer made-up-token-${i}`,
        });
        codes.push(body.errors?.[0]?.extensions?.['code']);
      }
      expect(codes).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'RATE_LIMITED',
        'RATE_LIMITED',
        'RATE_LIMITED',
      ]);
      expect(
        stack.stand.requests.filter((r) => r.path === '/v1/sessions/authenticate'),
      ).toHaveLength(3);
    });
  });
});

describe('metrics, logs and client mistakes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('metric labels come from the schema, never from what a client writes', async () => {
    for (let i = 0; i < 20; i++) {
      const name = `Name${i}x${'y'.repeat(i)}`;
      await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ${name} { __typename viewer { session { id } } }`,
          operationName: name,
        }),
      });
      await stack.gateway.yoga.fetch(
        `http://gateway.test/graphql?query=${encodeURIComponent('{ __typename }')}&junk=${i}`,
        { headers: { accept: 'application/json' } },
      );
    }
    const text = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    const operations = [...text.matchAll(/gateway_operations_total\{operation="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(new Set(operations)).toEqual(new Set(['__typename', 'viewer']));
    expect(text).not.toMatch(/Name\d+x/);
    expect(text).not.toMatch(/junk=/);
    const httpSeries = text
      .split('\n')
      .filter((l) => l.startsWith('graphql_yoga_http_duration_count'));
    // One series per method, status and operation type: 20 names and 20 URLs added none.
    expect(httpSeries.length).toBeLessThanOrEqual(3);
    // Methods a client makes up fall into one OTHER label.
    for (const method of ['PROPFIND', 'PURGE', 'X-MADE-UP-1', 'X-MADE-UP-2']) {
      await stack.gateway.yoga.fetch('http://gateway.test/graphql', { method });
    }
    const after = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    const methods = [...after.matchAll(/graphql_yoga_http_duration_count\{[^}]*method="([^"]+)"/g)];
    expect(new Set(methods.map((m) => m[1]))).toEqual(new Set(['GET', 'POST', 'OTHER']));
  });

  it('upstream call labels name the endpoint, never the id in its path', async () => {
    for (let i = 0; i < 5; i++) {
      await stack.gql(`{ user(id: "user-test-label-${i}") { id } }`, {}, { 'x-api-key': API_KEY });
    }
    const text = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
    expect(text).toMatch(/stytch_upstream_calls_total\{endpoint="\/v1\/users\/\{user_id\}"/);
    expect(text).not.toContain('user-test-label-');
  });

  it('a long operation name is cut short in the request log', async () => {
    const name = `Op${'a'.repeat(5000)}`;
    await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query ${name} { __typename }`, operationName: name }),
    });
    const line = stack.logs.find((l) => l.includes('"msg":"request"') && l.includes('Opaaa'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line as string).operation as string;
    expect(logged.length).toBeLessThanOrEqual(101);
  });

  it('a malformed chunked JSON body is the client’s mistake: 400, nothing logged at error level', async () => {
    const before = stack.logs.length;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query": "{ __typ'));
        controller.enqueue(
          new TextEncoder().encode('ename }", "variables": {"t": "tok-secret-123'),
        );
        controller.close();
      },
    });
    const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('tok-secret');
    const lines = stack.logs.slice(before).join('\n');
    expect(lines).not.toContain('"level":50');
    expect(lines).not.toContain('tok-secret');
  });
});

describe('slow clients', () => {
  let child: ReturnType<typeof spawn> | null = null;
  let drip: NodeJS.Timeout | undefined;
  // Also when the test fails or times out: nothing it started may outlive it.
  afterEach(() => {
    clearInterval(drip);
    child?.kill('SIGTERM');
  });

  it('a request whose headers trickle in is closed at HEADERS_TIMEOUT_MS', async () => {
    const gateway = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        STYTCH_EMULATOR: 'on',
        PORT: '0',
        HOST: '127.0.0.1',
        HEADERS_TIMEOUT_MS: '1000',
        REQUEST_TIMEOUT_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child = gateway;
    const url = await new Promise<string>((resolve) => {
      let out = '';
      gateway.stdout.on('data', (chunk) => {
        out += String(chunk);
        const match = /GraphQL gateway ready: (\S+)/.exec(out);
        if (match?.[1]) {
          resolve(match[1]);
        }
      });
    });
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    // One more header line every 200 ms, never the blank line that ends them.
    drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += String(chunk);
      });
      socket.once('close', () => resolve(received));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
