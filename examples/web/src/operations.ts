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
      sessions {
        current
        session {
          sessionId
          startedAt
          lastAccessedAt
          attributes {
            userAgent
          }
          authenticationFactors {
            type
            deliveryMethod
          }
        }
      }
    }
  }
`);

export const SendMagicLinkMutation = graphql(`
  mutation SendMagicLink($email: String!) {
    loginOrCreateWithMagicLink(input: { email: $email }) {
      requestId
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

export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!) {
    createPassword(input: { email: $email, password: $password, sessionDurationMinutes: 60 }) {
      userId
      session {
        id
      }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    authenticatePassword(
      input: { email: $email, password: $password, sessionDurationMinutes: 60 }
    ) {
      userId
      session {
        id
      }
    }
  }
`);

export const ForgotPasswordMutation = graphql(`
  mutation ForgotPassword($email: String!) {
    startPasswordResetByEmail(input: { email: $email }) {
      requestId
    }
  }
`);

export const ResetPasswordByEmailMutation = graphql(`
  mutation ResetPasswordByEmail($token: String!, $password: String!) {
    resetPasswordByEmail(
      input: { token: $token, password: $password, sessionDurationMinutes: 60 }
    ) {
      userId
      session {
        id
      }
    }
  }
`);

export const SendCodeMutation = graphql(`
  mutation SendCode($email: String!) {
    loginOrCreateWithEmailOtp(input: { email: $email }) {
      methodId
    }
  }
`);

export const EnterCodeMutation = graphql(`
  mutation EnterCode($methodId: String!, $code: String!) {
    authenticateOtp(input: { methodId: $methodId, code: $code, sessionDurationMinutes: 60 }) {
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

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($sessionId: String!) {
    revokeSession(input: { sessionId: $sessionId }) {
      sessionId
      current
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
