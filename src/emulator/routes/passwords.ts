import type { AuthenticationFactor, JsonObject } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { passwordFactor } from '../factors.js';
import { MINUTE } from '../ids.js';
import { assertNotLocked, recordFailure, recordSuccess } from '../locks.js';
import { hashPassword, verifyPassword } from '../password-hash.js';
import { passwordVerdict, requireAcceptablePassword } from '../password-policy.js';
import type { Route } from '../route.js';
import { SANDBOX } from '../sandbox.js';
import {
  commitSession,
  customClaimsUpdate,
  extendSession,
  findSession,
  isActive,
  mergeClaims,
  prepareSession,
  revokeUserSessions,
  type SessionArgs,
  sessionArgs,
  sessionDurationAndClaims,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import type { State } from '../state.js';
import { type SessionRecord, setPassword, type UserRecord } from '../store.js';
import {
  acceptStrings,
  type Body,
  optionalString,
  requiredEmail,
  requiredString,
  sessionDuration,
} from '../validate.js';
import { readProfile } from './users.js';

/** Documented window: the session must have proved the user's identity within 5 minutes. */
const RESET_WINDOW_MS = 5 * MINUTE;

/** Stytch's message for a wrong password, shorter than the one for a bad project secret. */
const WRONG_PASSWORD = 'Unauthorized credentials.';

function canReset(factor: AuthenticationFactor, now: number): boolean {
  const kind =
    factor.type === 'password' ||
    factor.type === 'email_otp' ||
    (factor.type === 'magic_link' && factor.delivery_method === 'email');
  const at = factor.last_authenticated_at ? Date.parse(factor.last_authenticated_at) : Number.NaN;
  return kind && now - at <= RESET_WINDOW_MS;
}

/**
 * Checks `password` against the user's, counting a failure toward the user lock. Unknown email
 * is email_not_found, a user without a password no_user_password, a wrong one
 * unauthorized_credentials (401); a locked user is refused before the password is looked at.
 */
async function checkPassword(state: State, email: string, password: string): Promise<UserRecord> {
  const record = state.store.userByEmail(email, state.clock.now());
  if (!record) {
    throw new ApiError('email_not_found');
  }
  assertNotLocked(record, state.clock.now());
  if (record.passwordHash === null) {
    throw new ApiError('no_user_password');
  }
  const matches = await verifyPassword(password, record.passwordHash);
  // The lock may have been set by a concurrent failure while the hash was computed.
  assertNotLocked(record, state.clock.now());
  if (!matches) {
    recordFailure(record, state.clock.now());
    throw new ApiError('unauthorized_credentials', WRONG_PASSWORD);
  }
  recordSuccess(record);
  return record;
}

/** The session set every password endpoint answers with, after its own checks passed. */
async function passwordSessionReply(
  state: State,
  record: UserRecord,
  existing: SessionRecord | null,
  duration: number | undefined,
  claims: JsonObject | undefined,
  extra: JsonObject = {},
): Promise<JsonObject> {
  const now = state.clock.now();
  const session = commitSession(
    state,
    {
      userId: record.user.user_id,
      factor: passwordFactor(now),
      existing,
      duration,
      claims,
      attributes: undefined,
    },
    now,
  );
  return {
    user_id: record.user.user_id,
    ...extra,
    user: wireUser(record, now),
    ...(await sessionFields(state, session)),
  };
}

async function existingSession(state: State, args: SessionArgs | null) {
  return args ? await findSession(state, args) : null;
}

async function create(state: State, body: Body): Promise<JsonObject> {
  const email = requiredEmail(body);
  const password = requiredString(body, 'password');
  const { duration, claimsUpdate } = sessionDurationAndClaims(body);
  const profile = readProfile(body);
  acceptStrings(body, 'telemetry_id');
  const claims = prepareSession(null, '', duration, claimsUpdate);

  const now = state.clock.now();
  const owner = state.store.userByEmail(email, now);
  if (owner?.user.user_id === SANDBOX.userId) {
    // Documented sandbox value: any password, 200, and nothing about the sandbox user changes.
    return passwordSessionReply(state, owner, null, duration, claims, {
      email_id: SANDBOX.emailId,
    });
  }
  // Documented: any user holding the address, with or without a password, blocks a create.
  if (owner) {
    throw new ApiError('duplicate_email');
  }
  requireAcceptablePassword(password, email);
  const hash = await hashPassword(password);
  const record = state.store.addUser(
    {
      email,
      passwordHash: hash,
      ...profile,
    },
    state.clock.now(),
  );
  return passwordSessionReply(state, record, null, duration, claims, {
    email_id: record.user.emails[0]?.email_id ?? '',
  });
}

async function authenticate(state: State, body: Body): Promise<JsonObject> {
  const email = requiredEmail(body);
  const password = requiredString(body, 'password');
  const args = sessionArgs(body, false);
  const { duration, claimsUpdate } = sessionDurationAndClaims(body);
  acceptStrings(body, 'telemetry_id');
  const existing = await existingSession(state, args);

  const sandbox = state.store.userByEmail(email, state.clock.now());
  const record =
    sandbox?.user.user_id === SANDBOX.userId
      ? sandbox
      : await checkPassword(state, email, password);
  const claims = prepareSession(existing, record.user.user_id, duration, claimsUpdate);
  if (existing && !isActive(existing, state.clock.now())) {
    throw new ApiError('session_not_found');
  }
  return passwordSessionReply(state, record, existing, duration, claims);
}

/**
 * existing_password/reset: the current password must be right (a wrong one counts toward the
 * lock as on authenticate), the new one must pass the policy, and every session of the user ends
 * except the one named in the request, which carries on with the new factor.
 */
async function resetExisting(state: State, body: Body): Promise<JsonObject> {
  const email = requiredEmail(body);
  const current = requiredString(body, 'existing_password');
  const next = requiredString(body, 'new_password');
  const args = sessionArgs(body, false);
  const { duration, claimsUpdate } = sessionDurationAndClaims(body);
  acceptStrings(body, 'telemetry_id');
  const existing = await existingSession(state, args);

  const record = await checkPassword(state, email, current);
  const claims = prepareSession(existing, record.user.user_id, duration, claimsUpdate);
  requireAcceptablePassword(next, email);
  const hash = await hashPassword(next);
  if (existing && !isActive(existing, state.clock.now())) {
    throw new ApiError('session_not_found');
  }
  // Nothing awaits from here until the reply, so no other request can interleave.
  const now = state.clock.now();
  setPassword(record, hash);
  revokeUserSessions(state, record.user.user_id, now, existing);
  return passwordSessionReply(state, record, existing, duration, claims);
}

async function resetWithSession(state: State, body: Body): Promise<JsonObject> {
  const password = requiredString(body, 'password');
  const args = sessionArgs(body, true);
  const duration = sessionDuration(body);
  const claimsUpdate = customClaimsUpdate(body);
  acceptStrings(body, 'telemetry_id');
  const session = await findSession(state, args ?? {});
  const now = state.clock.now();
  if (!session.factors.some((f) => canReset(f, now))) {
    throw new ApiError('session_too_old_to_reset_password');
  }
  const record = state.store.requireUser(session.userId, now);
  requireAcceptablePassword(password, record.user.emails[0]?.email);
  if (session.impersonated && (duration !== undefined || claimsUpdate)) {
    throw new ApiError('session_not_mutable_impersonated');
  }
  const claims = mergeClaims(session.customClaims, claimsUpdate);
  const hash = await hashPassword(password);
  // The session may have been revoked while the hash was computed.
  if (!isActive(session, state.clock.now())) {
    throw new ApiError('session_not_found');
  }

  // Nothing awaits from here on, so no other request can interleave with the reset.
  setPassword(record, hash);
  // Documented: every other active session of the user ends; the one used here survives.
  revokeUserSessions(state, session.userId, now, session);
  session.lastAccessedAt = now;
  session.customClaims = claims;
  if (duration !== undefined) {
    extendSession(session, duration, now);
  }
  return {
    user_id: session.userId,
    user: wireUser(record, now),
    ...(await sessionFields(state, session)),
  };
}

export const passwordRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/passwords',
    handle: ({ state, body }) => create(state, body),
  },
  {
    method: 'POST',
    path: '/v1/passwords/authenticate',
    handle: ({ state, body }) => authenticate(state, body),
  },
  {
    method: 'POST',
    path: '/v1/passwords/strength_check',
    handle({ body }) {
      const password = requiredString(body, 'password');
      const email = optionalString(body, 'email') || undefined;
      return { ...passwordVerdict(password, email) };
    },
  },
  {
    method: 'POST',
    path: '/v1/passwords/existing_password/reset',
    handle: ({ state, body }) => resetExisting(state, body),
  },
  {
    method: 'POST',
    path: '/v1/passwords/session/reset',
    handle: ({ state, body }) => resetWithSession(state, body),
  },
];
