import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/** Production defaults, except a lower depth and cost so the rules can be shown on this schema. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_DEPTH: '4', MAX_COST: '60' } });
});
afterAll(() => stack.stop());

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return stack.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    // Node's fetch needs this to send a stream body.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

describe('abusive operations are refused before execution', () => {
  it('the alias attack: many sign-in attempts in one request never reach Stytch', async () => {
    stack.stand.reset();
    stack.stand.on('POST', '/v1/magic_links/authenticate', stytchSuccess({}));
    const attempts = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `a${i}: authenticateMagicLink(input: {token: "guess-${i}"}) { userId }`,
      ).join('\n');
    // 60 fit within MAX_TOKENS: the alias limit refuses them.
    const res = await stack.gql(`mutation { ${attempts(60)} }`);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toMatch(/aliases/i);
    // 100 are refused earlier, by the token limit, while parsing.
    const more = await stack.gql(`mutation { ${attempts(100)} }`);
    expect(more.body.data).toBeUndefined();
    expect(more.body.errors?.[0]?.message).toMatch(/token limit/i);
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('an operation deeper than MAX_DEPTH', async () => {
    stack.stand.reset();
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { session { user { name { firstName } } } } }',
    );
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('an operation costlier than MAX_COST', async () => {
    stack.stand.reset();
    const fields = Array.from(
      { length: 6 },
      (_, i) => `u${i}: user { id emails { email emailId verified } phoneNumbers { phoneId } }`,
    ).join(' ');
    const res = await stack.gql(
      `mutation { authenticateMagicLink(input: {token: "t"}) { ${fields} } }`,
    );
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.map((e) => e.message).join(' ')).toMatch(/cost/i);
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('an operation with more tokens than MAX_TOKENS', async () => {
    const res = await stack.gql(`{ ${'__typename '.repeat(2000)} }`);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('an operation with more directives than MAX_DIRECTIVES', async () => {
    const res = await stack.gql(`{ __typename ${'@include(if: true) '.repeat(30)} }`);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toMatch(/directive/i);
  });

  it('a body over MAX_BODY_BYTES, by Content-Length: 413 without reading it', async () => {
    const body = JSON.stringify({
      query: `{ __typename }`,
      variables: { pad: 'x'.repeat(200_000) },
    });
    const res = await post(body, { 'content-length': String(Buffer.byteLength(body)) });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a chunked body over MAX_BODY_BYTES (no Content-Length): 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(10_000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(
            new TextEncoder().encode('{"query":"{ __typename }","variables":{"pad":"'),
          );
        }
        if (sent++ > 50) {
          controller.enqueue(new TextEncoder().encode('"}}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
      },
    });
    const res = await post(stream);
    expect(res.status).toBe(413);
  });

  it('a normal chunked body is still accepted', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":"{ __typ'));
        controller.enqueue(new TextEncoder().encode('ename }"}'));
        controller.close();
      },
    });
    const res = await post(stream);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('schema exposure', () => {
  it('introspection is on by default (GraphiQL exploration is a use case)', async () => {
    const res = await stack.gql('{ __schema { queryType { name } } }');
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('introspection can be turned off', async () => {
    const closed = await startStack({ env: { INTROSPECTION: 'off' } });
    const res = await closed.gql('{ __schema { queryType { name } } }');
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toMatch(/introspection/i);
    await closed.stop();
  });

  it('field suggestions are hidden in production', async () => {
    const typo = '{ viewr { user { id } } }';
    expect((await stack.gql(typo)).body.errors?.[0]?.message).toMatch(/Did you mean/);
    const production = await startStack({ env: { NODE_ENV: 'production' } });
    const message = (await production.gql(typo)).body.errors?.[0]?.message;
    expect(message).toMatch(/Cannot query field/);
    expect(message).not.toMatch(/Did you mean|viewer/);
    await production.stop();
  });
});
