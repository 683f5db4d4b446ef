import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { isEntityLookup } from '../../src/schema/entity-lookup.js';

/** The caller's credentials, passed to every subgraph; the router adds nothing of its own here. */
const FORWARDED = ['authorization', 'cookie', 'x-api-key'] as const;

/**
 * Presents the router's own API key to our subgraph on entity lookups only. The README's federation
 * recipe is this code.
 */
export function useStytchEntityKey(subgraphName: string, apiKey: string): GatewayPlugin {
  return {
    onFetch({ executionRequest, options, setOptions }) {
      if (
        executionRequest?.subgraphName === subgraphName &&
        isEntityLookup(executionRequest.document, executionRequest.operationName)
      ) {
        setOptions({ ...options, headers: { ...options.headers, 'x-api-key': apiKey } });
      }
    },
  };
}

/**
 * Hive Gateway in-process over a composed supergraph, as a platform team would run it: the
 * caller's credentials forwarded to the subgraphs, the subgraphs' Set-Cookie passed back, and
 * (when `apiKey` is given) the router's key on entity lookups to the `stytch` subgraph.
 */
export function createRouter(supergraph: string, options: { apiKey: string | null }) {
  return createGatewayRuntime({
    supergraph,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) =>
        Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name)])),
      fromSubgraphsToClient: ({ response }) => ({ 'set-cookie': response.headers.getSetCookie() }),
    },
    plugins: () => (options.apiKey ? [useStytchEntityKey('stytch', options.apiKey)] : []),
    // The Hive Gateway CLI ships `@graphql-mesh/transport-http`; the runtime alone does not, and
    // loads it by name. This is what that transport does for a plain HTTP subgraph: the same
    // executor, with the runtime's fetch so that the onFetch hooks above still run.
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch }) =>
          buildHTTPExecutor({
            endpoint: transportEntry.location,
            headers: Object.fromEntries(transportEntry.headers ?? []),
            ...(fetch ? { fetch } : {}),
          }),
      },
    },
  });
}
