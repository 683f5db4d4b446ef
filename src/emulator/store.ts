import type { Attributes, AuthenticationFactor, JsonObject, Name, User } from '../stytch/types.js';
import { ApiError } from './errors.js';
import { ids, iso } from './ids.js';

export interface UserRecord {
  /** Kept in wire shape so every response serialises the same object. */
  user: User;
  passwordHash: string | null;
}

export interface MagicLinkRecord {
  token: string;
  userId: string;
  /** `embedded` for POST /v1/magic_links, `email` for the email send endpoints. */
  delivery: 'embedded' | 'email';
  emailId: string | null;
  email: string | null;
  embeddedId: string | null;
  type: 'login' | 'signup';
  expiresAt: number;
  usedAt: number | null;
  attributes: Attributes | null;
  codeChallenge: string | null;
  /** Only the documented sandbox token: it must keep working for every caller. */
  reusable: boolean;
}

export interface ImpersonationTokenRecord {
  token: string;
  userId: string;
  impersonatorId: string;
  impersonatorEmail: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface SessionRecord {
  sessionId: string;
  userId: string;
  token: string;
  startedAt: number;
  /** The sandbox session's documented start has microseconds, which a ms number cannot hold. */
  startedAtText: string | null;
  lastAccessedAt: number;
  expiresAt: number;
  factors: AuthenticationFactor[];
  attributes: Attributes | null;
  customClaims: JsonObject;
  roles: string[];
  impersonated: boolean;
  revokedAt: number | null;
  sandbox: boolean;
}

export interface OutboxEntry {
  email: string;
  userId: string;
  token: string;
  type: 'login' | 'signup';
  sentAt: string;
}

export interface NewUser {
  email: string;
  name?: Name;
  /** From password-hash.ts: the store never sees the password itself. */
  passwordHash?: string;
  status?: 'active' | 'pending';
  trustedMetadata?: JsonObject;
  untrustedMetadata?: JsonObject;
  /** Fixed ids, for the sandbox user only. */
  userId?: string;
  emailId?: string;
  emailVerified?: boolean;
  createdAt?: number;
}

/** Everything the emulator knows. In memory only: a restart forgets it all, by design. */
export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly magicLinks = new Map<string, MagicLinkRecord>();
  readonly impersonationTokens = new Map<string, ImpersonationTokenRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly outbox: OutboxEntry[] = [];
  private readonly usersByEmail = new Map<string, string>();
  private readonly sessionsByToken = new Map<string, string>();

  addUser(input: NewUser, now: number): UserRecord {
    const key = input.email.toLowerCase();
    if (this.usersByEmail.has(key)) {
      throw new ApiError('duplicate_email');
    }
    const user: User = {
      user_id: input.userId ?? ids.user(),
      emails: [
        {
          email_id: input.emailId ?? ids.email(),
          email: input.email,
          verified: input.emailVerified ?? false,
        },
      ],
      status: input.status ?? 'active',
      phone_numbers: [],
      webauthn_registrations: [],
      providers: [],
      totps: [],
      crypto_wallets: [],
      biometric_registrations: [],
      is_locked: false,
      roles: [],
      name: {
        first_name: input.name?.first_name ?? '',
        middle_name: input.name?.middle_name ?? '',
        last_name: input.name?.last_name ?? '',
      },
      created_at: iso(input.createdAt ?? now),
      trusted_metadata: input.trustedMetadata ?? {},
      untrusted_metadata: input.untrustedMetadata ?? {},
    };
    const record: UserRecord = { user, passwordHash: null };
    if (input.passwordHash !== undefined) {
      setPassword(record, input.passwordHash);
    }
    this.users.set(user.user_id, record);
    this.usersByEmail.set(key, user.user_id);
    return record;
  }

  requireUser(userId: string): UserRecord {
    const record = this.users.get(userId);
    if (!record) {
      throw new ApiError('user_not_found');
    }
    return record;
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.usersByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  addSession(session: SessionRecord): void {
    this.sessions.set(session.sessionId, session);
    this.sessionsByToken.set(session.token, session.sessionId);
  }

  sessionByToken(token: string): SessionRecord | undefined {
    const id = this.sessionsByToken.get(token);
    return id === undefined ? undefined : this.sessions.get(id);
  }
}

/** Sets or replaces the password; the password_id stays stable across resets, as in Stytch. */
export function setPassword(record: UserRecord, passwordHash: string): void {
  record.passwordHash = passwordHash;
  record.user.password = {
    password_id: record.user.password?.password_id ?? ids.password(),
    requires_reset: false,
  };
}

/** The address a user's email_id points at, for email factors. */
export function emailOf(record: UserRecord, email: string): { email_id: string; email: string } {
  const found = record.user.emails.find((e) => e.email.toLowerCase() === email.toLowerCase());
  if (!found) {
    throw new ApiError('email_not_found');
  }
  return found;
}
