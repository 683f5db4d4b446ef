import { ApiError } from '../errors.js';
import { MINUTE, oneTimeToken } from '../ids.js';
import type { Route } from '../route.js';
import { createSession, factorTimes, sessionFields, wireUser } from '../session-ops.js';
import type { State } from '../state.js';
import { requiredString } from '../validate.js';

/** Documented: tokens expire after 5 minutes; impersonated sessions last exactly one hour. */
export const IMPERSONATION_TOKEN_MINUTES = 5;
export const IMPERSONATED_SESSION_MINUTES = 60;

/** Stands in for the Dashboard's "Impersonate user" button. */
export const DEFAULT_IMPERSONATOR = {
  id: 'emulator-admin',
  email: 'admin@emulator.invalid',
} as const;

export function createImpersonationToken(
  state: State,
  userId: string,
  impersonator?: { id?: string; email?: string },
): { token: string; expiresAt: number } {
  const record = state.store.requireUser(userId, state.clock.now());
  const token = oneTimeToken();
  const expiresAt = state.clock.now() + IMPERSONATION_TOKEN_MINUTES * MINUTE;
  state.store.impersonationTokens.set(token, {
    token,
    userId: record.user.user_id,
    impersonatorId: impersonator?.id || DEFAULT_IMPERSONATOR.id,
    impersonatorEmail: impersonator?.email || DEFAULT_IMPERSONATOR.email,
    expiresAt,
    usedAt: null,
  });
  return { token, expiresAt };
}

export const impersonationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/impersonation/authenticate',
    async handle({ state, body }) {
      // No session parameters are read: the session length is fixed by Stytch, not the caller.
      const token = requiredString(body, 'impersonation_token');
      const now = state.clock.now();
      const record = state.store.impersonationTokens.get(token);
      if (!record || record.usedAt !== null || now >= record.expiresAt) {
        throw new ApiError('unable_to_auth_impersonation_token');
      }
      const user = state.store.findUser(record.userId, now);
      if (!user) {
        throw new ApiError('unable_to_auth_impersonation_token');
      }
      record.usedAt = now;
      const session = createSession(
        state,
        {
          userId: record.userId,
          minutes: IMPERSONATED_SESSION_MINUTES,
          impersonated: true,
          factor: {
            type: 'impersonated',
            delivery_method: 'impersonation',
            ...factorTimes(now),
            impersonated_factor: {
              impersonator_id: record.impersonatorId,
              impersonator_email_address: record.impersonatorEmail,
            },
          },
        },
        now,
      );
      return {
        user_id: record.userId,
        user: wireUser(user, now),
        ...(await sessionFields(state, session)),
      };
    },
  },
];
