import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isEntityLookup } from '../../src/schema/entity-lookup.js';

/**
 * Requests that look like a router's entity lookup at a glance but carry a client's field: the
 * router would lend them its API key.
 */
describe('isEntityLookup: what a client could smuggle next to _entities', () => {
  const lookup = (source: string, operationName?: string) =>
    isEntityLookup(parse(source), operationName);

  it('an inline fragment on the root beside the lookup', () => {
    expect(
      lookup(
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } ... on Query { user(id: "u") { id } } }',
      ),
    ).toBe(false);
  });

  it('another field under the alias _entities', () => {
    expect(lookup('{ _entities: user(id: "u") { id } }')).toBe(false);
    expect(
      lookup(
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } _entities: user(id: "u") { id } }',
      ),
    ).toBe(false);
  });

  it('a lookup named by an operation name the document does not hold', () => {
    expect(lookup('query A { _entities(representations: []) { __typename } }', 'B')).toBe(false);
  });
});
