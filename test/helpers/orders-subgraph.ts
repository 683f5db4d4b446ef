import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

export interface Order {
  id: string;
  total: number;
  buyerId: string;
}

/**
 * The second subgraph of the federation test: another team's service, written without Pothos, that
 * knows users only by id. It adds `User.orders` to our `User`, and hands out `Order.buyer` as a bare
 * reference that the router must resolve through our subgraph's `_entities`.
 */
export const ORDERS_TYPE_DEFS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type User @key(fields: "id") {
    id: ID!
    orders: [Order!]!
  }

  type Order {
    id: ID!
    total: Int!
    buyer: User
  }

  type Query {
    order(id: ID!): Order
  }
`;

/** A yoga serving the orders subgraph over `orders`, which the test fills in as users appear. */
export function createOrdersSubgraph(orders: Order[]) {
  const schema = buildSubgraphSchema({
    typeDefs: parse(ORDERS_TYPE_DEFS),
    resolvers: {
      Query: {
        order: (_root: unknown, { id }: { id: string }) => orders.find((o) => o.id === id) ?? null,
      },
      User: {
        // The router sends `{ __typename: "User", id }`; nothing else about the user is known here.
        __resolveReference: ({ id }: { id: string }) => ({ id }),
        orders: ({ id }: { id: string }) => orders.filter((o) => o.buyerId === id),
      },
      Order: {
        buyer: (order: Order) => ({ id: order.buyerId }),
      },
    },
  });
  return createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, landingPage: false });
}
