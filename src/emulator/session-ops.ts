import type {
  Attributes,
  AuthenticationFactor,
  JsonObject,
  Session,
  User,
} from '../stytch/types.js';
import { ApiError } from './errors.js';
import { ids, iso, MINUTE, sessionToken } from './ids.js';
import { isLocked } from './locks.js';
import type { State } from './state.js';
import type { SessionRecord, UserRecord } from './store.js';
import { type Body, optionalObject, optionalString, sessionDuration } from './validate.js';

export const SESSION_CLAIM = 'https://stytch.com/session';
const RESERVED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const MAX_CLAIMS_BYTES = 4096;
/** Stytch gives every consumer session the implicit RBAC role. */
const DEFAULT_ROLES = ['stytch_user'];

export function isActive(session: SessionRecord, now: number): boolean {
  return session.sandbox || (session.revokedAt === null && now < session.expiresAt);
}

export interface SessionArgs {
  sessionToken?: string;
  sessionJwt?: string;
}

/** Reads session_token / session_jwt; at most one may be given, and one must be when `required`. */
export function sessionArgs(body: Body, required: boolean): SessionArgs | null {
  const token = optionalString(body, 'session_token') || undefined;
  const jwt = optionalString(body, 'session_jwt') || undefined;
  if (token !== undefined && jwt !== undefined) {
    throw new ApiError('too_many_session_arguments');
  }
  if (token === undefined && jwt === undefined) {
    if (required) {
      throw new ApiError('no_session_arguments');
    }
    return null;
  }
  return token !== undefined ? { sessionToken: token } : { sessionJwt: jwt as string };
}

/**
 * Finds a live session by token or JWT. A JWT only has to carry a valid signature from one of the
 * project's keys: its 5-minute `exp` may have passed, because the session itself is what counts.
 */
export async function findSession(state: State, args: SessionArgs): Promise<SessionRecord> {
  const now = state.clock.now();
  let session: SessionRecord | undefined;
  if (args.sessionToken !== undefined) {
    session = state.store.sessionByToken(args.sessionToken);
  } else if (args.sessionJwt !== undefined) {
    const payload = await state.keys.verifySignature(args.sessionJwt);
    const claim = payload?.[SESSION_CLAIM] as { id?: unknown } | undefined;
    const audience = payload?.['aud'];
    const audienceOk = Array.isArray(audience)
      ? audience.includes(state.projectId)
      : audience === state.projectId;
    if (
      !payload ||
      payload['iss'] !== `stytch.com/${state.projectId}` ||
      !audienceOk ||
      typeof claim?.id !== 'string'
    ) {
      throw new ApiError('unable_to_parse_session_jwt');
    }
    session = state.store.sessions.get(claim.id);
    if (session && session.userId !== payload['sub']) {
      session = undefined;
    }
  }
  if (!session || !isActive(session, now)) {
    throw new ApiError('session_not_found');
  }
  return session;
}

/** Reads session_custom_claims; validated against the session's claims later by `mergeClaims`. */
export function customClaimsUpdate(body: Body): JsonObject | undefined {
  return optionalObject(body, 'session_custom_claims');
}

export function sessionDurationAndClaims(body: Body): {
  duration: number | undefined;
  claimsUpdate: JsonObject | undefined;
} {
  return { duration: sessionDuration(body), claimsUpdate: customClaimsUpdate(body) };
}

/**
 * Applies an update the way Stytch documents it: reserved JWT claims are ignored, `null` deletes a
 * key, and the result must fit in 4 KB. Returns a new object so a failed call changes nothing.
 */
export function mergeClaims(existing: JsonObject, update: JsonObject | undefined): JsonObject {
  if (!update) {
    return existing;
  }
  const merged: JsonObject = { ...existing };
  for (const [key, value] of Object.entries(update)) {
    if (RESERVED_CLAIMS.has(key)) {
      continue;
    }
    if (key.startsWith('https://stytch.com/')) {
      throw new ApiError('stytch_claims_in_custom_claims');
    }
    if (value === null) {
      delete merged[key];
    } else {
      merged[key] = value;
    }
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > MAX_CLAIMS_BYTES) {
    throw new ApiError('custom_claims_too_large');
  }
  return merged;
}

export function factorIdentity(factor: AuthenticationFactor): string {
  const details = Object.entries(factor).filter(([key]) => key.endsWith('_factor'));
  return JSON.stringify([factor.type, factor.delivery_method, details]);
}

/** Adds a factor, or refreshes the same factor's timestamps when the session already holds it. */
function addFactor(session: SessionRecord, factor: AuthenticationFactor): void {
  const identity = factorIdentity(factor);
  const existing = session.factors.find((f) => factorIdentity(f) === identity);
  if (existing) {
    existing.last_authenticated_at = factor.last_authenticated_at ?? null;
    existing.updated_at = factor.updated_at ?? null;
  } else {
    session.factors.push(factor);
  }
}

