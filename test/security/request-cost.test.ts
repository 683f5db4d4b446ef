import { graphql, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteBoundedCache, documentBytes } from '../../src/http/document-cache.js';
import { countSelections, maxDuplicateFields } from '../../src/http/plugins/operation-limits.js';
import { buildSchema } from '../../src/schema/index.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * Bounded cost per request: the limits that run before validation (whose cost is measured by
 * `npm run bench:adversarial`, not here), and a document cache whose memory has a ceiling.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { DOCUMENT_CACHE_BYTES: '300000' } });
});
afterAll(() => stack.stop());

const code = (res: Awaited<ReturnType<Stack['gql']>>) => res.body.errors?.[0]?.extensions?.['code'];

describe('limits checked before validation', () => {
  it('the same field many times in one selection set: refused before validation', async () => {
    const res = await stack.gql(`{ ${'viewer { user { id } } '.repeat(26)} }`);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/same field more than 25 times/);
    expect((await stack.gql(`{ ${'viewer { user { id } } '.repeat(25)} }`)).body).toEqual({
      data: { viewer: null },
    });
  });

  it('duplicates brought in by fragments count too', async () => {
    const fragments = Array.from(
      { length: 26 },
      (_, i) => `fragment F${i} on Query { viewer { session { id } } }`,
    );
    const spreads = fragments.map((_, i) => `...F${i}`).join(' ');
    const res = await stack.gql(`{ ${spreads} } ${fragments.join(' ')}`);
    expect(res.body.errors?.[0]?.message).toMatch(/same field more than 25 times/);
  });

  it('a fragment bomb is counted in linear time and refused', async () => {
    const defs = ['fragment F0 on Viewer { session { id } }'];
    for (let k = 1; k <= 40; k++) {
      defs.push(`fragment F${k} on Viewer { ...F${k - 1} ...F${k - 1} }`);
    }
    const document = parse(`{ viewer { ...F40 } } ${defs.join(' ')}`);
    // 2^40 selections once expanded: the count stops at the limit.
    expect(countSelections(document, 1000)).toBe(1001);
    const res = await stack.gql(`{ viewer { ...F40 } } ${defs.join(' ')}`);
    expect(res.body.errors?.[0]?.message).toMatch(/more than 1000 fields/);
  });

  it('counts what OverlappingFieldsCanBeMerged compares', () => {
    expect(
      maxDuplicateFields(
        parse(
          '{ viewer { ...A ...B user { id } } } fragment A on Viewer { user { id } } fragment B on Viewer { user { id } session { id } }',
        ),
      ),
    ).toBe(3);
    // Aliases are other response names: the alias limit governs them.
    expect(
      maxDuplicateFields(parse('{ a: viewer { session { id } } b: viewer { session { id } } }')),
    ).toBe(1);
  });

  it('GraphiQL’s introspection query fits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await stack.gql(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    );
    expect(res.body.errors).toBeUndefined();
  });

  it('variables too large or too deep: refused before graphql-js coerces them', async () => {
    const wide: Record<string, string> = { token: 't' };
    for (let i = 0; i < 2000; i++) {
      wide[`k${i}`] = 'v';
    }
    const res = await stack.gql(
      'mutation ($input: AuthenticateMagicLinkInput!) { authenticateMagicLink(input: $input) { userId } }',
      { input: wide },
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/variables are too large/);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 500; i++) {
      deep = { a: deep };
    }
    const claims = await stack.gql(
      'mutation ($c: JSON) { authenticateMagicLink(input: { token: "t", sessionCustomClaims: $c }) { userId } }',
      { c: deep },
    );
    expect(code(claims)).toBe('BAD_USER_INPUT');
    expect(stack.stand.requests).toHaveLength(0);
  });

  it('deeply nested custom claims written inline: BAD_USER_INPUT, not an internal error', async () => {
    const depth = 40;
    const res = await stack.gql(
      `mutation { authenticateMagicLink(input: { token: "t", sessionCustomClaims: ${'{a:'.repeat(depth)}1${'}'.repeat(depth)} }) { userId } }`,
    );
    expect(res.body.errors?.[0]?.message).toMatch(/JSON may nest at most 32 levels/);
    expect(stack.logs.join('\n')).not.toContain('"level":50');
  });

  it('a variable inside an inline JSON literal counts from where it sits', async () => {
    const nested = (levels: number) => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < levels; i++) {
        value = { a: value };
      }
      return value;
    };
    const send = (inline: number, variable: number) =>
      stack.gql(
        `mutation ($v: JSON) { authenticateMagicLink(input: { token: "t", sessionCustomClaims: ${'{a:'.repeat(inline)}$v${'}'.repeat(inline)} }) { userId } }`,
        { v: nested(variable) },
      );
    // 10 and 10 levels: sent on to Stytch.
    await send(10, 10);
    expect(stack.stand.requests).toHaveLength(1);
    // 20 levels written inline around a variable 20 levels deep: each within its own limit,
    // together 40. graphql-js words the refusal itself (it drops the scalar's reason here).
    const res = await send(20, 20);
    expect(res.body.errors?.[0]?.message).toBe('Argument "input" has invalid value.');
    expect(stack.stand.requests).toHaveLength(1);
  });

  it('deeply nested custom claims in a variable: refused by the JSON scalar itself', async () => {
    // The schema is exported for embedding, where the gateway's variable limit does not run: the
    // scalar's own depth check is then the only one.
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) {
      deep = { a: deep };
    }
    const result = await graphql({
      schema: buildSchema(),
      source:
        'mutation ($c: JSON) { authenticateMagicLink(input: { token: "t", sessionCustomClaims: $c }) { userId } }',
      variableValues: { c: deep },
    });
    expect(result.errors?.[0]?.message).toMatch(/JSON may nest at most 32 levels/);
  });
});

describe('a body declared over MAX_BODY_BYTES', () => {
  it('is refused by its Content-Length, before any of it is read', async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode(' '.repeat(10_000)));
        if (pulls === 30) {
          controller.close();
        }
      },
    });
    const res = await stack.gateway.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '300000' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    // Counting the stream instead would have read past the limit (ten chunks) before refusing.
    expect(pulls).toBeLessThan(5);
  });
});

describe('the document cache has a ceiling in bytes', () => {
  it('distinct documents evict older ones; the estimate never passes the limit', async () => {
    for (let i = 0; i < 300; i++) {
      await stack.gql(
        `# document ${i} ${'x'.repeat(1000)}\n{ viewer { user { id emails { email } } session { id } } }`,
      );
    }
    const cache = stack.gateway.documentCache;
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(300);
    expect(cache.totalBytes).toBeLessThanOrEqual(300_000);
  });

  it('the estimate grows with tokens, not only with length', () => {
    const dense = '{ viewer { user { id } } }';
    const long = `# ${'x'.repeat(dense.length)}\n{ __typename }`;
    expect(documentBytes(dense, parse(dense))).toBeGreaterThan(documentBytes(long, parse(long)));
  });

  it('an entry over an eighth of the budget is not kept at all', () => {
    const cache = new ByteBoundedCache(80_000);
    const big = `{ ${'__typename '.repeat(100)} }`;
    cache.set(big, parse(big));
    expect(cache.size).toBe(0);
    const small = '{ __typename }';
    cache.set(small, parse(small));
    expect(cache.get(small)).toBeDefined();
  });
});
