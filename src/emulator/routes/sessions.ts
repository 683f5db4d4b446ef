import { ApiError } from '../errors.js';
import type { Route } from '../route.js';
import { keepSandboxAlive } from '../sandbox.js';
import {
  customClaimsUpdate,
  extendSession,
  findSession,
  isActive,
  mergeClaims,
  sessionArgs,
  sessionFields,
  toWireSession,
  wireUser,
} from '../session-ops.js';
import type { SessionRecord } from '../store.js';
import { optionalString, sessionDuration } from '../validate.js';

export const sessionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/sessions/authenticate',
    async handle({ state, body }) {
      const args = sessionArgs(body, true);
      const duration = sessionDuration(body);
      const claimsUpdate = customClaimsUpdate(body);
      const session = await findSession(state, args ?? {});
      if (session.impersonated && (duration !== undefined || claimsUpdate)) {
        throw new ApiError('session_not_mutable_impersonated');
      }
      // The shared sandbox session stays as documented whatever a caller asks of it.
      const claims = session.sandbox
        ? session.customClaims
        : mergeClaims(session.customClaims, claimsUpdate);
      const now = state.clock.now();
      const record = state.store.requireUser(session.userId, now);

      session.lastAccessedAt = now;
      session.customClaims = claims;
      if (duration !== undefined && !session.sandbox) {
        extendSession(session, duration, now);
      }
      keepSandboxAlive(state, session);
      return { ...(await sessionFields(state, session)), user: wireUser(record, now) };
    },
  },
  {
    method: 'POST',
    path: '/v1/sessions/revoke',
    async handle({ state, body }) {
      const sessionId = optionalString(body, 'session_id') || undefined;
      const sessionToken = optionalString(body, 'session_token') || undefined;
      const sessionJwt = optionalString(body, 'session_jwt') || undefined;
      const given = [sessionId, sessionToken, sessionJwt].filter((v) => v !== undefined).length;
      if (given === 0) {
        throw new ApiError('no_session_revoke_arguments');
      }
      if (given > 1) {
        throw new ApiError('too_many_session_revoke_arguments');
      }
      let session: SessionRecord | undefined;
      if (sessionId !== undefined) {
        session = state.store.sessions.get(sessionId);
        if (!session || !isActive(session, state.clock.now())) {
          throw new ApiError('session_not_found');
        }
      } else {
        session = await findSession(
          state,
          sessionToken !== undefined ? { sessionToken } : { sessionJwt: sessionJwt as string },
        );
      }
      // Revoking the documented sandbox session would break it for every other caller.
      if (!session.sandbox) {
        session.revokedAt = state.clock.now();
      }
      return {};
    },
  },
  {
    method: 'GET',
    path: '/v1/sessions',
    handle({ state, query }) {
      const userId = query.get('user_id');
      if (!userId) {
        throw new ApiError('bad_request', 'user_id is a required field.');
      }
      const now = state.clock.now();
      // An external_id names the user as well as the user_id does.
      const id = state.store.requireUser(userId, now).user.user_id;
      const sessions = [...state.store.sessions.values()]
        .filter((s) => s.userId === id && isActive(s, now))
        .map(toWireSession);
      return { sessions };
    },
  },
  {
    method: 'GET',
    path: '/v1/sessions/jwks/:project_id',
    public: true,
    handle({ state, params }) {
      if (params['project_id'] !== state.projectId) {
        throw new ApiError('project_not_found');
      }
      return { keys: state.keys.jwks() };
    },
  },
];
