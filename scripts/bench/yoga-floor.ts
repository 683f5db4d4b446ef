/**
 * The benchmark's floor for any yoga server on this machine: graphql-yoga on node:http answering
 * `{ hello }` with a constant, with yoga's defaults. What it costs per request is what the
 * gateway pays before any of its own work, so the gateway's own cost is measured above it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  }),
  logging: false,
  landingPage: false,
  graphiql: false,
});
const server = createServer(yoga);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`yoga ready: http://127.0.0.1:${port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
