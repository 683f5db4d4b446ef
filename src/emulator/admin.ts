import type { User } from '../stytch/types.js';
import { ApiError } from './errors.js';
import { type MessageOfKind, type OutboxKind, type OutboxMessage, readOutbox } from './outbox.js';
import { hashPasswordSync } from './password-hash.js';
import { requireAcceptablePassword } from './password-policy.js';
import { createImpersonationToken } from './routes/impersonation.js';
import { createEmbeddedLink } from './routes/magic-links.js';
import { checkExternalId, createUser } from './routes/users.js';
import type { State } from './state.js';
import type { NewUser } from './store.js';
import { checkPhoneNumber, MAGIC_LINK_MINUTES } from './validate.js';

export type {
  InviteMessage,
  MagicLinkMessage,
  MessageOfKind,
  OtpMessage,
  OutboxKind,
  OutboxMessage,
  PasswordResetMessage,
} from './outbox.js';

export interface AdminUserInput {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Checked against the same policy as Stytch's password endpoints (zxcvbn ≥ 3, not breached). */
  password?: string;
  phoneNumber?: string;
  externalId?: string;
}

/**
 * Operations that stand in for the Stytch Dashboard and the user's mailbox. Failures throw the
 * same `ApiError` the HTTP routes turn into Stytch error bodies.
 */
export interface EmulatorAdmin {
  createUser(input: AdminUserInput): User;
  createImpersonationToken(userId: string, impersonator?: { id?: string; email?: string }): string;
  /** Same as POST /v1/magic_links: an embeddable link, default 60 minutes. */
  createMagicLink(userId: string, expirationMinutes?: number): string;
  /** Everything "sent" (links and codes, email and SMS), oldest first. Nothing leaves the machine. */
  outbox(): OutboxMessage[];
  /**
   * The newest message to an address or phone number (case-insensitive for emails), optionally of
   * one kind: `lastMessage(email, 'otp')?.code`, `lastMessage(email, 'magic_link')?.token`.
   */
  lastMessage(to: string): OutboxMessage | undefined;
  lastMessage<K extends OutboxKind>(to: string, kind: K): MessageOfKind<K> | undefined;
}

export function adminUser(state: State, input: AdminUserInput): User {
  const user: NewUser = { email: input.email };
  if (input.firstName !== undefined || input.lastName !== undefined) {
    user.name = { first_name: input.firstName ?? '', last_name: input.lastName ?? '' };
  }
  if (input.password !== undefined) {
    requireAcceptablePassword(input.password, input.email);
    user.passwordHash = hashPasswordSync(input.password);
  }
  if (input.phoneNumber !== undefined) {
    user.phoneNumber = checkPhoneNumber(input.phoneNumber);
  }
  if (input.externalId !== undefined) {
    user.externalId = checkExternalId(input.externalId);
  }
  return createUser(state, user);
}

export function createAdmin(state: State): EmulatorAdmin {
  function lastMessage(to: string, kind?: OutboxKind): OutboxMessage | undefined {
    return readOutbox(state, { to, kind }).at(-1);
  }
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
      return createEmbeddedLink(state, userId, expirationMinutes).token;
    },
    outbox: () => readOutbox(state),
    lastMessage: lastMessage as EmulatorAdmin['lastMessage'],
  };
}