export function createSession(
  state: State,
  input: {
    userId: string;
    factor: AuthenticationFactor;
    minutes: number;
    attributes?: Attributes | null;
    customClaims?: JsonObject;
    impersonated?: boolean;
  },
  now: number,
): SessionRecord {
  const session: SessionRecord = {
    sessionId: ids.session(),
    userId: input.userId,
    token: sessionToken(),
    startedAt: now,
    startedAtText: null,
    lastAccessedAt: now,
    expiresAt: now + input.minutes * MINUTE,
    factors: [input.factor],
    attributes: input.attributes ?? null,
    customClaims: input.customClaims ?? {},
    roles: [...DEFAULT_ROLES],
    impersonated: input.impersonated ?? false,
    revokedAt: null,
    sandbox: false,
  };
  state.store.addSession(session);
  return session;
}

/** Stytch's rule: a duration sets the lifetime to that many minutes from now. */
export function extendSession(session: SessionRecord, minutes: number, now: number): void {
  session.expiresAt = now + minutes * MINUTE;
}

export function factorTimes(now: number) {
  const at = iso(now);
  return { last_authenticated_at: at, created_at: at, updated_at: at };
}

export function toWireSession(session: SessionRecord): Session {
  return {
    session_id: session.sessionId,
    user_id: session.userId,
    started_at: session.startedAtText ?? iso(session.startedAt),
    last_accessed_at: iso(session.lastAccessedAt),
    expires_at: iso(session.expiresAt),
    attributes: session.attributes ? { ...session.attributes } : null,
    authentication_factors: structuredClone(session.factors),
    roles: [...session.roles],
    custom_claims: structuredClone(session.customClaims),
  };
}

export function mintJwt(state: State, session: SessionRecord): Promise<string> {
  const wire = toWireSession(session);
  return state.keys.sign(
    {
      ...session.customClaims,
      [SESSION_CLAIM]: {
        id: wire.session_id,
        started_at: wire.started_at,
        last_accessed_at: wire.last_accessed_at,
        expires_at: wire.expires_at,
        attributes: wire.attributes ?? { ip_address: '', user_agent: '' },
        authentication_factors: wire.authentication_factors,
        roles: wire.roles,
      },
    },
    {
      issuer: `stytch.com/${state.projectId}`,
      audience: state.projectId,
      subject: session.userId,
      iatSeconds: Math.floor(state.clock.now() / 1000),
    },
  );
}

/**
 * Checks, before anything is spent, that an authenticate call may put its factor on `existing`
 * (the caller's session_token / session_jwt): same user, not impersonated. Returns the custom
 * claims the session will carry, or undefined when no session is touched.
 */
export function prepareSession(
  existing: SessionRecord | null,
  userId: string,
  duration: number | undefined,
  claimsUpdate: JsonObject | undefined,
): JsonObject | undefined {
  if (existing && existing.userId !== userId) {
    throw new ApiError('user_id_mismatch');
  }
  if (existing?.impersonated) {
    throw new ApiError('session_not_mutable_impersonated');
  }
  return existing || duration !== undefined
    ? mergeClaims(existing?.customClaims ?? {}, claimsUpdate)
    : undefined;
}

/**
 * The session half of every authenticate endpoint: the factor joins `existing` (extended when a
 * duration is given), or starts a new session when a duration is given, or there is none.
 */
export function commitSession(
  state: State,
  input: {
    userId: string;
    factor: AuthenticationFactor;
    existing: SessionRecord | null;
    duration: number | undefined;
    claims: JsonObject | undefined;
    attributes: Attributes | undefined;
  },
  now: number,
): SessionRecord | null {
  const session = input.existing;
  if (session) {
    addFactor(session, input.factor);
    session.lastAccessedAt = now;
    session.customClaims = input.claims ?? session.customClaims;
    if (input.duration !== undefined) {
      extendSession(session, input.duration, now);
    }
    return session;
  }
  if (input.duration === undefined) {
    return null;
  }
  return createSession(
    state,
    {
      userId: input.userId,
      factor: input.factor,
      minutes: input.duration,
      attributes: input.attributes ?? null,
      customClaims: input.claims ?? {},
    },
    now,
  );
}

/** Ends the user's live sessions, but `keep`; the shared sandbox session is never ended. */
export function revokeUserSessions(
  state: State,
  userId: string,
  now: number,
  keep: SessionRecord | null = null,
): void {
  for (const other of state.store.sessions.values()) {
    if (other.userId === userId && other !== keep && !other.sandbox && other.revokedAt === null) {
      other.revokedAt = now;
    }
  }
}

/** The session part of every authenticate response; empty strings and null when there is none. */
export async function sessionFields(
  state: State,
  session: SessionRecord | null,
): Promise<{ session_token: string; session_jwt: string; session: Session | null }> {
  if (!session) {
    return { session_token: '', session_jwt: '', session: null };
  }
  return {
    session_token: session.token,
    session_jwt: await mintJwt(state, session),
    session: toWireSession(session),
  };
}

/** The user as Stytch serialises it, with the lock as it stands at `now`. */
export function wireUser(record: UserRecord, now: number): User {
  const user = structuredClone(record.user);
  user.is_locked = isLocked(record, now);
  const { createdAt, expiresAt } = record.lock;
  if (user.is_locked && createdAt !== null && expiresAt !== null) {
    user.lock_created_at = iso(createdAt);
    user.lock_expires_at = iso(expiresAt);
  }
  return user;
}
