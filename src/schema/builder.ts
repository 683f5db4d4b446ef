import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GatewayContext } from '../http/context.js';
import type { JsonObject } from '../stytch/types.js';
import { userAccessDenied, viewerIsUser } from './users/access.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: string; Output: string };
    JSON: { Input: JsonObject; Output: JsonObject };
  };
  AuthScopes: {
    /** The request presents one of the gateway's server API keys (`x-api-key`). */
    apiKey: boolean;
    /** The request's own session belongs to this user id. */
    viewerIs: string;
  };
  DefaultFieldNullability: false;
}>({
  // Federation comes after scope-auth, which wraps resolvers (the order the Pothos docs require);
  // it only adds metadata until the subgraph schema is built, so the api-mode schema is unchanged.
  plugins: [ScopeAuthPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      apiKey: context.hasApiKey,
      viewerIs: (userId) => viewerIsUser(context, userId),
    }),
    unauthorizedError: (_parent, context) => userAccessDenied(context),
  },
});

builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Authentication operations, each backed by one Stytch call.' });
