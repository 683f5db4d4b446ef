import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './user.js';
import './session.js';
import './authentication-factor.js';
import './device-info.js';
import './environment.js';
import './mutations/authenticate-impersonation.js';
import './mutations/create-magic-link.js';
import './mutations/authenticate-magic-link.js';
import './mutations/reset-password-with-session.js';
import './mutations/sign-out.js';
import './viewer.js';
// Also registers User and Session as entities; only buildSubgraphSchema() exposes them.
import { FEDERATION_SPEC_URL } from './federation.js';

/** The gateway's schema, sorted so that its printed form is stable. */
export function buildSchema() {
  return lexicographicSortSchema(builder.toSchema());
}

/**
 * The Apollo Federation v2 subgraph schema (GRAPHQL_MODE=subgraph): the same types and operations,
 * plus `User` and `Session` as entities keyed by `id`, `_entities` and `_service`. Print it with
 * `printSubgraphSchema` from `@apollo/subgraph`, which keeps the `@link` and `@key` directives.
 */
export function buildSubgraphSchema() {
  return builder.toSubGraphSchema({
    linkUrl: FEDERATION_SPEC_URL,
    federationDirectives: ['@key'],
  });
}
