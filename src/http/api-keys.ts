import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Returns a check for the `x-api-key` header. Keys are compared as SHA-256 digests with
 * timingSafeEqual, and every configured key is compared, so neither the length nor the position of
 * a match leaks through timing.
 */
export function createApiKeyCheck(keys: readonly string[]): (presented: string | null) => boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const digests = keys.map(digest);
  return (presented) => {
    if (!presented || digests.length === 0) {
      return false;
    }
    const candidate = digest(presented);
    let match = false;
    for (const known of digests) {
      match = timingSafeEqual(known, candidate) || match;
    }
    return match;
  };
}
