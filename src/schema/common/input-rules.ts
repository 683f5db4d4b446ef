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
