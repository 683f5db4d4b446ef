import type { User } from '../stytch/types.js';
import { ApiError } from './errors.js';
import { hashPasswordSync } from './password-hash.js';
import { createImpersonationToken } from './routes/impersonation.js';
import { createEmbeddedLink } from './routes/magic-links.js';
import { checkPasswordStrength, createUser } from './routes/users.js';
import type { State } from './state.js';
import type { NewUser } from './store.js';
import { MAGIC_LINK_MINUTES } from './validate.js';

export interface OutboxMessage {
  email: string;
  userId: string;
  token: string;
  type: 'login' | 'signup';
  sentAt: string;
}

/**
 * Operations that stand in for the Stytch Dashboard and the user's mailbox. Failures throw the
 * same `ApiError` the HTTP routes turn into Stytch error bodies.
 */
export interface EmulatorAdmin {
  createUser(input: {
    email: string;
    firstName?: string;
    lastName?: string;
    password?: string;
  }): User;
  createImpersonationToken(userId: string, impersonator?: { id?: string; email?: string }): string;
  /** Same as POST /v1/magic_links: an embeddable link, default 60 minutes. */
  createMagicLink(userId: string, expirationMinutes?: number): string;
  /** Magic links "sent" by email, oldest first. No mail ever leaves the machine. */
  outbox(): OutboxMessage[];
}

export function adminUser(
  state: State,
  input: { email: string; firstName?: string; lastName?: string; password?: string },
): User {
  const user: NewUser = { email: input.email };
  if (input.firstName !== undefined || input.lastName !== undefined) {
    user.name = { first_name: input.firstName ?? '', last_name: input.lastName ?? '' };
  }
  if (input.password !== undefined) {
    checkPasswordStrength(input.password);
    user.passwordHash = hashPasswordSync(input.password);
  }
  return createUser(state, user);
}

export function createAdmin(state: State): EmulatorAdmin {
  return {
    createUser: (input) => adminUser(state, input),
    createImpersonationToken: (userId, impersonator) =>
      createImpersonationToken(state, userId, impersonator).token,
    createMagicLink(userId, expirationMinutes = 60) {
      if (
        !Number.isInteger(expirationMinutes) ||
        expirationMinutes < MAGIC_LINK_MINUTES.min ||
        expirationMinutes > MAGIC_LINK_MINUTES.max
      ) {
        throw new ApiError('invalid_expiration');
      }
      return createEmbeddedLink(state, userId, expirationMinutes);
    },
    outbox: () => state.store.outbox.map((m) => ({ ...m })),
  };
}
