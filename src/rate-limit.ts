import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { RateLimitConfig } from './config.js';

export type LimitName = 'ip' | 'token';

/** What one auth attempt is counted against. Absent keys are not counted. */
export interface AttemptKeys {
  ip?: string | null;
  /** The token tried, or the user targeted: hashed before it is stored anywhere. */
  token?: string | null;
}

const WINDOW_SECONDS = 60;

/** Raw tokens never reach Redis or memory keys: a dump of the store must not leak them. */
const digest = (value: string) =>
  createHash('sha256').update(value).digest('base64url').slice(0, 32);

export function rateLimitedError(limit: LimitName, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    limit === 'ip'
      ? 'Too many sign-in attempts from this address. Try again later.'
      : 'Too many attempts with this token or for this user. Try again later.',
    { extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds } },
  );
}

/**
 * Counts auth attempts per client IP and per token / user in fixed one-minute windows
 * (rate-limiter-flexible, atomic in Redis). With REDIS_URL every gateway instance shares one
 * count; if Redis fails, an in-memory limiter takes over so the gateway keeps limiting and serving.
 */
export function createRateLimiter(config: RateLimitConfig) {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        lazyConnect: false,
      })
    : null;
  // An unreachable Redis is reported by the limiter falling back; ioredis would otherwise throw
  // its connection errors as unhandled events.
  redis?.on('error', () => {});

  const make = (points: number, keyPrefix: string): RateLimiterAbstract | null => {
    if (points <= 0) {
      return null;
    }
    const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix });
    return redis
      ? new RateLimiterRedis({
          storeClient: redis,
          points,
          duration: WINDOW_SECONDS,
          keyPrefix: `stytch-gateway:${keyPrefix}`,
          insuranceLimiter: memory,
        })
      : memory;
  };
  const limiters: Record<LimitName, RateLimiterAbstract | null> = {
    ip: make(config.perIp, 'ip'),
    token: make(config.perToken, 'token'),
  };

  // Right after start the connection is still being made; without the offline queue (which
  // would pile up commands while Redis is down) those first attempts would fall to the
  // per-instance memory limiter. Wait briefly for the connection instead.
  const connected = async () => {
    if (redis && (redis.status === 'connecting' || redis.status === 'wait')) {
      await Promise.race([
        new Promise((resolve) => redis.once('ready', resolve)),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    }
  };

  return {
    /**
     * Counts one attempt against every key it has; throws RATE_LIMITED (with the seconds until
     * the window frees up) when any limit is exceeded, before anything reaches Stytch.
     */
    async consume(field: string, keys: AttemptKeys): Promise<void> {
      const checks: Array<[LimitName, string]> = [];
      if (keys.ip && limiters.ip) {
        checks.push(['ip', keys.ip]);
      }
      if (keys.token && limiters.token) {
        checks.push(['token', `${field}:${digest(keys.token)}`]);
      }
      if (checks.length > 0) {
        await connected();
      }
      for (const [limit, key] of checks) {
        try {
          await limiters[limit]?.consume(key);
        } catch (result) {
          if (result instanceof RateLimiterRes) {
            throw rateLimitedError(limit, Math.max(1, Math.ceil(result.msBeforeNext / 1000)));
          }
          throw result;
        }
      }
    },
    async close(): Promise<void> {
      if (redis) {
        await redis.quit().catch(() => redis.disconnect());
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
