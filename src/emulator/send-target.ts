import { ApiError } from './errors.js';
import { MINUTE } from './ids.js';
import { findSession } from './session-ops.js';
import type { State } from './state.js';
import type { UserRecord } from './store.js';
import { type Body, optionalString } from './validate.js';

/** Documented: a method attached by a send is kept only if authenticated within 5 minutes. */
const PROVISIONAL_MS = 5 * MINUTE;

export type Channel = 'email' | 'sms';

/** Where a send goes. */
export interface Destination {
  channel: Channel;
  /** The email address or E.164 phone number. */
  to: string;
}

function ownerOf(state: State, dest: Destination): UserRecord | undefined {
  const now = state.clock.now();
  return dest.channel === 'email'
    ? state.store.userByEmail(dest.to, now)
    : state.store.userByPhone(dest.to, now);
}

/** The email_id or phone_id of the destination on the user, attaching it if it is new to them. */
function methodOf(state: State, record: UserRecord, dest: Destination): string {
  if (dest.channel === 'email') {
    return state.store.attachEmail(record, dest.to).email_id;
  }
  return state.store.attachPhone(record, dest.to).phone_id;
}

/**
 * The user a send names through `user_id` (or its external_id), `session_token` or `session_jwt`,
 * to which a new email or phone number is attached; null when the send names none.
 */
async function sendTarget(state: State, body: Body): Promise<UserRecord | null> {
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

/**
 * The user an email or SMS send goes to, and the method on them: the destination's owner
 * (email_not_found / phone_number_not_found when there is none) or, when the send names a user,
 * that user, to whom a destination nobody holds is attached unverified for 5 minutes
 * (duplicate_email / duplicate_phone_number when another user holds it).
 */
export async function sendRecipient(
  state: State,
  body: Body,
  dest: Destination,
): Promise<{ record: UserRecord; methodId: string }> {
  const target = await sendTarget(state, body);
  const owner = ownerOf(state, dest);
  const email = dest.channel === 'email';
  let record: UserRecord;
  if (!target) {
    if (!owner) {
      throw new ApiError(email ? 'email_not_found' : 'phone_number_not_found');
    }
    record = owner;
  } else {
    if (owner && owner !== target) {
      throw new ApiError(email ? 'duplicate_email' : 'duplicate_phone_number');
    }
    record = target;
  }
  const methodId = methodOf(state, record, dest);
  if (!owner) {
    record.provisional.set(methodId, state.clock.now() + PROVISIONAL_MS);
  }
  return { record, methodId };
}

/** login_or_create: the destination's owner, or a new user holding it (pending when asked). */
export function ownerOrNewUser(
  state: State,
  dest: Destination,
  pending: boolean,
): { record: UserRecord; methodId: string; created: boolean } {
  let record = ownerOf(state, dest);
  const created = !record;
  if (!record) {
    record = state.store.addUser(
      {
        ...(dest.channel === 'email' ? { email: dest.to } : { phoneNumber: dest.to }),
        status: pending ? 'pending' : 'active',
      },
      state.clock.now(),
    );
  }
  return { record, methodId: methodOf(state, record, dest), created };
}

/** Marks a method as kept: it was authenticated (within its 5 minutes, or it would be gone). */
export function confirmMethod(record: UserRecord, methodId: string): void {
  record.provisional.delete(methodId);
}
