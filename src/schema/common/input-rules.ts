import { badUserInput } from '../../errors.js';
import type { JsonObject } from '../../stytch/types.js';

/**
 * Stytch's documented limits, checked before any upstream call so a bad request costs the caller
 * a clear message and costs nobody a Stytch round trip (or a single-use token).
 */
export const SESSION_DURATION_MINUTES = { min: 5, max: 527_040 } as const;
export const MAGIC_LINK_EXPIRATION_MINUTES = { min: 5, max: 10_080 } as const;
export const CUSTOM_CLAIMS_MAX_BYTES = 4096;

export function requireNonEmpty(value: string, field: string): string {
  if (value.trim() === '') {
    throw badUserInput(`${field} must not be empty.`, field);
  }
  return value;
}

/** An optional string that, when given, must not be empty. */
export function optionalNonEmpty(
  value: string | null | undefined,
  field: string,
): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return requireNonEmpty(value, field);
}

export function optionalIntInRange(
  value: number | null | undefined,
  range: { min: number; max: number },
  field: string,
): number | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (value < range.min || value > range.max) {
    throw badUserInput(`${field} must be between ${range.min} and ${range.max}.`, field);
  }
  return value;
}

export function optionalCustomClaims(
  value: JsonObject | null | undefined,
  field: string,
): JsonObject | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > CUSTOM_CLAIMS_MAX_BYTES) {
    throw badUserInput(
      `${field} is ${bytes} bytes; Stytch accepts at most ${CUSTOM_CLAIMS_MAX_BYTES}.`,
      field,
    );
  }
  return value;
}

/** One-time passcodes live 1 to 10 minutes (Stytch's default: 2). */
export const OTP_EXPIRATION_MINUTES = { min: 1, max: 10 } as const;
/** Stytch's email and link expirations for invites and resets share the magic link range. */
export const EMAIL_LINK_EXPIRATION_MINUTES = MAGIC_LINK_EXPIRATION_MINUTES;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
/** How people write phone numbers: spaces, dashes, dots and brackets carry no digits. */
const PHONE_FORMATTING = /[\s\-().]/g;
const OTP_CODE = /^\d{6}$/;
/** A BCP 47-like tag (`en`, `pt-br`, `zh-Hans`); Stytch's lists are open, so only the shape. */
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * An email address, trimmed. Only its shape is checked; Stytch has the last word. The message
 * names the field, never the value: an address is personal data and may be a typo of a password.
 */
export function requireEmail(value: string, field: string): string {
  const email = value.trim();
  if (email === '') {
    throw badUserInput(`${field} must not be empty.`, field);
  }
  if (email.length > 254 || !EMAIL.test(email)) {
    throw badUserInput(`${field} is not an email address.`, field);
  }
  return email;
}

export function optionalEmail(value: string | null | undefined, field: string): string | undefined {
  return value === null || value === undefined ? undefined : requireEmail(value, field);
}

/** A phone number in E.164 (`+12025550162`); spaces, dashes, dots and brackets are dropped. */
export function requirePhoneNumber(value: string, field: string): string {
  const phone = value.replace(PHONE_FORMATTING, '');
  if (phone === '') {
    throw badUserInput(`${field} must not be empty.`, field);
  }
  if (!E164.test(phone)) {
    throw badUserInput(
      `${field} must be a phone number in E.164 format: a plus, the country code and the number.`,
      field,
    );
  }
  return phone;
}

/** A one-time passcode: six digits (surrounding spaces from a paste are dropped). */
export function requireOtpCode(value: string, field: string): string {
  const code = value.trim();
  if (!OTP_CODE.test(code)) {
    throw badUserInput(`${field} must be the 6-digit code.`, field);
  }
  return code;
}

/**
 * A password: anything but empty. Not trimmed, since spaces are part of a password, and never
 * quoted in a message.
 */
export function requirePassword(value: string, field: string): string {
  if (value === '') {
    throw badUserInput(`${field} must not be empty.`, field);
  }
  return value;
}

export function optionalLocale(
  value: string | null | undefined,
  field: string,
): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (!LOCALE.test(value)) {
    throw badUserInput(`${field} must be a language tag such as en, es, pt-br or fr.`, field);
  }
  return value;
}
