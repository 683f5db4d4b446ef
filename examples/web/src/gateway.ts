import type { TypedDocumentString } from './gql/graphql.js';

/**
 * A GraphQL error from the gateway, with its `extensions.code` (e.g. `UNAUTHENTICATED`) and, when
 * Stytch refused the call, Stytch's `errorType` (e.g. `unauthorized_credentials`): branch on those,
 * never on messages.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    message: string,
    readonly code: string,
    readonly errorType: string | null = null,
  ) {
    super(message);
  }
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; stytch?: { errorType?: string } };
  }>;
}

/**
 * Sends one typed operation to the gateway on this page's origin and returns its data, or throws
 * the first GraphQL error. The variables argument is required exactly when the operation has some.
 */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const response = await fetch('/graphql', {
    method: 'POST',
    // The session is in httpOnly cookies: the browser attaches them, the page never sees them.
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      // Cookie mode refuses requests a cross-site form could send; this header proves otherwise.
      'x-graphql-yoga-csrf': '1',
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new GatewayError(`The gateway answered HTTP ${response.status}.`, 'NETWORK_ERROR');
  }
  const [error] = body.errors ?? [];
  if (error) {
    throw new GatewayError(
      error.message,
      error.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      error.extensions?.stytch?.errorType ?? null,
    );
  }
  if (!body.data) {
    throw new GatewayError(`The gateway answered HTTP ${response.status}.`, 'NETWORK_ERROR');
  }
  return body.data;
}
