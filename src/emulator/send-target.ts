import { ApiError } from './errors.js';
import { MINUTE } from './ids.js';
import { findSession } from './session-ops.js';
import type { State } from './state.js';
import type { UserRecord } from './store.js';
import { type Body, optionalString } from './validate.js';

/** Documented: a method attached by a send is kept only if authenticated within 5 minutes. */
export const PROVISIONAL_MS = 5 * MINUTE;

/**
 * The user a send names through `user_id` (or its external_id), `session_token` or `session_jwt`,
 * to which a new email or phone number is attached; null when the send names none.
 */
export async function sendTarget(state: State, body: Body): Promise<UserRecord | null> {
  const userId = optionalString(body, 'user_id') || undefined;
  const sessionToken = optionalString(body, 'session_token') || undefined;
  const sessionJwt = optionalString(body, 'session_jwt') || undefined;
  const given = [userId, sessionToken, sessionJwt].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw new ApiError(
      'bad_request',
      'Only one of user_id, session_token or session_jwt may be provided.',
    );
  }
  if (userId !== undefined) {
    return state.store.requireUser(userId, state.clock.now());
  }
  if (sessionToken === undefined && sessionJwt === undefined) {
    return null;
  }
  const session = await findSession(
    state,
    sessionToken !== undefined ? { sessionToken } : { sessionJwt: sessionJwt as string },
  );
  return state.store.requireUser(session.userId, state.clock.now());
}

/** Marks a method as kept: it was authenticated (within its 5 minutes, or it would be gone). */
export function confirmMethod(record: UserRecord, methodId: string): void {
  record.provisional.delete(methodId);
}
