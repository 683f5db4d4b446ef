import { type DocumentNode, Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Whether a request to this subgraph only resolves entity references (`_entities`): the one kind of
 * request a federation router makes on its own behalf rather than its client's. A router should
 * present the gateway's API key with these and nothing else. A key on every request would lend
 * each client of the supergraph `createMagicLink` and every user's `user(id:)`.
 *
 * Strict on purpose: a second operation, a fragment spread or any other root field at the top level
 * makes the answer false, so nothing a client wrote can ride along with a router lookup.
 */
export function isEntityLookup(document: DocumentNode, operationName?: string | null): boolean {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (operation?.operation !== 'query') {
    return false;
  }
  const roots = operation.selectionSet.selections;
  return (
    roots.every(
      (s) =>
        s.kind === Kind.FIELD && (s.name.value === '_entities' || s.name.value === '__typename'),
    ) && roots.some((s) => s.kind === Kind.FIELD && s.name.value === '_entities')
  );
}
