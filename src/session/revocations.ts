import type { Session } from '../stytch/types.js';

/**
 * Sessions ended through this gateway, so that their JWTs stop working at once instead of until
 * they expire. A session JWT is verified locally for up to its 5-minute life; Stytch knows of a
 * revocation at once, but a local check cannot. The list only needs to outlive the JWTs issued
 * before the revocation: after that they have expired, and an expired JWT is always checked with
 * Stytch.
 *
 * With REDIS_URL, every instance shares the list: a revocation is stored with a TTL and published;
 * each instance keeps a copy fed by the subscription and loaded from Redis when it (re)subscribes.
 * Redis sends the message to every subscriber before it answers the publisher, and the revoking
 * request answers only after that, so a later request anywhere finds the copy updated. While the
 * subscription is down, `check` answers `unknown` and the caller asks Stytch instead.
 */
const JWT_LIFETIME_MS = 5 * 60_000;
/** Margin for clocks that disagree between Stytch, Redis and the instances. */
const KEEP_MS = JWT_LIFETIME_MS + 60_000;
const KEY_PREFIX = 'stytch-gateway:revoked:';
const CHANNEL = 'stytch-gateway:revocations';

/**
 * One ended session (refused locally from then on), or every session of a user started before a
 * time except one (checked with Stytch from then on: only Stytch's clock says which came first).
 */
export type Revocation =
  | { sessionId: string }
  | { userId: string; startedBefore: number; keepSessionId?: string | null };

interface Entry {
  revocation: Revocation;
  until: number;
}

function keyOf(revocation: Revocation): string {
  return 'sessionId' in revocation
    ? `session:${revocation.sessionId}`
    : `user:${revocation.userId}:${revocation.startedBefore}`;
}

export interface RevocationListOptions {
  redisUrl?: string | null;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export type RevocationCheck = 'revoked' | 'live' | 'unknown';

export function createRevocationList(options: RevocationListOptions = {}) {
  const now = options.now ?? Date.now;
  const bySession = new Map<string, number>();
  const byUser = new Map<string, Entry[]>();
  let subscribed = !options.redisUrl;
  let reportedDown = false;
  let markReady: () => void = () => {};
  const firstReady = subscribed
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        markReady = resolve;
      });

  const remember = (revocation: Revocation, until: number) => {
    if (until <= now()) {
      return;
    }
    if ('sessionId' in revocation) {
      bySession.set(
        revocation.sessionId,
        Math.max(until, bySession.get(revocation.sessionId) ?? 0),
      );
      return;
    }
    const entries = (byUser.get(revocation.userId) ?? []).filter((e) => e.until > now());
    entries.push({ revocation, until });
    byUser.set(revocation.userId, entries);
  };

  // Expired entries go once a minute, so the maps hold only the last few minutes' revocations.
  const sweep = setInterval(() => {
    const at = now();
    for (const [id, until] of bySession) {
      if (until <= at) {
        bySession.delete(id);
      }
    }
    for (const [user, entries] of byUser) {
      const live = entries.filter((e) => e.until > at);
      if (live.length === 0) {
        byUser.delete(user);
      } else {
        byUser.set(user, live);
      }
    }
  }, 60_000);
  sweep.unref();

  const redis = options.redisUrl ? connect(options.redisUrl) : null;

  async function connect(url: string) {
    const { Redis } = await import('ioredis');
    const commands = new Redis(url, { maxRetriesPerRequest: 1 });
    const subscriber = new Redis(url, { maxRetriesPerRequest: 1 });
    // ioredis retries every few seconds while Redis is away: say so once per outage.
    for (const client of [commands, subscriber]) {
      client.on('error', (error) => {
        if (!reportedDown) {
          reportedDown = true;
          options.onError?.(error);
        }
      });
    }
    subscriber.on('message', (_channel, message: string) => {
      try {
        const { revocation, until } = JSON.parse(message) as Entry;
        remember(revocation, until);
      } catch {
        // Not ours: ignore.
      }
    });
    subscriber.on('close', () => {
      subscribed = false;
    });
    // On every (re)connection: subscribe first, then load what is stored, so nothing published in
    // between is missed; only then is the list trusted again.
    subscriber.on('ready', () => {
      void (async () => {
        try {
          await subscriber.subscribe(CHANNEL);
          let cursor = '0';
          do {
            const [next, keys] = await commands.scan(
              cursor,
              'MATCH',
              `${KEY_PREFIX}*`,
              'COUNT',
              500,
            );
            cursor = next;
            const values = keys.length > 0 ? await commands.mget(...keys) : [];
            for (const value of values) {
              if (value) {
                const { revocation, until } = JSON.parse(value) as Entry;
                remember(revocation, until);
              }
            }
          } while (cursor !== '0');
          subscribed = true;
          reportedDown = false;
          markReady();
        } catch (error) {
          options.onError?.(error);
        }
      })();
    });
    return { commands, subscriber };
  }

  return {
    /**
     * Records a revocation here and, with Redis, on every instance. Resolves once Redis has
     * accepted it (and so has sent it to every subscriber); a Redis failure is reported to
     * `onError` and the revocation stays local.
     */
    async revoke(revocation: Revocation): Promise<void> {
      const until = now() + KEEP_MS;
      remember(revocation, until);
      if (!redis) {
        return;
      }
      try {
        const { commands } = await redis;
        const entry = JSON.stringify({ revocation, until } satisfies Entry);
        await commands
          .multi()
          .set(`${KEY_PREFIX}${keyOf(revocation)}`, entry, 'PX', KEEP_MS)
          .publish(CHANNEL, entry)
          .exec();
      } catch (error) {
        options.onError?.(error);
      }
    },

    /** Whether a locally verified session was ended through a gateway; `unknown`: ask Stytch. */
    check(session: Session): RevocationCheck {
      const at = now();
      const until = bySession.get(session.session_id);
      if (until !== undefined && until > at) {
        return 'revoked';
      }
      const started = session.started_at ? Date.parse(session.started_at) : Number.NaN;
      for (const { revocation, until: entryUntil } of byUser.get(session.user_id) ?? []) {
        if (
          entryUntil > at &&
          'startedBefore' in revocation &&
          session.session_id !== revocation.keepSessionId &&
          // Started before (or at an unknown time): Stytch ended it, unless its clock and ours
          // disagree about "before". Stytch is asked rather than the session refused here.
          !(started >= revocation.startedBefore)
        ) {
          return 'unknown';
        }
      }
      return subscribed ? 'live' : 'unknown';
    },

    /** Resolves once the shared list is first received (at once without Redis). */
    ready(): Promise<void> {
      return firstReady;
    },

    async close(): Promise<void> {
      clearInterval(sweep);
      if (redis) {
        const { commands, subscriber } = await redis;
        await Promise.all([commands, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
      }
    },
  };
}

export type RevocationList = ReturnType<typeof createRevocationList>;
