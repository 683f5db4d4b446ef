import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { GatewayConfig, StytchConfig } from '../config.js';
import { createMaskError, GATEWAY_CREDENTIALS_ERROR } from '../errors.js';
import { createLogger, createYogaLogger, type Logger } from '../logger.js';
import { buildSchema, buildSubgraphSchema } from '../schema/index.js';
import { SessionJwtVerifier } from '../session/jwt-verifier.js';
import { StytchClient } from '../stytch/client.js';
import { StytchApiError, StytchNetworkError } from '../stytch/errors.js';
import type { CallEvent } from '../stytch/request.js';
import { createClientIdentity } from './client-identity.js';
import { createContextFactory, type GatewayContext, type SessionDelivery } from './context.js';
import { type GraphiQLDemo, graphiqlOptions } from './graphiql.js';
import { createMetrics } from './plugins/metrics.js';
import { operationLimitPlugins } from './plugins/operation-limits.js';
import { useRequestLog } from './plugins/request-log.js';
import { createRateLimiter } from './rate-limit.js';
import { requestContext } from './request-context.js';

export type ResolvedConfig = Omit<GatewayConfig, 'stytch'> & { stytch: StytchConfig };

/** The header browsers must send with every request in cookie mode (CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export interface GatewayOptions {
  logger?: Logger;
  /** An undici dispatcher for the Stytch calls (e.g. one that trusts a test CA). */
  dispatcher?: Dispatcher;
  /** The clock for JWT checks, in ms; tests share the emulator's. */
  now?: () => number;
  /** Least time between JWKS fetches caused by an unknown key id (default 30 s). */
  jwksCooldownMs?: number;
  /** In development: the emulator's demo user, so GraphiQL opens with working variables. */
  demo?: GraphiQLDemo;
  /**
   * Extra yoga plugins: tracing and graphql-jit, which main.ts loads only when configured, so
   * their modules cost no memory otherwise.
   */
  plugins?: Plugin[];
}

/** Adds the Set-Cookie values resolvers queued for this request to its response. */
function useResponseCookies(cookies: WeakMap<Request, string[]>): Plugin {
  return {
    onResponse({ request, response }) {
      for (const cookie of cookies.get(request) ?? []) {
        response.headers.append('set-cookie', cookie);
      }
    },
  };
}

/**
 * Assembles the gateway: one Stytch client, the schema, yoga with health, readiness, GraphiQL,
 * cookies, CSRF prevention and error masking. It does not listen; `main.ts` does, and tests call
 * `gateway.yoga.fetch` directly.
 */
