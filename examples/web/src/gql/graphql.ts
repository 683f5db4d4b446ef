/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { user: { id: string, name: { firstName: string | null, lastName: string | null } | null, emails: Array<{ email: string, verified: boolean }> }, session: { id: string, expiresAt: string | null, authenticationFactors: Array<{ type: string, deliveryMethod: string, lastAuthenticatedAt: string | null, impersonatedFactor: { impersonatorEmailAddress: string } | null }> }, sessions: Array<{ current: boolean, session: { sessionId: string, startedAt: string | null, lastAccessedAt: string | null, attributes: { userAgent: string | null } | null, authenticationFactors: Array<{ type: string, deliveryMethod: string }> } }> } | null };

export type SendMagicLinkMutationVariables = Exact<{
  email: string;
}>;


export type SendMagicLinkMutation = { loginOrCreateWithMagicLink: { requestId: string } | null };

export type AuthenticateMagicLinkMutationVariables = Exact<{
  token: string;
}>;


export type AuthenticateMagicLinkMutation = { authenticateMagicLink: { userId: string, session: { id: string } | null } | null };

export type SignUpMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignUpMutation = { createPassword: { userId: string, session: { id: string } | null } | null };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { authenticatePassword: { userId: string, session: { id: string } | null } | null };

export type ForgotPasswordMutationVariables = Exact<{
  email: string;
}>;


export type ForgotPasswordMutation = { startPasswordResetByEmail: { requestId: string } | null };

export type ResetPasswordByEmailMutationVariables = Exact<{
  token: string;
  password: string;
}>;


export type ResetPasswordByEmailMutation = { resetPasswordByEmail: { userId: string, session: { id: string } | null } | null };

export type SendCodeMutationVariables = Exact<{
  email: string;
}>;


export type SendCodeMutation = { loginOrCreateWithEmailOtp: { methodId: string } | null };

export type EnterCodeMutationVariables = Exact<{
  methodId: string;
  code: string;
}>;


export type EnterCodeMutation = { authenticateOtp: { userId: string, session: { id: string } | null } | null };

export type AuthenticateImpersonationMutationVariables = Exact<{
  token: string;
}>;


export type AuthenticateImpersonationMutation = { authenticateImpersonation: { userId: string, session: { id: string } | null } | null };

export type ResetPasswordMutationVariables = Exact<{
  password: string;
}>;


export type ResetPasswordMutation = { resetPasswordWithSession: { userId: string, session: { id: string } | null } | null };

export type RevokeSessionMutationVariables = Exact<{
  sessionId: string;
}>;


export type RevokeSessionMutation = { revokeSession: { sessionId: string, current: boolean } | null };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: { revoked: boolean, sessionId: string | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ViewerDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SendMagicLinkDocument = new TypedDocumentString(`
    mutation SendMagicLink($email: String!) {
  loginOrCreateWithMagicLink(input: {email: $email}) {
    requestId
  }
}
    `) as unknown as TypedDocumentString<SendMagicLinkMutation, SendMagicLinkMutationVariables>;
export const AuthenticateMagicLinkDocument = new TypedDocumentString(`
    mutation AuthenticateMagicLink($token: String!) {
  authenticateMagicLink(input: {token: $token, sessionDurationMinutes: 60}) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AuthenticateMagicLinkMutation, AuthenticateMagicLinkMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($email: String!, $password: String!) {
  createPassword(
    input: {email: $email, password: $password, sessionDurationMinutes: 60}
  ) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($email: String!, $password: String!) {
  authenticatePassword(
    input: {email: $email, password: $password, sessionDurationMinutes: 60}
  ) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const ForgotPasswordDocument = new TypedDocumentString(`
    mutation ForgotPassword($email: String!) {
  startPasswordResetByEmail(input: {email: $email}) {
    requestId
  }
}
    `) as unknown as TypedDocumentString<ForgotPasswordMutation, ForgotPasswordMutationVariables>;
export const ResetPasswordByEmailDocument = new TypedDocumentString(`
    mutation ResetPasswordByEmail($token: String!, $password: String!) {
  resetPasswordByEmail(
    input: {token: $token, password: $password, sessionDurationMinutes: 60}
  ) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordByEmailMutation, ResetPasswordByEmailMutationVariables>;
export const SendCodeDocument = new TypedDocumentString(`
    mutation SendCode($email: String!) {
  loginOrCreateWithEmailOtp(input: {email: $email}) {
    methodId
  }
}
    `) as unknown as TypedDocumentString<SendCodeMutation, SendCodeMutationVariables>;
export const EnterCodeDocument = new TypedDocumentString(`
    mutation EnterCode($methodId: String!, $code: String!) {
  authenticateOtp(
    input: {methodId: $methodId, code: $code, sessionDurationMinutes: 60}
  ) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<EnterCodeMutation, EnterCodeMutationVariables>;
export const AuthenticateImpersonationDocument = new TypedDocumentString(`
    mutation AuthenticateImpersonation($token: String!) {
  authenticateImpersonation(input: {impersonationToken: $token}) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<AuthenticateImpersonationMutation, AuthenticateImpersonationMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($password: String!) {
  resetPasswordWithSession(input: {password: $password}) {
    userId
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const RevokeSessionDocument = new TypedDocumentString(`
    mutation RevokeSession($sessionId: String!) {
  revokeSession(input: {sessionId: $sessionId}) {
    sessionId
    current
  }
}
    `) as unknown as TypedDocumentString<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    revoked
    sessionId
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;