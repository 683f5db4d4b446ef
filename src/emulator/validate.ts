import type { Attributes, JsonObject, Options } from '../stytch/types.js';
import { ApiError } from './errors.js';

/** A parsed JSON request body: always an object, checked by the readers below. */
export type Body = JsonObject;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Stytch treats an explicit null like an absent field for optional inputs.
function present(body: Body, key: string): unknown {
  const value = body[key];
  return value === null ? undefined : value;
}

export function optionalString(body: Body, key: string): string | undefined {
  const value = present(body, key);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ApiError('bad_request', `${key} must be a string.`);
  }
  return value;
}

/** Empty strings count as missing, as they do for Stytch's required fields. */
export function requiredString(body: Body, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === '') {
    throw new ApiError('bad_request', `${key} is a required field.`);
  }
  return value;
}

export function optionalInteger(body: Body, key: string): number | undefined {
  const value = present(body, key);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ApiError('bad_request', `${key} must be an integer.`);
  }
  return value;
}

export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = present(body, key);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new ApiError('bad_request', `${key} must be a boolean.`);
  }
  return value;
}

export function optionalObject(body: Body, key: string): JsonObject | undefined {
  const value = present(body, key);
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    throw new ApiError('bad_request', `${key} must be an object.`);
  }
  return value;
}

export function optionalAttributes(body: Body, key = 'attributes'): Attributes | undefined {
  const value = optionalObject(body, key);
  if (value === undefined) {
    return undefined;
  }
  const attributes: Attributes = {};
  const ip = optionalString(value, 'ip_address');
  const agent = optionalString(value, 'user_agent');
  if (ip !== undefined) {
    attributes.ip_address = ip;
  }
  if (agent !== undefined) {
    attributes.user_agent = agent;
  }
  return attributes;
}

export function optionalOptions(body: Body): Options | undefined {
  const value = optionalObject(body, 'options');
  if (value === undefined) {
    return undefined;
  }
  const options: Options = {};
  const ip = optionalBoolean(value, 'ip_match_required');
  const agent = optionalBoolean(value, 'user_agent_match_required');
  if (ip !== undefined) {
    options.ip_match_required = ip;
  }
  if (agent !== undefined) {
    options.user_agent_match_required = agent;
  }
  return options;
}

// Deliberately loose: one "@" with something on both sides and a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredEmail(body: Body, key = 'email'): string {
  const email = requiredString(body, key);
  if (!EMAIL.test(email)) {
    throw new ApiError('invalid_email');
  }
  return email;
}

export const SESSION_MINUTES = { min: 5, max: 527_040 } as const;
export const MAGIC_LINK_MINUTES = { min: 5, max: 10_080 } as const;

export function sessionDuration(body: Body): number | undefined {
  const minutes = optionalInteger(body, 'session_duration_minutes');
  if (minutes !== undefined && (minutes < SESSION_MINUTES.min || minutes > SESSION_MINUTES.max)) {
    throw new ApiError('invalid_session_duration_minutes');
  }
  return minutes;
}

export function linkExpiration(body: Body, key: string, fallback: number): number {
  const minutes = optionalInteger(body, key);
  if (minutes === undefined) {
    return fallback;
  }
  if (minutes < MAGIC_LINK_MINUTES.min || minutes > MAGIC_LINK_MINUTES.max) {
    throw new ApiError('invalid_expiration', `${key} must be between 5 and 10080 minutes.`);
  }
  return minutes;
}

const OTP_MINUTES = { min: 1, max: 10 } as const;

export function otpExpiration(body: Body, fallback: number): number {
  const minutes = optionalInteger(body, 'expiration_minutes');
  if (minutes === undefined) {
    return fallback;
  }
  if (minutes < OTP_MINUTES.min || minutes > OTP_MINUTES.max) {
    throw new ApiError('invalid_expiration_otp');
  }
  return minutes;
}

// E.164: a plus, a non-zero country digit, at most 15 digits in all.
const E164 = /^\+[1-9]\d{1,14}$/;

export function checkPhoneNumber(phone: string): string {
  if (!E164.test(phone)) {
    throw new ApiError('invalid_phone_number');
  }
  return phone;
}

export function requiredPhoneNumber(body: Body, key = 'phone_number'): string {
  return checkPhoneNumber(requiredString(body, key));
}

/**
 * Fields Stytch takes that change nothing the emulator shows (template ids, locale, telemetry):
 * checked for type so a malformed request fails here as it would there, then ignored.
 */
export function acceptStrings(body: Body, ...keys: string[]): void {
  for (const key of keys) {
    optionalString(body, key);
  }
}
