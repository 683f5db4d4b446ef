/** What GraphiQL opens with: one operation per mutation, ready to fill in and run. */
export const GRAPHIQL_DEFAULT_QUERY = `# Stytch GraphQL gateway. Pick an operation with the run button.
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