export function createGateway(config: ResolvedConfig, options: GatewayOptions = {}) {
  const logger = options.logger ?? createLogger();
  // Set when Stytch refuses the gateway's own credentials: callers can do nothing about it, so
  // /readyz reports it and the operator is told loudly, once per change.
  let credentialsRejected = false;
  // Errors logged here already, so yoga's own error log does not repeat them.
  const loggedErrors = new WeakSet<object>();
  const isStytchError = (error: unknown) =>
    error instanceof StytchApiError || error instanceof StytchNetworkError;

  const metrics = createMetrics();
  const onCall = (event: CallEvent) => {
    metrics.recordCall(event);
    // On a call that checks the end user's password, the same error_type is a wrong password.
    const rejected = event.errorType === GATEWAY_CREDENTIALS_ERROR && !event.endUserCredentials;
    if (rejected && !credentialsRejected) {
      logger.error(
        { stytchRequestId: event.requestId, path: event.path },
        'Stytch rejected the gateway credentials (unauthorized_credentials): check STYTCH_PROJECT_ID and STYTCH_SECRET',
      );
    }
    if (event.statusCode !== null && event.statusCode < 400) {
      credentialsRejected = false;
    } else if (rejected) {
      credentialsRejected = true;
    }
    const failed = event.statusCode === null || event.statusCode >= 500;
    const level = failed ? 'warn' : event.errorType ? 'info' : 'debug';
    if (!logger.isLevelEnabled(level)) {
      return;
    }
    logger[level](
      {
        requestId: requestContext.getStore()?.requestId,
        upstream: event.path,
        status: event.statusCode,
        stytchRequestId: event.requestId,
        errorType: event.errorType,
        ms: Math.round(event.durationMs),
      },
      'stytch call',
    );
  };

  const stytch = new StytchClient({
    projectId: config.stytch.projectId,
    secret: config.stytch.secret,
    baseUrl: config.stytch.apiUrl,
    timeoutMs: config.stytchTimeoutMs,
    connectTimeoutMs: config.upstream.connectTimeoutMs,
    connections: config.upstream.maxConnections,
    resilience: {
      failureThreshold: config.upstream.circuitFailures,
      halfOpenAfterMs: config.upstream.circuitHalfOpenMs,
      onStateChange: (state) => {
        metrics.setCircuit(state);
        logger[state === 'open' ? 'error' : 'warn']({ circuit: state }, `Stytch circuit ${state}`);
      },
    },
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    onCall,
  });
  const rateLimiter = createRateLimiter(config.rateLimit);
  // Set on SIGTERM: /readyz turns 503 so load balancers stop sending new work.
  let draining = false;
  const verifier = new SessionJwtVerifier(stytch, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.jwksCooldownMs !== undefined ? { jwksCooldownMs: options.jwksCooldownMs } : {}),
  });
  const cookies = config.sessionCookies ?? false;
  const delivery: SessionDelivery = { cookies, tokensInBody: config.tokensInBody ?? !cookies };
  const responseCookies = new WeakMap<Request, string[]>();

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: config.graphqlMode === 'subgraph' ? buildSubgraphSchema() : buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: createYogaLogger(
      logger,
      (error) => isStytchError(error) || loggedErrors.has(error as object),
    ),
    maskedErrors: {
      maskError: createMaskError((error) => {
        loggedErrors.add(error as object);
        logger.error({ err: error }, 'unexpected error while resolving an operation');
      }),
    },
    // Cross-origin browsers are refused unless listed: with cookies, reflecting any origin would
    // let every site read the viewer.
    cors:
      config.corsOrigins.length > 0
        ? {
            origin: config.corsOrigins,
            credentials: true,
            allowedHeaders: ['content-type', 'authorization', 'x-api-key', CSRF_HEADER],
          }
        : false,
    graphiql: graphiqlOptions({ cookies, csrfHeader: CSRF_HEADER, demo: options.demo ?? null }),
    // GraphiQL's bundle is ~45 MiB in memory once loaded: only a browser asking for it pays.
    renderGraphiQL: async (opts) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts),
    context: createContextFactory({
      stytch,
      verifier,
      apiKeys: config.apiKeys,
      delivery,
      responseCookies,
      identify: createClientIdentity(config.trustedProxies),
      rateLimiter,
      redirectUrls: config.redirectUrls,
    }),
    plugins: [
      useRequestLog(logger),
      ...operationLimitPlugins(config.limits),
      ...(cookies ? [useCSRFPrevention({ requestHeaders: [CSRF_HEADER] })] : []),
      useResponseCookies(responseCookies),
      ...metrics.plugins,
      ...(options.plugins ?? []),
      useReadinessCheck({
        endpoint: '/readyz',
        check: () => {
          const reason = draining
            ? 'shutting down'
            : credentialsRejected
              ? 'Stytch rejected the gateway credentials'
              : null;
          return reason
            ? new Response(JSON.stringify({ ready: false, reason }), {
                status: 503,
                headers: { 'content-type': 'application/json' },
              })
            : true;
        },
      }),
    ],
  });

  return {
    yoga,
    stytch,
    logger,
    delivery,
    metrics,
    /** From now on /readyz answers 503; requests are still served. */
    startDraining() {
      draining = true;
    },
    /** Closes the Stytch connection pool and the rate limiter's Redis connection. */
    async close() {
      await Promise.all([stytch.close(), rateLimiter.close()]);
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
