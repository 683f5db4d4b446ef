import { ApiError, type ErrorType } from './errors.js';
import { iso } from './ids.js';
import type { State } from './state.js';

/**
 * What the emulator "sends" instead of email and SMS: every message lands here, oldest first, for
 * tests and the example app to read (admin.outbox(), GET/POST /emulator/outbox). Nothing leaves
 * the machine. This shape is a contract other code builds on: add fields, never rename them.
 */
interface MessageBase {
  /** The email address or phone number the message went to. */
  to: string;
  userId: string;
  sentAt: string;
}

interface EmailLink extends MessageBase {
  /** The same address as `to`; kept from before the outbox held other kinds. */
  email: string;
  /** The token the link carries, for /v1/magic_links/authenticate or /v1/passwords/email/reset. */
  token: string;
  /** The link the user would click: the redirect URL with stytch_token_type and token added. */
  url: string;
}

export interface MagicLinkMessage extends EmailLink {
  kind: 'magic_link';
  type: 'login' | 'signup';
}

export interface InviteMessage extends EmailLink {
  kind: 'invite';
  type: 'invite';
}

export interface PasswordResetMessage extends EmailLink {
  kind: 'password_reset';
  type: 'reset_password';
}

export interface OtpMessage extends MessageBase {
  kind: 'otp';
  channel: 'email' | 'sms';
  /** The email_id or phone_id to pass to /v1/otps/authenticate with the code. */
  methodId: string;
  code: string;
  /** Email codes only: the same address as `to`. */
  email?: string;
  /**
   * Codes carry no link token. Typed `never` (always absent) so that code written when the outbox
   * held only magic links, reading `.token` after filtering by address, still compiles; such code
   * should filter by `kind` (or use lastMessage(to, 'magic_link')).
   */
  token: never;
}

export type OutboxMessage = MagicLinkMessage | InviteMessage | PasswordResetMessage | OtpMessage;
export type OutboxKind = OutboxMessage['kind'];
export type MessageOfKind<K extends OutboxKind> = Extract<OutboxMessage, { kind: K }>;

export const OUTBOX_KINDS: readonly OutboxKind[] = [
  'magic_link',
  'invite',
  'password_reset',
  'otp',
];

type LinkMessage = MagicLinkMessage | InviteMessage | PasswordResetMessage;
type UnsentLink<M> = M extends LinkMessage ? Omit<M, 'sentAt' | 'to'> : never;

export function deliverLink(state: State, message: UnsentLink<LinkMessage>): void {
  state.store.outbox.push({
    ...message,
    to: message.email,
    sentAt: iso(state.clock.now()),
  } as OutboxMessage);
}

export function deliverCode(
  state: State,
  message: Omit<OtpMessage, 'sentAt' | 'token' | 'email'> & { to: string },
): void {
  const sent = { ...message, sentAt: iso(state.clock.now()) };
  state.store.outbox.push(
    (message.channel === 'email' ? { ...sent, email: message.to } : sent) as OtpMessage,
  );
}

/** Copies, so a caller cannot change what later readers see. */
export function readOutbox(
  state: State,
  filter: { to?: string | undefined; kind?: OutboxKind | undefined } = {},
): OutboxMessage[] {
  const to = filter.to?.toLowerCase();
  return state.store.outbox
    .filter(
      (m) =>
        (to === undefined || m.to.toLowerCase() === to) && (!filter.kind || m.kind === filter.kind),
    )
    .map((m) => ({ ...m }));
}

/** What the user clicks: the redirect URL keeps its own query and gains the token. */
export function linkUrl(base: string, tokenType: 'magic_links' | 'reset_password', token: string) {
  const url = new URL(base);
  url.searchParams.set('stytch_token_type', tokenType);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * The redirect URL for a message: the request's own, else the project default (Stytch fails when
 * the Dashboard has none; the emulator always has one). Only absolute http(s) URLs are taken.
 */
export function redirectUrl(
  state: State,
  given: string | undefined,
  invalid: ErrorType,
  field: string,
): string {
  const chosen = given || state.defaultRedirectUrl;
  if (!isHttpUrl(chosen)) {
    throw new ApiError(invalid, `${field} must be an absolute http(s) URL.`);
  }
  return chosen;
}

/** What a redirect URL must be, the project default included: absolute, http or https. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
