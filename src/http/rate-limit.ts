import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { GraphQLError } from 'graphql';
import type {
  RateLimiterAbstract,
  RateLimiterMemory as RateLimiterMemoryType,
  RateLimiterRedis as RateLimiterRedisType,
  RateLimiterRes as RateLimiterResType,
} from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.js';

// The package's index loads every store it supports (Mongo, Postgres, …: ~9 MiB); the two we
// use are required directly, and the Redis one only when REDIS_URL is set.
const require = createRequire(import.meta.url);
const RateLimiterMemory =
  require('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof RateLimiterMemoryType;
const RateLimiterRes =
  require('rate-limiter-flexible/lib/RateLimiterRes.js') as typeof RateLimiterResType;

export type LimitName = 'ip' | 'token';

/** What one auth attempt is counted against. Absent keys are not counted. */
export interface AttemptKeys {
  ip?: string | null;
  /** The token tried, or the user targeted: hashed before it is stored anywhere. */
  token?: string | null;
}

const WINDOW_SECONDS = 60;

/**
 * Raw tokens, emails and user ids never reach Redis or memory keys: a dump of the store must not
 * leak them. A plain hash would still let anyone holding a dump and a list of addresses confirm
 * who was targeted, so the digest is keyed (HMAC) with a secret every instance shares.
 */
const digester = (key: string) => (value: string) =>
  createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);

/** `msBeforeNext` is rate-limiter-flexible's time until the window frees up. */
function rateLimitedError(limit: LimitName, msBeforeNext: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(
    limit === 'ip'
      ? 'Too many sign-in attempts from this address. Try again later.'
      : 'Too many attempts with this token or for this user. Try again later.',
    { extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds } },
  );
}

type Limiters = Record<LimitName, RateLimiterAbstract | null>;

/** Limiters sharing one Redis: atomic counters every gateway instance sees. */
async function redisLimiters(config: RateLimitConfig, url: string) {
  const { Redis } = await import('ioredis');
  const RateLimiterRedis =
    require('rate-limiter-flexible/lib/RateLimiterRedis.js') as typeof RateLimiterRedisType;
  // Without the offline queue, commands fail fast while Redis is away (and the in-memory
  // insurance limiter counts instead) rather than piling up.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors are handled by falling back; unhandled they would crash the process.
  redis.on('error', () => {});
  if (redis.status !== 'ready') {
    await Promise.race([
      new Promise((resolve) => redis.once('ready', resolve)),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
  }
  const make = (points: number, keyPrefix: string) =>
    points > 0
      ? new RateLimiterRedis({
          storeClient: redis,
          points,
          duration: WINDOW_SECONDS,
          keyPrefix: `stytch-gateway:${keyPrefix}`,
          insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix }),
        })
      : null;
  const limiters: Limiters = {
    ip: make(config.perIp, 'ip'),
    token: make(config.perToken, 'token'),
  };
  return {
    limiters,
    close: () =>
      redis.quit().then(
        () => undefined,
        () => redis.disconnect(),
      ),
  };
}

/**
 * Counts auth attempts per client IP and per token / user in fixed one-minute windows
 * (rate-limiter-flexible). With REDIS_URL every gateway instance shares one count; if Redis fails,
 * an in-memory limiter takes over, so the gateway keeps limiting and serving.
 */
export function createRateLimiter(config: RateLimitConfig, keySecret: string) {
  const digest = digester(keySecret);
  const memory = (points: number, keyPrefix: string) =>
    points > 0 ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix }) : null;
  const shared = config.redisUrl ? redisLimiters(config, config.redisUrl) : null;
  const local: Limiters = {
    ip: memory(config.perIp, 'ip'),
    token: memory(config.perToken, 'token'),
  };
  const enabled = config.perIp > 0 || config.perToken > 0;

  return {
    /**
     * Counts one attempt against every key it has; throws RATE_LIMITED (with the seconds until
     * the window frees up) when any limit is exceeded, before anything reaches Stytch.
     */
    async consume(field: string, keys: AttemptKeys): Promise<void> {
      if (!enabled) {
        return;
      }
      const limiters = shared ? (await shared).limiters : local;
      const checks: Array<[LimitName, string]> = [];
      if (keys.ip) {
        checks.push(['ip', keys.ip]);
      }
      if (keys.token) {
        checks.push(['token', `${field}:${digest(keys.token)}`]);
      }
      for (const [limit, key] of checks) {
        try {
          await limiters[limit]?.consume(key);
        } catch (result) {
          if (result instanceof RateLimiterRes) {
            throw rateLimitedError(limit, result.msBeforeNext);
          }
          throw result;
        }
      }
    },
    /**
     * Throws RATE_LIMITED when the caller's IP has no attempts left, without counting one: for
     * work that counts only when it fails (a session lookup Stytch answers "unknown").
     */
    async assertIpAllowed(ip: string): Promise<void> {
      if (config.perIp <= 0) {
        return;
      }
      const limiter = (shared ? (await shared).limiters : local).ip;
      const state = await limiter?.get(ip).catch(() => null);
      if (state && state.consumedPoints >= config.perIp) {
        throw rateLimitedError('ip', state.msBeforeNext);
      }
    },
    async close(): Promise<void> {
      if (shared) {
        await (await shared).close();
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
