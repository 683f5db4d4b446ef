import type { Attributes, AuthenticationFactor, JsonObject, Name, User } from '../stytch/types.js';
import { ApiError } from './errors.js';
import { ids, iso } from './ids.js';
import type { OutboxMessage } from './outbox.js';

export interface UserLock {
  /** Consecutive failed password or OTP authentications since the last success or lock. */
  failures: number;
  createdAt: number | null;
  expiresAt: number | null;
}

export interface UserRecord {
  /** Kept in wire shape; `wireUser` adds what depends on the clock (the lock) when serialising. */
  user: User;
  passwordHash: string | null;
  lock: UserLock;
  /**
   * Emails and phone numbers attached by a send with user_id or a session: the id maps to the
   * time by which they must be authenticated, after which the user loses them again.
   */
  provisional: Map<string, number>;
}

export type MagicLinkType = 'login' | 'signup' | 'invite';

export interface MagicLinkRecord {
  token: string;
  userId: string;
  /** `embedded` for POST /v1/magic_links, `email` for the email send endpoints. */
  delivery: 'embedded' | 'email';
  emailId: string | null;
  email: string | null;
  embeddedId: string | null;
  type: MagicLinkType;
  expiresAt: number;
  usedAt: number | null;
  attributes: Attributes | null;
  codeChallenge: string | null;
  /** Only the documented sandbox token: it must keep working for every caller. */
  reusable: boolean;
}

export interface PasswordResetRecord {
  token: string;
  userId: string;
  emailId: string;
  expiresAt: number;
  usedAt: number | null;
  attributes: Attributes | null;
  codeChallenge: string | null;
}

export interface OtpRecord {
  /** The email_id or phone_id the code went to. */
  methodId: string;
  userId: string;
  channel: 'email' | 'sms';
  code: string;
  expiresAt: number;
  usedAt: number | null;
  attributes: Attributes | null;
  /** Only the documented sandbox code. */
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

export interface NewUser {
  /** A user has at least one of the two. */
  email?: string;
  phoneNumber?: string;
  name?: Name;
  /** From password-hash.ts: the store never sees the password itself. */
  passwordHash?: string;
  status?: 'active' | 'pending';
  trustedMetadata?: JsonObject;
  untrustedMetadata?: JsonObject;
  externalId?: string;
  /** Fixed ids, for the sandbox user only. */
  userId?: string;
  emailId?: string;
  emailVerified?: boolean;
  phoneId?: string;
  phoneVerified?: boolean;
  createdAt?: number;
}

/** Everything the emulator knows. In memory only: a restart forgets it all, by design. */
export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly magicLinks = new Map<string, MagicLinkRecord>();
  readonly passwordResets = new Map<string, PasswordResetRecord>();
  /** One live code per method_id: a new send replaces the previous record. */
  readonly otps = new Map<string, OtpRecord>();
  readonly impersonationTokens = new Map<string, ImpersonationTokenRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly outbox: OutboxMessage[] = [];
  private readonly usersByEmail = new Map<string, string>();
  private readonly usersByPhone = new Map<string, string>();
  private readonly usersByExternalId = new Map<string, string>();
  private readonly sessionsByToken = new Map<string, string>();

