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
import './magic-links/login-or-create-with-magic-link.js';
import './magic-links/send-magic-link.js';
import './magic-links/invite-by-magic-link.js';
import './magic-links/revoke-magic-link-invite.js';
import './passwords/reset-password-with-session.js';
import './passwords/create-password.js';
import './passwords/authenticate-password.js';
import './passwords/password-strength-check.js';
import './passwords/start-password-reset-by-email.js';
import './passwords/reset-password-by-email.js';
import './passwords/reset-password-with-existing-password.js';
import './otps/login-or-create-with-email-otp.js';
import './otps/send-email-otp.js';
import './otps/login-or-create-with-sms-otp.js';
import './otps/send-sms-otp.js';
import './otps/authenticate-otp.js';
import './sessions/sign-out.js';
import './sessions/viewer.js';
import './sessions/viewer-sessions.js';
import './sessions/revoke-session.js';
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
