import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/http/gateway.js';
import { isPlainJsonPost } from '../../src/http/json-entry.js';
import { fullSession, fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';
import { type LoopbackServer, serveOnLoopback } from '../helpers/http-gateway.js';

/**
 * `POST /graphql` with a JSON body of declared length takes the gateway's own cheaper door into
 * yoga (src/http/json-entry.ts); everything else takes yoga's node adapter. The same request sent
 * both ways (a declared length, or the same bytes chunked) must get the same answer: status,
 * body, headers, cookies, refusals, logs and rate limits.
 */
const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token }) { userId sessionToken user { userId } session { sessionId } }
}`;

/** Headers that differ between two responses by nature. */
const VARYING = new Set([
  'date',
  'x-request-id',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

async function send(
  url: string,
  body: string,
  headers: Record<string, string>,
  door: 'entry' | 'yoga',
): Promise<Answer> {
  const res = await request(url, {
    method: 'POST',
    headers,
    // A body from an iterator has no declared length: undici sends it chunked.
    body: door === 'entry' ? body : Readable.from([Buffer.from(body)]),
  });
  const text = await res.body.text();
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!VARYING.has(name) && value !== undefined) {
      kept[name] = value;
    }
  }
  return { status: res.statusCode, headers: kept, body: text };
}

const authenticated = stytchSuccess({
  user_id: fullUser.user_id,
  method_id: 'email-test-1',
  session_token: 'session-token-entry',
  session_jwt: 'session-jwt-entry',
  user: fullUser,
  reset_sessions: false,
  session: fullSession,
});

describe.each([
  { mode: 'token mode', cookies: false },
  { mode: 'cookie mode', cookies: true },
])('the JSON entry answers as yoga does ($mode)', ({ cookies }) => {
  let stack: Stack;
  let url: string;
  let server: LoopbackServer;
  const json: Record<string, string> = {
    'content-type': 'application/json',
    ...(cookies ? { [CSRF_HEADER]: '1' } : {}),
  };
  beforeAll(async () => {
    stack = await startStack({ sessionCookies: cookies });
    stack.stand.on('POST', '/v1/magic_links/authenticate', authenticated);
    server = await serveOnLoopback((req, res) => stack.gateway.publicListener(req, res));
    url = server.url;
  });
  afterAll(async () => {
    await server.close();
    await stack.stop();
  });

  const cases: Array<[string, string, Record<string, string>]> = [
    ['a sign-in', JSON.stringify({ query: SIGN_IN, variables: { token: 't' } }), {}],
    ['a query without a session', JSON.stringify({ query: '{ viewer { session { id } } }' }), {}],
    ['a variable error', JSON.stringify({ query: SIGN_IN, variables: { token: 42 } }), {}],
    ['a syntax error', JSON.stringify({ query: '{ viewer {' }), {}],
    ['a body that is not JSON', '{"query": ', {}],
    [
      'a bad session token',
      JSON.stringify({ query: '{ viewer { session { id } } }' }),
      { authorization: 'Bearer not-a-session' },
    ],
    [
      'a cross-origin browser',
      JSON.stringify({ query: '{ __typename }' }),
      { origin: 'https://evil.example' },
    ],
  ];
  it.each(cases)('%s', async (_name, body, extra) => {
    if (extra['authorization']) {
      stack.stand.on('POST', '/v1/sessions/authenticate', {
        status: 404,
        body: {
          status_code: 404,
          request_id: 'r',
          error_type: 'session_not_found',
          error_message: 'Session not found.',
          error_url: 'https://stytch.com/docs/api/errors/404',
        },
      });
    }
    const headers = { ...json, ...extra };
    const entry = await send(url, body, headers, 'entry');
    const yoga = await send(url, body, headers, 'yoga');
    expect(entry).toEqual(yoga);
    expect(entry.status).toBeLessThan(500);
  });

  it('a sign-in sets the same cookies through both doors', async () => {
    const body = JSON.stringify({ query: SIGN_IN, variables: { token: 't' } });
    const entry = await send(url, body, json, 'entry');
    expect(entry.status).toBe(200);
    if (cookies) {
      expect(entry.headers['set-cookie']).toHaveLength(2);
    } else {
      expect(entry.headers['set-cookie']).toBeUndefined();
    }
    expect(entry).toEqual(await send(url, body, json, 'yoga'));
  });

  if (cookies) {
    it('CSRF prevention judges a request without its header alike through both doors', async () => {
      // JSON needs a CORS preflight, so yoga's CSRF prevention lets it pass without the header;
      // the form-like media types it refuses never take the entry.
      const body = JSON.stringify({ query: '{ __typename }' });
      const bare = { 'content-type': 'application/json' };
      expect(await send(url, body, bare, 'entry')).toEqual(await send(url, body, bare, 'yoga'));
      const form = { 'content-type': 'text/plain' };
      expect((await send(url, body, form, 'entry')).status).toBe(415);
    });
  }

  it('every request through the entry is logged, with its id returned', async () => {
    const res = await request(url, {
      method: 'POST',
      headers: { ...json, 'x-request-id': 'entry-request-1' },
      body: JSON.stringify({ query: '{ viewer { session { id } } }' }),
    });
    await res.body.text();
    expect(res.headers['x-request-id']).toBe('entry-request-1');
    const line = stack.logs.find(
      (l) => l.includes('"requestId":"entry-request-1"') && l.includes('"msg":"request"'),
    );
    expect(line).toContain('"path":"/graphql"');
    expect(line).toContain('"status":200');
  });
});

describe('which requests take the entry', () => {
  const req = (method: string, url: string, headers: Record<string, string>) =>
    ({ method, url, headers }) as unknown as Parameters<typeof isPlainJsonPost>[0];
  const json = { 'content-type': 'application/json', 'content-length': '20' };
  it('POST /graphql with a JSON body of declared length within the limit', () => {
    expect(isPlainJsonPost(req('POST', '/graphql', json), 100)).toBe(true);
    expect(
      isPlainJsonPost(
        req('POST', '/graphql', { ...json, 'content-type': 'application/json; charset=utf-8' }),
        100,
      ),
    ).toBe(true);
  });
  it('nothing else: yoga reads, counts or refuses those', () => {
    for (const [method, url, headers] of [
      ['GET', '/graphql', json],
      ['POST', '/graphql?x=1', json],
      ['POST', '/metrics', json],
      ['POST', '/graphql', { ...json, 'content-type': 'text/plain' }],
      ['POST', '/graphql', { ...json, 'content-type': 'application/graphql+json' }],
      ['POST', '/graphql', { 'content-type': 'application/json' }],
      ['POST', '/graphql', { ...json, 'transfer-encoding': 'chunked' }],
      ['POST', '/graphql', { ...json, 'content-length': '101' }],
      ['POST', '/graphql', { ...json, 'content-length': '1e2' }],
    ] as const) {
      expect(
        isPlainJsonPost(req(method, url, headers), 100),
        `${method} ${url} ${JSON.stringify(headers)}`,
      ).toBe(false);
    }
  });
});

describe('what the entry leaves to yoga', () => {
  let stack: Stack;
  let url: string;
  let server: LoopbackServer;
  beforeAll(async () => {
    stack = await startStack({ env: { MAX_BODY_BYTES: '1000', RATE_LIMIT_PER_IP: '2' } });
    stack.stand.on('POST', '/v1/magic_links/authenticate', authenticated);
    server = await serveOnLoopback((req, res) => stack.gateway.publicListener(req, res));
    url = server.url;
  });
  afterAll(async () => {
    await server.close();
    await stack.stop();
  });

  it('a body over the limit is refused unread, declared or chunked', async () => {
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2000)}` });
    for (const door of ['entry', 'yoga'] as const) {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: door === 'entry' ? body : Readable.from([Buffer.from(body)]),
      });
      expect(res.statusCode).toBe(413);
      await res.body.text();
    }
  });

  it('the per-IP limit counts requests that came through the entry', async () => {
    const body = JSON.stringify({ query: SIGN_IN, variables: { token: 't' } });
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const answer = JSON.parse(await res.body.text());
      codes.push(answer.errors?.[0]?.extensions?.code ?? 'ok');
    }
    expect(codes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
  });
});
