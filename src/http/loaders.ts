import DataLoader from 'dataloader';
import type { Credentials } from '../session/credentials.js';
import {
  type RemoteLookupGuard,
  resolveSession,
  type SessionChecks,
} from '../session/resolve-session.js';
import type { StytchClient } from '../stytch/client.js';
import type { Session, User, UsersGetResponse } from '../stytch/types.js';

/** A session some credentials stand for, with whatever Stytch told us beside it. */
export interface SessionLookup {
  session: Session;
  /** Present when Stytch was asked (it answers with the user); null after a local JWT check. */
  user: User | null;
  /** Fresh credentials, when Stytch issued them (an expired JWT is answered with a new one). */
  sessionToken?: string;
  sessionJwt?: string;
}

/** The user without the envelope `GET /v1/users/{id}` wraps it in. */
function userFrom({ request_id: _r, status_code: _s, ...user }: UsersGetResponse): User {
  return user;
}

/**
 * A fresh set per request: a DataLoader cache must never outlive the caller whose access it
 * reflects. Stytch has no batch read, so a batch is one call per distinct key, made together; the
 * saving is that an operation naming the same user or session in many places costs one call.
 * Each loader is built on first use: most operations (a sign-in) need neither.
 */
export function createLoaders(
  stytch: StytchClient,
  checks: SessionChecks,
  guard?: RemoteLookupGuard,
) {
  let users: DataLoader<string, User> | null = null;
  let sessions: DataLoader<Credentials, SessionLookup, string> | null = null;
  // Primed before the loader was needed: applied, in order, when it is built.
  const pendingUsers: Array<[string, User]> = [];
  const pendingSessions: Array<[Credentials, SessionLookup]> = [];
  const loaders = {
    get users(): DataLoader<string, User> {
      if (!users) {
        users = new DataLoader<string, User>((ids) =>
          Promise.all(
            ids.map((id) => stytch.users.get(id).then(userFrom, (error: Error) => error)),
          ),
        );
        for (const [id, user] of pendingUsers.splice(0)) {
          users.prime(id, user);
        }
      }
      return users;
    },
    get sessions(): DataLoader<Credentials, SessionLookup, string> {
      if (!sessions) {
        sessions = new DataLoader<Credentials, SessionLookup, string>(
          (keys) =>
            Promise.all(
              keys.map((credentials) =>
                resolveSession(stytch, checks, credentials, guard).then(
                  (lookup) => {
                    if (lookup.user) {
                      loaders.users.prime(lookup.user.user_id, lookup.user);
                    }
                    return lookup;
                  },
                  (error: Error) => error,
                ),
              ),
            ),
          { cacheKeyFn: (c) => JSON.stringify([c.jwt ?? null, c.token ?? null]) },
        );
        for (const [credentials, lookup] of pendingSessions.splice(0)) {
          sessions.clear(credentials).prime(credentials, lookup);
        }
      }
      return sessions;
    },
    /** `users.prime`, deferred until the loader is first used (most requests never use it). */
    primeUser(id: string, user: User): void {
      if (users) {
        users.prime(id, user);
      } else {
        pendingUsers.push([id, user]);
      }
    },
    /** Replaces what `sessions` holds for these credentials, deferred likewise. */
    primeSession(credentials: Credentials, lookup: SessionLookup): void {
      if (sessions) {
        sessions.clear(credentials).prime(credentials, lookup);
      } else {
        pendingSessions.push([credentials, lookup]);
      }
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
