import { pino } from 'pino';

/** The keys a secret can sit under; quoted ones are not identifiers and take bracket paths. */
const SECRET_KEYS = [
  'secret',
  'password',
  'existing_password',
  'new_password',
  'existingPassword',
  'newPassword',
  'token',
  'session_token',
  'session_jwt',
  'sessionToken',
  'sessionJwt',
  'impersonation_token',
  'impersonationToken',
  'code_verifier',
  'codeVerifier',
  'authorization',
  'Authorization',
  'cookie',
  '"x-api-key"',
  '"set-cookie"',
];

/**
 * Every path where a secret could sit in a log object, up to two levels down (`req.body.password`).
 * Redaction is a net under the real rule: the gateway never puts request bodies, headers or tokens
 * in log lines to begin with. (`code` is not in the list: error codes are logged on purpose, and
 * one-time codes never reach a log object.)
 */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const path = key.startsWith('"') ? `[${key}]` : `.${key}`;
  return [path.slice(path.startsWith('.') ? 1 : 0), `*${path}`, `*.*${path}`];
});

export type Logger = pino.Logger;

/** The process logger. `level` comes from validated configuration (LOG_LEVEL). */
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
 * What a log line may say of an error that reached yoga's logger. A GraphQL error's message can
 * quote the caller's input (graphql-js repeats a variable's whole value), and a SyntaxError from
 * JSON.parse quotes the text it choked on, which may be a token: those are logged by name and
 * code only.
 */
function describeError(error: Error): Record<string, unknown> {
  const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
  if (code !== undefined || error.name === 'GraphQLError' || error instanceof SyntaxError) {
    return { name: error.name, ...(code !== undefined ? { code: String(code) } : {}) };
  }
  return { name: error.name, message: error.message };
}

/**
 * yoga's logger interface over pino. Errors go to pino as safe descriptions, never through
 * `String(error)`: a GraphQLError's string form quotes the operation's source, and inline
 * arguments there can hold a password or a token. Errors the gateway already logs or answers on
 * purpose (Stytch failures, client mistakes, unexpected errors via maskError) are not logged again.
 */
export function createYogaLogger(logger: Logger, alreadyLogged: (error: unknown) => boolean) {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      for (const arg of args) {
        if (arg instanceof Error) {
          const original = (arg as { originalError?: unknown }).originalError ?? arg;
          if (!alreadyLogged(original) && !alreadyLogged(arg)) {
            logger[level]({ err: describeError(arg) }, 'graphql-yoga');
          }
        } else if (typeof arg === 'string') {
          logger[level](
            { detail: arg.length > 200 ? `${arg.slice(0, 200)}…` : arg },
            'graphql-yoga',
          );
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
