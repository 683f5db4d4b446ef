import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { stitchSchemas } from '@graphql-tools/stitch';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { buildSchema } from '../../src/schema/index.js';

/** The caller's credentials, which the Stytch gateway reads; nothing else is passed on. */
const FORWARDED = ['authorization', 'cookie', 'x-api-key'] as const;

/** Orders by buyer id: the other service's data. */
export type OrdersByUser = Map<string, Array<{ id: string; total: number }>>;

/**
 * A company graph that stitches the running Stytch gateway (over HTTP) with a local subschema of
 * its own: `appInfo`, and `User.orders` merged onto the gateway's `User` by id. The README's
 * stitching recipe is this code.
 */
export function createStitchedGateway(stytchUrl: string, orders: OrdersByUser) {
  // The gateway's Set-Cookie values for each incoming request, relayed on the stitched response.
  const relayedCookies = new WeakMap<Request, string[]>();

  const stytch = {
    // The gateway's own schema from the package: no introspection round trip at start-up.
    schema: buildSchema(),
    executor: buildHTTPExecutor({
      endpoint: stytchUrl,
      headers: (execution) => {
        const request: Request | undefined = execution?.context?.request;
        const headers: Record<string, string> = {};
        for (const name of FORWARDED) {
          const value = request?.headers.get(name);
          if (value) {
            headers[name] = value;
          }
        }
        return headers;
      },
      // Real fetch, watched on the way back: in cookie mode the session travels in Set-Cookie.
      fetch: async (url, init, context) => {
        const response = await fetch(url, init);
        const request: Request | undefined = context?.request;
        const cookies = response.headers.getSetCookie();
        if (request && cookies.length > 0) {
          relayedCookies.set(request, [...(relayedCookies.get(request) ?? []), ...cookies]);
        }
        return response;
      },
    }),
  };

  const local = {
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Query {
          appInfo: AppInfo!
          _userById(id: ID!): User
        }
        type AppInfo {
          name: String!
        }
        type User {
          id: ID!
          orders: [Order!]!
        }
        type Order {
          id: ID!
          total: Int!
        }
      `,
      resolvers: {
        Query: {
          appInfo: () => ({ name: 'company graph' }),
          _userById: (_root: unknown, { id }: { id: string }) => ({ id }),
        },
        User: {
          orders: ({ id }: { id: string }) => orders.get(id) ?? [],
        },
      },
    }),
    // Adds `orders` to whatever User the gateway returned, keyed by its id.
    merge: {
      User: {
        selectionSet: '{ id }',
        fieldName: '_userById',
        args: ({ id }: { id: string }) => ({ id }),
      },
    },
  };

  const relayCookies: Plugin = {
    onResponse({ request, response }) {
      for (const cookie of relayedCookies.get(request) ?? []) {
        response.headers.append('set-cookie', cookie);
      }
    },
  };

  return createYoga({
    schema: stitchSchemas({ subschemas: [stytch, local] }),
    graphqlEndpoint: '/graphql',
    logging: false,
    landingPage: false,
    plugins: [relayCookies],
  });
}
