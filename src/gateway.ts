import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import { createApiKeyCheck } from './api-keys.js';
import type { GatewayConfig, StytchConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { createMaskError, GATEWAY_CREDENTIALS_ERROR } from './errors.js';
import { GRAPHIQL_DEFAULT_QUERY } from './graphiql.js';
import { createLogger, createYogaLogger, type Logger } from './logger.js';
import { buildSchema } from './schema/index.js';
import { StytchClient } from './stytch/client.js';
import { StytchApiError, StytchNetworkError } from './stytch/errors.js';
import type { CallEvent } from './stytch/request.js';

export type ResolvedConfig = Omit<GatewayConfig, 'stytch'> & { stytch: StytchConfig };

export interface GatewayOptions {
  logger?: Logger;
  /** An undici dispatcher for the Stytch calls (e.g. one that trusts a test CA). */
  dispatcher?: Dispatcher;
}

/**
 * Assembles the gateway: one Stytch client, the schema, yoga with health, readiness, GraphiQL and
 * error masking. It does not listen; `main.ts` does, and tests call `gateway.yoga.fetch` directly.
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

  const onCall = (event: CallEvent) => {
    const rejected = event.errorType === GATEWAY_CREDENTIALS_ERROR;
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
    logger[failed ? 'warn' : event.errorType ? 'info' : 'debug'](
      {
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
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    onCall,
  });
  const hasApiKey = createApiKeyCheck(config.apiKeys);

  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: buildSchema(),
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
    graphiql: { title: 'Stytch GraphQL gateway', defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL,
    context: ({ request }): GatewayContext => ({
      stytch,
      hasApiKey: hasApiKey(request.headers.get('x-api-key')),
    }),
    plugins: [
      useReadinessCheck({
        endpoint: '/readyz',
        check: () =>
          credentialsRejected
            ? new Response(
                JSON.stringify({ ready: false, reason: 'Stytch rejected the gateway credentials' }),
                { status: 503, headers: { 'content-type': 'application/json' } },
              )
            : true,
      }),
    ],
  });

  return {
    yoga,
    stytch,
    logger,
    /** Closes the Stytch connection pool. */
    close: () => stytch.close(),
  };
}

export type Gateway = ReturnType<typeof createGateway>;
