import { graphql } from './gql/index.js';

// Every operation the page sends. `npm run example:web:codegen` types them from schema.graphql:
// a field the gateway does not have fails the codegen check, not the browser.

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      user {
        id
        name {
          firstName
          lastName
        }
        emails {
          email
          verified
        }
      }
      session {
        id
        expiresAt
        authenticationFactors {
          type
          deliveryMethod
          lastAuthenticatedAt
          impersonatedFactor {
            impersonatorEmailAddress
          }
        }
      }
    }
  }
`);

export const AuthenticateMagicLinkMutation = graphql(`
  mutation AuthenticateMagicLink($token: String!) {
    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
      userId
      session {
        id
      }
    }
  }
`);

export const AuthenticateImpersonationMutation = graphql(`
  mutation AuthenticateImpersonation($token: String!) {
    authenticateImpersonation(input: { impersonationToken: $token }) {
      userId
      session {
        id
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($password: String!) {
    resetPasswordWithSession(input: { password: $password }) {
      userId
      session {
        id
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      revoked
      sessionId
    }
  }
`);
