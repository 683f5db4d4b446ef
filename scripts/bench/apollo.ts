/**
 * The benchmark's hand-written baseline: what a team would write instead of this gateway. Apollo
 * Server (standalone, on node:http) with the gateway's printed SDL as its type definitions, one
 * resolver that makes the same Stytch call through an undici Pool, and a field resolver that reads
 * camelCase fields from Stytch's snake_case keys. No validation of its own, no limits, no logging.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLFieldResolver } from 'graphql';
import { Pool } from 'undici';
import { ROOT } from '../lib/processes.js';

const upstream = new URL(process.env['BENCH_UPSTREAM'] as string);
const pool = new Pool(upstream.origin, { connections: 64, keepAliveTimeout: 60_000 });
const authorization = `Basic ${Buffer.from('project-test-bench:secret-test-bench').toString('base64')}`;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const ids: Record<string, string> = { User: 'user_id', Session: 'session_id' };
const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, unknown> = (
  source,
  _args,
  _context,
  info,
) => {
  const key = info.fieldName === 'id' ? (ids[info.parentType.name] ?? 'id') : snake(info.fieldName);
  return source[key] ?? source[info.fieldName] ?? null;
};

const server = new ApolloServer({
  typeDefs: readFileSync(`${ROOT}/schema.graphql`, 'utf8'),
  resolvers: {
    Mutation: {
      async authenticateMagicLink(_root: unknown, { input }: { input: { token: string } }) {
        const res = await pool.request({
          path: `${upstream.pathname}v1/magic_links/authenticate`,
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ token: input.token }),
        });
        return res.body.json();
      },
    },
  },
  fieldResolver,
  introspection: false,
});
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`apollo ready: ${url.replace('localhost', '127.0.0.1')}graphql\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
