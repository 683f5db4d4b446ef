import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** Stytch prefixes ids with their kind and environment; the emulator is always a test project. */
export const ids = {
  user: () => `user-test-${randomUUID()}`,
  email: () => `email-test-${randomUUID()}`,
  phone: () => `phone-number-test-${randomUUID()}`,
  session: () => `session-test-${randomUUID()}`,
  password: () => `password-test-${randomUUID()}`,
  embedded: () => `embedded-test-${randomUUID()}`,
  request: () => `request-id-test-${randomUUID()}`,
  jwk: () => `jwk-test-${randomUUID()}`,
};

/** 33 random bytes give exactly 44 base64url characters, the length of a Stytch session token. */
export function sessionToken(): string {
  return randomBytes(33).toString('base64url');
}

/** Shaped like Stytch's one-time tokens: 32 bytes, URL-safe base64 with its `=` padding. */
export function oneTimeToken(): string {
  return `${randomBytes(32).toString('base64url')}=`;
}

/** Six decimal digits, uniformly drawn, as the codes Stytch sends. */
export function otpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** RFC 3339 in UTC with milliseconds, as Stytch writes its timestamps. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const MINUTE = 60_000;
