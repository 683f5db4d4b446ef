import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stytchSuccess } from './helpers/fake-stytch.js';
import { type Stack, startStack } from './helpers/gateway.js';

/** The gateway over a real socket, as a browser or a frontend's server would reach it. */
let stack: Stack;
let server: Server;
let base: string;
beforeAll(async () => {
  stack = await startStack();
  server = createServer(stack.gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await stack.stop();
});

describe('HTTP server', () => {
  it('/healthz answers 200', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('/readyz answers 200 while Stytch accepts the credentials', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('GraphiQL for a browser, with every asset inline (no CDN)', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('Stytch GraphQL gateway');
    expect(html).toContain('mutation AuthenticateMagicLink');
    // No asset is fetched from anywhere: no external script, stylesheet or font.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });

  it('POST /graphql over HTTP', async () => {
    stack.stand.on(
      'POST',
      '/v1/impersonation/authenticate',
      stytchSuccess({ user_id: 'u', user: {}, session_token: 's', session_jwt: 'j' }),
    );
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query:
          'mutation { authenticateImpersonation(input: {impersonationToken: "t"}) { userId sessionToken } }',
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: { authenticateImpersonation: { userId: 'u', sessionToken: 's' } },
    });
  });

  it('GET /graphql runs queries but refuses mutations (GraphQL over HTTP)', async () => {
    const q = encodeURIComponent('{ __typename }');
    const ok = await fetch(`${base}/graphql?query=${q}`, {
      headers: { accept: 'application/json' },
    });
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    const m = encodeURIComponent('mutation { createMagicLink(input: {userId: "u"}) { token } }');
    const refused = await fetch(`${base}/graphql?query=${m}`, {
      headers: { accept: 'application/json' },
    });
    expect(refused.status).toBe(405);
  });
});
