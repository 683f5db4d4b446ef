import { pino } from 'pino';

/**
 * Every path where a secret could sit in a log object. Redaction is a net under the real rule:
 * the gateway never puts request bodies, headers or tokens in log lines to begin with.
 */
export const REDACT_PATHS = [
  'secret',
  '*.secret',
  'password',
  '*.password',
  'token',
  '*.token',
  'session_token',
  '*.session_token',
  'session_jwt',
  '*.session_jwt',
  'sessionToken',
  '*.sessionToken',
  'sessionJwt',
  '*.sessionJwt',
  'impersonation_token',
  '*.impersonation_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["set-cookie"]',
];

export type Logger = pino.Logger;

export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
) {
  return pino(
    {
      level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
      base: { service: 'stytch-graphql-gateway' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

/**
 * yoga's logger interface over pino. Errors go to pino as objects (message and stack), never
 * through `String(error)`: a GraphQLError's string form quotes the operation's source, and inline
 * arguments there can hold a password or a token. Errors the gateway already logs (Stytch failures,
 * via the client's call events, and unexpected ones, via maskError) are not logged twice.
 */
export function createYogaLogger(logger: Logger, alreadyLogged: (error: unknown) => boolean) {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      for (const arg of args) {
        if (arg instanceof Error) {
          const original = (arg as { originalError?: unknown }).originalError ?? arg;
          if (!alreadyLogged(original)) {
            logger[level]({ err: { name: arg.name, message: arg.message } }, 'graphql-yoga');
          }
        } else {
          logger[level](typeof arg === 'string' ? arg : { detail: arg }, 'graphql-yoga');
        }
      }
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}
