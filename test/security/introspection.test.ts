import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../helpers/gateway.js';

describe('INTROSPECTION=off refuses every way of asking for the schema', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { INTROSPECTION: 'off' } });
  });
  afterAll(() => stack.stop());

  for (const [how, query] of [
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "User") { fields { name } } }'],
    ['an alias', '{ s: __schema { queryType { name } } }'],
    ['a fragment', '{ ...F } fragment F on Query { __type(name: "Session") { name } }'],
    ['a nested __type', '{ viewer { __typename } t: __type(name: "Viewer") { name } }'],
  ] as const) {
    it(how, async () => {
      const res = await stack.gql(query);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toMatch(/introspection/i);
      expect(res.text).not.toMatch(/"(fields|types|queryType)"/);
    });
  }

  it('__typename, which clients need for caches, still works', async () => {
    const res = await stack.gql('{ __typename }');
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });
});
