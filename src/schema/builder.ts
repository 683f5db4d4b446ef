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
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({ apiKey: context.hasApiKey }),
    unauthorizedError: () => forbiddenError(),
  },
});

builder.queryType({ description: 'Read operations.' });
builder.mutationType({ description: 'Authentication operations, each backed by one Stytch call.' });
