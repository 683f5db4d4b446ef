import { ApiError } from './errors.js';
import { MINUTE } from './ids.js';
import { SANDBOX } from './sandbox.js';
import type { UserRecord } from './store.js';

/** Stytch's defaults (Dashboard → Password and User Policies): 10 failures lock for an hour. */
const LOCK_THRESHOLD = 10;
const LOCK_TTL_MS = 60 * MINUTE;

/** Clears a lock whose time is up; the failure count starts again from zero. */
function expireLock(record: UserRecord, now: number): void {
  const { lock } = record;
  if (lock.expiresAt !== null && now >= lock.expiresAt) {
    lock.failures = 0;
    lock.createdAt = null;
    lock.expiresAt = null;
  }
}

export function isLocked(record: UserRecord, now: number): boolean {
  expireLock(record, now);
  return record.lock.expiresAt !== null;
}

/**
 * Refuses any authentication of a locked user, whatever the credential: Stytch's user-locks page
 * says further attempts are denied while the lock lasts.
 */
export function assertNotLocked(record: UserRecord, now: number): void {
  if (isLocked(record, now)) {
    throw new ApiError('user_lock_limit_reached');
  }
}

/** A wrong password or code. The attempt that reaches the threshold creates the lock. */
export function recordFailure(record: UserRecord, now: number): void {
  // The shared sandbox user must stay usable for every caller.
  if (record.user.user_id === SANDBOX.userId || isLocked(record, now)) {
    return;
  }
  record.lock.failures += 1;
  if (record.lock.failures >= LOCK_THRESHOLD) {
    record.lock.createdAt = now;
    record.lock.expiresAt = now + LOCK_TTL_MS;
  }
}

export function recordSuccess(record: UserRecord): void {
  record.lock.failures = 0;
}