  addUser(input: NewUser, now: number): UserRecord {
    if (input.email !== undefined && this.usersByEmail.has(input.email.toLowerCase())) {
      throw new ApiError('duplicate_email');
    }
    if (input.phoneNumber !== undefined && this.usersByPhone.has(input.phoneNumber)) {
      throw new ApiError('duplicate_phone_number');
    }
    if (input.externalId !== undefined && this.usersByExternalId.has(input.externalId)) {
      throw new ApiError('bad_request', 'A user with this external_id already exists.');
    }
    const user: User = {
      user_id: input.userId ?? ids.user(),
      emails: [],
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
    if (input.externalId !== undefined) {
      user.external_id = input.externalId;
    }
    const record: UserRecord = {
      user,
      passwordHash: null,
      lock: { failures: 0, createdAt: null, expiresAt: null },
      provisional: new Map(),
    };
    this.users.set(user.user_id, record);
    if (input.externalId !== undefined) {
      this.usersByExternalId.set(input.externalId, user.user_id);
    }
    if (input.email !== undefined) {
      this.attachEmail(record, input.email, {
        emailId: input.emailId,
        verified: input.emailVerified,
      });
    }
    if (input.phoneNumber !== undefined) {
      this.attachPhone(record, input.phoneNumber, {
        phoneId: input.phoneId,
        verified: input.phoneVerified,
      });
    }
    if (input.passwordHash !== undefined) {
      setPassword(record, input.passwordHash);
    }
    return record;
  }

  /** Adds an address to a user; the caller has checked that no other user holds it. */
  attachEmail(
    record: UserRecord,
    email: string,
    options: { emailId?: string | undefined; verified?: boolean | undefined } = {},
  ): { email_id: string; email: string; verified: boolean } {
    const key = email.toLowerCase();
    const owner = this.usersByEmail.get(key);
    if (owner !== undefined && owner !== record.user.user_id) {
      throw new ApiError('duplicate_email');
    }
    const existing = record.user.emails.find((e) => e.email.toLowerCase() === key);
    if (existing) {
      return existing;
    }
    const entry = {
      email_id: options.emailId ?? ids.email(),
      email,
      verified: options.verified ?? false,
    };
    record.user.emails.push(entry);
    this.usersByEmail.set(key, record.user.user_id);
    return entry;
  }

  attachPhone(
    record: UserRecord,
    phoneNumber: string,
    options: { phoneId?: string | undefined; verified?: boolean | undefined } = {},
  ): { phone_id: string; phone_number: string; verified: boolean } {
    const owner = this.usersByPhone.get(phoneNumber);
    if (owner !== undefined && owner !== record.user.user_id) {
      throw new ApiError('duplicate_phone_number');
    }
    const existing = record.user.phone_numbers.find((p) => p.phone_number === phoneNumber);
    if (existing) {
      return existing;
    }
    const entry = {
      phone_id: options.phoneId ?? ids.phone(),
      phone_number: phoneNumber,
      verified: options.verified ?? false,
    };
    record.user.phone_numbers.push(entry);
    this.usersByPhone.set(phoneNumber, record.user.user_id);
    return entry;
  }

  /** Removes an email or phone (by its id) from the user; codes, links and password resets sent to it expire. */
  detachMethod(record: UserRecord, methodId: string, now: number): void {
    const email = record.user.emails.find((e) => e.email_id === methodId);
    if (email) {
      record.user.emails = record.user.emails.filter((e) => e !== email);
      this.usersByEmail.delete(email.email.toLowerCase());
    }
    const phone = record.user.phone_numbers.find((p) => p.phone_id === methodId);
    if (phone) {
      record.user.phone_numbers = record.user.phone_numbers.filter((p) => p !== phone);
      this.usersByPhone.delete(phone.phone_number);
    }
    record.provisional.delete(methodId);
    const otp = this.otps.get(methodId);
    if (otp) {
      otp.expiresAt = Math.min(otp.expiresAt, now);
    }
    for (const pending of [...this.magicLinks.values(), ...this.passwordResets.values()]) {
      if (pending.emailId === methodId) {
        pending.expiresAt = Math.min(pending.expiresAt, now);
      }
    }
  }

  /**
   * Finds a user by user_id or, as Stytch allows wherever a user_id is taken, by external_id.
   * Provisional methods whose time has run out are dropped on the way.
   */
  findUser(idOrExternalId: string, now: number): UserRecord | undefined {
    const record =
      this.users.get(idOrExternalId) ??
      this.users.get(this.usersByExternalId.get(idOrExternalId) ?? '');
    if (record) {
      this.dropExpiredProvisional(record, now);
    }
    return record;
  }

  requireUser(idOrExternalId: string, now: number): UserRecord {
    const record = this.findUser(idOrExternalId, now);
    if (!record) {
      throw new ApiError('user_not_found');
    }
    return record;
  }

  userByEmail(email: string, now: number): UserRecord | undefined {
    const id = this.usersByEmail.get(email.toLowerCase());
    const record = id === undefined ? undefined : this.findUser(id, now);
    // The address itself may just have been dropped as an expired provisional one.
    return record && this.usersByEmail.has(email.toLowerCase()) ? record : undefined;
  }

  userByPhone(phoneNumber: string, now: number): UserRecord | undefined {
    const id = this.usersByPhone.get(phoneNumber);
    const record = id === undefined ? undefined : this.findUser(id, now);
    return record && this.usersByPhone.has(phoneNumber) ? record : undefined;
  }

  addSession(session: SessionRecord): void {
    this.sessions.set(session.sessionId, session);
    this.sessionsByToken.set(session.token, session.sessionId);
  }

  sessionByToken(token: string): SessionRecord | undefined {
    const id = this.sessionsByToken.get(token);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  private dropExpiredProvisional(record: UserRecord, now: number): void {
    for (const [methodId, deadline] of record.provisional) {
      if (now >= deadline) {
        this.detachMethod(record, methodId, now);
      }
    }
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
