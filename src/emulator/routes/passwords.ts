import type { AuthenticationFactor } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { MINUTE } from '../ids.js';
import { hashPassword } from '../password-hash.js';
import type { Route } from '../route.js';
import {
  customClaimsUpdate,
  extendSession,
  findSession,
  isActive,
  mergeClaims,
  sessionArgs,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import { setPassword } from '../store.js';
import { requiredString, sessionDuration } from '../validate.js';
import { checkPasswordStrength } from './users.js';

/** Documented window: the session must have proved the user's identity within 5 minutes. */
const RESET_WINDOW_MS = 5 * MINUTE;

function canReset(factor: AuthenticationFactor, now: number): boolean {
  const kind =
    factor.type === 'password' ||
    factor.type === 'email_otp' ||
    (factor.type === 'magic_link' && factor.delivery_method === 'email');
  const at = factor.last_authenticated_at ? Date.parse(factor.last_authenticated_at) : Number.NaN;
  return kind && now - at <= RESET_WINDOW_MS;
}

export const passwordRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/passwords/session/reset',
    async handle({ state, body }) {
      const password = requiredString(body, 'password');
      const args = sessionArgs(body, true);
      const duration = sessionDuration(body);
      const claimsUpdate = customClaimsUpdate(body);
      const session = await findSession(state, args ?? {});
      const now = state.clock.now();
      if (!session.factors.some((f) => canReset(f, now))) {
        throw new ApiError('session_too_old_to_reset_password');
      }
      checkPasswordStrength(password);
      if (session.impersonated && (duration !== undefined || claimsUpdate)) {
        throw new ApiError('session_not_mutable_impersonated');
      }
      const claims = mergeClaims(session.customClaims, claimsUpdate);
      const record = state.store.requireUser(session.userId);
      const hash = await hashPassword(password);
      // The session may have been revoked while the hash was computed.
      if (!isActive(session, state.clock.now())) {
        throw new ApiError('session_not_found');
      }

      // Nothing awaits from here on, so no other request can interleave with the reset.
      setPassword(record, hash);
      // Documented: every other active session of the user ends; the one used here survives.
      for (const other of state.store.sessions.values()) {
        if (
          other.userId === session.userId &&
          other !== session &&
          !other.sandbox &&
          other.revokedAt === null
        ) {
          other.revokedAt = now;
        }
      }
      session.lastAccessedAt = now;
      session.customClaims = claims;
      if (duration !== undefined) {
        extendSession(session, duration, now);
      }
      return {
        user_id: session.userId,
        user: wireUser(record.user),
        ...(await sessionFields(state, session)),
      };
    },
  },
];
