import type { IncomingMessage, ServerResponse } from 'node:http';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { DocumentNode } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import { type GatewayConfig, type StytchConfig, stytchEnvironment } from '../config.js';
import { createMaskError, GATEWAY_CREDENTIALS_ERROR, useSafeDocumentErrors } from '../errors.js';
import { createLogger, createYogaLogger, type Logger } from '../logger.js';
import { buildSchema, buildSubgraphSchema } from '../schema/index.js';
import { SessionJwtVerifier } from '../session/jwt-verifier.js';
import type { SessionChecks } from '../session/resolve-session.js';
import { createRevocationList } from '../session/revocations.js';
import { StytchClient } from '../stytch/client.js';
import { StytchApiError, StytchNetworkError } from '../stytch/errors.js';
import type { CallEvent } from '../stytch/request.js';
import { ADMIN_PATHS, createAdminListener, pathOf } from './admin.js';
import { createClientIdentity } from './client-identity.js';
import { createContextFactory, type GatewayContext, type SessionDelivery } from './context.js';
import { corsFor } from './cors.js';
import { CSRF_HEADER } from './csrf.js';
import { ByteBoundedCache } from './document-cache.js';
import { type GraphiQLDemo, graphiqlOptions } from './graphiql.js';
import { createJsonEntry } from './json-entry.js';
import { useGraphiQLPage } from './plugins/graphiql-page.js';
import { createJit } from './plugins/jit.js';
import { createMetrics } from './plugins/metrics.js';
import { operationLimitPlugins } from './plugins/operation-limits.js';
import { useRequestLog } from './plugins/request-log.js';
import { loadTrustedDocuments, useTrustedDocuments } from './plugins/trusted-documents.js';
import { createRateLimiter } from './rate-limit.js';
import { createReadiness } from './readiness.js';
import { requestContext } from './request-context.js';

export { CSRF_HEADER } from './csrf.js';

export type ResolvedConfig = Omit<GatewayConfig, 'stytch'> & { stytch: StytchConfig };

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
  /** Extra yoga plugins: tracing, which main.ts loads only when configured. */
  plugins?: Plugin[];
  /**
   * Plugins that serve paths of their own (the development mailbox), put before the checks meant
   * for GraphQL requests: those refuse an HTML form's post (415) and ask for the CSRF header.
   */
  routes?: Plugin[];
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

/** A user id in the project's own environment that no user has: a probe that changes nothing. */
function probeUserId(projectId: string): string {
  return `user-${stytchEnvironment(projectId)}-00000000-0000-4000-8000-000000000000`;
}

/**
 * Assembles the gateway: one Stytch client, the schema, yoga with health, readiness, GraphiQL,
 * cookies, CSRF prevention and error masking. It does not listen; `main.ts` does, and tests call
 * `gateway.yoga.fetch` directly.
 */
