import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../helpers/gateway.js';
import { type LoopbackServer, serveOnLoopback } from '../helpers/http-gateway.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
/** Origins no configuration below lists, including near misses of the listed ones. */
const UNLISTED = [
  'https://evil.test',
  'https://app.example.com.evil.test',
  'https://evilapp.example.com',
  'http://app.example.com',
  'https://app.example.com:8443',
];
const QUERY = JSON.stringify({ query: '{ __typename }' });

interface Answer {
  status: number;
  header(name: string): string | null;
}

/** The two ways a browser's request reaches the gateway: yoga in-process, and node:http. */
type Send = (method: 'OPTIONS' | 'POST', headers: Record<string, string>) => Promise<Answer>;

function inProcess(stack: Stack): Send {
  return async (method, headers) => {
    const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
      method,
      headers,
      ...(method === 'POST' ? { body: QUERY } : {}),
    });
    await res.arrayBuffer();
    return { status: res.status, header: (name) => res.headers.get(name) };
  };
}

function overHttp(server: LoopbackServer): Send {
  return async (method, headers) => {
    const res = await request(server.url, {
      method,
      headers,
      ...(method === 'POST' ? { body: QUERY } : {}),
    });
    await res.body.arrayBuffer();
    return {
      status: res.statusCode,
      header: (name) => {
        const value = res.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  };
}

const preflight = (send: Send, origin: string) =>
  send('OPTIONS', {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, authorization',
  });
const actual = (send: Send, origin: string) =>
  send('POST', { origin, 'content-type': 'application/json' });

async function withGateway(env: Record<string, string>, run: (sends: Send[]) => Promise<void>) {
  const stack = await startStack({ env });
  const server = await serveOnLoopback(stack.gateway.yoga);
  try {
    await run([inProcess(stack), overHttp(server)]);
  } finally {
    await server.close();
    await stack.stop();
  }
}

for (const listed of [[APP], [APP, ADMIN]]) {
  describe(`CORS_ORIGINS=${listed.join(',')}`, () => {
    let stack: Stack;
    let server: LoopbackServer;
    let sends: Array<[string, Send]>;
    beforeAll(async () => {
      stack = await startStack({ env: { CORS_ORIGINS: listed.join(',') } });
      server = await serveOnLoopback(stack.gateway.yoga);
      sends = [
        ['in-process', inProcess(stack)],
        ['over HTTP', overHttp(server)],
      ];
    });
    afterAll(async () => {
      await server.close();
      await stack.stop();
    });

    it('a listed origin gets exactly itself back, with credentials, on the preflight and the request', async () => {
      for (const [how, send] of sends) {
        for (const origin of listed) {
          const pre = await preflight(send, origin);
          expect(pre.status, how).toBe(204);
          expect(pre.header('access-control-allow-origin'), `${how} ${origin}`).toBe(origin);
          expect(pre.header('access-control-allow-credentials'), how).toBe('true');
          expect(pre.header('access-control-allow-headers'), how).toMatch(/authorization/);
          const res = await actual(send, origin);
          expect(res.status, how).toBe(200);
          expect(res.header('access-control-allow-origin'), `${how} ${origin}`).toBe(origin);
          expect(res.header('access-control-allow-credentials'), how).toBe('true');
        }
      }
    });

    it('an unlisted origin is never echoed back, nor allowed by a wildcard', async () => {
      for (const [how, send] of sends) {
        for (const origin of UNLISTED) {
          for (const res of [await preflight(send, origin), await actual(send, origin)]) {
            const allowed = res.header('access-control-allow-origin');
            expect(allowed, `${how} ${origin}`).not.toBe(origin);
            expect(allowed, `${how} ${origin}`).not.toBe('*');
            // Whatever yoga answers instead is one of the listed origins, which the browser
            // compares with its own and refuses.
            if (allowed !== null) {
              expect([...listed, 'null'], `${how} ${origin}`).toContain(allowed);
            }
          }
        }
      }
    });
  });
}

describe('without CORS_ORIGINS', () => {
  it('cross-origin requests get no CORS headers at all, from any origin', async () => {
    await withGateway({}, async (sends) => {
      for (const send of sends) {
        for (const origin of [APP, ...UNLISTED, 'null']) {
          for (const res of [await preflight(send, origin), await actual(send, origin)]) {
            expect(res.header('access-control-allow-origin'), origin).toBeNull();
            expect(res.header('access-control-allow-credentials'), origin).toBeNull();
          }
        }
        // Same-origin and server-side callers, which send no Origin, are served as ever.
        const plain = await send('POST', { 'content-type': 'application/json' });
        expect(plain.status).toBe(200);
      }
    });
  });
});
