import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './users/user.js';
import './sessions/session.js';
import './sessions/authentication-factor.js';
import './sessions/device-info.js';
import './environment.js';
import './impersonation/authenticate-impersonation.js';
import './magic-links/create-magic-link.js';
import './magic-links/authenticate-magic-link.js';
import './passwords/reset-password-with-session.js';
import './sessions/sign-out.js';
import './sessions/viewer.js';
import './users/user-query.js';
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
