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
    `, {"hash":"sha256:37c9aaf64272a2441123122d8dfe59d3151763bed7e98e94e837f50d72e39b61"}) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
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
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    revoked
    sessionId
  }
}
    `, {"hash":"sha256:b20a005f1e38abbb70aa07e331b5f49c3d95031bb70af8cf1f291979d7f5388d"}) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;