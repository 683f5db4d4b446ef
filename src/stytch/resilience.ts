import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
} from 'cockatiel';
import { StytchApiError, StytchNetworkError } from './errors.js';

export interface ResilienceOptions {
  /** Consecutive failures (network, timeout, unreadable body, 5xx) that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs?: number;
  /** Extra attempts for idempotent reads (GET); never used for the auth calls. */
  readRetries?: number;
  onStateChange?: (state: 'closed' | 'open' | 'half-open') => void;
}

/**
 * Stytch is failing, not saying no: 4xx answers are the caller's business and never trip it, even
 * when their body is not JSON (a proxy's or firewall's HTML 403 says no just as clearly). Only
 * outages count: no answer, a timeout, a 5xx, or a success whose body cannot be read.
 */
const isUpstreamFailure = (error: Error) =>
  (error instanceof StytchNetworkError &&
    error.kind !== 'circuit_open' &&
    !(error.statusCode !== null && error.statusCode >= 400 && error.statusCode < 500)) ||
  (error instanceof StytchApiError && error.statusCode >= 500);

const STATE_NAMES: Record<CircuitState, 'closed' | 'open' | 'half-open'> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * The client's upstream policies (cockatiel): a circuit breaker shared by every call, so that
 * while Stytch is down callers get UPSTREAM_UNAVAILABLE at once instead of waiting for timeouts,
 * and a retry policy that only idempotent reads may use.
 */
export function createResilience(options: ResilienceOptions = {}) {
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 10_000;
  const breaker = circuitBreaker(handleWhen(isUpstreamFailure), {
    halfOpenAfter: halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.failureThreshold ?? 5),
  });
  if (options.onStateChange) {
    const notify = options.onStateChange;
    breaker.onStateChange((state) => notify(STATE_NAMES[state]));
  }
  const readRetry = retry(handleWhen(isUpstreamFailure), {
    maxAttempts: options.readRetries ?? 2,
    backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
  });

  return {
    get state() {
      return STATE_NAMES[breaker.state];
    },
    /** Runs one call through the breaker; `idempotent` calls may also be retried. */
    async run<T>(path: string, idempotent: boolean, call: () => Promise<T>): Promise<T> {
      const guarded = () =>
        breaker.execute(call).catch((error: unknown) => {
          if (error instanceof BrokenCircuitError) {
            throw new StytchNetworkError(
              'circuit_open',
              path,
              'circuit open after repeated failures; not calling Stytch for a moment',
              undefined,
              Math.ceil(halfOpenAfterMs / 1000),
            );
          }
          throw error;
        });
      return idempotent ? readRetry.execute(guarded) : guarded();
    },
  };
}

export type Resilience = ReturnType<typeof createResilience>;
