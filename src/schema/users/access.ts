import { forbiddenError } from '../../errors.js';
import type { GatewayContext } from '../../http/context.js';

/**
 * The access rule for reading a user, shared by `user(id:)` and the federation entity lookups: a
 * server API key, or a session of that very user.
 */

/**
 * Whether the request's own session belongs to `userId`. Bad credentials grant nothing rather than
 * failing the check: the `viewer` query is where the caller learns why their session was refused.
 */
export async function viewerIsUser(context: GatewayContext, userId: string): Promise<boolean> {
  try {
    return (await context.viewer())?.session.user_id === userId;
  } catch {
    return false;
  }
}

/** The refusal when neither holds; a caller with no session is simply told a key is needed. */
export function userAccessDenied(context: GatewayContext) {
  return forbiddenError(
    context.credentials
      ? 'This needs a server API key (x-api-key), or to be signed in as this user.'
      : undefined,
  );
}
