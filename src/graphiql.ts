/** What GraphiQL opens with: one operation per mutation, ready to fill in and run. */
const GRAPHIQL_DEFAULT_QUERY = `# Stytch GraphQL gateway. Pick an operation with the run button.
# createMagicLink needs a server API key: add {"x-api-key": "..."} under Headers.

mutation CreateMagicLink($userId: String!) {
  createMagicLink(input: { userId: $userId, expirationMinutes: 15 }) {
    requestId
    userId
    token
  }
}

mutation AuthenticateMagicLink($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    requestId
    userId
    methodId
    sessionToken
    sessionJwt
    resetSessions
    user { id name { firstName lastName } emails { email verified } }
    session { id expiresAt authenticationFactors { type deliveryMethod lastAuthenticatedAt } }
  }
}

mutation AuthenticateImpersonation($impersonationToken: String!) {
  authenticateImpersonation(input: { impersonationToken: $impersonationToken }) {
    userId
    sessionToken
    session {
      id
      expiresAt
      authenticationFactors { type deliveryMethod impersonatedFactor { impersonatorEmailAddress } }
    }
  }
}

mutation ResetPasswordWithSession($password: String!, $sessionToken: String!) {
  resetPasswordWithSession(input: { password: $password, sessionToken: $sessionToken }) {
    userId
    session { id expiresAt }
  }
}
`;

/** Development facts GraphiQL can fill its variables with. */
export interface GraphiQLDemo {
  userId: string;
  email: string;
  apiKey: string;
}

/** yoga's GraphiQL options for this gateway. */
export function graphiqlOptions(options: {
  cookies: boolean;
  csrfHeader: string;
  demo: GraphiQLDemo | null;
}) {
  return {
    title: 'Stytch GraphQL gateway',
    defaultQuery: GRAPHIQL_DEFAULT_QUERY,
    credentials: 'same-origin' as const,
    ...(options.cookies ? { headers: JSON.stringify({ [options.csrfHeader]: '1' }) } : {}),
    ...(options.demo ? { defaultVariableEditorOpen: true } : {}),
  };
}
