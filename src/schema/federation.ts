import { forbiddenError } from '../errors.js';
import { builder } from './builder.js';
import { requireNonEmpty } from './common/input-rules.js';
import { SessionRef } from './sessions/session.js';
import { userAccessDenied, viewerIsUser } from './users/access.js';
import { UserRef } from './users/user.js';

/**
 * The entities this subgraph contributes to a federated graph. They only add metadata to the
 * shared builder; `_entities` and `_service` exist in the schema `buildSubgraphSchema()` makes, so
 * the api-mode schema is untouched.
 *
 * A reference the caller may not read is a FORBIDDEN error, exactly as `user(id:)` answers: the
 * router nulls that entity and reports why, so a router that forgot to present its API key fails
 * loudly instead of returning silently empty users.
 */

/** Federation v2.6: Pothos's default, accepted by The Guild's and Apollo's composition alike. */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.6';

builder.asEntity(UserRef, {
  key: builder.selection<{ id: string }>('id'),
  // The same rule as user(id:): entity lookups come from the router, which presents an API key;
  // without one only the caller's own user resolves.
  resolveReference: async ({ id }, context) => {
    if (!context.hasApiKey && !(await viewerIsUser(context, id))) {
      throw userAccessDenied(context);
    }
    return context.loaders.users.load(requireNonEmpty(id, 'id'));
  },
});

builder.asEntity(SessionRef, {
  key: builder.selection<{ id: string }>('id'),
  // Stytch finds sessions by credentials or by user, never by session id, so the caller's own
  // session is the only one a reference can load. With an API key, asking for another session is
  // allowed but it cannot be found, so the answer is null.
  resolveReference: async ({ id }, context) => {
    const viewer = await context.viewer().catch(() => null);
    if (viewer?.session.session_id === id) {
      return viewer.session;
    }
    if (!context.hasApiKey) {
      throw forbiddenError(
        'This needs a server API key (x-api-key), or to be signed in with this session.',
      );
    }
    return null;
  },
});
