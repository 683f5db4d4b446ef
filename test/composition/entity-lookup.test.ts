import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isEntityLookup } from '../../src/schema/entity-lookup.js';

/** Which subgraph requests a router may present its API key with: router lookups, nothing else. */
describe('isEntityLookup', () => {
  const lookup = (source: string, operationName?: string) =>
    isEntityLookup(parse(source), operationName);

  it('accepts the lookups routers send, batched under aliases too', () => {
    expect(lookup('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toBe(
      true,
    );
    expect(
      lookup(
        'query Q($a: [_Any!]!, $b: [_Any!]!) { __typename _v0: _entities(representations: $a) { ... on User { id } } _v1: _entities(representations: $b) { ... on Session { id } } }',
      ),
    ).toBe(true);
  });

  it('refuses anything a client could have written or combined', () => {
    expect(lookup('{ viewer { user { id } } }')).toBe(false);
    expect(lookup('{ __typename }')).toBe(false);
    expect(
      lookup(
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } user(id: "u") { id } }',
      ),
    ).toBe(false);
    expect(lookup('mutation { _entities { __typename } }')).toBe(false);
    expect(
      lookup(
        'query { ...F } fragment F on Query { _entities(representations: []) { __typename } }',
      ),
    ).toBe(false);
    expect(
      lookup(
        'query { _entities(representations: []) { __typename } } query Other { user(id: "u") { id } }',
      ),
    ).toBe(false);
    expect(
      lookup(
        'query A { _entities(representations: []) { __typename } } query B { user(id: "u") { id } }',
        'B',
      ),
    ).toBe(false);
    expect(
      lookup(
        'query A { _entities(representations: []) { __typename } } query B { user(id: "u") { id } }',
        'A',
      ),
    ).toBe(true);
  });
});
