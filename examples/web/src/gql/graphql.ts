/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { user: { id: string, name: { firstName: string | null, lastName: string | null } | null, emails: Array<{ email: string, verified: boolean }> }, session: { id: string, expiresAt: string | null, authenticationFactors: Array<{ type: string, deliveryMethod: string, lastAuthenticatedAt: string | null, impersonatedFactor: { impersonatorEmailAddress: string } | null }> } } | null };

export type AuthenticateMagicLinkMutationVariables = Exact<{
  token: string;
}>;


export type AuthenticateMagicLinkMutation = { authenticateMagicLink: { userId: string, session: { id: string } | null } | null };

export type AuthenticateImpersonationMutationVariables = Exact<{
  token: string;
}>;


export type AuthenticateImpersonationMutation = { authenticateImpersonation: { userId: string, session: { id: string } | null } | null };

export type ResetPasswordMutationVariables = Exact<{
  password: string;
}>;


export type ResetPasswordMutation = { resetPasswordWithSession: { userId: string, session: { id: string } | null } | null };

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
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
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
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    revoked
    sessionId
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;