export function createGateway(config: ResolvedConfig, options: GatewayOptions = {}) {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const readiness = createReadiness();
  // Errors answered as they are meant to be, or logged here already: yoga's own error log skips
  // them, so a client's mistake is never an error-level line.
  const handledErrors = new WeakSet<object>();
  const markHandled = (error: unknown) => {
    if (typeof error === 'object' && error !== null) {
      handledErrors.add(error);
    }
  };
  const isStytchError = (error: unknown) =>
    error instanceof StytchApiError || error instanceof StytchNetworkError;

  const metrics = createMetrics();
  const onCall = (event: CallEvent) => {
    metrics.recordCall(event);
    // Stytch refusing the gateway's own credentials: callers can do nothing about it, so /readyz
    // reports it and the operator is told loudly, once per change. On a call that checks the end
    // user's password the same error_type is a wrong password, which says nothing either way.
    const userCredentialsRefused =
      event.endUserCredentials && event.errorType === GATEWAY_CREDENTIALS_ERROR;
    if (event.errorType === GATEWAY_CREDENTIALS_ERROR && !userCredentialsRefused) {
      if (readiness.setCredentials('rejected') !== 'rejected') {
        logger.error(
          { stytchRequestId: event.requestId, path: event.path },
          'Stytch rejected the gateway credentials (unauthorized_credentials): check STYTCH_PROJECT_ID and STYTCH_SECRET',
        );
      }
    } else if (event.statusCode !== null && event.statusCode < 500 && !userCredentialsRefused) {
      // Any other answer, success or a 4xx about the request, came past Stytch's credential check.
      readiness.setCredentials('accepted');
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
  // Keyed with the Stytch secret: shared by every instance of the deployment, known to no client.
  const rateLimiter = createRateLimiter(config.rateLimit, config.stytch.secret);
  const sessionChecks: SessionChecks = {
    verifier:
      config.sessionVerify === 'remote'
        ? null
        : new SessionJwtVerifier(stytch, {
            ...(options.now ? { now: options.now } : {}),
            ...(options.jwksCooldownMs !== undefined
              ? { jwksCooldownMs: options.jwksCooldownMs }
              : {}),
          }),
    revocations: createRevocationList({
      redisUrl: config.rateLimit.redisUrl,
      ...(options.now ? { now: options.now } : {}),
      onError: (error) =>
        logger.warn(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          'session revocation list: Redis unavailable; sessions are checked with Stytch meanwhile',
        ),
    }),
    distributed: config.rateLimit.redisUrl !== null,
  };
  const cookies = config.sessionCookies ?? false;
  const delivery: SessionDelivery = {
    cookies,
    tokensInBody: config.tokensInBody ?? !cookies,
    secureCookies: config.cookieSecure,
  };
  const responseCookies = new WeakMap<Request, string[]>();
  const separateAdmin = config.adminPort !== null;
  const documentCache = new ByteBoundedCache<DocumentNode>(config.limits.documentCacheBytes);
  const errorCache = new ByteBoundedCache<Error>(
    Math.max(64 * 1024, config.limits.documentCacheBytes / 16),
  );

  const schema = config.graphqlMode === 'subgraph' ? buildSubgraphSchema() : buildSchema();
  const jit = config.jit ? createJit() : null;
  // Parsed, validated and compiled now: a manifest that does not fit the schema stops start-up.
  const trustedDocuments = config.trustedDocuments.manifest
    ? loadTrustedDocuments(config.trustedDocuments.manifest, schema)
    : null;
  for (const entry of trustedDocuments?.byHash.values() ?? []) {
    for (const name of [null, ...entry.operations]) {
      jit?.precompile(schema, entry.document, name);
    }
  }
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    // Uploads are not a feature: no multipart parser, so no multipart body is ever read.
    multipart: false,
    // Every body, whatever its media type and whether or not it has a Content-Length, is counted
    // as it streams in and refused past the limit.
    maxRequestBodySize: config.limits.maxBodyBytes,
    parserAndValidationCache: { documentCache, errorCache },
    logging: createYogaLogger(
      logger,
      (error) => isStytchError(error) || handledErrors.has(error as object),
    ),
    maskedErrors: {
      maskError: createMaskError({
        fieldSuggestions: config.limits.fieldSuggestions,
        onHandled: markHandled,
        onUnexpected: (error) => {
          markHandled(error);
          logger.error(
            { err: error, requestId: requestContext.getStore()?.requestId },
            'unexpected error while resolving an operation',
          );
        },
      }),
    },
    // Cross-origin browsers are refused unless listed: with cookies, reflecting any origin would
    // let every site read the viewer.
    cors: corsFor(config.corsOrigins),
    // GraphiQL is served by useGraphiQLPage below (compressed, cached), never by yoga's renderer.
    graphiql: false,
    context: createContextFactory({
      stytch,
      sessionChecks,
      apiKeys: config.apiKeys,
      delivery,
      responseCookies,
      identify: createClientIdentity(config.trustedProxies),
      rateLimiter,
      now: options.now ?? Date.now,
      redirectUrls: config.redirectUrls,
    }),
    // `documentId` names a trusted document; the plugin below replaces it with the document.
    ...(trustedDocuments ? { extraParamNames: ['documentId'] } : {}),
    plugins: [
      // First: in allowlist mode a free-form document is refused before anything reads it.
      ...(trustedDocuments
        ? [useTrustedDocuments(trustedDocuments, config.trustedDocuments.only)]
        : []),
      useRequestLog(logger),
      ...(options.routes ?? []),
      ...(config.graphiql
        ? [
            useGraphiQLPage(
              graphiqlOptions({ cookies, csrfHeader: CSRF_HEADER, demo: options.demo ?? null }),
            ),
          ]
        : []),
      ...(cookies ? [useCSRFPrevention({ requestHeaders: [CSRF_HEADER] })] : []),
      ...operationLimitPlugins(config.limits),
      useSafeDocumentErrors(config.limits.fieldSuggestions),
      useResponseCookies(responseCookies),
      metrics.plugin(!separateAdmin),
      ...(options.plugins ?? []),
      ...(jit ? [jit.plugin] : []),
      ...(separateAdmin
        ? []
        : [
            {
              // yoga's useReadinessCheck also tries a URLPattern on every request.
              onRequest({ url, endResponse }) {
                if (url.pathname === '/readyz') {
                  endResponse(readiness.response());
                }
              },
            } satisfies Plugin,
          ]),
    ],
  });

  const adminListener = createAdminListener(readiness, metrics);
  const jsonEntry = createJsonEntry(yoga, config.limits.maxBodyBytes);

  return {
    yoga,
    stytch,
    logger,
    delivery,
    metrics,
    readiness,
    documentCache,
    /**
     * The public port's listener. With ADMIN_PORT set, /healthz, /readyz and /metrics answer only
     * there, so the public port tells nothing about the process.
     */
    publicListener(req: IncomingMessage, res: ServerResponse) {
      if (separateAdmin && ADMIN_PATHS.has(pathOf(req.url))) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      if (!jsonEntry(req, res)) {
        yoga(req, res);
      }
    },
    /** The admin port's listener: /healthz, /readyz, /metrics. */
    adminListener,
    /**
     * One cheap authenticated call at start-up, so /readyz reports credentials Stytch refuses
     * before a user's request finds out: a user that cannot exist is looked up, and any answer
     * but `unauthorized_credentials` proves the credentials were accepted. Stytch being
     * unreachable leaves them `unverified` (not a reason to leave the load balancer); the next
     * call that gets an answer settles it.
     */
    async checkStytchCredentials(): Promise<'accepted' | 'rejected' | 'unverified'> {
      try {
        await stytch.users.get(probeUserId(config.stytch.projectId));
      } catch {
        // onCall has recorded the answer, if there was one.
      }
      return readiness.credentials;
    },
    /**
     * Resolves once the shared revocation list has been loaded from Redis (at once without
     * REDIS_URL). Until then signed-in requests are checked with Stytch, so nothing waits on it.
     */
    revocationsReady(): Promise<void> {
      return sessionChecks.revocations.ready();
    },
    /** From now on /readyz answers 503; requests are still served. */
    startDraining() {
      readiness.drain();
    },
    /** Closes the Stytch connection pool and the Redis connections. */
    async close() {
      await Promise.all([stytch.close(), rateLimiter.close(), sessionChecks.revocations.close()]);
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
