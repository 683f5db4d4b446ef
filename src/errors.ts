import { GraphQLError } from 'graphql';
import { StytchApiError, StytchNetworkError } from './stytch/errors.js';

/**
 * The one place where failures become GraphQL errors. The Stytch client knows nothing of GraphQL;
 * resolvers throw what they get, and yoga's `maskError` hands it here.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_UNAVAILABLE';

/** Stytch's error as the caller sees it under `extensions.stytch`. */
export interface StytchErrorExtension {
  errorType: string;
  errorMessage: string;
  errorUrl: string | null;
  statusCode: number;
  requestId: string | null;
}

/** The gateway's own Stytch credentials were refused: the operator must fix the configuration. */
export const GATEWAY_CREDENTIALS_ERROR = 'unauthorized_credentials';

export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function forbiddenError(
  message = 'This operation needs a server API key (x-api-key header).',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** Keeps the place in the operation (locations and path) of the error graphql-js located. */
function where(located: GraphQLError | null | undefined) {
  return located ? { nodes: located.nodes ?? null, path: located.path ?? null } : {};
}

function codeForStatus(status: number, errorType: string): ErrorCode {
  if (errorType === GATEWAY_CREDENTIALS_ERROR) {
    return 'UPSTREAM_ERROR';
  }
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'UPSTREAM_ERROR';
  }
}

/** Stytch's error as the caller sees it under `extensions.stytch`. */
export function stytchErrorExtension(error: StytchApiError): StytchErrorExtension {
  return {
    errorType: error.errorType,
    errorMessage: error.errorMessage,
    errorUrl: error.errorUrl,
    statusCode: error.statusCode,
    requestId: error.requestId,
  };
}

/** The request's session credentials are invalid or expired (with Stytch's word when it gave one). */
export function unauthenticatedError(reason: string, stytch?: StytchErrorExtension): GraphQLError {
  return new GraphQLError(`The session is not valid: ${reason}.`, {
    extensions: { code: 'UNAUTHENTICATED', ...(stytch ? { stytch } : {}) },
  });
}

export function stytchApiErrorToGraphQL(
  error: StytchApiError,
  located?: GraphQLError | null,
): GraphQLError {
  // Stytch answers a wrong password with the error_type of a refused secret: on a call that
  // checks the end user's credentials, it is the user's mistake, not the operator's.
  const userMistake = error.endUserCredentials && error.errorType === GATEWAY_CREDENTIALS_ERROR;
  const code = userMistake ? 'UNAUTHENTICATED' : codeForStatus(error.statusCode, error.errorType);
  const operatorProblem = !userMistake && error.errorType === GATEWAY_CREDENTIALS_ERROR;
  const stytch = stytchErrorExtension(error);
  return new GraphQLError(
    operatorProblem
      ? 'The gateway could not authenticate to Stytch. This is a server configuration problem.'
      : error.errorMessage,
    {
      ...where(located),
      extensions: {
        code,
        stytch,
        ...(error.retryAfterSeconds !== null ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      },
    },
  );
}

export function stytchNetworkErrorToGraphQL(
  error: StytchNetworkError,
  located?: GraphQLError | null,
): GraphQLError {
  const messages: Record<StytchNetworkError['kind'], string> = {
    timeout: 'Stytch did not answer in time.',
    bad_body: 'Stytch sent a response the gateway could not read.',
    network: 'Stytch could not be reached.',
    circuit_open: 'Stytch is failing; the gateway is not calling it for a few seconds.',
  };
  return new GraphQLError(messages[error.kind], {
    ...where(located),
    extensions: {
      code: 'UPSTREAM_UNAVAILABLE',
      ...(error.retryAfterSeconds !== null ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  });
}

/**
 * graphql-js quotes a variable it cannot coerce, whole, in its message (`Variable "$input" got
 * invalid value { password: "…" }; Field "pasword" is not defined…`), and a scalar's complaint ends
 * with the offending value: a password or code sent with a misspelt field would come back in the
 * error, and into whatever records the client's errors. Keeps where and why; drops the values.
 */
export function withoutEchoedValues(message: string): string {
  const head = /^(Variable "\$[^"]+" got invalid value) /.exec(message);
  if (!head) {
    return message;
  }
  const at = /^.* (at "[\w.[\]]+"); (.*)$/s.exec(message);
  const reason = at ? (at[2] ?? '') : message.slice(message.lastIndexOf('; ') + 2);
  const safeReason = reason
    .replace(/ value: .*$/s, ' value.')
    .replace(/^Value ".*" does not exist in/s, 'The value does not exist in');
  return `${head[1]}${at ? ` ${at[1]}` : ''}; ${safeReason}`;
}

/**
 * yoga's `maskError`: Stytch failures become typed errors; GraphQL errors we or graphql-js raised on
 * purpose (coded, parse, validation) pass as they are; anything else is masked so no internal detail
 * (or secret) reaches the caller, and is handed to `onUnexpected` for the logs.
 */
export function createMaskError(onUnexpected: (error: unknown) => void) {
  return (error: unknown, fallbackMessage: string): Error => {
    const graphQLError = error instanceof GraphQLError ? error : null;
    const original = graphQLError?.originalError ?? error;
    if (graphQLError) {
      // In place: answering with a new error would make yoga log the original, values and all.
      graphQLError.message = withoutEchoedValues(graphQLError.message);
    }
    if (original instanceof StytchApiError) {
      return stytchApiErrorToGraphQL(original, graphQLError);
    }
    if (original instanceof StytchNetworkError) {
      return stytchNetworkErrorToGraphQL(original, graphQLError);
    }
    if (graphQLError && (!graphQLError.originalError || original instanceof GraphQLError)) {
      return graphQLError;
    }
    onUnexpected(original);
    return new GraphQLError(fallbackMessage, {
      ...where(graphQLError),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
