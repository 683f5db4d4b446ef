import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GatewayContext } from '../context.js';
import { forbiddenError } from '../errors.js';
import type { JsonObject } from '../stytch/types.js';

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
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      apiKey: context.hasApiKey,
      viewerIs: async (userId) => {
        try {
          return (await context.viewer())?.session.user_id === userId;
        } catch {
          // Bad credentials grant nothing; the viewer query itself reports why.
          return false;
        }
      },
    }),
    unauthorizedError: (_parent, context) =>
      forbiddenError(
        context.credentials
          ? 'This needs a server API key (x-api-key), or to be signed in as this user.'
          : undefined,
      ),
  },
});

builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Authentication operations, each backed by one Stytch call.' });
