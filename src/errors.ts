import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
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

const NETWORK_ERROR_MESSAGES: Record<StytchNetworkError['kind'], string> = {
  timeout: 'Stytch did not answer in time.',
  bad_body: 'Stytch sent a response the gateway could not read.',
  network: 'Stytch could not be reached.',
  circuit_open: 'Stytch is failing; the gateway is not calling it for a few seconds.',
};

export function stytchNetworkErrorToGraphQL(
  error: StytchNetworkError,
  located?: GraphQLError | null,
): GraphQLError {
  return new GraphQLError(NETWORK_ERROR_MESSAGES[error.kind], {
    ...where(located),
    extensions: {
      code: 'UPSTREAM_UNAVAILABLE',
      ...(error.retryAfterSeconds !== null ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  });
}

/**
 * A client-facing rewrite of graphql-js's and yoga's own messages, which can quote the caller's
 * input: variable coercion errors repeat the whole variable value (a password, a token), literal
 * errors repeat the literal, JSON.parse messages quote the body. The rewrite names the variable,
 * the path and the kind of problem, never a value.
 */
const VARIABLE_PREFIX = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /;
const VARIABLE_PATH = / at "([A-Za-z0-9_.[\]]+)"$/;
const SAFE_REASONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^Field "(\w+)" of required type "([\w![\]]+)" was not provided\./, (m) => m[0]],
  [
    /^Field "(\w+)" is not defined by type "(\w+)"\.(?: Did you mean (?:"\w+"(?:, | or )?)+\?)?/,
    (m) => m[0],
  ],
  [/^Expected non-nullable type "([\w![\]]+)" not to be null\./, (m) => m[0]],
  [/^Expected type "([\w![\]]+)"/, (m) => `Expected type "${m[1]}".`],
  [/^(\w+) cannot represent/, (m) => `Not a valid ${m[1]}.`],
  [/^Enum "(\w+)" cannot represent/, (m) => `Not a value of enum "${m[1]}".`],
  [/^Value "[^"]*" does not exist in "(\w+)" enum/, (m) => `Not a value of enum "${m[1]}".`],
];

function safeReason(reason: string): string {
  for (const [pattern, rewrite] of SAFE_REASONS) {
    const match = pattern.exec(reason);
    if (match) {
      return rewrite(match);
    }
  }
  return 'The value is not valid.';
}

/** graphql-js's syntax errors that end by quoting the caller's text: what precedes the quote stays. */
const SYNTAX_ERROR_QUOTE =
  /^(Syntax Error: (?:.*?(?:Unexpected|found) (?:Name|Int|Float|String|BlockString|Comment)|Invalid (?:Unicode|character) escape sequence)):? "[\s\S]*"\.$/;

const DID_YOU_MEAN = /\s*Did you mean [^?]*\?/g;

/** The message without any value the caller sent, and without hints when suggestions are off. */
export function safeMessage(message: string, suggestions: boolean): string {
  const variable = VARIABLE_PREFIX.exec(message);
  let safe = message;
  if (variable) {
    // "<prefix><the value, printed> at "<path>"; <reason>": the value is the caller's and can hold
    // anything, "; " included, so only what follows the last "; " is read as the reason, and a
    // reason that is not one of graphql-js's known, value-free forms becomes a generic one.
    const split = message.lastIndexOf('; ');
    const head = split === -1 ? message : message.slice(0, split);
    const path = VARIABLE_PATH.exec(head)?.[1];
    const reason = split === -1 ? '' : message.slice(split + 2);
    safe = `Variable "$${variable[1]}" got an invalid value${path ? ` at "${path}"` : ''}: ${safeReason(reason)}`;
  } else {
    // Literal arguments ("Expected value of type "String!", found 12345; String cannot…", or at
    // execution, around a variable, "Argument "input" has invalid value {password: "…", …}") and
    // syntax errors quote the document: a token ("Unexpected Name "hunter2"", "Expected Name,
    // found String "hunter2"") or an escape sequence, always at the end of the message.
    safe = safe
      .replace(/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
      .replace(/^(Argument "\w+" has invalid value) [\s\S]*$/, '$1.')
      .replace(/^(\w+) cannot represent [\s\S]*$/, 'Not a valid $1.')
      .replace(SYNTAX_ERROR_QUOTE, '$1.');
  }
  return suggestions ? safe : safe.replace(DID_YOU_MEAN, '');
}

/** yoga's code for an oversized body, renamed to the gateway's own. */
const BODY_TOO_LARGE_CODES = new Set(['REQUEST_ENTITY_TOO_LARGE', 'PAYLOAD_TOO_LARGE']);

/**
 * A GraphQL error graphql-js or yoga raised on purpose (parse, validation, coercion, a bad body),
 * made safe for the caller: its place in the operation kept, its message free of values, and
 * without `extensions.originalError` (yoga puts JSON.parse's message there, which quotes the body).
 */
function safeGraphQLError(error: GraphQLError, suggestions: boolean): GraphQLError {
  const { originalError: _dropped, ...extensions } = error.extensions as Record<string, unknown>;
  const tooLarge = BODY_TOO_LARGE_CODES.has(String(extensions['code']));
  const message = tooLarge
    ? 'The request body is too large.'
    : safeMessage(error.message, suggestions);
  if (message === error.message && !('originalError' in error.extensions) && !tooLarge) {
    return error;
  }
  return new GraphQLError(message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    extensions: tooLarge ? { ...extensions, code: 'PAYLOAD_TOO_LARGE' } : extensions,
  });
}

/**
 * Parse and validation errors never pass through yoga's `maskError` (it masks execution results):
 * this plugin gives them the same treatment.
 */
export function useSafeDocumentErrors(fieldSuggestions: boolean): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) {
          replaceParseResult(safeGraphQLError(result, fieldSuggestions));
        }
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) {
          setResult(result.map((error) => safeGraphQLError(error, fieldSuggestions)));
        }
      };
    },
  };
}

/**
 * yoga's `maskError`: Stytch failures become typed errors; GraphQL errors we or graphql-js raised on
 * purpose (coded, parse, validation) pass, made safe by `safeGraphQLError`; anything else is masked
 * so no internal detail (or secret) reaches the caller, and is handed to `onUnexpected` for the
 * logs. `onHandled` hears every error answered to the client as it is meant to be, so that yoga's
 * own error log does not repeat it at error level.
 */
export function createMaskError(options: {
  fieldSuggestions: boolean;
  onUnexpected: (error: unknown) => void;
  onHandled: (error: unknown) => void;
}) {
  return (error: unknown, fallbackMessage: string): Error => {
    const graphQLError = error instanceof GraphQLError ? error : null;
    const original = graphQLError?.originalError ?? error;
    if (original instanceof StytchApiError) {
      options.onHandled(error);
      return stytchApiErrorToGraphQL(original, graphQLError);
    }
    if (original instanceof StytchNetworkError) {
      options.onHandled(error);
      return stytchNetworkErrorToGraphQL(original, graphQLError);
    }
    if (graphQLError && (!graphQLError.originalError || original instanceof GraphQLError)) {
      options.onHandled(error);
      // The outer error's message is the one the caller sees (graphql-tools puts the reason in
      // `originalError` and the variable, value and path in the message).
      return safeGraphQLError(graphQLError, options.fieldSuggestions);
    }
    options.onUnexpected(original);
    return new GraphQLError(fallbackMessage, {
      ...where(graphQLError),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
