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
    `, {"hash":"sha256:ed2d70caf18810e2e2dce2b10994dd7f4e7417802b615912481a07ee7430b296"}) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SendMagicLinkDocument = new TypedDocumentString(`
    mutation SendMagicLink($email: String!) {
  loginOrCreateWithMagicLink(input: {email: $email}) {
    requestId
  }
}
    `, {"hash":"sha256:b3618bf4f7ac66ab6f3e0601ad1a2aadde2bca3d7ecea7a6077f89dc7c04fbe9"}) as unknown as TypedDocumentString<SendMagicLinkMutation, SendMagicLinkMutationVariables>;
export const AuthenticateMagicLinkDocument = new TypedDocumentString(`
    mutation AuthenticateMagicLink($token: String!) {
  authenticateMagicLink(input: {token: $token, sessionDurationMinutes: 60}) {
    userId
    session {
      id
    }
  }
}
    `, {"hash":"sha256:2d893e0c0242be327e9bcec2075dd0bd5b5bc57b545488a72ae45cd7eed0938e"}) as unknown as TypedDocumentString<AuthenticateMagicLinkMutation, AuthenticateMagicLinkMutationVariables>;
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
    `, {"hash":"sha256:4f7e3aedea44db79bcc794cfc585d080bdd15647e3292f22742208018259d447"}) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
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
    `, {"hash":"sha256:3038bc8125adfe236ba31ea032dcecffb25c51ecb3add7ebe2ac379ff3037f26"}) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const ForgotPasswordDocument = new TypedDocumentString(`
    mutation ForgotPassword($email: String!) {
  startPasswordResetByEmail(input: {email: $email}) {
    requestId
  }
}
    `, {"hash":"sha256:2f0a6d1b1db1bfb4c90e708d2131c4f8920cb1a708abef3984f9a995a4f9f31d"}) as unknown as TypedDocumentString<ForgotPasswordMutation, ForgotPasswordMutationVariables>;
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
    `, {"hash":"sha256:284ce519eea73d2a5e04b1b2e8222f71f9741628455a02de73ea088c1ad3a00f"}) as unknown as TypedDocumentString<ResetPasswordByEmailMutation, ResetPasswordByEmailMutationVariables>;
export const SendCodeDocument = new TypedDocumentString(`
    mutation SendCode($email: String!) {
  loginOrCreateWithEmailOtp(input: {email: $email}) {
    methodId
  }
}
    `, {"hash":"sha256:4fdd44d3222268350b2bf3fd42d0c1c84dcbf9a9d1e22562c8fb97ec8c09b7c3"}) as unknown as TypedDocumentString<SendCodeMutation, SendCodeMutationVariables>;
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
    `, {"hash":"sha256:3109fcff6189109561795c3ab5d2db2e05042cbde0db17b367b1b9fc5cae7398"}) as unknown as TypedDocumentString<EnterCodeMutation, EnterCodeMutationVariables>;
export const AuthenticateImpersonationDocument = new TypedDocumentString(`
    mutation AuthenticateImpersonation($token: String!) {
  authenticateImpersonation(input: {impersonationToken: $token}) {
    userId
    session {
      id
    }
  }
}
    `, {"hash":"sha256:ae4880cd4a9199cccdbfbf507d02d09684f20270203cc5f8f7dccef98b4f9c35"}) as unknown as TypedDocumentString<AuthenticateImpersonationMutation, AuthenticateImpersonationMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($password: String!) {
  resetPasswordWithSession(input: {password: $password}) {
    userId
    session {
      id
    }
  }
}
    `, {"hash":"sha256:cece965ef6552a33c40adcbfa9200b2601998802bb07fad5d03fefc34254be77"}) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const RevokeSessionDocument = new TypedDocumentString(`
    mutation RevokeSession($sessionId: String!) {
  revokeSession(input: {sessionId: $sessionId}) {
    sessionId
    current
  }
}
    `, {"hash":"sha256:4d7595bee6fd41472fc225aac16635cf99768c69d95e5c334fe63f61ee1e6f10"}) as unknown as TypedDocumentString<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    revoked
    sessionId
  }
}
    `, {"hash":"sha256:b20a005f1e38abbb70aa07e331b5f49c3d95031bb70af8cf1f291979d7f5388d"}) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;