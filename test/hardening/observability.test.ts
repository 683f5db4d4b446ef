import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/http/gateway.js';
import { useTracing } from '../../src/http/plugins/tracing.js';
import { fullUser } from '../fixtures/stytch.js';
import { testConfig } from '../helpers/config.js';
import { FakeStytch, stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, PROJECT_ID, SECRET, type Stack, startStack } from '../helpers/gateway.js';

const OK = stytchSuccess(
  {
    user_id: fullUser.user_id,
    method_id: 'm',
    session_token: 'session-token-SECRET-out',
    session_jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.SECRETSIG',
    user: fullUser,
    reset_sessions: false,
  },
  'request-id-test-stytch-42',
);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  stack.stand.on('POST', '/v1/magic_links/authenticate', OK);
  stack.stand.on('POST', '/v1/passwords/session/reset', OK);
});
afterAll(() => stack.stop());

describe('request ids', () => {
  it("the caller's X-Request-Id is returned and tagged on the upstream log line, beside Stytch's", async () => {
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { userId } }',
      undefined,
      { 'x-request-id': 'req-abc-123' },
    );
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    const upstream = stack.logs
      .map((line) => JSON.parse(line))
      .find((l) => l.msg === 'stytch call' && l.requestId === 'req-abc-123');
    expect(upstream).toMatchObject({
      upstream: '/v1/magic_links/authenticate',
      status: 200,
      stytchRequestId: 'request-id-test-stytch-42',
    });
    const access = stack.logs
      .map((line) => JSON.parse(line))
      .find((l) => l.msg === 'request' && l.requestId === 'req-abc-123');
    expect(access).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
  });

  it('a missing or unsafe X-Request-Id is replaced by a generated one', async () => {
    for (const given of [undefined, 'bad id with spaces\nand a newline', 'x'.repeat(500)]) {
      const res = await stack.gql(
        '{ __typename }',
        undefined,
        given ? { 'x-request-id': given } : {},
      );
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('redaction', () => {
  it('no password, token, cookie, API key or secret in any log line', async () => {
    const password = 'PASSWORD-never-logged-9d8e';
    const cookie = 'stytch_session=COOKIE-SECRET-7a6b';
    const bearer = 'Bearer BEARER-SECRET-5c4d';
    await stack.gql(
      `mutation { resetPasswordWithSession(input: {password: "${password}", sessionToken: "TOKEN-IN-9f8e"}) { userId sessionToken } }`,
      undefined,
      { cookie, authorization: bearer, 'x-api-key': API_KEY },
    );
    await stack.gql(
      'mutation ($p: String!) { resetPasswordWithSession(input: {password: $p, sessionJwt: "JWT-IN-1a2b"}) { userId } }',
      { p: password },
      { cookie },
    );
    const all = stack.logs.join('\n');
    expect(stack.logs.length).toBeGreaterThan(2);
    for (const secret of [
      password,
      'COOKIE-SECRET',
      'BEARER-SECRET',
      'TOKEN-IN-9f8e',
      'JWT-IN-1a2b',
      API_KEY,
      SECRET,
      'session-token-SECRET-out',
      'SECRETSIG',
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('the logger itself redacts secret-looking keys if one is ever logged by mistake', () => {
    const before = stack.logs.length;
    stack.gateway.logger.info(
      {
        password: 'p1-LEAK',
        session_token: 't1-LEAK',
        headers: { authorization: 'a1-LEAK', cookie: 'c1-LEAK', 'x-api-key': 'k1-LEAK' },
        nested: { sessionJwt: 'j1-LEAK', secret: 's1-LEAK' },
      },
      'oops',
    );
    const line = stack.logs.slice(before).join('');
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('LEAK');
  });
});

describe('metrics', () => {
  it('/metrics reports operations by root field and outcome, upstream calls and latency, circuit state', async () => {
    await stack.gql('mutation { authenticateMagicLink(input: {token: "t"}) { userId } }');
    await stack.gql('mutation { createMagicLink(input: {userId: "u"}) { token } }');
    const res = await stack.gateway.yoga.fetch('http://gateway.test/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /gateway_operations_total\{operation="authenticateMagicLink",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_operations_total\{operation="createMagicLink",outcome="FORBIDDEN"\} 1/,
    );
    expect(text).toMatch(
      /stytch_upstream_calls_total\{endpoint="\/v1\/magic_links\/authenticate",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /stytch_upstream_duration_seconds_bucket\{le="0.1",endpoint="\/v1\/magic_links\/authenticate"\}/,
    );
    expect(text).toMatch(/^stytch_circuit_state 0$/m);
    expect(text).toMatch(/graphql_yoga_http_duration_bucket/);
    expect(text).toMatch(/process_resident_memory_bytes/);
  });
});

describe('OpenTelemetry', () => {
  it('spans for each operation when a tracer provider is configured; no variables recorded', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const stand = await new FakeStytch().start();
    stand.on('POST', '/v1/passwords/session/reset', OK);
    const gateway = createGateway(
      testConfig({ projectId: PROJECT_ID, secret: SECRET, apiUrl: stand.url }),
      { plugins: [useTracing(provider, 'stytch-graphql-gateway')] },
    );
    const res = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation Reset($p: String!) { resetPasswordWithSession(input: {password: $p, sessionToken: "s"}) { userId } }',
        variables: { p: 'PASSWORD-not-in-spans' },
      }),
    });
    expect(res.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['mutation.Reset']);
    expect(spans[0]?.attributes).toMatchObject({
      'graphql.execute.operationName': 'Reset',
      'graphql.execute.operationType': 'mutation',
    });
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('PASSWORD-not-in-spans');
    await gateway.close();
    await stand.stop();
    await provider.shutdown();
  });
});
