import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const KEY_LENGTH = 32;
/**
 * Below Node's default cost (16384): the hash is here so no plaintext sits in memory, not to slow
 * an offline attack on a store that holds test users and vanishes on restart. Every sign-in and
 * lock test pays the cost, about 6 ms here against 100 ms at the default.
 */
const OPTIONS = { N: 1024 } as const;
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: typeof OPTIONS,
) => Promise<Buffer>;

function encode(salt: Buffer, hash: Buffer): string {
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Passwords are kept only as scrypt hashes, even in memory, so a heap dump or a debug print of the
 * store never shows one. HTTP routes use the async form, so a hash never stalls every other
 * request. The sync form serves the synchronous admin API.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, OPTIONS));
}

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, OPTIONS));
}

/** Constant-time comparison against a hash made by hashPassword. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    OPTIONS,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
